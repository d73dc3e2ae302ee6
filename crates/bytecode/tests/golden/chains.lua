local obj = {}
local r = obj:a():b(1):c("x"):d{1, 2}:e"str"
r = obj.x.y.z:w()
r = obj[1][2][3]
r = obj["a"]["b"]:c()
obj.a.b.c = obj:d().e.f
string.format("%d", 1):rep(2):upper()
r = ("lit"):len()
r = (obj).x
r = (obj:a()).b
