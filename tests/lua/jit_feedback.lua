-- Type feedback: arithmetic on values from tables is compiled for the types the interpreter
-- saw (floats here); other types later leave compiled code at that instruction, and after
-- enough exits the function is recompiled without speculating there.
local function dot(a, b, n)
  local s = 0.0
  for i = 1, n do s = s + a[i] * b[i] end
  return s
end
local fa, fb, ia, ib = {}, {}, {}, {}
for i = 1, 50 do fa[i] = i + 0.5; fb[i] = i * 0.25; ia[i] = i; ib[i] = 2 * i end
for r = 1, 400 do
  local x = dot(fa, fb, 50)
  local y = dot(ia, ib, 50) -- integers: the float guard fails until recompiled
  if r % 100 == 0 then print(r, x, y, math.type(y)) end
end

-- the same site sees integers, strings that coerce, metamethods, huge values
local v = setmetatable({}, {__mul = function() return 7 end, __add = function() return 1.5 end})
local mix = {1.5, 2, "3", v, 2 ^ 53, math.maxinteger, -0.0, 1 / 0}
local function combine(x) return x * 2.0 + x * x end
for _ = 1, 300 do combine(1.25) end
for r = 1, 2 do
  for j = 1, #mix do
    local ok, e = pcall(combine, mix[j])
    print(r, j, ok, e, math.type(e))
  end
end

-- division
local function ratio(t, n)
  local s = 0
  for i = 1, n do s = s + t[i] / t[n - i + 1] end
  return s
end
print(ratio(fa, 50), ratio(ia, 50))
for _ = 1, 300 do ratio(fa, 50) end
print(ratio(fa, 50), ratio(ia, 50))

-- fields holding floats, then an integer, then a string
local p = {x = 0.5, y = 1.5}
local function step(o, n)
  for _ = 1, n do o.x = o.x + o.y * 0.5 end
  return o.x
end
print(step(p, 1000))
p.y = 2
print(step(p, 1000), math.type(p.x))
p.y = "4"
print(step(p, 10), math.type(p.x))
p.y = nil
print(pcall(step, p, 10))

-- float feedback at a site whose operands are later known only as numbers, both integers
-- (found by tests/fuzz, seed 311)
local V = setmetatable({}, {__sub = function() return 12 end})
local function show(x) return math.type(x) and math.type(x) .. ':' .. string.format('%.14g', x) or type(x) end
local function f0(a, b, c, n)
  local x, y = 2.5, V
  for i = 1, n do
    a = -(x - y)
    x = 0 * a
    y = 2.5 % a
    y = c * x
    if i == 1 then a = V end
  end
  return a, b, c, x, y
end
for _ = 1, 2 do
  for _, args in ipairs({{2.5, 2, -0.5, 68}, {0 / 0, 2, 2, 78}}) do
    local ok, a, b, c, x, y = pcall(f0, table.unpack(args))
    print(ok, show(a), show(b), show(c), show(x), show(y))
  end
end
