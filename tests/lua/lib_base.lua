-- base functions in the available subset: select, type, next, ipairs, pairs, raw*, tostring, tonumber
print(select('#', 1, 2, 3), select(2, "a", "b", "c"))
print(type(nil), type(1), type(""), type({}), type(print), type(true), type(coroutine.create(print)))
print(pcall(type))
-- ipairs over a plain table stops at the first nil
local n = 0
for i, v in ipairs({ 1, 2, nil, 4 }) do n = n + 1 end
print("ipairs count", n)
-- ipairs returns three values
local f, s, init = ipairs({})
print(type(f), type(s), init)
-- pairs returns next, t, nil
local pf, ps, pi = pairs({})
print(pf == next, type(ps), pi)
-- next order for an array-like table (sorted by hand for safety)
local t = { 10, 20, 30 }
local sum = 0
local k, v = next(t)
while k do sum = sum + v; k, v = next(t, k) end
print("next sum", sum)
-- rawequal, rawlen, rawget, rawset
print(rawequal(t, t), rawequal(t, {}), rawequal(1, 1), rawequal("a", "a"), rawequal(1, "1"))
print(rawlen(t), rawlen("abc"))
print(rawget(t, 1), rawset(t, 4, 40) == t, t[4])
print(pcall(rawset, t))
print(pcall(rawget))
-- tostring/tonumber round trips
print(tostring(tonumber("0x10")), tonumber(tostring(1e100)), tonumber("  0x1P+4  "))
-- collectgarbage("count") is a number
print(type(collectgarbage("count")))
-- _ENV is the global table
print(_ENV.print == print, _ENV._ENV == nil)
-- the global table contains the standard names
local names = { "print", "type", "tostring", "tonumber", "pairs", "ipairs", "next", "select", "rawget", "rawset",
  "rawequal", "rawlen", "setmetatable", "getmetatable", "assert", "error", "pcall", "xpcall", "load",
  "collectgarbage", "string", "table", "math", "coroutine", "io", "os" }
local missing = {}
for _, name in ipairs(names) do if _ENV[name] == nil then missing[#missing + 1] = name end end
print("missing globals:", #missing == 0 and "none" or table.concat(missing, ","))
print(type(_VERSION), _VERSION)
-- math subset
print(math.maxinteger, math.mininteger, math.huge, -math.huge, math.pi)
print(math.type(1), math.type(1.0), math.type("1"))
print(math.floor(1.5), math.floor(-1.5), math.floor(7), math.type(math.floor(2^70)))
-- coroutine library table
local cofns = {}
for _, name in ipairs({ "create", "resume", "yield", "status", "wrap", "isyieldable", "running", "close" }) do
  cofns[#cofns + 1] = name .. "=" .. type(coroutine[name])
end
print(table.concat(cofns, " "))
