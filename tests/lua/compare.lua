-- 3.4.4 relational operators
print(1 == 1, 1 == 1.0, 1 == "1", "a" == "a", nil == false, {} == {})
print(1 ~= 2, 1 ~= 1.0, "1" ~= 1)
print(1 < 2, 2 < 1, 1 <= 1, 1 >= 1.0, 2 > 1.5, -1 < -0.5)
print("a" < "b", "a" < "aa", "" < "a", "Z" < "a", "abc" < "abd", "b" > "abc")
print("a\0b" < "a\0c", "a\0" > "a", "\255" > "a", "10" < "9")
print(math.maxinteger < 2^63, math.maxinteger + 0.0 == 2^63, math.maxinteger == 2^63)
print(math.mininteger == -2^63, math.mininteger < -2^63, math.mininteger <= -2^63)
print(2^53 == 2^53 + 1, (2^53 | 0) + 1 == 2^53, (2^53 | 0) + 1 > 2^53, (2^53 | 0) + 1 < 2^53 + 2)
print(1 < math.huge, math.mininteger > -math.huge, math.maxinteger < math.huge)
local nan = 0/0
print(nan == nan, nan < nan, nan <= nan, nan > 1, nan < 1, 1 < nan, math.maxinteger < nan)
print(-0.0 == 0, 0.0 == -0.0, -0.0 < 0.0)
local t = {}
local f = function() end
print(t == t, f == f, t ~= {}, print == print)
print(pcall(function() return 1 < "2" end))
print(pcall(function() return "1" < 2 end))
print(pcall(function() return {} < {} end))
print(pcall(function() return 1 < nil end))
print(pcall(function() return nil > 1 end))
print(pcall(function() return true <= false end))
print(pcall(function() return {} <= 1 end))
print(pcall(function() return print < print end))
-- == never raises between different types
print(1 == nil, "x" == {}, print == 1)
-- chained comparisons are just boolean comparisons
print(pcall(function() return 1 < 2 < 3 end))
print((1 < 2) == true)
-- int/float comparisons near limits
local big = 9007199254740993
print(big == 9007199254740992.0, big < 9007199254740994.0, big > 9007199254740992.0)
print(math.maxinteger < 9223372036854775808.0, math.maxinteger >= 9223372036854775807.0)
