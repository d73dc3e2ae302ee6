-- Field reads with inline caches (GETFIELD, and globals through GETTABUP): the cached position
-- of a key in a table's hash part is checked every time, so tables of different shapes,
-- removed and re-added fields, rehashing, __index fallbacks and redefined globals all read
-- what Lua reads.
local function getx(o) return o.x end
local a = { x = 1, y = 2 }
local b = { y = 3, x = 4 }          -- same key, other position
local c = setmetatable({}, { __index = { x = "inherited" } })
local d = setmetatable({ x = "own" }, { __index = function() return "fallback" end })
for round = 1, 3 do
  local out = {}
  for i = 1, 100 do
    out[#out + 1] = getx(i % 2 == 0 and a or b)
  end
  print(round, out[1], out[2], out[100], getx(c), getx(d))
end

-- removing a field and adding others (tombstones, compaction, growth)
local t = { x = 10, y = 20 }
for i = 1, 50 do getx(t) end
t.x = nil
print(getx(t), getx(c))
for i = 1, 40 do t["k" .. i] = i end
t.x = 30
print(getx(t))
for i = 1, 40 do t["k" .. i] = nil end
t.z = 1
print(getx(t), t.y, t.z)

-- long-string keys (not interned) and numeric-looking keys
local long = string.rep("field", 10)
local u = { [long] = "long value", x = "x" }
local function getlong(o) return o[long], o.x end
for _ = 1, 100 do getlong(u) end
print(getlong(u))

-- globals read in a hot loop, then redefined; _ENV replaced
counter = 0
local function bump(n)
  local s = 0
  for i = 1, n do s = s + counter + math.floor(i / 2) end
  return s
end
print(bump(100))
counter = 1000
print(bump(100))
math = { floor = function() return 0 end }
print(bump(100))
local function with_env()
  local _ENV = { counter = 7, math = { floor = function(x) return x end } }
  local s = 0
  for i = 1, 10 do s = s + counter + math.floor(i) end
  return s
end
print(with_env())

-- non-table receivers: strings (methods through the string metatable) and errors
local function len_of(s) return s.len end
print(len_of("abc") == string.len, pcall(len_of, 5))

-- field writes with the cache: existing fields overwritten in place; new fields, nil values
-- (removals) and __newindex go the long way
local function move(p, dx)
  p.x = p.x + dx
  p.tag = "moved"
  p.flag = true
  p.n = 3
  p.f = 0.5
end
local p = { x = 0, tag = "new", flag = false, n = 0, f = 0 }
for _ = 1, 200 do move(p, 1) end
print(p.x, p.tag, p.flag, p.n, p.f)
local q = { x = 10 }                 -- the other fields are created by the first call
move(q, 5)
print(q.x, q.tag, q.flag, q.n, q.f)
local log = {}
local r = setmetatable({ x = 1 }, { __newindex = function(t, k, v) log[#log + 1] = k; rawset(t, k, v) end })
move(r, 1)
print(r.x, table.concat(log, ","))
local function clear(o) o.x = nil end
for _ = 1, 100 do p.x = 1; clear(p) end
print(p.x, next({}), rawlen(p))
local keys = {}
for k in pairs(p) do keys[#keys + 1] = k end
table.sort(keys)
print(table.concat(keys, ","))

-- array stores of constants (SETTABLE/SETI with a constant value)
local arr = {}
for i = 1, 10 do arr[i] = false end
local function mark(t, n)
  for i = 1, n do t[i] = true end
  t[2] = "two"; t[3] = 1.5; t[4] = 7; t[5] = nil
  t[n + 2] = "past the end"
end
for _ = 1, 100 do mark(arr, 8) end
print(arr[1], arr[2], arr[3], arr[4], arr[5], arr[8], arr[9], arr[10], #arr >= 4)
local watched = setmetatable({}, { __newindex = function(t, k, v) rawset(t, k, "new " .. tostring(v)) end })
mark(watched, 3)
print(watched[1], watched[2], watched[3], watched[5])
