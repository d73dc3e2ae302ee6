-- 3.4.1 integer arithmetic: wraparound, division, modulo, conversions
local maxi, mini = math.maxinteger, math.mininteger
print(1 + 2, 7 - 10, 6 * 7, -(-3), 2 - -2)
print(maxi + 1 == mini, mini - 1 == maxi, maxi * 2, mini * -1, -mini)
print(maxi + maxi, mini + mini, maxi * maxi, mini * mini)
print(7 // 2, -7 // 2, 7 // -2, -7 // -2, 0 // 5, 6 // 3)
print(7 % 3, -7 % 3, 7 % -3, -7 % -3, 0 % 5, 6 % 3, -6 % 3)
print(mini // -1, mini % -1, mini // 1, maxi // -1, maxi % -1)
print(mini // 2, mini % 2, maxi % 2, maxi // maxi, mini // mini)
print(5 % mini, -5 % mini, 5 % maxi, -5 % maxi, mini % maxi, maxi % mini)
print(pcall(function() return 3 // 0 end))
print(pcall(function() return 3 % 0 end))
print(pcall(function() local z = 0; return mini // z end))
print(pcall(function() local z = 0; return 1 % z end))
-- / always produces a float
print(4 / 2, 7 / 2, -7 / 2, maxi / 1, 1 / 3, 0 / 5)
-- ^ always produces a float
print(2 ^ 10, 2 ^ 0.5, (-8) ^ (1 / 3), 2 ^ -1, 0 ^ 0, 2 ^ 63, 10 ^ 2)
print(math.type(2 ^ 2), math.type(4 // 2), math.type(4 / 2), math.type(5 % 2))
-- integer results of mixed operations
print(3 + 0, 3 + 0.0, 3 * 1.0, 3 - 0.0, 10 // 3.0, 10 % 3.0)
-- unary minus on integers
print(-0, -(-0), -maxi, -(mini + 1))
-- precedence of unary minus and ^
print(-2 ^ 2, (-2) ^ 2, 2 ^ -2, -2 ^ -2)
-- big computations stay integers and wrap
local x = 1
for i = 1, 70 do x = x * 2 end
print(x)
local f = 1
for i = 1, 25 do f = f * i end
print("25! wrapped", f)
local h = 0
for i = 1, 100 do h = h * 31 + i end
print("hash", h)
-- comparisons between extreme values
print(maxi > mini, mini < 0, maxi + 0.0 == 2 ^ 63, maxi == 2 ^ 63, mini == -2 ^ 63)
-- math.floor with integers / floats
print(math.floor(5), math.floor(-5), math.floor(5.0), math.floor(-0.5), math.floor(2^62))
