-- 2.4 __eq, __lt, __le
local E = {}
local eqcalls = 0
E.__eq = function(a, b) eqcalls = eqcalls + 1; return a.id == b.id end
local function e(id) return setmetatable({ id = id }, E) end
local x, y, z = e(1), e(1), e(2)
print(x == y, x == z, x ~= y, x ~= z, eqcalls)
-- __eq not called for the same object (raw equal) nor for different types
eqcalls = 0
print(x == x, x == 1, x == "1", x == nil, eqcalls)
-- __eq from either operand; result converted to boolean
local other = setmetatable({ id = 1 }, {})
print(other == x, x == other)
local truthy = setmetatable({}, { __eq = function() return "yes" end })
print(truthy == {}, {} == truthy, truthy ~= {})
local falsy = setmetatable({}, { __eq = function() return nil end })
print(falsy == {}, falsy ~= {})
-- __lt and __le
local O = {}
O.__lt = function(a, b) return a.v < b.v end
O.__le = function(a, b) return a.v <= b.v end
local function o(v) return setmetatable({ v = v }, O) end
local a, b = o(1), o(2)
print(a < b, a > b, a <= b, a >= b, b <= b, b < b)
-- results converted to boolean
local W = setmetatable({}, { __lt = function() return 1 end, __le = function() return false end })
print(W < W, W <= W, W > W, W >= W)
-- mixed operands: number vs table with __lt
local N = setmetatable({}, { __lt = function(p, q) return type(p) == "number" end })
print(1 < N, N < 1, N > 1)
-- __le falls back to "not (b < a)" via __lt: lua5.4 is built with LUA_COMPAT_5_3 (LUA_COMPAT_LT_LE)
local onlylt = setmetatable({}, { __lt = function() return true end })
print(pcall(function() return onlylt <= onlylt end))
print(pcall(function() return onlylt < onlylt end))
-- no metamethods
print(pcall(function() return {} < {} end))
print(pcall(function() return {} <= {} end))
print(pcall(function() local t = setmetatable({}, { __name = "Cmp" }); return t < 1 end))
print(pcall(function() return 1 < {} end))
print(pcall(function() return "a" < 1 end))
-- sorting with a metamethod-based comparison (insertion sort)
local items = { o(5), o(3), o(9), o(1) }
for i = 2, #items do
  local val, j = items[i], i - 1
  while j >= 1 and val < items[j] do items[j + 1] = items[j]; j = j - 1 end
  items[j + 1] = val
end
local out = {}
for i, it in ipairs(items) do out[i] = it.v end
print(table.concat(out, " "))
-- __eq on different metatables still called (5.4 uses the first operand's, then the second's)
local M1 = setmetatable({}, { __eq = function() return true end })
local M2 = setmetatable({}, { __eq = function() return false end })
print(M1 == M2, M2 == M1)
