-- error(): values of any type, levels, positions
print(pcall(error, "plain"))
print(pcall(error, "level 0", 0))
print(pcall(function() error("level 1") end))
print(pcall(function() error("level 1 explicit", 1) end))
local function callee() error("level 2 blames caller", 2) end
local function caller()
  callee()   -- this line is reported
end
print(pcall(caller))
local function lvl3() error("level 3", 3) end
local function mid() lvl3() end
local function top()
  mid()      -- level 3 points here
end
print(pcall(top))
print(pcall(error))
print(pcall(error, nil))
print(pcall(error, 42))
print(pcall(error, 42.5))
print(pcall(error, true))
print(pcall(error, false))
local t = { msg = "table error" }
local ok, e = pcall(error, t)
print(ok, e == t, e.msg)
local ok2, e2 = pcall(function() error(t) end)
print(ok2, e2 == t)
-- numbers as messages get position information? (only strings do)
print(pcall(function() error(42) end))
print(pcall(function() error("x" .. 1) end))
-- error objects with __tostring
local E = setmetatable({ code = 5 }, { __tostring = function(s) return "E(" .. s.code .. ")" end })
local ok3, e3 = pcall(function() error(E) end)
print(ok3, e3 == E, tostring(e3))
-- rethrowing keeps the original object
local ok4, e4 = pcall(function()
  local ok5, inner = pcall(error, E)
  error(inner)
end)
print(ok4, e4 == E)
-- rethrowing a string adds a second position unless level 0
print(pcall(function()
  local _, m = pcall(error, "orig")
  error(m)
end))
print(pcall(function()
  local _, m = pcall(function() error("orig") end)
  error(m, 0)
end))
-- error with level pointing outside of Lua code
print(pcall(error, "level 2 from pcall", 2))
-- errors in different chunk names
print(pcall(load("error('in loaded chunk')", "=loaded")))
print(pcall(load("local function f() error('deeper', 2) end\nf()", "=loaded2")))
-- assert
print(pcall(assert, false))
print(pcall(assert, nil, "assert message"))
local okt, et = pcall(assert, false, { "table message" })
print(okt, type(et), et[1])
print(select('#', assert(1, 2, 3)), assert(1, 2, 3))
print(pcall(assert))
print(pcall(assert, 1 == 2, 42))
