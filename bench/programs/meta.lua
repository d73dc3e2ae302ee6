-- meta: metamethod-heavy code: a 2-D vector class with __add/__sub/__mul/__unm/__eq/__lt/
-- __le/__mod/__call/__concat/__tostring, __index/__newindex functions on a proxy, and method
-- lookup through a three-level inheritance chain.
-- Usage: meta.lua [N | --smoke]   (N = loop iterations)

local Vec = {}
Vec.__index = Vec

local function vec(x, y) return setmetatable({ x = x, y = y }, Vec) end

Vec.__add = function(a, b) return vec(a.x + b.x, a.y + b.y) end
Vec.__sub = function(a, b) return vec(a.x - b.x, a.y - b.y) end
Vec.__mul = function(a, b)
  if type(a) == "number" then return vec(a * b.x, a * b.y) end
  if type(b) == "number" then return vec(a.x * b, a.y * b) end
  return a.x * b.x + a.y * b.y -- dot product
end
Vec.__unm = function(a) return vec(-a.x, -a.y) end
Vec.__eq = function(a, b) return a.x == b.x and a.y == b.y end
Vec.__lt = function(a, b) return a.x * a.x + a.y * a.y < b.x * b.x + b.y * b.y end
Vec.__le = function(a, b) return a.x * a.x + a.y * a.y <= b.x * b.x + b.y * b.y end
Vec.__mod = function(a, k) return a.x % k + a.y % k end -- (no __len: LuaJIT ignores it)
Vec.__call = function(a, k) return a.x * k + a.y end
Vec.__concat = function(a, b)
  if getmetatable(a) == Vec then a = a.x + a.y end
  if getmetatable(b) == Vec then b = b.x + b.y end
  return a + b -- numbers, to keep the result a number
end
Vec.__tostring = function(a) return string.format("(%d,%d)", a.x, a.y) end

function Vec:manhattan() return math.abs(self.x) + math.abs(self.y) end

-- Inheritance: Shape <- Rect <- Square, methods found through __index tables.
local Shape = {}
Shape.__index = Shape
function Shape:area() return 0 end
function Shape:describe() return self:area() + self:sides() end
function Shape:sides() return 0 end

local Rect = setmetatable({}, Shape)
Rect.__index = Rect
function Rect:area() return self.w * self.h end
function Rect:sides() return 4 end

local Square = setmetatable({}, Rect)
Square.__index = Square
function Square:area() return self.w * self.w end

-- A proxy that counts reads and writes through __index/__newindex functions.
local function proxy(store)
  local counts = { reads = 0, writes = 0 }
  local p = setmetatable({}, {
    __index = function(_, k)
      counts.reads = counts.reads + 1
      return store[k]
    end,
    __newindex = function(_, k, v)
      counts.writes = counts.writes + 1
      store[k] = v
    end,
  })
  return p, counts
end

local function run(n)
  local acc = vec(0, 0)
  local r = { dot = 0, lt = 0, le = 0, eq = 0, mod = 0, call = 0, cat = 0, desc = 0 }
  local unit = vec(1, 1)
  for i = 1, n do
    local v = vec(i % 10, -(i % 7))
    acc = acc + v * 2 - unit
    acc = -(-acc)
    r.dot = r.dot + v * unit
    if v < unit then r.lt = r.lt + 1 end
    if unit <= v then r.le = r.le + 1 end
    if v == vec(i % 10, -(i % 7)) then r.eq = r.eq + 1 end
    r.mod = r.mod + v % 5
    r.call = r.call + v(3)
    r.cat = r.cat + (v .. unit)
  end
  local shapes = { setmetatable({ w = 2, h = 3 }, Rect), setmetatable({ w = 5 }, Square),
    setmetatable({}, Shape) }
  for i = 1, n do
    r.desc = r.desc + shapes[i % 3 + 1]:describe()
  end
  local p, counts = proxy({})
  for i = 1, n do
    local k = i % 64
    p[k] = (p[k] or 0) + 1
  end
  r.reads, r.writes = counts.reads, counts.writes
  r.acc = acc
  r.str = tostring(acc)
  return r
end

local function check(n, r)
  local ax, ay = 0, 0
  local w = { dot = 0, lt = 0, le = 0, mod = 0, call = 0, cat = 0, desc = 0 }
  local desc = { [0] = 6 + 4, [1] = 25 + 4, [2] = 0 }
  for i = 1, n do
    local x, y = i % 10, -(i % 7)
    ax = ax + 2 * x - 1
    ay = ay + 2 * y - 1
    w.dot = w.dot + x + y
    local m2 = x * x + y * y
    if m2 < 2 then w.lt = w.lt + 1 end
    if 2 <= m2 then w.le = w.le + 1 end
    w.mod = w.mod + x % 5 + y % 5
    w.call = w.call + 3 * x + y
    w.cat = w.cat + x + y + 2
    w.desc = w.desc + desc[i % 3]
  end
  for k, v in pairs(w) do
    if r[k] ~= v then error(string.format("meta(%d): %s = %d, want %d", n, k, r[k], v)) end
  end
  if r.eq ~= n then error("meta: __eq failed") end
  if r.acc.x ~= ax or r.acc.y ~= ay then error("meta: vector sum wrong") end
  if r.str ~= string.format("(%d,%d)", ax, ay) then error("meta: __tostring wrong") end
  if r.reads ~= n or r.writes ~= n then error("meta: proxy counts wrong") end
  return string.format("sum %s, dot %d", r.str, r.dot)
end

local bench = { name = "meta", default = 200000, smoke = 100, warm = 20000, run = run, check = check }
if BENCH_LIB then return bench end
local n = arg and arg[1]
if n == "--smoke" then n = bench.smoke
elseif n == nil then n = bench.default
else n = tonumber(n) or error("bad size: " .. tostring(n)) end
print(bench.name .. ": " .. check(n, run(n)))
