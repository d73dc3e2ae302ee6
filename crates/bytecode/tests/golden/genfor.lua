local t = {10, 20, 30, x = 1}
for i, v in ipairs(t) do print(i, v) end
for k, v in pairs(t) do print(k, v) end
for k in next, t, nil do print(k) end
local function range(n)
  local i = 0
  return function() i = i + 1; if i <= n then return i end end
end
for i in range(3) do print(i) end
local fs = {}
for k, v in pairs(t) do
  fs[#fs + 1] = function() return k, v end
end
for _, f in ipairs(fs) do
  local a, b = f()
  if a == "x" then break end
end
for a, b, c, d, e, f in pairs(t) do end
