-- pcall / xpcall behaviour
print(pcall(function() return 1, 2, 3 end))
print(pcall(function() end))
print(select('#', pcall(function() end)))
print(pcall(function(...) return select('#', ...), ... end, "a", nil, "c"))
print(pcall(pcall))
print(pcall(42))
print(pcall(nil))
-- nested pcall
print(pcall(pcall, error, "nested"))
print(pcall(pcall, pcall, error, "deeper"))
print(pcall(function()
  local ok, e = pcall(error, "inner")
  return "outer continues after " .. e
end))
-- xpcall: handler receives the error and its results are returned
print(xpcall(function() error("x1") end, function(m) return "handled: " .. m end))
print(xpcall(function() error("x2", 0) end, function(m) return m, "second value" end))
print(xpcall(function() return "no error", 2 end, print))
print(xpcall(function(a, b) return a + b end, print, 3, 4))
print(xpcall(function() error({ code = 1 }) end, function(e) return type(e) .. " " .. e.code end))
-- handler sees the stack at the error point: it can inspect upvalues
local where
print(xpcall(function() local x = nil; return x.y end, function(m) where = m; return "ok" end))
print(where)
-- error inside the handler
print(xpcall(function() error("first") end, function(m) error("in handler") end))
-- handler that is not a function
print(pcall(xpcall, function() error("e") end, nil))
print(pcall(xpcall, function() error("e") end, 42))
-- xpcall without a handler argument
print(pcall(xpcall, function() end))
-- pcall returns false + message for runtime errors
print(pcall(function() return 1 + nil end))
print(pcall(function() return #nil end))
-- pcall in a loop keeps working
local fails = 0
for i = 1, 1000 do
  local ok = pcall(function() if i % 3 == 0 then error("x") end end)
  if not ok then fails = fails + 1 end
end
print("fails", fails)
-- error in error object __tostring is irrelevant to pcall
local weird = setmetatable({}, { __tostring = function() error("never called") end })
local ok, e = pcall(error, weird)
print(ok, e == weird)
-- tostring of a pcall result for error(nil)
print(pcall(error, nil))
-- pcall status after a caught error: the stack is usable
local function recurse(n) if n == 0 then error("bottom") end return recurse(n - 1) end
print(pcall(recurse, 100))
print(pcall(recurse, 10))
