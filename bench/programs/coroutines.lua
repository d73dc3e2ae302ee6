-- coroutines: ping-pong between the main thread and a coroutine, a generator -> filter ->
-- consumer pipeline of coroutines, and many short-lived coroutines.
-- Usage: coroutines.lua [N | --smoke]   (N = ping-pong round trips)

local function ping_pong(n)
  local co = coroutine.wrap(function(x)
    while true do x = coroutine.yield(x + 1) end
  end)
  local v = 0
  for _ = 1, n do v = co(v) end
  return v
end

local function generator(m)
  return coroutine.create(function()
    for i = 1, m do coroutine.yield(i) end
  end)
end

local function evens(src)
  return coroutine.create(function()
    while true do
      local ok, v = coroutine.resume(src)
      if not ok then error(v) end
      if v == nil then return end
      if v % 2 == 0 then coroutine.yield(v) end
    end
  end)
end

local function pipeline(m)
  local stage = evens(generator(m))
  local sum = 0
  while true do
    local ok, v = coroutine.resume(stage)
    if not ok then error(v) end
    if v == nil then break end
    sum = sum + v
  end
  return sum
end

local function short_lived(k)
  local total = 0
  for i = 1, k do
    local co = coroutine.create(function(a, b)
      local c = coroutine.yield(a + b)
      return c * 2
    end)
    local _, s = coroutine.resume(co, i, 1)
    local _, d = coroutine.resume(co, s)
    if coroutine.status(co) ~= "dead" then error("coroutine should be dead") end
    total = total + d
  end
  return total
end

local function run(n)
  local m = math.floor(n / 2)
  local k = math.floor(n / 10)
  return { ping = ping_pong(n), m = m, pipe = pipeline(m), k = k, short = short_lived(k) }
end

local function check(n, r)
  if r.ping ~= n then error(string.format("coroutines: ping-pong reached %d, want %d", r.ping, n)) end
  local h = math.floor(r.m / 2)
  local want_pipe = h * (h + 1)      -- 2 + 4 + ... + 2h
  if r.pipe ~= want_pipe then
    error(string.format("coroutines: pipeline sum %d, want %d", r.pipe, want_pipe))
  end
  local want_short = r.k * (r.k + 1) + 2 * r.k   -- sum of 2 (i + 1)
  if r.short ~= want_short then
    error(string.format("coroutines: short-lived sum %d, want %d", r.short, want_short))
  end
  return string.format("%d round trips, pipeline %d, short-lived %d", r.ping, r.pipe, r.short)
end

local bench = { name = "coroutines", default = 2000000, smoke = 100, warm = 50000, run = run, check = check }
if BENCH_LIB then return bench end
local n = arg and arg[1]
if n == "--smoke" then n = bench.smoke
elseif n == nil then n = bench.default
else n = tonumber(n) or error("bad size: " .. tostring(n)) end
print(bench.name .. ": " .. check(n, run(n)))
