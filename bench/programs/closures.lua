-- closures: higher-order functions (map/filter/reduce/compose), closure creation in loops,
-- upvalue reads and writes, varargs.
-- Usage: closures.lua [N | --smoke]   (N = rounds over a 1000-element array)

local LEN = 1000

local function map(t, f)
  local r = {}
  for i = 1, #t do r[i] = f(t[i]) end
  return r
end

local function filter(t, p)
  local r, k = {}, 0
  for i = 1, #t do
    local v = t[i]
    if p(v) then k = k + 1; r[k] = v end
  end
  return r
end

local function reduce(t, f, acc)
  for i = 1, #t do acc = f(acc, t[i]) end
  return acc
end

local function compose(f, g)
  return function(...) return f(g(...)) end
end

local function adder(k)
  return function(x) return x + k end
end

local function make_counter()
  local c = 0
  return function(step)
    c = c + (step or 1)
    return c
  end
end

local function curry3(f)
  return function(a) return function(b) return function(c) return f(a, b, c) end end end
end

local function run(n)
  local data = {}
  for i = 1, LEN do data[i] = i end
  local total = 0
  local double = function(x) return x * 2 end
  local sum = function(a, b) return a + b end
  local mad = curry3(function(a, b, c) return a * b + c end)
  for rep = 1, n do
    local k = rep % 7
    local f = compose(adder(k), double)          -- x -> 2x + k
    local mapped = map(data, f)
    local kept = filter(mapped, function(x) return x % 3 == 0 end)
    total = total + reduce(kept, sum, 0)
    local ctr = make_counter()
    for i = 1, 10 do ctr(i) end                 -- 55
    total = total + ctr(0)
    total = total + mad(k)(3)(rep % 5)          -- 3k + rep % 5
  end
  return total
end

local function check(n, r)
  -- Per k = rep % 7, the filtered sum of 2x + k over x = 1..LEN.
  local per_k = {}
  for k = 0, 6 do
    local s = 0
    for x = 1, LEN do
      local v = 2 * x + k
      if v % 3 == 0 then s = s + v end
    end
    per_k[k] = s
  end
  local want = 0
  for rep = 1, n do
    local k = rep % 7
    want = want + per_k[k] + 55 + 3 * k + rep % 5
  end
  if r ~= want then
    error(string.format("closures(%d): got %d, want %d", n, r, want))
  end
  return string.format("total %d", r)
end

local bench = { name = "closures", default = 4000, smoke = 5, warm = 100, run = run, check = check }
if BENCH_LIB then return bench end
local n = arg and arg[1]
if n == "--smoke" then n = bench.smoke
elseif n == nil then n = bench.default
else n = tonumber(n) or error("bad size: " .. tostring(n)) end
print(bench.name .. ": " .. check(n, run(n)))
