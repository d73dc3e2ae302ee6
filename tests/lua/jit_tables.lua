-- JIT: inline array-part table accesses and their fallbacks (absent values with
-- __index/__newindex, holes, non-integer and out-of-range keys, growth, nil stores).
local log = {}
local proxy = setmetatable({1, 2, nil, 4}, {
  __index = function(t, k) log[#log + 1] = "get" .. tostring(k); return "dflt" end,
  __newindex = function(t, k, v) log[#log + 1] = "set" .. tostring(k); rawset(t, k, v) end,
})
local plain = {10, 20, 30}
local function reads(t, n)
  local out = {}
  for i = -1, n do out[#out + 1] = tostring(t[i]) end
  out[#out + 1] = tostring(t[2.0]) .. tostring(t[2.5]) .. tostring(t["1"])
  return table.concat(out, ",")
end
local r1, r2
for _ = 1, 200 do r1 = reads(plain, 5); r2 = reads(proxy, 5) end
print(r1)
print(r2)
print(#log)

local function writes(t)
  for i = 1, 6 do t[i] = i * i end
  t[3] = nil
  t[0] = "zero"
  t[2.0] = "two"
  return t
end
local w
for _ = 1, 100 do w = writes({}) end
print(w[0], w[1], w[2], w[3], w[4], w[6], #log)
log = {}
writes(setmetatable({}, getmetatable(proxy)))
print(table.concat(log, " "))

-- growth by appends and reads of the new slots in hot loops
local g = {}
for i = 1, 10000 do g[#g + 1] = i; g[i] = g[i] + 1 end
local s = 0
for i = 1, #g do s = s + g[i] end
print(#g, s)

-- non-tables: strings with __index, errors with names
local str = "abc"
local ok, e = pcall(function() local n = nil; return n[1] end)
print(ok, e)
print(pcall(function() local x = 5; x[1] = 2 end))
print(("x"):rep(3), type(str.len))
-- matrix-style nested arrays
local m = {}
for i = 1, 30 do m[i] = {} for j = 1, 30 do m[i][j] = i * j end end
local tr = 0
for i = 1, 30 do tr = tr + m[i][i] end
print("trace", tr)
