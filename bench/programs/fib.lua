-- fib: naive doubly recursive Fibonacci (function-call overhead).
-- Usage: fib.lua [N | --smoke]   (N = Fibonacci index)

local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end

local function run(n)
  return fib(n)
end

local function check(n, r)
  local a, b = 0, 1
  for _ = 1, n do a, b = b, a + b end
  if r ~= a then
    error(string.format("fib(%d): got %s, want %d", n, tostring(r), a))
  end
  return string.format("fib(%d) = %d", n, r)
end

local bench = { name = "fib", default = 35, smoke = 12, warm = 27, run = run, check = check }
if BENCH_LIB then return bench end
local n = arg and arg[1]
if n == "--smoke" then n = bench.smoke
elseif n == nil then n = bench.default
else n = tonumber(n) or error("bad size: " .. tostring(n)) end
print(bench.name .. ": " .. check(n, run(n)))
