-- weak tables (__mode)
local function count(t) local n = 0 for _ in pairs(t) do n = n + 1 end return n end

local wv = setmetatable({}, { __mode = "v" })
local wk = setmetatable({}, { __mode = "k" })
local wkv = setmetatable({}, { __mode = "kv" })
local strong = {}
local function fill()
  for i = 1, 10 do
    local obj = { i }
    wv[i] = obj
    wk[obj] = i
    wkv[obj] = obj
    if i % 2 == 0 then strong[#strong + 1] = obj end
  end
  -- non-collectable values are never removed
  wv.str = "a string"
  wv.num = 42
  wv.bool = true
  wk["key"] = {}
end
fill()
collectgarbage()
print("weak values", count(wv))
print("weak keys", count(wk))
print("weak both", count(wkv))
local sum = 0
for k, v in pairs(wk) do if type(k) == "table" then sum = sum + v end end
print("surviving keys sum", sum)
strong = nil
collectgarbage()
print("after dropping strong", count(wv), count(wk), count(wkv))

-- ephemeron: value refers to its own key, still collected
local eph = setmetatable({}, { __mode = "k" })
local function fill_eph()
  for i = 1, 5 do
    local k = {}
    eph[k] = { ref = k }
  end
end
fill_eph()
collectgarbage()
print("ephemerons", count(eph))

-- caching pattern with weak values
local cache = setmetatable({}, { __mode = "v" })
local function get(n)
  local v = cache[n]
  if not v then v = { n = n }; cache[n] = v end
  return v
end
local held = get(1)
get(2)
collectgarbage()
print("cache", cache[1] == held, cache[2])

-- functions and threads in weak tables
local wf = setmetatable({}, { __mode = "v" })
local function addfn() wf[1] = function() end; wf[2] = coroutine.create(function() end) end
addfn()
local keepfn = function() end
wf[3] = keepfn
collectgarbage()
print("weak functions", wf[1], wf[2], wf[3] == keepfn)

-- strings as weak keys are not collected
local ws = setmetatable({}, { __mode = "k" })
ws["s" .. 1] = true
collectgarbage()
print("string key kept", ws.s1)
-- __mode set after creation
local late = {}
setmetatable(late, { __mode = "v" })
local function addlate() late[1] = {} end
addlate()
collectgarbage()
print("late weak", late[1])
