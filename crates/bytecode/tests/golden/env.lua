x = 1
local _ENV = {print = print}
y = 2
print(y)
local function f()
  z = 3
  return z
end
do
  local _ENV <const> = {}
  w = 4
end
local function g(_ENV) return v end
local function h() local _ENV = {} ; return function() return u end end
