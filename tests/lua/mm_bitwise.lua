-- 2.4 bitwise metamethods
local B = {}
local function b(x) return setmetatable({ x = x }, B) end
local function val(a) if type(a) == "table" then return a.x end return a end
B.__band = function(x, y) return b(val(x) & val(y)) end
B.__bor = function(x, y) return b(val(x) | val(y)) end
B.__bxor = function(x, y) return b(val(x) ~ val(y)) end
B.__shl = function(x, y) return b(val(x) << val(y)) end
B.__shr = function(x, y) return b(val(x) >> val(y)) end
B.__bnot = function(x, y) return b(~val(x)), rawequal(x, y) end
local p, q = b(12), b(10)
print((p & q).x, (p | q).x, (p ~ q).x, (p << 2).x, (p >> 2).x, (~p).x)
print((12 & q).x, (1 << p).x, (0xFF ~ p).x)
-- __bnot receives the operand twice
local seen = setmetatable({}, { __bnot = function(...) return select('#', ...) end })
print(~seen)
-- metamethods are tried for floats without integer representation? no: only for non-numbers
print(pcall(function() return 1.5 & p end))
print(pcall(function() return 1.5 & 1 end))
-- strings are not converted by bitwise ops but can have metamethods via the second operand
local S = setmetatable({}, { __bor = function(x, y) return "bor:" .. tostring(type(x)) .. "," .. tostring(type(y)) end })
print("str" | S, S | "str", 1 | S)
-- missing metamethods
print(pcall(function() local t = {}; return t & 1 end))
print(pcall(function() local t = {}; return ~t end))
print(pcall(function() local t = setmetatable({}, { __name = "Bits" }); return t >> 1 end))
print(pcall(function() return 1 << nil end))
