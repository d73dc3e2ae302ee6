-- 3.2 / 3.5 variables: locals, shadowing, block scope, globals
x = "global x"
local x = "local x"
print(x)
do
  local x = "inner x"
  print(x)
  do
    local x = x .. " (shadowed again)"
    print(x)
  end
  print(x)
end
print(x)
local y = 1
local y = y + 1   -- new local initialised from the previous one
print(y)
local a, b, c = 1, 2
print(a, b, c)
local d, e = (function() return 1, 2, 3 end)()
print(d, e)
local f <const> = 10
print(f * 2)
-- a local's scope starts after its declaration
local g = 5
do
  local g = g * 2
  print(g)
end
print(g)
-- local function can recurse, local f = function cannot see itself
local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
print(fact(10))
local ok = pcall(function()
  local h = function(n) if n == 0 then return 0 end return h(n - 1) end
  return h(3)
end)
print("local h = function sees global h:", ok)
-- repeat-until sees locals of the body
local i = 0
repeat
  local done = i >= 3
  i = i + 1
until done
print("repeat", i)
-- globals are fields of _ENV
newglobal = 42
print(newglobal, _ENV.newglobal, _ENV["newglobal"])
_ENV.other = "via _ENV"
print(other)
print(undefined_global)
-- many locals in one function
local l1, l2, l3, l4, l5, l6, l7, l8, l9, l10 = 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
print(l1 + l2 + l3 + l4 + l5 + l6 + l7 + l8 + l9 + l10)
