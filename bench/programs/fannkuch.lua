-- fannkuch: fannkuch-redux, pancake flips over every permutation of 1..N (small-array
-- reads and writes, tight integer loops).
-- Usage: fannkuch.lua [N | --smoke]   (N = permutation length, 3..12)

local function run(n)
  local perm, perm1, count = {}, {}, {}
  for i = 1, n do perm1[i] = i end
  local max_flips, checksum, perm_count = 0, 0, 0
  local r = n
  while true do
    while r ~= 1 do
      count[r] = r
      r = r - 1
    end
    for i = 1, n do perm[i] = perm1[i] end
    local flips = 0
    local k = perm[1]
    while k ~= 1 do
      -- Reverse perm[1..k].
      local i, j = 1, k
      while i < j do
        perm[i], perm[j] = perm[j], perm[i]
        i = i + 1
        j = j - 1
      end
      flips = flips + 1
      k = perm[1]
    end
    if flips > max_flips then max_flips = flips end
    if perm_count % 2 == 0 then checksum = checksum + flips else checksum = checksum - flips end
    -- Next permutation in the counting order.
    while true do
      if r == n then return { checksum = checksum, max_flips = max_flips } end
      local p0 = perm1[1]
      for i = 1, r do perm1[i] = perm1[i + 1] end
      perm1[r + 1] = p0
      count[r + 1] = count[r + 1] - 1
      if count[r + 1] > 0 then break end
      r = r + 1
    end
    perm_count = perm_count + 1
  end
end

-- {checksum, max flips} for each N.
local EXPECTED = {
  [3] = { 2, 2 }, [4] = { 4, 4 }, [5] = { 11, 7 }, [6] = { 49, 10 }, [7] = { 228, 16 },
  [8] = { 1616, 22 }, [9] = { 8629, 30 }, [10] = { 73196, 38 }, [11] = { 556355, 51 },
  [12] = { 3968050, 65 },
}

local function check(n, r)
  local want = EXPECTED[n]
  if not want then error("fannkuch: no reference value for N = " .. tostring(n) .. " (use 3..12)") end
  if r.checksum ~= want[1] or r.max_flips ~= want[2] then
    error(string.format("fannkuch(%d): checksum %d, max flips %d; want %d, %d",
      n, r.checksum, r.max_flips, want[1], want[2]))
  end
  return string.format("checksum %d, max flips %d", r.checksum, r.max_flips)
end

local bench = { name = "fannkuch", default = 9, smoke = 6, warm = 8, run = run, check = check }
if BENCH_LIB then return bench end
local n = arg and arg[1]
if n == "--smoke" then n = bench.smoke
elseif n == nil then n = bench.default
else n = tonumber(n) or error("bad size: " .. tostring(n)) end
print(bench.name .. ": " .. check(n, run(n)))
