-- os library: time, clock, getenv, files, locale
print(math.type(os.time()), math.type(os.clock()), os.clock() >= 0)
local c0 = os.clock()
local x = 0
for i = 1, 2000000 do x = x + i end
print(os.clock() >= c0)

-- os.time normalises like mktime and updates the table
local d = { year = 2000, month = 13, day = 32, hour = 25, min = 61, sec = 61 }
local t1 = os.time(d)
print(d.year, d.month, d.day, d.hour, d.min, d.sec, d.yday, d.wday, math.type(t1))
d = { year = 2021, month = 2, day = 29 }
os.time(d)
print(d.year, d.month, d.day, d.hour, d.min, d.sec, d.yday, d.wday)
d = { year = 2020, month = 1, day = 0, hour = 0, min = -1 }
os.time(d)
print(d.year, d.month, d.day, d.hour, d.min, d.sec, d.yday, d.wday)
local a = os.time({ year = 2020, month = 1, day = 1, hour = 12 })
local b = os.time({ year = 2020, month = 1, day = 2 })
print(b - a, os.difftime(b, a), os.difftime(a, b), math.type(os.difftime(b, a)))
print(os.time(os.date("*t", 1000000000)) == 1000000000)
print(os.date("%Y-%m-%d", os.time({ year = 2021, month = 2, day = 29 })))
print(os.time({ year = "2000", month = "1", day = "1.0" }) == os.time({ year = 2000, month = 1, day = 1 }))

-- os.time errors
print(pcall(os.time, { year = 2000 }))
print(pcall(os.time, { year = 2000, month = 1 }))
print(pcall(os.time, { month = 1, day = 1 }))
print(pcall(os.time, { year = 2000, month = "x", day = 1 }))
print(pcall(os.time, { year = 2000, month = 1.5, day = 1 }))
print(pcall(os.time, { year = 2000, month = 1, day = 1, hour = {} }))
print(pcall(os.time, { year = 2 ^ 40, month = 1, day = 1 }))
print(pcall(os.time, { year = 2000, month = 1, day = 2 ^ 31 }))
print(pcall(os.time, { year = -2 ^ 31 + 1899, month = 1, day = 1 }))
print(pcall(os.time, 5))
print(pcall(os.time, "x"))

-- fields are read and written with metamethods
local log = {}
local proxy = setmetatable({}, {
  __index = function(_, k) log[#log + 1] = "get " .. k; return ({ year = 2001, month = 1, day = 1 })[k] end,
  __newindex = function(t, k, v) log[#log + 1] = "set " .. k; rawset(t, k, v) end,
})
print(pcall(os.time, proxy))
print(table.concat(log, ","))
print(rawget(proxy, "year"), rawget(proxy, "isdst") ~= nil)

print(pcall(os.difftime))
print(pcall(os.difftime, 10))
print(os.difftime(10, 5), os.difftime(1, 0.0), os.difftime("3", 1))
print(pcall(os.difftime, 1.5, 1))

-- getenv
print(type(os.getenv("PATH")), os.getenv("LUNAR_SURELY_UNSET_VARIABLE"))
print(pcall(os.getenv))
print(pcall(os.getenv, {}))

-- tmpname, rename, remove
local n = os.tmpname()
print(type(n), n:sub(1, 9), #n, io.type(io.open(n)))
print(os.rename(n, n .. ".x"), io.open(n) == nil, os.remove(n .. ".x"))
print(os.rename("nosuch_a", "nosuch_b"))
print(os.remove("nosuch_file"))
print(pcall(os.remove))
print(pcall(os.rename, "a"))
print(os.remove("fixtures"))

-- setlocale
print(os.setlocale(), os.setlocale(nil, "all"), os.setlocale("C"), os.setlocale("POSIX"))
print(os.setlocale("C", "numeric"), os.setlocale(nil, "time"), os.setlocale("C", "collate"))
print(os.setlocale("no_such_locale"), os.setlocale("no_such_locale", "ctype"))
print(pcall(os.setlocale, nil, "foo"))
print(pcall(os.setlocale, {}))
print(os.setlocale())

print(pcall(os.exit, 1.5))
print(pcall(os.exit, "x"))
