local a, b = ...
local r
r = a == b; r = a ~= b; r = a < b; r = a <= b; r = a > b; r = a >= b
r = a == 1; r = a ~= 1; r = a < 1; r = a <= 1; r = a > 1; r = a >= 1
r = 1 == a; r = 1 < a; r = 1 <= a; r = 1 > a; r = 1 >= a
r = a == 1.0; r = a < 2.0; r = a == 1.5; r = a < 1.5; r = a == 1000; r = a < 1000
r = a == "x"; r = "x" == a; r = a ~= nil; r = a == true; r = a == false; r = nil == a
r = 1 == 2; r = "a" == "b"; r = "a" < "b"; r = 1 < 2
if a == b then x() end
if a < 10 and b > 20 or a ~= b then x() else y() end
while a < b do a = a + 1 end
r = a == b and b ~= nil
r = not (a < b)
r = a.x == b.y
