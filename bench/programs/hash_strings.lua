-- hash_strings: hash tables with string keys: insert, look up, update, delete and iterate
-- with generated keys, word counting, and records with constant field names.
-- Usage: hash_strings.lua [N | --smoke]   (N = number of keys)

local WORDS = {
  "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
  "juliett", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo",
  "sierra", "tango", "uniform", "victor", "whiskey", "xray", "yankee", "zulu",
}

local function run(n)
  local r = {}
  -- Generated keys: insert, then look every one up.
  local t = {}
  for i = 1, n do t["key_" .. i] = i end
  local sum = 0
  for i = 1, n do sum = sum + t["key_" .. i] end
  r.sum = sum
  -- Read-modify-write every third key.
  for i = 1, n, 3 do
    local k = "key_" .. i
    t[k] = t[k] * 2
  end
  -- Delete the even keys, then iterate over what is left.
  for i = 2, n, 2 do t["key_" .. i] = nil end
  local count, left = 0, 0
  for _, v in pairs(t) do
    count = count + 1
    left = left + v
  end
  r.count, r.left = count, left
  -- Word frequencies from a fixed vocabulary (short interned keys, hits only).
  local nw = #WORDS
  local freq = {}
  for i = 1, n do
    local w = WORDS[(i * 7) % nw + 1]
    freq[w] = (freq[w] or 0) + 1
  end
  r.freq = freq
  -- Records with constant field names (the common "object" pattern).
  local recs = {}
  for i = 1, n do
    recs[i] = { id = i, name = WORDS[i % nw + 1], score = i % 100, active = (i % 2 == 0) }
  end
  local score, active = 0, 0
  for i = 1, n do
    local rec = recs[i]
    score = score + rec.score
    if rec.active then active = active + 1 end
    rec.score = rec.score + 1
  end
  r.score, r.active = score, active
  return r
end

local function check(n, r)
  local want_sum = n * (n + 1) / 2
  if r.sum ~= want_sum then
    error(string.format("hash_strings(%d): sum %d, want %d", n, r.sum, want_sum))
  end
  -- Odd keys survive; those with i % 3 == 1 were doubled.
  local count, left = 0, 0
  for i = 1, n, 2 do
    count = count + 1
    if i % 3 == 1 then left = left + 2 * i else left = left + i end
  end
  if r.count ~= count or r.left ~= left then
    error(string.format("hash_strings(%d): %d keys summing to %d, want %d and %d",
      n, r.count, r.left, count, left))
  end
  local nw = #WORDS
  local total = 0
  for j = 1, nw do
    local w = WORDS[j]
    local f = r.freq[w] or 0
    -- i in 1..n with (7i) % nw == j-1: 7 is invertible mod 26 (7 * 15 = 105 = 4*26 + 1).
    local i0 = ((j - 1) * 15) % nw
    if i0 == 0 then i0 = nw end
    local want = 0
    if i0 <= n then want = math.floor((n - i0) / nw) + 1 end
    if f ~= want then
      error(string.format("hash_strings(%d): word %s counted %d times, want %d", n, w, f, want))
    end
    total = total + f
  end
  if total ~= n then error("hash_strings: word counts do not add up") end
  local score, active = 0, 0
  for i = 1, n do
    score = score + i % 100
    if i % 2 == 0 then active = active + 1 end
  end
  if r.score ~= score or r.active ~= active then
    error(string.format("hash_strings(%d): records gave %d/%d, want %d/%d",
      n, r.score, r.active, score, active))
  end
  return string.format("sum %d, %d keys left, score %d", r.sum, r.count, r.score)
end

local bench = { name = "hash_strings", default = 200000, smoke = 500, warm = 20000, run = run, check = check }
if BENCH_LIB then return bench end
local n = arg and arg[1]
if n == "--smoke" then n = bench.smoke
elseif n == nil then n = bench.default
else n = tonumber(n) or error("bad size: " .. tostring(n)) end
print(bench.name .. ": " .. check(n, run(n)))
