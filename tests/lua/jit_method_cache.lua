-- Method calls through a metatable's __index table (the JIT's method cache at SELF): every
-- way the cached position can go stale must be seen.

local Base = {}
Base.__index = Base
function Base:get() return "base" end
function Base:name() return "Base" end

local Derived = setmetatable({}, Base)
Derived.__index = Derived
function Derived:get() return "derived" end

local function loop(o, n)
  local last, count = nil, {}
  for i = 1, n do
    last = o:get()
    count[last] = (count[last] or 0) + 1
  end
  return last, count
end

local function show(tag, last, count)
  local keys = {}
  for k in pairs(count) do keys[#keys + 1] = k end
  table.sort(keys)
  local parts = {}
  for _, k in ipairs(keys) do parts[#parts + 1] = k .. "=" .. count[k] end
  print(tag, last, table.concat(parts, " "))
end

local obj = setmetatable({}, Base)
show("plain", loop(obj, 300))

-- the class's method redefined in the middle of a hot loop
do
  local o = setmetatable({}, Base)
  local seen = {}
  for i = 1, 300 do
    if i == 150 then Base.get = function() return "redefined" end end
    seen[#seen + 1] = o:get()
  end
  print("redefined", seen[149], seen[150], seen[300])
  Base.get = function() return "base" end
end

-- the object gets a method of its own (shadows the class's), then loses it
do
  local o = setmetatable({}, Base)
  local out = {}
  for i = 1, 300 do
    if i == 100 then o.get = function() return "own" end end
    if i == 200 then o.get = nil end
    out[#out + 1] = o:get()
  end
  print("shadowed", out[99], out[100], out[199], out[200])
end

-- the metatable swapped for another class mid-loop
do
  local o = setmetatable({}, Base)
  local out = {}
  for i = 1, 300 do
    if i == 120 then setmetatable(o, Derived) end
    out[#out + 1] = o:get() .. "/" .. o:name()
  end
  print("swapped", out[119], out[120], out[300])
end

-- __index changed from a table to a function, then to another table
do
  local mt = { __index = Base }
  local o = setmetatable({}, mt)
  local out = {}
  for i = 1, 300 do
    if i == 100 then mt.__index = function(_, k) return function() return "fn:" .. k end end end
    if i == 200 then mt.__index = Derived end
    out[#out + 1] = o:get()
  end
  print("index changed", out[99], out[100], out[199], out[200], out[300])
end

-- the class table grows (rehash moves the method's entry) while the loop runs
do
  local K = {}
  K.__index = K
  function K:get() return "k" end
  local o = setmetatable({}, K)
  local n = 0
  for i = 1, 400 do
    K["extra" .. i] = i
    if o:get() == "k" then n = n + 1 end
  end
  print("rehash", n)
  -- the method removed and re-added at another position
  local out = {}
  for i = 1, 300 do
    if i == 100 then K.get = nil end
    if i == 101 then K.get = function() return "again" end end
    local ok, v = pcall(function() return o:get() end)
    out[#out + 1] = ok and v or "error"
  end
  print("removed", out[99], out[100], out[101], out[300])
end

-- inheritance chains: a method found two levels up, then overridden one level up
do
  local o = setmetatable({}, Derived)
  local out = {}
  for i = 1, 300 do
    if i == 150 then Derived.name = function() return "Derived" end end
    out[#out + 1] = o:name()
  end
  print("chain", out[149], out[150])
end

-- a method call on a value that is not a table, and on a missing method
print("errors", pcall(function() local s = 5; return s:get() end))
print("errors", pcall(function() return obj:missing() end))
print("string methods", ("abc"):upper(), ("x"):rep(3))
