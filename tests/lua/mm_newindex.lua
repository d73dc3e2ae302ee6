-- 2.4 __newindex: functions, tables, chains, rawset
local log = {}
local t = setmetatable({}, { __newindex = function(tt, k, v) log[#log + 1] = k .. "=" .. tostring(v); rawset(tt, k, v) end })
t.a = 1
t.b = 2
t.a = 3          -- existing field: no __newindex
print(table.concat(log, " "), t.a, t.b)
-- __newindex table redirects the assignment
local store = {}
local proxy = setmetatable({}, { __newindex = store, __index = store })
proxy.x = "stored"
print(rawget(proxy, "x"), store.x, proxy.x)
-- chain: __newindex table that itself has __newindex
local final = {}
local middle = setmetatable({}, { __newindex = final })
local front = setmetatable({}, { __newindex = middle })
front.k = "v"
print(rawget(front, "k"), rawget(middle, "k"), final.k)
-- read-only table
local function readonly(tbl)
  return setmetatable({}, { __index = tbl, __newindex = function(_, k) error("attempt to modify read-only field " .. tostring(k), 2) end })
end
local ro = readonly({ version = 1 })
print(ro.version, pcall(function() ro.version = 2 end))
-- assignment of nil to absent key also triggers __newindex
local count = 0
local c = setmetatable({}, { __newindex = function() count = count + 1 end })
c.x = nil
c[1] = 5
print(count, rawget(c, 1))
-- __newindex with numeric keys and table.insert (which uses raw? no: lua_seti respects metamethods)
local seen = {}
local arr = setmetatable({}, { __newindex = function(tt, k, v) seen[#seen + 1] = k; rawset(tt, k, v) end })
table.insert(arr, "first")
arr[#arr + 1] = "second"
print(table.concat(seen, ","), #arr)
-- rawset bypasses
local guarded = setmetatable({}, { __newindex = function() error("blocked") end })
rawset(guarded, "ok", true)
print(guarded.ok, pcall(function() guarded.no = 1 end))
-- assigning into non-tables
print(pcall(function() local n; n.x = 1 end))
print(pcall(function() local s = "str"; s.x = 1 end))
print(pcall(function() undefinedglobal.x = 1 end))
print(pcall(function() local t2 = {}; t2.a.b = 1 end))
-- __newindex value that is not a table or function
local weird = setmetatable({}, { __newindex = 5 })
print(pcall(function() weird.x = 1 end))
-- loop in __newindex chain
local l1, l2 = {}, {}
setmetatable(l1, { __newindex = l2 })
setmetatable(l2, { __newindex = l1 })
print(pcall(function() l1.x = 1 end))
