local a, b, c = ...
local r
r = a and b; r = a or b; r = a and b or c; r = (a or b) and c
r = not a; r = not not a; r = not nil; r = not 1; r = not (a and b)
r = a and 1 or 2; r = nil and a; r = false or a; r = true and a; r = 1 and 2
r = a or {}; r = a and a.b and a.b.c
if a and b then f() end
if a or b then f() end
if not a then f() end
if not (a or b) then f() end
if a and (b or c) then f() elseif c then g() else h() end
x = a == 1 or b == 2
x = (a and b) == c
local t = {a and b, a or b, not a}
f(a and b, a or b)
return a and b
