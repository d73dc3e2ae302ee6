-- 2.4 __tostring, __name, __metatable; getmetatable/setmetatable rules
local T = setmetatable({}, { __tostring = function(self) return "I am T" end })
print(T, tostring(T), string.format("%s|%10s|", T, T))
-- __tostring must return a string
local bad = setmetatable({}, { __tostring = function() return 42 end })
print(pcall(tostring, bad))
local bad2 = setmetatable({}, { __tostring = function() return nil end })
print(pcall(tostring, bad2))
-- __tostring errors propagate
local err = setmetatable({}, { __tostring = function() error("tostring failed", 0) end })
print(pcall(tostring, err))
-- __name is used by tostring when there is no __tostring (address follows)
local named = setmetatable({}, { __name = "MyType" })
local s = tostring(named)
print(s:rep(1) >= "MyType: ", s < "MyType:~", #s > #"MyType: ")
-- __name must be a string to be used
local numname = setmetatable({}, { __name = 42 })
local s2 = tostring(numname)
print(s2 >= "table: ", s2 < "table:~")
-- __name appears in error messages
print(pcall(function() return named + 1 end))
print(pcall(function() return #named < 1, named < 1 end))
-- __metatable protects the metatable
local prot = setmetatable({}, { __metatable = "locked" })
print(getmetatable(prot))
print(pcall(setmetatable, prot, {}))
print(pcall(setmetatable, prot, nil))
local prot2 = setmetatable({}, { __metatable = false })
print(getmetatable(prot2), pcall(setmetatable, prot2, {}))
-- setmetatable returns its first argument, nil removes the metatable
local t = {}
print(setmetatable(t, {}) == t, getmetatable(t) ~= nil, getmetatable(setmetatable(t, nil)))
-- argument checks
print(pcall(setmetatable, 1, {}))
print(pcall(setmetatable, {}, 1))
print(pcall(setmetatable, {}))
print(getmetatable(1), getmetatable(nil), getmetatable(print))
print(getmetatable("abc").__index == string)
-- metatable fields are looked up raw
local inherited = setmetatable({}, { __index = { __tostring = function() return "inherited" end } })
local victim = setmetatable({}, inherited)
print(tostring(victim) ~= "inherited")
-- metamethods can be changed after setmetatable (except __gc / __mode semantics)
local mt = {}
local dyn = setmetatable({}, mt)
mt.__tostring = function() return "dynamic" end
print(tostring(dyn))
mt.__index = function(_, k) return k .. "?" end
print(dyn.anything)
-- print uses __tostring and __name
print(setmetatable({}, { __tostring = function() return "printed via __tostring" end }))
-- tostring of basic values
print(tostring(nil), tostring(true), tostring(12), tostring(1.25), tostring("str"))
