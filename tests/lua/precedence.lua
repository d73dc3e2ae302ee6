-- 3.4.8 precedence and associativity
print(2 + 3 * 4, (2 + 3) * 4, 2 * 3 + 4, 10 - 4 - 3, 100 / 10 / 2, 2 ^ 3 ^ 2, (2 ^ 3) ^ 2)
print(-2 ^ 2, not true == false, not (true == false), -3 % 5, (-3) % 5, -(3 % 5))
print(1 .. 2 .. 3, "a" .. 1 + 2, 2 * 3 .. "", "n" .. 10 // 3)
print(1 + 1 == 2, 1 < 2 == true, "a" .. "b" == "ab", 1 == 1 and 2 == 2)
print(1 < 2 and 2 < 3, nil or false and 1, 1 and 2 or 3, nil and nil or "x")
print(1 | 2 ~ 3 & 4, ((1 | 2) ~ 3) & 4, 1 << 2 + 3, 1 + 2 << 3, 5 & 3 == 1)
print(#"abc" + 1, -#"abc", #"ab" .. "c", -2 ^ -2, 2 ^ -3 ^ 2)
print(2 .. 3 ^ 2, -1 .. "", - -1, not not 1, ~~5, - - -2)
print(1 + 2 .. "", 3 - -3, 3 - - -3)
print(10 // 3 * 3 + 10 % 3, 7 // 2 ^ 2, -7 // 2 * 2)
print("x" .. "y" < "xz", 1 + 2 < 4 and 5 > 4 or false)
local t = { f = function() return { g = function() return 5 end } end }
print(t.f().g() + 1, -t.f().g(), #{ t.f().g() })
local a, b, c = 2, 3, 4
print(a + b * c ^ 2 // 3 % 5, a .. b .. c + 1, a < b == (c > b))
print((a + b) * c, a + (b * c), ((a)))
