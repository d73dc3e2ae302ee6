local a, i = {}, 1
a[i], i = i, 2
i, a[i] = 3, 4
local b = {}
a, a.x = b, 1
a.x, a = 1, b
local c = function()
  a.y, a = 2, nil
  u.z, u = 3, nil
  a[i], i = 5, 6
end
a[i], a[i+1], i = 1, 2, 3
