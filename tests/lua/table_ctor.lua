-- 3.4.9 table constructors
local function three() return 1, 2, 3 end
local function none() end
local function dump(t, n)
  local out = {}
  for i = 1, n do out[i] = tostring(t[i]) end
  return table.concat(out, " ")
end
local t = { three() }
print(#t, dump(t, 3))
t = { three(), three() }
print(#t, dump(t, 4))
t = { (three()) }
print(#t, dump(t, 1))
t = { three(), 10 }
print(#t, dump(t, 2))
t = { none() }
print(#t)
t = { none(), 1 }
print(dump(t, 2))
t = { 1, 2, none() }
print(#t)
local function va(...) return { ... } end
print(#va(1, 2, 3), #va(), dump(va("a", "b"), 2))
local function va2(...) return { ..., "last" } end
print(dump(va2(1, 2, 3), 2))
local function va3(...) return { n = select('#', ...), ... } end
local v3 = va3(nil, nil)
print(v3.n, v3[1], v3[2])
-- named and positional fields mixed
local m = { 1, 2, x = "x", [10] = "ten", 3, ["y z"] = "yz", [1 + 1 + 1 + 1] = "four" }
print(m[1], m[2], m[3], m[4], m.x, m[10], m["y z"])
-- separators and trailing separators
local s1 = { 1; 2; 3; }
local s2 = { 1, 2, 3, }
local s3 = { x = 1; y = 2, }
print(#s1, #s2, s3.x, s3.y)
-- nested constructors
local nested = { { 1, 2 }, { a = { b = { c = "deep" } } } }
print(nested[1][2], nested[2].a.b.c)
-- expressions as keys
local k = "key"
local e = { [k] = 1, [k .. "2"] = 2, [1.0] = "one as float", [2^53] = "big" }
print(e.key, e.key2, e[1], math.type(next({ [1.0] = true })), e[2^53 | 0])
-- large constructor (more than 50 items flushes several batches)
local big = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
  26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50,
  51, 52, 53, 54, 55, 56, 57, 58, 59, 60, three() }
print(#big, big[50], big[51], big[63])
-- constructor evaluation order of positional items is left to right
local order = {}
local function o(x) order[#order + 1] = x; return x end
local _ = { o(1), o(2), o(3) }
print(table.concat(order, ","))
-- nil key / NaN key errors
print(pcall(function() return { [nil] = 1 } end))
print(pcall(function() return { [0/0] = 1 } end))
print(pcall(function() local t2 = {}; t2[nil] = 1 end))
print(pcall(function() local t2 = {}; t2[0/0] = 1 end))
print(({})[nil], ({})[0/0])
-- function values in constructors
local ops = { add = function(a, b) return a + b end, function(x) return -x end }
print(ops.add(2, 3), ops[1](4))
