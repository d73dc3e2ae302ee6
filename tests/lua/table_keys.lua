-- tables: key normalisation, float/integer keys, rawget/rawset, next
local t = {}
t[1] = "int one"
print(t[1.0], t[1])
t[2.0] = "float two"
print(t[2], math.type(next({ [2.0] = 1 })))
t[1.5] = "one and a half"
print(t[1.5], t[3 / 2])
t[2^53] = "2^53"
print(t[2^53 | 0], t[9007199254740992])
t["1"] = "string one"
print(t[1], t["1"])
t[-0.0] = "zero"
print(t[0], t[0.0], t[-0.0])
-- booleans, tables and functions as keys
local kt, kf = {}, function() end
t[true] = "T"; t[false] = "F"; t[kt] = "table key"; t[kf] = "function key"
print(t[true], t[false], t[kt], t[kf], t[{}])
-- rawget / rawset ignore metamethods
local mt = { __index = function() return "meta" end, __newindex = function() error("no writes") end }
local p = setmetatable({}, mt)
print(p.x, rawget(p, "x"))
rawset(p, "x", "raw")
print(p.x, rawget(p, "x"))
print(pcall(function() p.y = 1 end))
print(rawequal(p, p), rawequal(p, {}), rawequal("a", "a"), rawequal(1, 1.0))
print(pcall(rawset, p, nil, 1))
print(pcall(rawget, 1, 1))
-- counting keys of a mixed table with next
local mixed = { 1, 2, 3, a = 1, b = 2, [10] = 10, [1.5] = 1.5 }
local n = 0
for _ in pairs(mixed) do n = n + 1 end
print("keys", n)
-- next after the last key returns nil; next with an invalid key errors
local single = { k = "v" }
print(next(single, "k"))
print(pcall(next, single, "nokey"))
-- growing and shrinking
local g = {}
for i = 1, 1000 do g[i] = i end
for i = 1, 1000, 2 do g[i] = nil end
local s = 0
for k, v in pairs(g) do s = s + v end
print("sum evens", s)
for i = 1, 1000 do g[i] = nil end
print("empty", next(g))
-- string keys with same content are the same key
local key = "ab"
local key2 = "a" .. "b"
local st = { [key] = 1 }
print(st[key2])
-- integer keys beyond the array part
local sparse = {}
sparse[1000000] = "far"
sparse[-5] = "negative"
sparse[math.maxinteger] = "max"
sparse[math.mininteger] = "min"
print(sparse[1000000], sparse[-5], sparse[math.maxinteger], sparse[math.mininteger], #sparse)
-- table.insert / table.concat basics
local list = {}
table.insert(list, "b")
table.insert(list, 1, "a")
table.insert(list, "c")
table.insert(list, #list + 1, "d")
print(table.concat(list, ","), #list)
print(table.concat({}), table.concat({ 1, 2.5, "x" }, "-"), table.concat({ 1, 2, 3 }, ", ", 2, 3))
print(pcall(table.concat, { 1, {}, 3 }))
print(pcall(table.insert, list, 10, "x"))
print(pcall(table.insert, list, 1, 2, 3))
print(pcall(table.insert, list))
print(table.concat({ "a", "b" }, "", 3), table.concat({ "a" }, ",", 1, 1))
