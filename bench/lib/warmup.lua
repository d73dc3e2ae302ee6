-- Warm-up driver: runs one benchmark's inner loop repeatedly in this process and prints the
-- CPU time (os.clock) of each iteration, one "ITERATION SECONDS" line each.
-- Usage: warmup.lua PROGRAM.lua [ITERATIONS [SIZE]]
-- The program is loaded with the global BENCH_LIB set, so it returns its `bench` table
-- ({run = f(size), check = f(size, result), warm = size, ...}) instead of running.

local path = arg[1] or error("usage: warmup.lua PROGRAM.lua [ITERATIONS [SIZE]]")
local iters = tonumber(arg[2] or "30") or error("bad iteration count")
BENCH_LIB = true
local bench = dofile(path)
BENCH_LIB = nil
local size = arg[3] and (tonumber(arg[3]) or error("bad size")) or bench.warm or bench.default
local clock = os.clock
local run, check = bench.run, bench.check
for i = 1, iters do
  local t0 = clock()
  local result = run(size)
  local t1 = clock()
  check(size, result)
  print(string.format("%d %.6f", i, t1 - t0))
end
