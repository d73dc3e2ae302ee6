local function new(n) return setmetatable({}, {__close = function() print("close", n) end}) end
do
  local a <close> = new(1)
  local b <close> = new(2)
  print("body")
end
local function f()
  local x <close> = new(3)
  return 1
end
local function g()
  local y <close> = new(4)
  return f()
end
local function h(...)
  local z <close> = new(5)
  return ...
end
for i = 1, 2 do
  local w <close> = new(i)
  if i == 1 then goto cont end
  ::cont::
end
local c <const> = 42
local d <const> = c + 1
local e <const> = {}
local s <const> = "abc"
local n <const> = nil
local t <const> = true
print(c, d, e, s, n, t, s .. c)
local function uses() return c, d, e, s end
