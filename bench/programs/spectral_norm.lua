-- spectral-norm: power iteration for the largest singular value of the infinite matrix
-- A(i,j) = 1/((i+j)(i+j+1)/2 + i+1), truncated to N x N (numeric loops, function calls).
-- Usage: spectral_norm.lua [N | --smoke]

local function A(i, j)
  local ij = i + j - 1
  return 1.0 / (ij * (ij - 1) * 0.5 + i)
end

local function Av(x, y, n)
  for i = 1, n do
    local a = 0.0
    for j = 1, n do a = a + x[j] * A(i, j) end
    y[i] = a
  end
end

local function Atv(x, y, n)
  for i = 1, n do
    local a = 0.0
    for j = 1, n do a = a + x[j] * A(j, i) end
    y[i] = a
  end
end

local function AtAv(x, y, t, n)
  Av(x, t, n)
  Atv(t, y, n)
end

local function run(n)
  local u, v, t = {}, {}, {}
  for i = 1, n do u[i] = 1.0 end
  for _ = 1, 10 do
    AtAv(u, v, t, n)
    AtAv(v, u, t, n)
  end
  local vBv, vv = 0.0, 0.0
  for i = 1, n do
    local ui, vi = u[i], v[i]
    vBv = vBv + ui * vi
    vv = vv + vi * vi
  end
  return math.sqrt(vBv / vv)
end

-- Reference values (9 decimals) for the usual sizes.
local EXPECTED = {
  [10] = "1.271844019", [60] = "1.274206094", [100] = "1.274219991", [200] = "1.274223601",
  [300] = "1.274223986", [500] = "1.274224116", [1000] = "1.274224148",
}

local function check(n, r)
  local got = string.format("%.9f", r)
  local want = EXPECTED[n]
  if want then
    if got ~= want then
      error(string.format("spectral_norm(%d): got %s, want %s", n, got, want))
    end
  elseif n >= 10 and math.abs(r - 1.274224153) > 3e-3 then
    error(string.format("spectral_norm(%d): implausible %s", n, got))
  end
  return got
end

local bench = { name = "spectral_norm", default = 500, smoke = 10, warm = 60, run = run, check = check }
if BENCH_LIB then return bench end
local n = arg and arg[1]
if n == "--smoke" then n = bench.smoke
elseif n == nil then n = bench.default
else n = tonumber(n) or error("bad size: " .. tostring(n)) end
print(bench.name .. ": " .. check(n, run(n)))
