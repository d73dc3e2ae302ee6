-- patterns: Lua pattern matching over generated log-like text: string.find (plain and
-- with captures), string.match, string.gmatch and string.gsub (string, table and function
-- replacements).
-- Usage: patterns.lua [N | --smoke]   (N = lines of text)

local NAMES = { "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi" }
local LEVELS = { "INFO", "WARN", "ERROR" }

-- Generates N lines without using patterns; returns them and the figures check() expects.
local function generate(n)
  local lines = {}
  local want = { bytes = 0, errors = 0, sum = 0, words = 0, users = {} }
  for i = 1, n do
    local name = NAMES[i % #NAMES + 1]
    local level = LEVELS[i % #LEVELS + 1]
    local ms = (i * 37) % 1000
    local code = 100 + (i * 13) % 400
    local line = "[" .. level .. "] t=" .. i .. " user=" .. name .. " took " .. ms
      .. "ms status=" .. code .. " path=/api/v1/items/" .. (i % 50) .. " ok"
    lines[i] = line
    want.bytes = want.bytes + #line
    if level == "ERROR" then want.errors = want.errors + 1 end
    want.sum = want.sum + ms
    want.users[name] = (want.users[name] or 0) + 1
  end
  return lines, want
end

local function run(n)
  local lines = generate(n)
  local r = { errors = 0, sum = 0, words = 0, users = {}, status = 0, rewritten = 0, plain = 0 }
  for i = 1, n do
    local line = lines[i]
    -- Anchored match with a capture.
    local level = string.match(line, "^%[(%u+)%]")
    if level == "ERROR" then r.errors = r.errors + 1 end
    -- find with captures.
    local _, _, user, ms = string.find(line, "user=(%a+) took (%d+)ms")
    r.sum = r.sum + tonumber(ms)
    r.users[user] = (r.users[user] or 0) + 1
    -- Plain find.
    if string.find(line, "/api/v1/", 1, true) then r.plain = r.plain + 1 end
    -- gmatch over words.
    for _ in string.gmatch(line, "%a+") do r.words = r.words + 1 end
    -- gsub with a function and with a string replacement using captures.
    local s = string.gsub(line, "status=(%d+)", function(c) r.status = r.status + tonumber(c) end)
    local out, k = string.gsub(s, "(%w+)=(%w+)", "%2:%1")
    r.rewritten = r.rewritten + k + #out
  end
  -- gsub with a table replacement over the whole text.
  local text = table.concat(lines, "\n", 1, math.min(n, 2000))
  local map = { alice = "A", bob = "B" }
  local replaced, count = string.gsub(text, "%a+", map)
  r.table_len, r.table_count = #replaced, count
  return r
end

local function check(n, r)
  local _, want = generate(n)
  if r.errors ~= want.errors then error(string.format("patterns: %d ERROR lines, want %d", r.errors, want.errors)) end
  if r.sum ~= want.sum then error(string.format("patterns: took sum %d, want %d", r.sum, want.sum)) end
  if r.plain ~= n then error("patterns: plain find missed lines") end
  for name, c in pairs(want.users) do
    if r.users[name] ~= c then error("patterns: user count for " .. name) end
  end
  -- Words per line: level, t, user, name, took, ms, status, path, api, v, items, ok = 12.
  if r.words ~= 12 * n then error(string.format("patterns: %d words, want %d", r.words, 12 * n)) end
  local status = 0
  for i = 1, n do status = status + 100 + (i * 13) % 400 end
  if r.status ~= status then error(string.format("patterns: status sum %d, want %d", r.status, status)) end
  -- Three key=value pairs per line are rewritten; each keeps its length.
  local want_rewritten = 3 * n + want.bytes
  if r.rewritten ~= want_rewritten then
    error(string.format("patterns: rewritten %d, want %d", r.rewritten, want_rewritten))
  end
  local m = math.min(n, 2000)
  local _, w = generate(m)
  local text_len = w.bytes + m - 1
  local shrink = 0
  for name, c in pairs(w.users) do
    if name == "alice" or name == "bob" then shrink = shrink + c * (#name - 1) end
  end
  if r.table_len ~= text_len - shrink or r.table_count ~= 12 * m then
    error(string.format("patterns: table gsub gave %d bytes / %d matches", r.table_len, r.table_count))
  end
  return string.format("%d lines, %d words, took %d ms", n, r.words, r.sum)
end

local bench = { name = "patterns", default = 60000, smoke = 50, warm = 3000, run = run, check = check }
if BENCH_LIB then return bench end
local n = arg and arg[1]
if n == "--smoke" then n = bench.smoke
elseif n == nil then n = bench.default
else n = tonumber(n) or error("bad size: " .. tostring(n)) end
print(bench.name .. ": " .. check(n, run(n)))
