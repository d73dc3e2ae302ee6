-- small programs: sieve, sorting, queens, string building, fibonacci, gcd
local function sieve(n)
  local composite, primes = {}, {}
  for i = 2, n do
    if not composite[i] then
      primes[#primes + 1] = i
      for j = i * i, n, i do composite[j] = true end
    end
  end
  return primes
end
local p = sieve(1000)
print("primes", #p, p[1], p[#p])

local function quicksort(a, lo, hi)
  lo, hi = lo or 1, hi or #a
  if lo < hi then
    local pivot, i = a[hi], lo - 1
    for j = lo, hi - 1 do
      if a[j] <= pivot then i = i + 1; a[i], a[j] = a[j], a[i] end
    end
    a[i + 1], a[hi] = a[hi], a[i + 1]
    quicksort(a, lo, i)
    quicksort(a, i + 2, hi)
  end
  return a
end
-- deterministic pseudo random numbers (LCG)
local seed = 12345
local function rand(n) seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n end
local arr = {}
for i = 1, 200 do arr[i] = rand(1000) end
quicksort(arr)
local sorted = true
for i = 2, #arr do if arr[i - 1] > arr[i] then sorted = false end end
print("quicksort", sorted, arr[1], arr[100], arr[200])

local function queens(n)
  local count, cols, d1, d2 = 0, {}, {}, {}
  local function place(r)
    if r > n then count = count + 1; return end
    for c = 1, n do
      if not cols[c] and not d1[r + c] and not d2[r - c + n] then
        cols[c], d1[r + c], d2[r - c + n] = true, true, true
        place(r + 1)
        cols[c], d1[r + c], d2[r - c + n] = nil, nil, nil
      end
    end
  end
  place(1)
  return count
end
print("queens 6", queens(6), "queens 8", queens(8))

local function gcd(a, b) while b ~= 0 do a, b = b, a % b end return a end
print("gcd", gcd(1071, 462), gcd(2^40 | 0, 6^10 | 0))

local fibs = { 1, 1 }
for i = 3, 92 do fibs[i] = fibs[i - 1] + fibs[i - 2] end
print("fib 92", fibs[92], math.type(fibs[92]))
local fib93 = fibs[92] + fibs[91]
print("fib 93 wraps", fib93 < 0)

-- string building
local parts = {}
for i = 1, 10 do parts[#parts + 1] = string.format("%02d", i * i) end
print(table.concat(parts, ":"))

-- collatz lengths
local function collatz(n) local steps = 0 while n ~= 1 do if n % 2 == 0 then n = n // 2 else n = 3 * n + 1 end steps = steps + 1 end return steps end
local best, bestn = 0, 0
for i = 1, 10000 do local s = collatz(i); if s > best then best, bestn = s, i end end
print("collatz", bestn, best)

-- matrix multiplication
local function matmul(a, b)
  local n, m, q = #a, #b, #b[1]
  local c = {}
  for i = 1, n do
    c[i] = {}
    for j = 1, q do
      local s = 0
      for k = 1, m do s = s + a[i][k] * b[k][j] end
      c[i][j] = s
    end
  end
  return c
end
local m = matmul({ { 1, 2 }, { 3, 4 } }, { { 5, 6 }, { 7, 8 } })
print("matmul", m[1][1], m[1][2], m[2][1], m[2][2])
-- float accumulation
local acc = 0.0
for i = 1, 1000 do acc = acc + 1 / i end
print("harmonic", acc)
