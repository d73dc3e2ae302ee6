-- math.random / math.randomseed: seeded sequences must be exactly lua5.4's
print(math.randomseed(42))
for i = 1, 5 do
  print(math.random(), math.random(0), math.random(10), math.random(-5, 5), math.random(1, 1000000007),
    math.random(math.mininteger, math.maxinteger))
end
print(math.randomseed(-7, 123))
print(math.random(3.0), math.random("7"), math.random(1, 1), math.random(math.maxinteger), math.random(math.mininteger, -1))
print(math.random(0, math.maxinteger), math.random(-1, 0), math.random(1 << 40), math.random(3, 2^53))
print(math.randomseed(1 << 62, -1))
print(math.random(0), math.random(1 << 40), math.random())
print(math.randomseed(0))
local t = {}
for i = 1, 20 do t[i] = math.random(6) end
print(table.concat(t, " "))
for i = 1, 20 do t[i] = string.format("%.17g", math.random()) end
print(table.concat(t, " ", 1, 5))
print(math.randomseed(123, 456))
for i = 1, 20 do t[i] = math.random(100, 200) end
print(table.concat(t, " "))
-- the same seed gives the same sequence
math.randomseed(99)
local a = {math.random(1000), math.random(), math.random(0)}
math.randomseed(99)
local b = {math.random(1000), math.random(), math.random(0)}
print(a[1] == b[1], a[2] == b[2], a[3] == b[3])
-- a failing call still draws a value, as in lua
math.randomseed(5)
print(pcall(math.random, 2, 1))
print(math.random(1000))
math.randomseed(5)
print(math.random(1000), math.random(1000))
-- errors
print(pcall(math.random, 1.5))
print(pcall(math.random, 2, 1))
print(pcall(math.random, 0, -1))
print(pcall(math.random, 1, 2, 3))
print(pcall(math.random, "a"))
print(pcall(math.random, 1, {}))
print(pcall(math.random, nil))
print(pcall(math.randomseed, 1.5))
print(pcall(math.randomseed, "x"))
print(pcall(math.randomseed, 1, 2.5))
print(pcall(math.randomseed, nil))
print(pcall(function() return math.random(1, 2, 3) end))
print(pcall(function() return math.random(3, 1) end))
-- ranges (unseeded results are not printed)
math.randomseed()
local n1, n2 = math.randomseed()
print(math.type(n1), math.type(n2), select("#", math.randomseed()))
local ok = true
for i = 1, 1000 do
  local x, y, z = math.random(), math.random(3, 7), math.random(-2, -1)
  if not (x >= 0 and x < 1 and y >= 3 and y <= 7 and z >= -2 and z <= -1 and math.type(y) == "integer") then ok = false end
end
print(ok, math.type(math.random()), math.type(math.random(0)))
print("done")
