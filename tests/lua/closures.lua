-- 3.4.11 function definitions and closures: fresh locals per iteration, counters, memoization
local fns = {}
for i = 1, 5 do fns[#fns + 1] = function() return i end end
local out = {}
for _, f in ipairs(fns) do out[#out + 1] = f() end
print("numeric for", table.concat(out, " "))

fns = {}
for _, v in ipairs({ "a", "b", "c" }) do fns[#fns + 1] = function() return v end end
out = {}
for _, f in ipairs(fns) do out[#out + 1] = f() end
print("generic for", table.concat(out, " "))

fns = {}
local j = 0
while j < 3 do
  j = j + 1
  local captured = j
  fns[j] = function() captured = captured + 100; return captured end
end
print("while", fns[1](), fns[1](), fns[2](), fns[3]())

fns = {}
local k = 0
repeat
  k = k + 1
  local c = k
  fns[k] = function() return c end
until k == 3
print("repeat", fns[1](), fns[2](), fns[3]())

-- closures in the same iteration share the variable
local get, set
for i = 1, 1 do
  get = function() return i end
  set = function(v) i = v end
end
set(99)
print("shared in iteration", get())

-- loop variable modification affects only the closure's copy
local cl = {}
for i = 1, 3 do
  cl[i] = function() i = i * 2; return i end
end
print(cl[1](), cl[1](), cl[2](), cl[3]())

-- counter factory
local function counter(start, step)
  local n = start
  return function() n = n + step; return n end
end
local c1, c2 = counter(0, 1), counter(100, -10)
print(c1(), c1(), c2(), c1(), c2())

-- memoization with a closure over a table
local function memoize(f)
  local cache = {}
  local calls = 0
  return function(x)
    if cache[x] == nil then calls = calls + 1; cache[x] = f(x) end
    return cache[x], calls
  end
end
local sq = memoize(function(x) return x * x end)
sq(3); sq(3); sq(4)
print("memo", sq(3))

-- recursive closures via local function
local function make_fib()
  local memo = {}
  local function fib(n)
    if n <= 2 then return 1 end
    if memo[n] then return memo[n] end
    local r = fib(n - 1) + fib(n - 2)
    memo[n] = r
    return r
  end
  return fib
end
print("fib 90", make_fib()(90))

-- many closures alive at once
local many = {}
for i = 1, 1000 do many[i] = function() return i * 2 end end
local total = 0
for i = 1, 1000 do total = total + many[i]() end
print("many", total)

-- closure captures variable, not value
local x = 1
local function getx() return x end
x = 2
print("captures variable", getx())

-- closures created in a loop with a break still fresh
local br = {}
for i = 1, 10 do
  br[#br + 1] = function() return i end
  if i == 3 then break end
end
print("break", br[1](), br[2](), br[3]())

-- function definition statement forms
local M = { sub = {} }
function M.sub.f(a) return "M.sub.f " .. a end
function M.sub:g(a) return "M.sub:g " .. a .. " " .. tostring(self == M.sub) end
print(M.sub.f(1), M.sub:g(2))
local function lf() return "local function" end
print(lf())
-- functions are first-class values
local apply = function(f, ...) return f(...) end
print(apply(math.floor, 3.7), apply(select, '#', 1, 2))
