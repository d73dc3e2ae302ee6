-- Speculative compiled code keeps what it knows of register types across table accesses and
-- calls; these are the ways a register can still change behind its back.

-- 1. a closure writes a captured local (an open upvalue) during a call
local function captured()
  local x = 0
  local function poison(i) if i == 150 then x = "str" .. i end end
  local n = 0
  for i = 1, 300 do
    x = i * 2
    poison(i)
    if type(x) == "string" then n = n + 1 else n = n + x end
  end
  return n, x
end
print("captured", captured())

-- 2. __index metamethod writes a captured local
local function via_index()
  local acc = 0.5
  local t = setmetatable({}, {__index = function(_, k) if k == 77 then acc = {} end return 1 end})
  local s = 0
  for i = 1, 200 do
    acc = acc + 1
    local v = t[i]
    if type(acc) == "table" then s = s + 1000; acc = 0 else s = s + v + acc end
  end
  return s
end
print("via_index", via_index())

-- 3. debug.setlocal from a callee changes a number into a string
local function setter(level, idx, v) debug.setlocal(level, idx, v) end
local function via_setlocal()
  local total = 0
  local k = 1
  for i = 1, 300 do
    k = i + 1
    if i == 200 then setter(2, 2, "10") end -- k := "10"
    total = total + k
  end
  return total, k
end
print("via_setlocal", via_setlocal())

-- 4. after setlocal was ever used, code compiled later still runs right
local function later(n)
  local a, b = 0, 1.5
  local t = {}
  for i = 1, n do
    t[i] = i
    a = a + t[i] * b
    b = b + #t % 3
  end
  return a, b
end
print("later", later(500))

-- 5. knowledge across calls, field reads and writes, concatenation, table creation
local obj = {x = 1, y = 2.5}
local function f(v) return v end
local function mixed(n)
  local s, fl = 0, 0.25
  local names = {}
  for i = 1, n do
    s = s + i
    local q = f(i)
    fl = fl * 1.0001 + obj.y
    obj.x = obj.x + q
    local tmp = {i}
    names[#names + 1] = "n" .. i
    s = s + #tmp
    fl = fl - i
  end
  return s, fl, obj.x, #names
end
print("mixed", mixed(1000))

-- 6. a finalizer changes a captured local while a loop allocates
local function finalizer()
  local c = 0
  local ok = 0
  do
    local mt = {__gc = function() c = "collected" end}
    setmetatable({}, mt)
  end
  for i = 1, 5000 do
    local t = {i, i}
    if type(c) == "number" then c = c + 1 else ok = ok + 1; c = 0 end
  end
  return type(c), ok >= 0
end
print("finalizer", finalizer())

-- 7. generic for: numeric accumulators live across the iterator call
local function gfor(t)
  local sum, fsum = 0, 0.0
  for i, v in ipairs(t) do
    sum = sum + i
    fsum = fsum + v / 2
  end
  for k, v in pairs({a = 1, b = 2}) do sum = sum + v end
  return sum, fsum
end
local arr = {}
for i = 1, 100 do arr[i] = i end
print("gfor", gfor(arr))
