-- 3.4.3 coercions and conversions: strings in arithmetic, numbers in concatenation
print("10" + 1, "10" - 1, "3" * "4", "10" / "4", "7" // "2", "7" % "3", "2" ^ "3")
print(math.type("10" + 1), math.type("10" * 1.0), math.type("1.5" + 0))
print("0x10" + 0, "1e2" + 0, " 5 " + 0, "-3" + 0, "10" + "0x1")
print(-"2", -"2.5", -"0x10", math.type(-"2"))
print(10 .. 20, 1.5 .. "|", -0.0 .. "|", 2^63 .. "", 10 .. "", "" .. 1e100)
print(1 .. "", 1.0 .. "", 0x10 .. "", 1e15 .. "", 1e16 .. "")
print(pcall(function() return "abc" + 1 end))
print(pcall(function() return 1 + "abc" end))
print(pcall(function() return "1" + {} end))
print(pcall(function() return {} .. "x" end))
print(pcall(function() return "x" .. nil end))
print(pcall(function() return true .. "x" end))
print(pcall(function() return "10" < 5 end))
print("10" == 10, "abc" < "abd", "10" < "9")
-- string arithmetic goes through the string metatable
local smt = getmetatable("")
print(type(smt), type(smt.__index), type(smt.__add), smt.__index == string)
print(("x"):rep(3), ("%d"):format(7))
local s = "5"
print(s + s, s * s, s .. s, #s)
-- integer strings stay integers, float strings become floats
print("9007199254740993" + 0, "9007199254740993.0" + 0)
print("9223372036854775807" + 1, "9223372036854775808" + 0)
-- tostring / concatenation of floats uses %.14g
print(0.1 .. "", 1/3 .. "", 100 / 2 .. "", 2^53 .. "")
