-- The length limit of __index and __newindex chains (MAXTAGLOOP = 2000 steps), reached through
-- compiled field reads, method calls and stores.
local function chain(n)
  local top = { m = function() return "m" end, f = "f" }
  local t = top
  for _ = 1, n do
    local nt = setmetatable({}, { __index = t })
    t = nt
  end
  return t
end
for _, n in ipairs({ 1, 2, 1997, 1998, 1999, 2000, 2001 }) do
  local o = chain(n)
  local r1, r2
  for _ = 1, 100 do
    r1 = table.pack(pcall(function() return o.f end))
    r2 = table.pack(pcall(function() return o:m() end))
  end
  print(n, r1[1], r1[2], r2[1], r2[2])
end
-- a class found through __index: the class's own chain continues
local Base = { deep = "base" }
local Mid = setmetatable({}, { __index = Base })
local obj = setmetatable({}, { __index = Mid })
local v
for _ = 1, 300 do v = obj.deep end
print(v)
-- __newindex chains of the same lengths: the last table's existing field is assigned
local function nchain(n)
  local top = { f = 0 }
  local t = top
  for _ = 1, n do t = setmetatable({}, { __newindex = t }) end
  return t, top
end
for _, n in ipairs({ 1998, 1999, 2000, 2001 }) do
  local o, top = nchain(n)
  local ok, e = pcall(function() o.f = n end)
  print("newindex", n, ok, ok and top.f or e)
end
