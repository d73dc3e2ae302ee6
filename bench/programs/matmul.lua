-- matmul: dense N x N floating-point matrix product with nested tables (2-D indexing,
-- inner-product loops).
-- Usage: matmul.lua [N | --smoke]

local function matrix(n, f)
  local m = {}
  for i = 1, n do
    local row = {}
    for j = 1, n do row[j] = f(i, j) end
    m[i] = row
  end
  return m
end

local function mul(a, b, n)
  -- Transpose b so the inner loop walks two rows.
  local bt = matrix(n, function(i, j) return b[j][i] end)
  local c = {}
  for i = 1, n do
    local ai, ci = a[i], {}
    for j = 1, n do
      local bj = bt[j]
      local s = 0.0
      for k = 1, n do s = s + ai[k] * bj[k] end
      ci[j] = s
    end
    c[i] = ci
  end
  return c
end

local function fa(i, j) return (i - j) * (i + j) / 1024 end
local function fb(i, j) return ((i * j) % 17) / 16 - 0.5 end

local function run(n)
  local a = matrix(n, fa)
  local b = matrix(n, fb)
  return mul(a, b, n)
end

local function check(n, c)
  -- sum(C) = sum_k (column sum of A at k) * (row sum of B at k), computed in O(N^2).
  local want = 0.0
  for k = 1, n do
    local ca, rb = 0.0, 0.0
    for i = 1, n do ca = ca + fa(i, k) end
    for j = 1, n do rb = rb + fb(k, j) end
    want = want + ca * rb
  end
  local got = 0.0
  for i = 1, n do
    local ci = c[i]
    for j = 1, n do got = got + ci[j] end
  end
  local scale = math.abs(want) + 1.0
  if math.abs(got - want) > 1e-9 * scale * n then
    error(string.format("matmul(%d): element sum %.6f, want %.6f", n, got, want))
  end
  -- One element by direct dot product.
  local i, j = n, math.floor((n + 1) / 2)
  local d = 0.0
  for k = 1, n do d = d + fa(i, k) * fb(k, j) end
  if math.abs(d - c[i][j]) > 1e-9 * (math.abs(d) + 1.0) then
    error(string.format("matmul(%d): C[%d][%d] = %.6f, want %.6f", n, i, j, c[i][j], d))
  end
  return string.format("sum of C = %.6f", got)
end

local bench = { name = "matmul", default = 350, smoke = 8, warm = 60, run = run, check = check }
if BENCH_LIB then return bench end
local n = arg and arg[1]
if n == "--smoke" then n = bench.smoke
elseif n == nil then n = bench.default
else n = tonumber(n) or error("bad size: " .. tostring(n)) end
print(bench.name .. ": " .. check(n, run(n)))
