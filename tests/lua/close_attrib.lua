-- 3.3.7 local attributes: <const> and <close>
local K <const> = 42
local S <const> = "const string"
local N <const> = nil
print(K, S, N, K + 1)
local function usesconst() return K * 2 end
print(usesconst())

local function closer(name, log)
  return setmetatable({ name = name }, { __close = function(self, err)
    log = log or print
    print("close", self.name, err)
  end })
end

-- closing order is the reverse of declaration
do
  local a <close> = closer("a")
  local b <close> = closer("b")
  local c <close> = closer("c")
  print("body")
end
print("after block")

-- nil and false are allowed and ignored
do
  local x <close> = nil
  local y <close> = false
  print("nil/false tbc ok")
end

-- closed on break, return and goto
for i = 1, 3 do
  local lc <close> = closer("loop" .. i)
  if i == 2 then break end
end
local function f()
  local r <close> = closer("in f")
  return "f result"
end
print(f())
do
  local g <close> = closer("goto")
  goto out
end
::out::
print("after goto")

-- value returned is computed before closing
local function g()
  local t = { v = 1 }
  local c <close> = setmetatable({}, { __close = function() t.v = 2 end })
  return t.v, t
end
local v, t = g()
print(v, t.v)

-- closing on error: the error object is passed
print(pcall(function()
  local e1 <close> = closer("err1")
  local e2 <close> = closer("err2")
  error("boom", 0)
end))
print(pcall(function()
  local e3 <close> = closer("errtable")
  error(setmetatable({}, { __tostring = function() return "tableerr" end }))
end))

-- non-closable value is an error at declaration
print(pcall(function() local bad <close> = {} end))
print(pcall(function() local bad <close> = 42 end))
print(pcall(function() local bad <close> = "str" end))

-- tbc in nested functions and coroutines
local function outer()
  local o <close> = closer("outer")
  local function inner()
    local i <close> = closer("inner")
    return "inner done"
  end
  print(inner())
  return "outer done"
end
print(outer())

-- return f() with a pending tbc variable is not a tail call: close runs after f
local function callee() print("callee runs"); return "callee" end
local function caller()
  local c <close> = closer("caller")
  return callee()
end
print(caller())

-- const capture in closures
local function mk()
  local base <const> = 10
  return function(x) return base + x end
end
print(mk()(5))

-- close called exactly once even with multiple exits
local count = 0
local function once()
  local c <close> = setmetatable({}, { __close = function() count = count + 1 end })
  for i = 1, 10 do
    if i == 3 then return i end
  end
end
once(); once()
print("closed times", count)
-- __close receives nil as error on normal exit, and extra args are not passed
do
  local c <close> = setmetatable({}, { __close = function(...) print("nargs", select('#', ...), (select(2, ...))) end })
end
