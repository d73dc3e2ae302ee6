-- _ENV: globals are fields of the _ENV upvalue / local
local print, tostring, setmetatable, pcall = print, tostring, setmetatable, pcall
gx = 1
print(gx)
do
  local _ENV = { y = 2 }
  z = 3              -- goes to the new table
  print(y, z, gx)    -- gx is nil here
end
print(gx, z)

local function withenv()
  local _ENV = { x = "inner env" }
  return x
end
print(withenv())

-- function whose _ENV parameter controls globals
local function f(_ENV) return a + b end
print(f({ a = 1, b = 2 }), f({ a = 10, b = 20 }))

-- _ENV with a metatable falling back to the real environment
local realenv = _ENV
do
  local _ENV = setmetatable({}, { __index = realenv })
  newvar = "set in sandbox"
  print(newvar, realenv.newvar)
end

-- upvalue _ENV shared by closures
local function mk()
  local _ENV = { counter = 0 }
  return function() counter = counter + 1; return counter end
end
local c = mk()
c(); c()
print(c())

-- _ENV = nil makes global access fail
local ok, msg = pcall(function()
  local _ENV = nil
  return undefinedglobal
end)
print(ok, msg)
-- assigning to _ENV changes the environment of subsequent global accesses
local saved = _ENV
local function swap()
  _ENV = { print = print, marker = "swapped" }
  print(marker)
  _ENV = saved
end
swap()
print(marker)
