-- sieve: sieve of Eratosthenes over a boolean array (array stores, integer loops).
-- Usage: sieve.lua [LIMIT | --smoke]   (counts the primes <= LIMIT)

local function run(n)
  local composite = {}
  for i = 1, n do composite[i] = false end
  local count = 0
  for i = 2, n do
    if not composite[i] then
      count = count + 1
      for j = i * i, n, i do composite[j] = true end
    end
  end
  -- The largest prime found, re-checked by trial division in check().
  local largest = 0
  for i = n, 2, -1 do
    if not composite[i] then largest = i; break end
  end
  return { count = count, largest = largest }
end

-- pi(N), the number of primes <= N.
local EXPECTED = {
  [100] = 25, [1000] = 168, [10000] = 1229, [100000] = 9592, [200000] = 17984,
  [500000] = 41538, [1000000] = 78498, [2000000] = 148933, [3000000] = 216816,
  [4000000] = 283146, [5000000] = 348513,
}

local function check(n, r)
  local want = EXPECTED[n]
  if want then
    if r.count ~= want then
      error(string.format("sieve(%d): %d primes, want %d", n, r.count, want))
    end
  elseif n > 600 then
    -- Dusart's bounds: x/ln x (1 + 1/ln x) < pi(x) < x/ln x (1 + 1.2762/ln x) for x > 598.
    local l = math.log(n)
    if r.count <= n / l * (1 + 1 / l) or r.count >= n / l * (1 + 1.2762 / l) then
      error(string.format("sieve(%d): implausible prime count %d", n, r.count))
    end
  end
  local p = r.largest
  local d = 2
  while d * d <= p do
    if p % d == 0 then error(string.format("sieve(%d): %d is not prime", n, p)) end
    d = d + 1
  end
  return string.format("%d primes <= %d, largest %d", r.count, n, p)
end

local bench = { name = "sieve", default = 5000000, smoke = 1000, warm = 200000, run = run, check = check }
if BENCH_LIB then return bench end
local n = arg and arg[1]
if n == "--smoke" then n = bench.smoke
elseif n == nil then n = bench.default
else n = tonumber(n) or error("bad size: " .. tostring(n)) end
print(bench.name .. ": " .. check(n, run(n)))
