-- assorted metamethod interactions
-- metamethods that are callable tables
local callable = setmetatable({}, { __call = function(_, a, b) return "callable add" end })
local t = setmetatable({}, { __add = callable, __index = callable })
print(pcall(function() return t + 1 end))
print(pcall(function() return t.x end))
-- __index on the metatable itself is not used for metamethod lookup
local meta = setmetatable({}, { __index = { __add = function() return "should not be used" end } })
print(pcall(function() return setmetatable({}, meta) + 1 end))
-- a shared metatable for many objects
local Vec = {}
Vec.__index = Vec
Vec.__add = function(a, b) return Vec.new(a.x + b.x) end
Vec.__eq = function(a, b) return a.x == b.x end
Vec.__lt = function(a, b) return a.x < b.x end
Vec.__le = function(a, b) return a.x <= b.x end
Vec.__tostring = function(a) return "Vec(" .. a.x .. ")" end
Vec.__len = function(a) return a.x end
Vec.__call = function(a, k) return a.x * k end
Vec.__concat = function(a, b) return tostring(a) .. tostring(b) end
Vec.__unm = function(a) return Vec.new(-a.x) end
function Vec.new(x) return setmetatable({ x = x }, Vec) end
local v1, v2 = Vec.new(1), Vec.new(2)
print(tostring(v1 + v2), v1 == Vec.new(1), v1 < v2, v2 <= v1, #v2, v2(10), v1 .. v2, tostring(-v1))
-- rawequal / rawlen / rawget bypass
print(rawequal(v1, Vec.new(1)), rawlen(v1), rawget(v1, "new"))
-- metamethods for integer-keyed access in loops
local squares = setmetatable({}, { __index = function(tbl, k) local v = k * k; rawset(tbl, k, v); return v end })
local sum = 0
for i = 1, 10 do sum = sum + squares[i] end
print(sum, rawget(squares, 10))
-- default values table
local function withdefault(d) return setmetatable({}, { __index = function() return d end }) end
local dd = withdefault(0)
dd.a = dd.a + 1
dd.b = dd.b + 5
print(dd.a, dd.b, dd.c)
-- proxy tracking accesses
local function track(tt)
  local proxy, log = {}, {}
  setmetatable(proxy, {
    __index = function(_, k) log[#log + 1] = "get " .. k; return tt[k] end,
    __newindex = function(_, k, v) log[#log + 1] = "set " .. k; tt[k] = v end,
    __len = function() return #tt end,
    __pairs = function() return next, tt, nil end,
  })
  return proxy, log
end
local p, log = track({ 10, 20 })
p[3] = p[1] + p[2]
print(#p, p[3], table.concat(log, ", "))
-- metamethod errors report where the operation was
local thrower = setmetatable({}, { __add = function() error("add failed") end })
print(pcall(function() return thrower + 1 end))
local lvl2 = setmetatable({}, { __add = function() error("add failed at caller", 2) end })
print(pcall(function() return lvl2 + 1 end))
