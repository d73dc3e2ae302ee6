local a, b, c = 1, 2
local d, e = f()
local g = 1, 2, 3
a, b = b, a
x, y = y, x
local t = {}
t.x, t.y = 1, 2
t[a], a = a, 5
a, t[a] = 5, a
local i
i, t[i] = i + 1, 20
t[1], t[2], t[3] = g()
local u = t
t, u.x = u, t
x.y.z = 1
x[1][2] = x[2][1]
a = nil; b = true; c = false
a, b = ...
local q <const> = 10
local r <const> = "str"
local s <const> = q * 2 + 1
x = q + s, r
