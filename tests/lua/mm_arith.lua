-- 2.4 arithmetic metamethods: operand order, mixed operands, fallbacks
local V = {}
V.__index = V
local function v(x) return setmetatable({ x = x }, V) end
local function val(a) if type(a) == "table" then return a.x end return a end
local log = {}
for _, ev in ipairs({ "add", "sub", "mul", "div", "mod", "pow", "unm", "idiv" }) do
  V["__" .. ev] = function(a, b)
    log[#log + 1] = ev
    local x, y = val(a), val(b)
    if ev == "add" then return v(x + y)
    elseif ev == "sub" then return v(x - y)
    elseif ev == "mul" then return v(x * y)
    elseif ev == "div" then return v(x / y)
    elseif ev == "mod" then return v(x % y)
    elseif ev == "pow" then return v(x ^ y)
    elseif ev == "unm" then return v(-x)
    elseif ev == "idiv" then return v(x // y) end
  end
end
local a, b = v(7), v(2)
print((a + b).x, (a - b).x, (a * b).x, (a / b).x, (a % b).x, (a ^ b).x, (-a).x, (a // b).x)
print((a + 1).x, (1 + a).x, (10 - a).x, (a - 10).x, (2 ^ b).x, ("3" * a).x)
print(table.concat(log, " "))
-- the metamethod receives operands in the original order
local order = setmetatable({}, { __sub = function(x, y) return (type(x) == "table" and "T" or tostring(x)) .. "-" .. (type(y) == "table" and "T" or tostring(y)) end })
print(order - 1, 1 - order, order - order)
-- __unm receives the operand twice
local u = setmetatable({}, { __unm = function(...) return select('#', ...), rawequal((...), (select(2, ...))) end })
print(-u)
-- first operand's metamethod wins, else second
local A = setmetatable({}, { __add = function() return "A's add" end })
local B = setmetatable({}, { __add = function() return "B's add" end })
print(A + B, B + A, A + 1, 1 + B)
local plain = setmetatable({}, {})
print(plain + A, A + plain)
-- a metamethod may return any value, including nil and multiple values (truncated)
local r = setmetatable({}, { __mul = function() return nil, "ignored" end, __div = function() return 1, 2, 3 end })
print(r * 1, r / 1)
-- missing metamethods give errors naming the operand
print(pcall(function() local t = {}; return t + 1 end))
print(pcall(function() local t = {}; return 1 - t end))
print(pcall(function() return {} * {} end))
print(pcall(function() local s = setmetatable({}, { __name = "MyType" }); return s / 2 end))
print(pcall(function() local up = {}; return (function() return up % 2 end)() end))
print(pcall(function() return -{} end))
print(pcall(function() local a; return a + 1 end))
print(pcall(function() return undefinedvar ^ 2 end))
print(pcall(function() local t = { f = {} }; return t.f // 1 end))
-- strings: numeric strings use the string metamethods, which convert
print("10" + 5, 5 + "10", "2" ^ "2", -"3", "7" // 2, "7.5" % 2)
-- arithmetic metamethod on numbers mixed with strings and tables
local S = setmetatable({}, { __add = function(x, y) return "custom add" end })
print("abc" + S, S + "abc")
-- __idiv and __mod are used even for "integer" looking values
local I = setmetatable({}, { __idiv = function() return "idiv" end, __mod = function() return "mod" end, __pow = function() return "pow" end })
print(I // 0, I % 0, I ^ 2, 2 ^ I)
