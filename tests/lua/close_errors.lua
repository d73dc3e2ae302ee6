-- errors inside __close handlers
local function closer(name, fail)
  return setmetatable({}, { __close = function(_, err)
    print("closing", name, err)
    if fail then error(name .. " failed", 0) end
  end })
end

-- an error in __close after a normal exit becomes the error
print(pcall(function()
  local a <close> = closer("a")
  local b <close> = closer("b", true)
  return "normal"
end))

-- an error in __close during error unwinding replaces the original error
print(pcall(function()
  local a <close> = closer("a", true)
  local b <close> = closer("b", true)
  error("original", 0)
end))

-- other handlers still run after one fails
print(pcall(function()
  local x <close> = closer("x")
  local y <close> = closer("y", true)
  local z <close> = closer("z")
end))

-- __close that is missing at close time
print(pcall(function()
  local mt = { __close = function() print("never") end }
  local o <close> = setmetatable({}, mt)
  mt.__close = nil
end))

-- error with a table value goes through __close with the same table
local errobj = { code = 7 }
local ok, e = pcall(function()
  local c <close> = setmetatable({}, { __close = function(_, err) print("got same table", err == errobj, err.code) end })
  error(errobj)
end)
print(ok, e == errobj)

-- tbc variable in a loop body closed each iteration
for i = 1, 3 do
  local c <close> = closer("iter" .. i)
end

-- xpcall message handler sees the error before handlers run
print(xpcall(function()
  local c <close> = closer("xp")
  error("xerr", 0)
end, function(m) print("handler", m); return "handled: " .. m end))
-- nested pcall inside __close
print(pcall(function()
  local c <close> = setmetatable({}, { __close = function()
    print("inner pcall", pcall(error, "inside close", 0))
  end })
  return "fine"
end))
