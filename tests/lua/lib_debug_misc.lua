-- debug.getmetatable / setmetatable (any type), getregistry, get/setuservalue, sethook/gethook
-- metatables of non-table types
print(debug.getmetatable(1), debug.getmetatable(nil), debug.getmetatable(true))
print(debug.getmetatable("").__index == string)
local nmt = { __index = { double = function(x) return x * 2 end }, __call = function(self, a) return self + a end }
print(debug.setmetatable(10, nmt))
print((21):double(), (1.5):double(), (5)(3))
print(debug.getmetatable(7) == nmt, getmetatable(7) == nmt)
print(debug.setmetatable(0, nil), debug.getmetatable(0))
print(pcall(function() return (1):double() end))

debug.setmetatable(nil, { __index = function(_, k) return "nil." .. tostring(k) end })
local nothing = nil
print(nothing.field, nothing[1])
debug.setmetatable(nil, nil)
print(pcall(function() return nothing.field end))

debug.setmetatable(true, { __tostring = function(b) return b and "YES" or "NO" end, __len = function() return 2 end })
print(tostring(true), tostring(false), #true)
debug.setmetatable(false, nil)
print(tostring(true))

debug.setmetatable(print, { __index = { kind = "function" }, __concat = function(a, b) return "fn..fn" end })
print(print.kind, (function() end).kind, print .. print)
debug.setmetatable(print, nil)

local co = coroutine.create(function() end)
debug.setmetatable(co, { __index = { info = "thread meta" } })
print(co.info, coroutine.running().info)
debug.setmetatable(co, nil)

-- tables: protected metatables are bypassed
local prot = setmetatable({}, { __metatable = "locked" })
print(getmetatable(prot), type(debug.getmetatable(prot)), debug.getmetatable(prot).__metatable)
local t = {}
print(debug.setmetatable(t, { __index = { x = 1 } }) == t, t.x)
print(debug.setmetatable(prot, nil) == prot, getmetatable(prot))
print(pcall(debug.setmetatable, {}, 1))
print(pcall(debug.setmetatable, {}))
print(pcall(debug.getmetatable))

-- __gc set through debug.setmetatable is honoured
do
  local g = {}
  debug.setmetatable(g, { __gc = function() print("collected") end })
end
collectgarbage()
collectgarbage()

-- registry
local reg = debug.getregistry()
print(type(reg), reg == debug.getregistry(), reg._LOADED == package.loaded)
print(type(reg[1]), reg[2] == _G)

-- user values (only full userdata have them)
print(debug.getuservalue(1), debug.getuservalue({}), debug.getuservalue(nil, 2))
print(select("#", debug.getuservalue("x")))
print(pcall(debug.setuservalue, {}, 1))
print(pcall(debug.setuservalue, 1, 1))
print(pcall(debug.getuservalue, {}, "x"))

-- hooks (storage; no visible output from the hooks themselves)
print(debug.gethook())
local function hook() end
debug.sethook(hook, "cr", 0)
local hf, hm, hc = debug.gethook()
debug.sethook()
print(hf == hook, hm, hc)
print(debug.gethook())
debug.sethook(hook, "", 1000000)
hf, hm, hc = debug.gethook()
debug.sethook()
print(hf == hook, hm, hc)
debug.sethook(hook, "", 0)
print(debug.gethook())
debug.sethook(hook, "rc", 0)
hf, hm, hc = debug.gethook()
debug.sethook(nil)
print(hm, debug.gethook())
debug.sethook(hook, "xyz", 0)
print(debug.gethook())
print(pcall(debug.sethook, hook))
print(pcall(debug.sethook, 1, "c"))
print(pcall(debug.sethook, hook, "c", "x"))
local hco = coroutine.create(function() end)
debug.sethook(hco, hook, "c", 3)
local cf, cm, cc = debug.gethook(hco)
print(cf == hook, cm, cc, debug.gethook())
debug.sethook(hco)
print(debug.gethook(hco))

print(debug.setcstacklimit(1000))
print(pcall(debug.setcstacklimit))
