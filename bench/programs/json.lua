-- json: a JSON encoder and a recursive-descent decoder written with string.byte/sub only
-- (no patterns): encode a generated document, decode it, re-encode, compare.
-- Usage: json.lua [N | --smoke]   (N = records in the document)

local byte, sub, char, concat = string.byte, string.sub, string.char, table.concat

local NULL = setmetatable({}, { __tostring = function() return "null" end })
-- Arrays are tagged so that the encoder does not have to guess.
local ARRAY = {}

local function array(t)
  t[ARRAY] = true
  return t
end

---------------------------------------------------------------------------------------------
-- Encoder

local ESCAPES = { [34] = '\\"', [92] = "\\\\", [10] = "\\n", [13] = "\\r", [9] = "\\t" }

local function encode_string(s, out)
  local n = #out
  out[n + 1] = '"'
  local start = 1
  for i = 1, #s do
    local e = ESCAPES[byte(s, i)]
    if e then
      if i > start then n = #out; out[n + 1] = sub(s, start, i - 1) end
      out[#out + 1] = e
      start = i + 1
    end
  end
  if start <= #s then out[#out + 1] = sub(s, start) end
  out[#out + 1] = '"'
end

local encode_value

local function encode_table(t, out)
  if t[ARRAY] then
    out[#out + 1] = "["
    for i = 1, #t do
      if i > 1 then out[#out + 1] = "," end
      encode_value(t[i], out)
    end
    out[#out + 1] = "]"
  else
    local keys = {}
    for k in pairs(t) do keys[#keys + 1] = k end
    table.sort(keys)
    out[#out + 1] = "{"
    for i = 1, #keys do
      if i > 1 then out[#out + 1] = "," end
      encode_string(keys[i], out)
      out[#out + 1] = ":"
      encode_value(t[keys[i]], out)
    end
    out[#out + 1] = "}"
  end
end

function encode_value(v, out)
  local ty = type(v)
  if ty == "string" then
    encode_string(v, out)
  elseif ty == "number" then
    out[#out + 1] = string.format("%d", v)
  elseif ty == "boolean" then
    out[#out + 1] = v and "true" or "false"
  elseif v == NULL then
    out[#out + 1] = "null"
  elseif ty == "table" then
    encode_table(v, out)
  else
    error("json: cannot encode a " .. ty)
  end
end

local function encode(v)
  local out = {}
  encode_value(v, out)
  return concat(out)
end

---------------------------------------------------------------------------------------------
-- Decoder

local B_SPACE, B_TAB, B_LF, B_CR = 32, 9, 10, 13
local B_QUOTE, B_BSLASH, B_COMMA, B_COLON = 34, 92, 44, 58
local B_LBRACK, B_RBRACK, B_LBRACE, B_RBRACE = 91, 93, 123, 125
local B_MINUS, B_0, B_9 = 45, 48, 57
local UNESCAPE = { [34] = '"', [92] = "\\", [47] = "/", [110] = "\n", [114] = "\r", [116] = "\t",
  [98] = "\b", [102] = "\f" }

local function skip(s, i)
  local b = byte(s, i)
  while b == B_SPACE or b == B_TAB or b == B_LF or b == B_CR do
    i = i + 1
    b = byte(s, i)
  end
  return i
end

local decode_value

local function decode_string(s, i) -- i is just after the opening quote
  local parts, start = {}, i
  while true do
    local b = byte(s, i)
    if b == nil then error("json: unterminated string") end
    if b == B_QUOTE then
      parts[#parts + 1] = sub(s, start, i - 1)
      return concat(parts), i + 1
    elseif b == B_BSLASH then
      parts[#parts + 1] = sub(s, start, i - 1)
      local e = UNESCAPE[byte(s, i + 1)]
      if not e then error("json: bad escape at " .. i) end
      parts[#parts + 1] = e
      i = i + 2
      start = i
    else
      i = i + 1
    end
  end
end

local function decode_number(s, i)
  local neg = false
  if byte(s, i) == B_MINUS then neg = true; i = i + 1 end
  local v, b = 0, byte(s, i)
  if not b or b < B_0 or b > B_9 then error("json: bad number at " .. i) end
  while b and b >= B_0 and b <= B_9 do
    v = v * 10 + (b - B_0)
    i = i + 1
    b = byte(s, i)
  end
  if neg then v = -v end
  return v, i
end

local function expect_word(s, i, word, value)
  if sub(s, i, i + #word - 1) ~= word then error("json: unexpected input at " .. i) end
  return value, i + #word
end

function decode_value(s, i)
  i = skip(s, i)
  local b = byte(s, i)
  if b == B_LBRACE then
    local obj = {}
    i = skip(s, i + 1)
    if byte(s, i) == B_RBRACE then return obj, i + 1 end
    while true do
      if byte(s, i) ~= B_QUOTE then error("json: expected a key at " .. i) end
      local k
      k, i = decode_string(s, i + 1)
      i = skip(s, i)
      if byte(s, i) ~= B_COLON then error("json: expected ':' at " .. i) end
      obj[k], i = decode_value(s, i + 1)
      i = skip(s, i)
      b = byte(s, i)
      if b == B_RBRACE then return obj, i + 1 end
      if b ~= B_COMMA then error("json: expected ',' or '}' at " .. i) end
      i = skip(s, i + 1)
    end
  elseif b == B_LBRACK then
    local arr, n = array({}), 0
    i = skip(s, i + 1)
    if byte(s, i) == B_RBRACK then return arr, i + 1 end
    while true do
      n = n + 1
      arr[n], i = decode_value(s, i)
      i = skip(s, i)
      b = byte(s, i)
      if b == B_RBRACK then return arr, i + 1 end
      if b ~= B_COMMA then error("json: expected ',' or ']' at " .. i) end
      i = i + 1
    end
  elseif b == B_QUOTE then
    return decode_string(s, i + 1)
  elseif b == B_MINUS or (b and b >= B_0 and b <= B_9) then
    return decode_number(s, i)
  elseif b == 116 then
    return expect_word(s, i, "true", true)
  elseif b == 102 then
    return expect_word(s, i, "false", false)
  elseif b == 110 then
    return expect_word(s, i, "null", NULL)
  end
  error("json: unexpected " .. (b and char(b) or "end of input") .. " at " .. i)
end

local function decode(s)
  local v, i = decode_value(s, 1)
  i = skip(s, i)
  if i <= #s then error("json: trailing garbage at " .. i) end
  return v
end

---------------------------------------------------------------------------------------------

local function make_document(n)
  local items = array({})
  local score = 0
  for i = 1, n do
    local s = (i * 7919) % 1000 - 500
    score = score + s
    items[i] = {
      id = i,
      name = "item " .. i,
      note = (i % 10 == 0) and 'quote " backslash \\ newline\n tab\t' or "plain",
      active = (i % 3 == 0),
      score = s,
      tags = array({ "t" .. (i % 5), "group" .. (i % 17) }),
      nested = { x = i % 13, y = array({ 1, 2, i }), z = NULL },
    }
  end
  return { version = 1, count = n, items = items }, score
end

local function run(n)
  local doc = make_document(n)
  local text = encode(doc)
  local back = decode(text)
  local again = encode(back)
  local score = 0
  for i = 1, #back.items do score = score + back.items[i].score end
  return { text = text, again = again, back = back, score = score }
end

local function check(n, r)
  if r.text ~= r.again then error("json: encode(decode(s)) ~= s") end
  local _, score = make_document(n)
  if r.score ~= score then error(string.format("json: score %d, want %d", r.score, score)) end
  if r.back.count ~= n or #r.back.items ~= n then error("json: wrong item count") end
  if n >= 10 and r.back.items[10].note ~= 'quote " backslash \\ newline\n tab\t' then
    error("json: escapes did not round-trip")
  end
  if n >= 1 and (r.back.items[n].nested.y[3] ~= n or r.back.items[n].nested.z ~= NULL) then
    error("json: nested values did not round-trip")
  end
  return string.format("%d items, %d bytes, score %d", n, #r.text, r.score)
end

local bench = { name = "json", default = 8000, smoke = 20, warm = 500, run = run, check = check }
if BENCH_LIB then return bench end
local n = arg and arg[1]
if n == "--smoke" then n = bench.smoke
elseif n == nil then n = bench.default
else n = tonumber(n) or error("bad size: " .. tostring(n)) end
print(bench.name .. ": " .. check(n, run(n)))
