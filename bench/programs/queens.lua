-- queens: counts the solutions of the N-queens problem by backtracking (recursion, boolean
-- arrays, branches).
-- Usage: queens.lua [N | --smoke]   (N = board size, 1..14)

local function run(n)
  local cols, diag1, diag2 = {}, {}, {}
  for i = 1, 2 * n do cols[i] = false; diag1[i] = false; diag2[i] = false end
  local function place(row)
    if row > n then return 1 end
    local count = 0
    for c = 1, n do
      local d1, d2 = row + c, row - c + n
      if not cols[c] and not diag1[d1] and not diag2[d2] then
        cols[c], diag1[d1], diag2[d2] = true, true, true
        count = count + place(row + 1)
        cols[c], diag1[d1], diag2[d2] = false, false, false
      end
    end
    return count
  end
  return place(1)
end

local EXPECTED = { 1, 0, 0, 2, 10, 4, 40, 92, 352, 724, 2680, 14200, 73712, 365596 }

local function check(n, r)
  local want = EXPECTED[n]
  if not want then error("queens: no reference value for N = " .. tostring(n) .. " (use 1..14)") end
  if r ~= want then error(string.format("queens(%d): %d solutions, want %d", n, r, want)) end
  return string.format("%d solutions on %dx%d", r, n, n)
end

local bench = { name = "queens", default = 12, smoke = 6, warm = 9, run = run, check = check }
if BENCH_LIB then return bench end
local n = arg and arg[1]
if n == "--smoke" then n = bench.smoke
elseif n == nil then n = bench.default
else n = tonumber(n) or error("bad size: " .. tostring(n)) end
print(bench.name .. ": " .. check(n, run(n)))
