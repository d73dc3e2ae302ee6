-- 2.6 coroutines: create, resume, yield, status, passing values both ways
local co = coroutine.create(function(a, b)
  print("start", a, b)
  local c = coroutine.yield(a + b)
  print("got", c)
  local d, e = coroutine.yield(c * 2)
  print("got", d, e)
  return "finished", d + e
end)
print(type(co), coroutine.status(co))
print(coroutine.resume(co, 1, 2))
print(coroutine.status(co))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, 3, 4))
print(coroutine.status(co))
print(coroutine.resume(co))
print(coroutine.resume(co))
-- yield with no values / resume with no values
local co2 = coroutine.create(function(...)
  print("args", select('#', ...))
  print("yield returned", select('#', coroutine.yield()))
  return
end)
print(coroutine.resume(co2))
print(coroutine.resume(co2))
print(coroutine.status(co2))
-- status: running and normal
local outer
local inner = coroutine.create(function()
  print("inner sees outer as", coroutine.status(outer))
  print("inner sees itself as", coroutine.status(coroutine.running()))
end)
outer = coroutine.create(function()
  coroutine.resume(inner)
  print("outer sees inner as", coroutine.status(inner))
end)
coroutine.resume(outer)
-- running / isyieldable
local mainco, ismain = coroutine.running()
print(type(mainco), ismain, coroutine.isyieldable())
coroutine.wrap(function()
  local c, m = coroutine.running()
  print(type(c), m, coroutine.isyieldable())
end)()
print(coroutine.isyieldable(co), coroutine.status(mainco))
-- resume a dead coroutine / resume itself / resume non-suspended
print(coroutine.resume(co))
local selfres
selfres = coroutine.create(function() return coroutine.resume(selfres) end)
print(coroutine.resume(selfres))
print(pcall(coroutine.resume, mainco))
print(pcall(coroutine.resume, 42))
print(pcall(coroutine.create, 42))
-- yield outside a coroutine
print(pcall(coroutine.yield, 1))
-- generator pattern
local function gen(n)
  return coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end end)
end
local acc = {}
for v in gen(5) do acc[#acc + 1] = v end
print(table.concat(acc, ","))
-- a coroutine that yields many times
local counter = coroutine.create(function() for i = 1, 100000 do coroutine.yield(i) end return "done" end)
local last
for i = 1, 100000 do local _, v = coroutine.resume(counter); last = v end
print(last, coroutine.resume(counter))
-- many coroutines alive at the same time
local cos = {}
for i = 1, 1000 do cos[i] = coroutine.create(function(x) local y = coroutine.yield(x * 2); return x + y end) end
local s = 0
for i = 1, 1000 do local _, v = coroutine.resume(cos[i], i); s = s + v end
for i = 1, 1000 do local _, v = coroutine.resume(cos[i], 1); s = s + v end
print("sum", s)
