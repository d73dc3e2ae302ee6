-- 3.3.3 assignment: multiple assignment, adjustment, defined evaluation cases
local a, b, c = 1, 2, 3
a, b = b, a
print(a, b)
a, b, c = c, a, b
print(a, b, c)
local x, y = 1
print(x, y)
x, y = 1, 2, 3, (function() print("extra expression still evaluated") end)()
print(x, y)
local function three() return 1, 2, 3 end
local p, q, r, s = three()
print(p, q, r, s)
p, q, r, s = 0, three()
print(p, q, r, s)
p, q, r, s = three(), 10
print(p, q, r, s)
p, q = (three())
print(p, q)
-- all expressions are evaluated before assignment (manual example)
local i = 3
local t = {}
i, t[i] = i + 1, 20
print(i, t[3], t[4])
-- swap in a table
local arr = { "a", "b", "c" }
arr[1], arr[3] = arr[3], arr[1]
print(table.concat(arr, ","))
-- assigning through table fields and globals
local obj = { inner = {} }
obj.inner.v, obj.w, glob = 1, 2, 3
print(obj.inner.v, obj.w, glob)
-- assignment to nil erases
obj.w = nil
print(obj.w, rawget(obj, "w"))
-- chained field creation
local cfg = {}
cfg.a = {}; cfg.a.b = {}; cfg.a.b.c = "deep"
print(cfg.a.b.c, cfg["a"]["b"]["c"])
-- index expressions evaluated before assignment
local idx = 1
local tt = {}
tt[idx], idx = "first", 2
print(tt[1], tt[2], idx)
-- assignment of varargs
local function va(...)
  local m, n, o = ...
  return m, n, o
end
print(va(1))
print(va(1, 2, 3, 4))
-- large multiple assignment
local v1, v2, v3, v4, v5, v6, v7, v8 = 1, 2, 3, 4, 5, 6, 7, 8
v1, v2, v3, v4, v5, v6, v7, v8 = v8, v7, v6, v5, v4, v3, v2, v1
print(v1, v2, v3, v4, v5, v6, v7, v8)
-- compound-looking but separate assignments
local n = 1
n = n + 1; n = n * 10
print(n)
