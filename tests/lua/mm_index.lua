-- 2.4 __index: tables, functions, chains, rawget, strings
local base = { a = "base a", shared = "from base" }
local mid = setmetatable({ b = "mid b" }, { __index = base })
local top = setmetatable({ c = "top c" }, { __index = mid })
print(top.a, top.b, top.c, top.shared, top.missing)
print(rawget(top, "a"), rawget(top, "c"))
-- __index function receives the table and the key
local log = {}
local f = setmetatable({}, { __index = function(t, k) log[#log + 1] = tostring(k); return k .. "!" end })
print(f.x, f.y, f[1])
print(table.concat(log, ","))
-- existing fields do not trigger __index
f.z = "real"
print(f.z)
-- __index only for absent keys (nil values count as absent)
local d = setmetatable({ present = false }, { __index = function() return "default" end })
print(d.present, d.absent)
-- __index on a function chain through a table with its own __index function
local deep = setmetatable({}, { __index = setmetatable({}, { __index = function(_, k) return "deep " .. k end }) })
print(deep.key)
-- __index with integer keys
local arr = setmetatable({}, { __index = function(_, i) return i * 10 end })
print(arr[1], arr[5], #arr)
-- __index loop detection
local loop1, loop2 = {}, {}
setmetatable(loop1, { __index = loop2 })
setmetatable(loop2, { __index = loop1 })
print(pcall(function() return loop1.x end))
-- __index on strings
print(("abc").len == nil, ("x"):rep(2))
local smt = getmetatable("")
print(pcall(function() return ("abc").nosuch.field end))
-- __index that errors
local bad = setmetatable({}, { __index = function(_, k) error("no field " .. k) end })
print(pcall(function() return bad.foo end))
-- __index value that is not a table nor function
local weird = setmetatable({}, { __index = 42 })
print(pcall(function() return weird.x end))
-- indexing non-tables
print(pcall(function() local n = nil; return n.x end))
print(pcall(function() local b = true; return b.x end))
print(pcall(function() return (1).x end))
print(pcall(function() local t = {}; return t.a.b.c end))
print(pcall(function() return undefinedtable.field end))
local up = nil
print(pcall(function() return up.field end))
print(pcall(function() local t = { inner = {} }; return t.inner.missing.x end))
print(pcall(function() local t = {}; return t[1][2] end))
-- inheritance with method lookup counting
local calls = 0
local proto = setmetatable({}, { __index = function(_, k) calls = calls + 1; return function() return k end end })
local obj = setmetatable({}, { __index = proto })
print(obj.hello(), obj.world(), calls)
