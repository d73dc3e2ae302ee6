-- debug.getlocal / setlocal / getupvalue / setupvalue / upvalueid / upvaluejoin
local function locals(level)
  local out = {}
  local i = 1
  while true do
    local name, value = debug.getlocal(level + 1, i)
    if not name then break end
    if name:sub(1, 1) ~= "(" then out[#out + 1] = name .. "=" .. tostring(value) end
    i = i + 1
  end
  return table.concat(out, " ")
end

local function f(a, b)
  local c = a + b
  do
    local inner = c * 2
    print("in block", locals(1))
  end
  local d = "after"
  print("after block", locals(1))
  return c
end
f(1, 2)

-- parameters of a function value (no values)
print(debug.getlocal(f, 1), debug.getlocal(f, 2), debug.getlocal(f, 3))
print(debug.getlocal(print, 1), debug.getlocal(function(...) end, 1))
print(debug.getlocal(function(x, y, ...) end, 2), debug.getlocal(f, 0), debug.getlocal(f, -1))

-- varargs
local function va(x, ...)
  print(debug.getlocal(1, -1))
  print(debug.getlocal(1, -2))
  print(debug.getlocal(1, -3))
  print(debug.getlocal(1, -4))
  print(debug.getlocal(1, 1))
  print(debug.setlocal(1, -2, "changed"))
  print(...)
  print(debug.setlocal(1, -5, "nope"))
end
va("x", "v1", "v2", "v3")
local function novararg(x) return debug.getlocal(1, -1) end
print(novararg(1))

-- setlocal changes the variable
local function changer()
  local target = "original"
  local n = 5
  print(debug.setlocal(1, 1, "replaced"), debug.setlocal(1, 2, n + 1))
  print(target, n)
  print(debug.setlocal(1, 50, 0))
end
changer()
local function setcaller()
  print(debug.setlocal(2, 1, "from callee"))
end
local function caller()
  local v = "before"
  setcaller()
  return v
end
print(caller())

-- errors
print(pcall(debug.getlocal, 100, 1))
print(pcall(debug.getlocal, 1))
print(pcall(debug.getlocal, "x", 1))
print(pcall(debug.setlocal, 100, 1, 1))
print(pcall(debug.setlocal, 1, 1))
print(pcall(debug.getlocal, {}, 1))

-- coroutines
local co = coroutine.create(function(p, ...)
  local q = p + 1
  coroutine.yield(q)
  print("resumed with", p, q)
end)
coroutine.resume(co, 10, "extra")
print(debug.getlocal(co, 1, 1))
print(debug.getlocal(co, 1, 2))
print(debug.getlocal(co, 1, -1))
print(debug.setlocal(co, 1, 2, 99))
print(pcall(debug.getlocal, co, 5, 1))
coroutine.resume(co)

-- upvalues
local u1, u2 = 1, "two"
local function uses() return u1, u2 end
print(debug.getupvalue(uses, 1))
print(debug.getupvalue(uses, 2))
print(debug.getupvalue(uses, 3), debug.getupvalue(uses, 0))
print(debug.setupvalue(uses, 1, 100), uses())
print(debug.setupvalue(uses, 3, 0))
print(select("#", debug.getupvalue(uses, 3)), select("#", debug.setupvalue(uses, 3, 0)))
local function globals_user() return print end
print(debug.getupvalue(globals_user, 1) == "_ENV", select(2, debug.getupvalue(globals_user, 1)) == _ENV)
local main = load("x = 1")
print(debug.getupvalue(main, 1), select(2, debug.getupvalue(main, 1)) == _G)
-- native closures: upvalue names are empty strings
local w = coroutine.wrap(function() end)
local n, v = debug.getupvalue(w, 1)
print(n == "", type(v))
print(debug.getupvalue(print, 1))
print(pcall(debug.getupvalue, {}, 1))
print(pcall(debug.getupvalue, uses))
print(pcall(debug.setupvalue, uses, 1))

-- upvalue identity
local function make()
  local shared = 0
  return function() shared = shared + 1 return shared end, function() return shared end
end
local inc, get = make()
local inc2 = make()
print(debug.upvalueid(inc, 1) == debug.upvalueid(get, 1))
print(debug.upvalueid(inc, 1) == debug.upvalueid(inc2, 1))
print(type(debug.upvalueid(inc, 1)), debug.upvalueid(inc, 2), debug.upvalueid(print, 1))
print(type(debug.upvalueid(w, 1)), debug.upvalueid(w, 2))
print(pcall(debug.upvalueid, 1, 1))
print(pcall(debug.upvalueid, inc))
inc(); inc()
print(get(), inc2())
debug.upvaluejoin(inc2, 1, get, 1)
print(inc2(), get(), inc())
print(debug.upvalueid(inc2, 1) == debug.upvalueid(get, 1))
print(pcall(debug.upvaluejoin, inc, 2, get, 1))
print(pcall(debug.upvaluejoin, inc, 1, get, 5))
print(pcall(debug.upvaluejoin, w, 1, get, 1))
print(pcall(debug.upvaluejoin, inc, 1, w, 1))
print(pcall(debug.upvaluejoin, inc, 1, print, 1))
