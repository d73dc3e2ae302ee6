-- Inlining of small arithmetic functions at monomorphic call sites (JIT): the result types,
-- and what happens when the site stops being monomorphic or the callee is replaced.

local function A(i, j)
  local ij = i + j - 1
  return 1.0 / (ij * (ij - 1) * 0.5 + i)
end

local s = 0.0
for i = 1, 60 do
  for j = 1, 60 do s = s + A(i, j) end
end
print("spectral A", string.format("%.12f", s))

-- integer results stay integers, wrap around at the limits
local function inc(x) return x + 1 end
local function neg(x) return -x end
local function twice(x) return x * 2 end
local t = {}
for i = 1, 300 do
  t[1] = inc(math.maxinteger - 300 + i)
  t[2] = neg(math.mininteger + 300 - i)
  t[3] = twice(i)
end
print("ints", t[1], t[2], t[3], math.type(t[1]), math.type(t[3]))

-- int / int is a float; -0.0 keeps its sign
local function half(x) return x / 2 end
local function flip(x) return -x end
local h, z
for i = 1, 300 do h = half(i); z = flip(0.0 * i) end
print("floats", h, math.type(h), z, 1 / z)

-- mixed argument types at different sites of one callee
local function mix(a, b) return a * b + 1 end
local ri, rf = 0, 0.0
for i = 1, 300 do
  ri = ri + mix(i, 3)
  rf = rf + mix(i + 0.5, 2)
end
print("mixed", ri, rf, math.type(ri), math.type(rf))

-- nothing returned, more results wanted than returned
local function nothing(x) local y = x + 1 end
local function one(x) return x + 1 end
local n1, n2, n3
for i = 1, 300 do
  n1 = nothing(i)
  n2, n3 = one(i)
end
print("results", n1, n2, n3)

-- the callee replaced at a monomorphic call site in the middle of a hot loop
local function add(a, b) return a + b end
local function sub(a, b) return a - b end
local f = add
local acc = 0
for i = 1, 400 do
  if i == 250 then f = sub end
  acc = acc + f(i, 1)
end
print("replaced", acc)

-- a global function redefined while a compiled caller is live
function G(x) return x * 3 end
local function caller(n)
  local r = 0
  for i = 1, n do r = r + G(i) end
  return r
end
print("global", caller(300))
G = function(x) return x - 1 end
print("global redefined", caller(300))
G = setmetatable({}, { __call = function(_, x) return 1000 + x end })
print("global __call", caller(300))
G = nil
print("global nil", pcall(caller, 300))

-- a string argument that coerces: the site's argument type changes
local function dbl(x) return x * 2 end
local function use(v)
  local r
  for _ = 1, 200 do r = dbl(v) end
  return r
end
print("coerce", use(4), use(2.5), use("10"), pcall(use, "x"))

-- a call hook set in the middle of a loop still sees every call
local calls = 0
local function sq(x) return x * x end
local total = 0
for i = 1, 400 do
  if i == 300 then
    debug.sethook(function(ev)
      if ev == "call" then calls = calls + 1 end
    end, "c")
  end
  total = total + sq(i)
end
debug.sethook()
print("hook", total, calls >= 100)

-- tables with __add passed to a leaf: metamethods run as usual
local V = setmetatable({}, { __add = function(a, b) return "added" end })
local function plus1(x) return x + 1 end
local out = {}
for i = 1, 300 do out[#out + 1] = plus1(i) end
print("table arg", plus1(V), #out)

-- other callees after warm-up: one with the same result type (goes on in compiled code), one
-- returning a float or a string instead of an integer (leaves after the call)
do
  local function sq(x) return x * x end
  local function dbl(x) return x + x end
  local hits = 0
  local bump = function(x) hits = hits + 1; return x + 0.0 end
  local str = function(x) return "s" .. x end
  local g = sq
  local r = {}
  for i = 1, 400 do
    if i == 100 then g = dbl end
    if i == 200 then g = bump end
    if i == 300 then g = str end
    local v = g(i)
    r[#r + 1] = type(v) == "number" and v + 1 or v
  end
  print("other callees", r[99], r[100], r[199], r[200], r[299], r[300], r[400], hits)
end

-- another callee that changes the caller's local through an upvalue
do
  local n = 0
  local function f(x) return x + 1 end
  local inc = function(x) n = n + 0.5; return x + 1 end
  local g = f
  local s = 0
  for i = 1, 300 do
    if i == 150 then g = inc end
    s = s + g(i) + n
  end
  print("captured", s, n, math.type(n))
end
