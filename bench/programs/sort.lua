-- sort: table.sort with Lua comparators over records (two-key order), numbers (descending)
-- and strings (default order), then verification passes.
-- Usage: sort.lua [N | --smoke]   (N = elements)

-- Park-Miller minimal standard generator: exact in doubles and in 64-bit integers.
local function lcg(seed)
  return (seed * 16807) % 2147483647
end

local function run(n)
  local seed = 42
  local recs, nums, strs = {}, {}, {}
  for i = 1, n do
    seed = lcg(seed)
    recs[i] = { key = seed % 1000, id = i }
    nums[i] = seed % 100000
    strs[i] = "s" .. (seed % 50000)
  end
  table.sort(recs, function(a, b)
    if a.key ~= b.key then return a.key < b.key end
    return a.id < b.id
  end)
  table.sort(nums, function(a, b) return a > b end)
  table.sort(strs)
  return { recs = recs, nums = nums, strs = strs }
end

local function check(n, r)
  local recs, nums, strs = r.recs, r.nums, r.strs
  if #recs ~= n or #nums ~= n or #strs ~= n then error("sort: lost elements") end
  local seen, idsum = {}, 0
  for i = 1, n do
    local a = recs[i]
    if seen[a.id] then error("sort: duplicate record " .. a.id) end
    seen[a.id] = true
    idsum = idsum + a.id
    if i > 1 then
      local p = recs[i - 1]
      if p.key > a.key or (p.key == a.key and p.id >= a.id) then
        error(string.format("sort: records out of order at %d", i))
      end
      if nums[i - 1] < nums[i] then error(string.format("sort: numbers out of order at %d", i)) end
      if strs[i - 1] > strs[i] then error(string.format("sort: strings out of order at %d", i)) end
    end
  end
  if idsum ~= n * (n + 1) / 2 then error("sort: record ids changed") end
  -- Same multiset of numbers as generated.
  local seed, numsum, sorted_sum = 42, 0, 0
  for i = 1, n do
    seed = lcg(seed)
    numsum = numsum + seed % 100000
    sorted_sum = sorted_sum + nums[i]
  end
  if numsum ~= sorted_sum then error("sort: numbers changed") end
  local first, last = 0, 0
  if n > 0 then first, last = nums[1], nums[n] end
  return string.format("%d records, max %d, min %d", n, first, last)
end

local bench = { name = "sort", default = 100000, smoke = 200, warm = 10000, run = run, check = check }
if BENCH_LIB then return bench end
local n = arg and arg[1]
if n == "--smoke" then n = bench.smoke
elseif n == nil then n = bench.default
else n = tonumber(n) or error("bad size: " .. tostring(n)) end
print(bench.name .. ": " .. check(n, run(n)))
