-- string_build: building strings with table.concat, `..` chains, string.format, string.rep,
-- and taking them apart with sub/byte/char/upper/lower/reverse (no patterns).
-- Usage: string_build.lua [N | --smoke]   (N = pieces)

local function digits(i)
  local d = 1
  while i >= 10 do
    i = (i - i % 10) / 10
    d = d + 1
  end
  return d
end

local function run(n)
  local r = {}
  -- table.concat of formatted pieces.
  local parts = {}
  for i = 1, n do parts[#parts + 1] = string.format("%d:%s;", i, "x") end
  local joined = table.concat(parts)
  r.joined = #joined
  -- `..` chains, flushed every 100 pieces to keep them short.
  local total, line = 0, ""
  for i = 1, n do
    line = line .. "ab" .. i
    if i % 100 == 0 then
      total = total + #line
      line = ""
    end
  end
  r.concat = total + #line
  -- table.concat with a separator, over numbers.
  local nums = {}
  for i = 1, 1000 do nums[i] = i end
  local csv_len = 0
  for _ = 1, math.floor(n / 1000) + 1 do
    csv_len = csv_len + #table.concat(nums, ",")
  end
  r.csv = csv_len
  -- Take strings apart: sub, byte, char, upper, lower, reverse, rep.
  local bytes, same = 0, 0
  local step = 97
  for i = 1, #joined - 20, step do
    local piece = string.sub(joined, i, i + 19)
    local up = string.upper(piece)
    if string.lower(up) == piece then same = same + 1 end
    local rev = string.reverse(piece)
    bytes = bytes + string.byte(rev, 1) + string.byte(up, -1)
    local rebuilt = string.char(string.byte(piece, 1, -1))
    if rebuilt ~= piece then error("string_build: char/byte round trip failed") end
  end
  r.same, r.bytes = same, bytes
  r.rep = #string.rep("abc", n)
  return r
end

local function check(n, r)
  local joined, concat = 0, 0
  for i = 1, n do
    local d = digits(i)
    joined = joined + d + 3
    concat = concat + d + 2
  end
  if r.joined ~= joined then error(string.format("string_build(%d): joined %d, want %d", n, r.joined, joined)) end
  if r.concat ~= concat then error(string.format("string_build(%d): concat %d, want %d", n, r.concat, concat)) end
  local csv = (math.floor(n / 1000) + 1) * (9 + 90 * 2 + 900 * 3 + 4 + 999)
  if r.csv ~= csv then error(string.format("string_build(%d): csv %d, want %d", n, r.csv, csv)) end
  local pieces = 0
  if joined > 20 then pieces = math.floor((joined - 21) / 97) + 1 end
  if r.same ~= pieces then error(string.format("string_build(%d): %d lower(upper(s)) == s, want %d", n, r.same, pieces)) end
  if r.rep ~= 3 * n then error("string_build: string.rep length") end
  return string.format("%d + %d + %d bytes, checksum %d", r.joined, r.concat, r.csv, r.bytes)
end

local bench = { name = "string_build", default = 300000, smoke = 300, warm = 20000, run = run, check = check }
if BENCH_LIB then return bench end
local n = arg and arg[1]
if n == "--smoke" then n = bench.smoke
elseif n == nil then n = bench.default
else n = tonumber(n) or error("bad size: " .. tostring(n)) end
print(bench.name .. ": " .. check(n, run(n)))
