-- 3.4.11 varargs and select
local function count(...) return select('#', ...) end
print(count(), count(nil), count(nil, nil), count(1, nil, 3, nil))
local function pass(...) return ... end
print(pass(1, 2, 3))
print(count(pass(nil, nil, nil)))
print(select(2, "a", "b", "c"))
print(select(-1, "a", "b", "c"))
print(select(-3, "a", "b", "c"))
print(select(4, "a", "b", "c"))
print(select('#'))
print(pcall(select, 0, "a"))
print(pcall(select, -4, "a", "b", "c"))
print(pcall(select, "x"))
print(select(2.0, "a", "b"))
-- vararg in the middle is truncated to one value
local function mid(...) return ..., "end" end
print(mid(1, 2, 3))
print(mid())
-- varargs in table constructors and calls
local function pack(...) return { n = select('#', ...), ... } end
local p = pack(1, nil, 3, nil)
print(p.n, p[1], p[2], p[3], p[4])
-- named parameters plus varargs
local function named(a, b, ...) return a, b, select('#', ...), ... end
print(named(1))
print(named(1, 2, 3, 4))
-- varargs captured by a closure through a table
local function capture(...)
  local args = { ... }
  local n = select('#', ...)
  return function() return n, table.concat(args, ",") end
end
print(capture("x", "y")())
-- sum of varargs
local function sum(...)
  local s = 0
  for i = 1, select('#', ...) do s = s + (select(i, ...)) end
  return s
end
print(sum(1, 2, 3, 4, 5), sum())
-- main chunk varargs are the script arguments
print("main chunk args", select('#', ...))
-- many values
local function range(n, ...)
  if n == 0 then return ... end
  return range(n - 1, n, ...)
end
print(count(range(200)), (select(200, range(200))))
print(select(-1, range(250)))
-- vararg parenthesised
local function first(...) return (...) end
print(first(7, 8, 9), count(first()))
-- assigning varargs to locals
local function locals(...)
  local a, b = ...
  local c = ...
  return a, b, c
end
print(locals(1, 2, 3))
