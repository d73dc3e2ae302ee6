-- math library: constants, integer/float result rules, errors
local function show(...)
  local t = table.pack(...)
  local parts = {}
  for i = 1, t.n do
    local v = t[i]
    parts[#parts + 1] = (math.type(v) or type(v)) .. ":" .. tostring(v)
  end
  print(t.n, table.concat(parts, ", "))
end
local function try(f, ...) show(pcall(f, ...)) end

show(math.pi, math.huge, -math.huge, math.maxinteger, math.mininteger, math.maxinteger + 1 == math.mininteger)
-- abs
show(math.abs(-3), math.abs(3), math.abs(-3.5), math.abs(-0.0), math.abs(math.mininteger), math.abs(math.maxinteger), math.abs("-3"), math.abs("-3.5"), math.abs(-math.huge))
try(math.abs)
try(math.abs, "x")
-- floor / ceil
show(math.floor(3.7), math.floor(-3.7), math.floor(3), math.floor(-0.0), math.floor(2^62), math.floor(2^63), math.floor(-2^63), math.floor(1e308), math.floor("3.5"), math.floor("7"), math.floor(0/0), math.floor(-math.huge))
show(math.ceil(3.2), math.ceil(-3.2), math.ceil(3), math.ceil(-0.5), math.ceil(2^63), math.ceil(-2^63 - 2048), math.ceil("3.5"), math.ceil(math.huge))
try(math.floor)
try(math.ceil, {})
-- fmod
show(math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, -3), math.fmod(-7, -3), math.fmod(math.mininteger, -1), math.fmod(math.mininteger, math.mininteger), math.fmod(5, math.mininteger))
show(math.fmod(7, 3.0), math.fmod(-7.5, 2), math.fmod(7.5, -2), math.fmod(1, math.huge), math.fmod(-6.0, 4), math.fmod("7", "3"), math.fmod(0.0, 1), math.fmod(-0.0, 1))
show(math.fmod(1, 0.0), math.fmod(math.huge, 1), math.fmod(-math.huge, 2), math.fmod(0/0, 1), math.fmod(1, 0/0))
try(math.fmod, 1, 0)
try(math.fmod, math.mininteger, 0)
try(math.fmod, 1)
try(math.fmod, nil, 1)
-- modf
show(math.modf(3.7))
show(math.modf(-3.7))
show(math.modf(5))
show(math.modf(-5))
show(math.modf(-0.0))
show(math.modf(0.5))
show(math.modf(-0.5))
show(math.modf(math.huge))
show(math.modf(-math.huge))
show(math.modf(0/0))
show(math.modf(2^63))
show(math.modf(-2^63))
show(math.modf(1e100))
show(math.modf("4"))
show(math.modf("4.25"))
try(math.modf)
-- sqrt, exp, log
show(math.sqrt(4), math.sqrt(2), math.sqrt(-1), math.sqrt(0), math.sqrt(math.huge), math.sqrt("16"), math.sqrt(-0.0))
show(math.exp(0), math.exp(1), math.exp(-math.huge), math.exp(710), math.exp(2))
show(math.log(1), math.log(0), math.log(-1), math.log(math.exp(2)), math.log(math.huge))
show(math.log(8, 2), math.log(1024, 2), math.log(100, 10), math.log(1000, 10), math.log(27, 3), math.log(1024, 4), math.log(2, 0), math.log(2, 1), math.log(0, 2), math.log(-8, 2), math.log(10, 10.0), math.log(8, "2"))
try(math.log)
try(math.log, 1, {})
try(math.exp)
try(math.sqrt, "a")
-- trig
show(math.sin(0), math.sin(1), math.sin(-math.pi / 2), math.cos(0), math.cos(1), math.cos(math.pi), math.tan(0), math.tan(1), math.tan(-0.0))
show(math.asin(0.5), math.asin(1), math.asin(2), math.acos(0.5), math.acos(1), math.acos(-1), math.acos(2))
show(math.atan(1), math.atan(1, 1), math.atan(1, -1), math.atan(-1, -1), math.atan(0, -1), math.atan(-0.0, -1), math.atan(0, 0), math.atan(1, 0), math.atan(math.huge), math.atan(1, nil))
show(math.deg(math.pi), math.deg(1), math.deg(0), math.rad(180), math.rad(1), math.rad(-90), math.deg("90"))
try(math.sin)
try(math.cos, "x")
-- (math.atan2 is the same function, so lua5.4 may name a direct pcall either way)
try(function() return math.atan(1, {}) end)
try(math.deg)
-- ult
show(math.ult(1, 2), math.ult(2, 1), math.ult(-1, 2), math.ult(2, -1), math.ult(math.maxinteger, math.mininteger), math.ult(0, 0), math.ult(1.0, "2"))
try(math.ult, 1.5, 2)
try(math.ult, 1)
try(math.ult, "a", 1)
-- min / max
show(math.max(1, 2.5, -1), math.max(3, 3.0), math.max(3.0, 3), math.max(7), math.max(-0.0, 0.0), math.max(math.mininteger, math.maxinteger))
show(math.min(1, 2.5, -1), math.min(3, 3.0), math.min(3.0, 3), math.min(7.5), math.min(0.0, -0.0), math.min(2^53, 2^53 + 1), math.min(math.mininteger, 1.0))
show(math.max(0/0, 1), math.max(1, 0/0), math.min(0/0, 1), math.min(1, 0/0), math.max(1, 2, 3, 4, 5, 4, 3), math.min(5, 4, 3, 2, 1, 2))
show(math.min("10", "9"), math.max("10", "9"), math.max("a", "b", "c"), math.max(1, 2^63), math.min(-1, -2^63))
local mt = {__lt = function(a, b) return a.v < b.v end}
local A, B = setmetatable({v = 1}, mt), setmetatable({v = 2}, mt)
show(math.max(A, B) == B, math.min(A, B) == A, math.max({}) ~= nil)
try(math.max)
try(math.min)
try(math.min, 1, "x")
try(math.max, 1, {})
try(math.max, nil, nil)
-- tointeger / type
show(math.tointeger(3), math.tointeger(3.0), math.tointeger(3.5), math.tointeger(-0.0), math.tointeger(2^63), math.tointeger(-2^63), math.tointeger(0/0), math.tointeger(math.huge))
show(math.tointeger("8"), math.tointeger("8.0"), math.tointeger(" 0x10 "), math.tointeger("8.5"), math.tointeger("x"), math.tointeger({}), math.tointeger(nil), math.tointeger(true))
try(math.tointeger)
show(math.type(1), math.type(1.0), math.type(-0.0), math.type("1"), math.type(nil), math.type({}), math.type(math.huge), math.type(2^63), math.type(1 // 1), math.type(1 / 1))
try(math.type)
-- integer/float results of arithmetic on math values
show(math.floor(-3.5) // 1, math.ceil(3.5) * 2, math.abs(-2) ^ 2, math.fmod(7, 2) + 0.0, math.max(1, 2) / 2)
-- LUA_COMPAT_MATHLIB functions (present in lua5.4 built with LUA_COMPAT_5_3)
show(math.atan2 == math.atan, math.atan2(1, -1), math.pow(2, 3), math.pow(2, 0.5), math.pow(-8, 1/3), math.pow("2", 10), math.pow(0, -1))
show(math.cosh(1), math.sinh(1), math.tanh(1), math.cosh(0), math.sinh(-0.0), math.tanh(math.huge), math.cosh(1000))
show(math.log10(1000), math.log10(0), math.log10(-1), math.log10(2))
for _, x in ipairs({0, -0.0, 1, -1, 0.5, 3, 1024, 1e-310, -5e-324, 2.2250738585072014e-308, 1e308, math.huge, -math.huge, 0/0, 123.456}) do
  show(x, math.frexp(x))
end
for _, c in ipairs({{1, 0}, {1, 10}, {0.75, 3}, {1, 1024}, {1, 1023}, {1, -1074}, {1, -1075}, {3, -1075}, {1.5, -1074}, {1, -1022},
    {0.6, -1073}, {-1, 2000}, {1, -2000}, {0, 5}, {math.huge, -5}, {0/0, 1}, {1, 4294967296 + 3}, {1, -4294967296 - 3}, {5, "3"},
    {2^60, -1100}}) do
  show(c[1], c[2], math.ldexp(c[1], c[2]))
end
try(math.ldexp, 1, 1.5)
try(math.ldexp, 1)
try(math.frexp)
try(math.pow, 1)
try(math.cosh, "x")
try(function() return math.atan2(1, {}) end)
print("done")
