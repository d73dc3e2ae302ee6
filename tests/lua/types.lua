-- 2.1 values and types
local co = coroutine.create(function() end)
local values = { nil, true, false, 0, 1.5, "s", {}, print, function() end, co }
local n = 10
for i = 1, n do
  local v = values[i]
  print(i, type(v), math.type(v))
end
print(type(type), type(nil), type(type(nil)))
print(pcall(type))
print(math.type(1), math.type(1.0), math.type("1"), math.type(nil), math.type(2^63))
print(1 == 1.0, math.type(1) == math.type(1.0))
-- false and nil are the only false values
for _, v in ipairs({ 0, "", "false", 0.0, -0.0 }) do
  if v then io.write("truthy ") else io.write("falsy ") end
end
print()
if nil then print("nil true?") else print("nil is false") end
if false then print("false true?") else print("false is false") end
-- tables, functions and threads are references
local t1 = {}
local t2 = t1
t2.x = 5
print(t1.x, t1 == t2, {} == {})
local f1 = function() end
print(f1 == f1, function() end == function() end)
-- strings are values
local s1 = "ab" .. "c"
local s2 = "a" .. "bc"
print(s1 == s2, rawequal(s1, s2))
print(type(tostring(nil)), tostring(nil), tostring(true), tostring(false))
print(tostring(10), tostring(10.0), tostring(-0.0), tostring(1e100))
print(type(io.write), type(coroutine), type(math.pi), math.type(math.pi))
