-- Speculative compiled code: arithmetic guarded to numbers leaves for the interpreter when an
-- operand is something else; types proven by the analysis skip their checks; a function
-- whose guards keep failing is recompiled without speculation.
local function add(a, b) return a + b end
local function scale(v, k) return v * k / 2 end
for i = 1, 200 do add(i, i) scale(i, 3) end
print(add(1, 2), add(1.5, 2), add(2^53, 1), add(math.maxinteger, 1) == math.mininteger)
print(add("10", 5), add("0x10", "1"), add(3, "2.5"), scale("4", 2))
local V = setmetatable({}, { __add = function(x, y) return "added" end })
print(add(V, 1), add(1, V), pcall(add, {}, 1))

-- a float loop whose values turn into strings and tables midway
local function accumulate(t)
  local s = 0.0
  for i = 1, #t do s = s + t[i] * 0.5 end
  return s
end
local nums = {}
for i = 1, 300 do nums[i] = i end
print(accumulate(nums))
nums[150] = "20"
print(accumulate(nums))
nums[200] = setmetatable({}, { __mul = function() return 1000 end })
print(accumulate(nums))

-- integer loops that overflow and wrap; mixed int/float loop bounds
local function wrap(n)
  local x = math.maxinteger - n
  for _ = 1, 2 * n do x = x + 1 end
  return x
end
print(wrap(10), wrap(100) == math.mininteger + 99)
local acc = 0
for x = 1, 3, 0.5 do acc = acc + x end
for x = 10, 1, -3 do acc = acc + x end
print(acc, math.type(acc))

-- a loop entered in the interpreter (on-stack replacement) after a type change
local function mixed(n)
  local v = 1
  for i = 1, n do
    v = v + 1
    if i == n // 2 then v = v + 0.5 end
  end
  return v
end
print(mixed(1000), mixed(7))

-- a guard that fails every time: recompiled without speculation, still right
local M = setmetatable({}, { __sub = function(a, b) return 7 end, __unm = function() return -7 end })
local function sub(a, b) return a - b, -a end
local total = 0
for i = 1, 500 do
  local r, u = sub(M, i)
  total = total + r + u
end
print(total, sub(10, 4))

-- division results are floats, unary minus keeps the type
local function divs(a, b) return a / b, -a, -(a / b), a // 1 end
print(divs(7, 2))
print(divs(0, 0))
print(divs(-0.0, 1))

-- an __index metamethod in the middle of a numeric loop, then redefined
local base = { k = 2 }
local obj = setmetatable({}, { __index = base })
local function useobj(n)
  local s = 0
  for i = 1, n do s = s + obj.k * i end
  return s
end
print(useobj(100))
base.k = 2.5
print(useobj(100))
getmetatable(obj).__index = function() return 1 end
print(useobj(100))
