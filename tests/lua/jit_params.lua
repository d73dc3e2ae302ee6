-- Parameter type feedback: compiled code assumes the parameter types it saw while warming up,
-- checked on entry; calls with other types run in the interpreter (and, when they keep
-- coming, the function is recompiled without the assumption).

local function f(n, x)
  if n < 2 then return n + x end
  return n * 2 + x
end

local acc = 0
for i = 1, 300 do acc = acc + f(i, 1) end
print("ints", acc)
print("float", f(2.5, 1), f(1.5, 0.25))
print("string", pcall(f, "3", 1), f(3, "1"))
print("missing", pcall(f, 3))
print("nil", pcall(f, nil, 1))
local V = setmetatable({}, {
  __lt = function() return false end,
  __mul = function() return 10 end,
  __add = function(a, b) return "added" end,
})
print("metamethods", f(V, 1))

-- keeps being called with floats afterwards: recompiled without the assumption
local s = 0
for i = 1, 400 do s = s + f(i + 0.5, 0) end
print("floats", s)
for i = 1, 10 do s = s + f(i, 0) end
print("ints again", s, math.type(s))

-- integer wrap-around on a speculated parameter
local function inc(x) return x + 1 end
for i = 1, 200 do inc(i) end
print("wrap", inc(math.maxinteger), inc(math.mininteger), inc(2^53))

-- a recursive function (compiled code calling itself) called with a float at the top
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print("fib", fib(20), fib(20.0), fib(5.5))

-- a parameter assigned another type inside the function
local function g(a)
  local r = a * 2
  a = "now a string"
  return r, a
end
for i = 1, 200 do g(i) end
print("reassigned", g(21))

-- more parameters than the feedback covers, and fewer arguments than parameters
local function many(a, b, c, d, e, f2, g2, h, i2, j)
  return a + b + c + d + e + f2 + g2 + h + i2 + (j or 0)
end
local t = 0
for i = 1, 200 do t = t + many(i, 1, 2, 3, 4, 5, 6, 7, 8, 9) end
print("many", t, many(1, 1, 1, 1, 1, 1, 1, 1, 1), many(1.5, 1, 1, 1, 1, 1, 1, 1, 1, 1))
