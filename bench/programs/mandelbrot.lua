-- mandelbrot: counts the points of an N x N grid over [-1.5, 0.5] x [-1, 1] that stay
-- bounded for 50 iterations of z = z^2 + c (floating-point loops).
-- Usage: mandelbrot.lua [N | --smoke]

local ITER = 50

local function run(n)
  local inside = 0
  for y = 0, n - 1 do
    local ci = 2.0 * y / n - 1.0
    for x = 0, n - 1 do
      local cr = 2.0 * x / n - 1.5
      local zr, zi, tr, ti = 0.0, 0.0, 0.0, 0.0
      local escaped = false
      for _ = 1, ITER do
        zi = 2.0 * zr * zi + ci
        zr = tr - ti + cr
        tr = zr * zr
        ti = zi * zi
        if tr + ti > 4.0 then
          escaped = true
          break
        end
      end
      if not escaped then inside = inside + 1 end
    end
  end
  return inside
end

-- Exact counts (IEEE doubles, identical on Lua 5.4 and LuaJIT) for the usual sizes.
local EXPECTED = {
  [16] = 104, [32] = 414, [64] = 1626, [100] = 3959, [120] = 5739, [200] = 15899,
  [400] = 63528, [500] = 99274, [600] = 142946, [800] = 254099, [1000] = 396940,
}

local function check(n, r)
  local want = EXPECTED[n]
  if want then
    if r ~= want then
      error(string.format("mandelbrot(%d): got %d points, want %d", n, r, want))
    end
  elseif n >= 32 then
    -- No reference count for this size: the covered area (the grid spans 2 x 2) must be
    -- close to the Mandelbrot set's area (about 1.5066, a little more after 50 iterations).
    local area = 4.0 * r / (n * n)
    if area < 1.45 or area > 1.75 then
      error(string.format("mandelbrot(%d): implausible area %.6f", n, area))
    end
  end
  return string.format("%d of %d points inside", r, n * n)
end

local bench = { name = "mandelbrot", default = 800, smoke = 16, warm = 120, run = run, check = check }
if BENCH_LIB then return bench end
local n = arg and arg[1]
if n == "--smoke" then n = bench.smoke
elseif n == nil then n = bench.default
else n = tonumber(n) or error("bad size: " .. tostring(n)) end
print(bench.name .. ": " .. check(n, run(n)))
