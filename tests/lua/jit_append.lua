-- Appending to a table's array part in compiled loops (t[#t + 1] = v, t[i] = v with i one
-- past the end), and the cases that must not take the inline path.

local function fill(t, n, v)
  for i = 1, n do t[#t + 1] = v or i end
  return t
end

local a = fill({}, 1000)
print("plain", #a, a[1], a[500], a[1000])

-- constants stored inline: true, strings, floats
local b = {}
for i = 1, 300 do b[i] = true end
for i = 301, 600 do b[i] = "s" end
for i = 601, 900 do b[i] = 2.5 end
print("constants", #b, b[300], b[301], b[900])

-- a metatable with __newindex sees every new key
local seen = 0
local m = setmetatable({}, { __newindex = function(t, k, v) seen = seen + 1; rawset(t, k, v) end })
fill(m, 300)
print("__newindex", seen, #m)

-- keys already in the hash part move to the array as it grows
local h = { [5] = "five", [6] = "six", x = 1 }
for i = 1, 4 do h[i] = i end
print("migrate", #h, h[5], h[6], h.x)
local h2 = {}
h2[3] = "three"
for i = 1, 300 do h2[i] = h2[i] or i end
print("migrate2", #h2, h2[3], h2[300])

-- nil appended: nothing is stored
local n = {}
for i = 1, 300 do n[i] = nil end
print("nil", #n, next(n))
local v = {}
for i = 1, 300 do
  local x = (i % 2 == 0) and i or nil
  v[#v + 1] = x
end
print("alternating", #v, v[1], v[150])

-- values of every kind
local kinds = {}
local things = { 1, 2.5, "s", true, false, {}, print, coroutine.create(function() end) }
for r = 1, 40 do
  for _, x in ipairs(things) do kinds[#kinds + 1] = x end
end
print("kinds", #kinds, type(kinds[6]), kinds[7] == print, kinds[5], type(kinds[320]))

-- a table with a metatable but no __newindex, and with __index only
local p = setmetatable({}, { __index = function() return "dflt" end })
fill(p, 300)
print("__index only", #p, p[300], p[301])

-- appending past a hole (the length operator may stop anywhere: check contents instead)
local hole = { 1, 2, nil, 4 }
for i = 5, 300 do hole[i] = i end
local sum = 0
for i = 1, 300 do sum = sum + (hole[i] or 0) end
print("hole", sum)

-- growth far past the initial size, and memory accounted (collectgarbage sees it)
local big = {}
local before = collectgarbage("count")
for i = 1, 200000 do big[i] = i end
print("big", #big, collectgarbage("count") > before)
