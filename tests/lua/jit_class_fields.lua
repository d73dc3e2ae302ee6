-- Field reads that miss the object (JIT: a key filter proves the field absent, then the
-- metatable's __index table is read inline): every way the answer can change.

local Base = { kind = "base", limit = 10 }
Base.__index = Base

local function read_kind(o, n)
  local out = {}
  for i = 1, n do out[i] = o.kind end
  return out
end

local o = setmetatable({}, Base)
local r = read_kind(o, 300)
print("inherited", r[1], r[300])

-- the class's field changes, the object shadows it, then loses it again
do
  local p = setmetatable({}, Base)
  local out = {}
  for i = 1, 400 do
    if i == 100 then Base.kind = "changed" end
    if i == 200 then p.kind = "own" end
    if i == 300 then p.kind = nil end
    out[i] = p.kind
  end
  print("changes", out[99], out[100], out[200], out[300], out[400])
  Base.kind = "base"
end

-- fields that are nil everywhere: no metatable, a class without the field, a class whose
-- own metatable supplies it
do
  local plain = {}
  local cls = setmetatable({}, { __index = { deep = "from grandparent" } })
  cls.__index = cls
  local obj = setmetatable({}, cls)
  local a, b, c
  for _ = 1, 300 do
    a = plain.missing
    b = setmetatable({}, Base).missing
    c = obj.deep
  end
  print("nil fields", a, b, c)
end

-- a field set to nil in the object (a dead entry): the class answers
do
  local Packet = { link = "class link" }
  Packet.__index = Packet
  local p = setmetatable({ link = "own", id = 1 }, Packet)
  local out = {}
  for i = 1, 300 do
    if i == 150 then p.link = nil end
    out[i] = p.link
  end
  print("dead entry", out[149], out[150], out[300])
end

-- __index switched from a table to a function and back; the metatable replaced
do
  local mt = { __index = Base }
  local q = setmetatable({}, mt)
  local out = {}
  for i = 1, 400 do
    if i == 100 then mt.__index = function(_, k) return "fn " .. k end end
    if i == 200 then mt.__index = { kind = "other table" } end
    if i == 300 then setmetatable(q, nil) end
    out[i] = q.kind
  end
  print("index switched", out[99], out[100], out[200], out[300])
end

-- the class gets a metatable later; the class table is rehashed while read
do
  local K = { v = 1 }
  K.__index = K
  local k = setmetatable({}, K)
  local out = {}
  for i = 1, 400 do
    if i == 100 then setmetatable(K, { __index = { w = "late" } }) end
    if i > 150 and i < 250 then K["f" .. i] = i end
    out[i] = tostring(k.v) .. "/" .. tostring(k.w)
  end
  print("class changes", out[99], out[100], out[300])
end

-- undefined and redefined globals read in a hot loop
do
  local out = {}
  for i = 1, 300 do
    if i == 150 then UNDEFINED_GLOBAL_X = "now defined" end
    out[i] = UNDEFINED_GLOBAL_X
  end
  print("globals", out[149], out[150])
  UNDEFINED_GLOBAL_X = nil
end

-- _ENV with a metatable (strict-mode style)
do
  local env = setmetatable({}, { __index = _G })
  local f = load("local n = 0 for i = 1, 300 do if print ~= nil then n = n + 1 end end return n, missing_name", "=chunk", "t", env)
  print("env", f())
end

-- a key filter full of bits (an object with many fields)
do
  local Big = { method_like = "class" }
  Big.__index = Big
  local b = setmetatable({}, Big)
  for i = 1, 200 do b["field" .. i] = i end
  local v
  for _ = 1, 300 do v = b.method_like end
  print("many fields", v, b.field200)
end
