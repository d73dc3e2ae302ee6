-- debug.getinfo: functions and stack levels, every option
local function keys(t)
  local ks = {}
  for k in pairs(t) do ks[#ks + 1] = k end
  table.sort(ks)
  return table.concat(ks, " ")
end
local function show(t)
  local ks = {}
  for k, v in pairs(t) do
    if type(v) ~= "table" and type(v) ~= "function" then ks[#ks + 1] = k .. "=" .. tostring(v) end
  end
  table.sort(ks)
  return table.concat(ks, " ")
end
local function lines(t)
  local ls = {}
  for l in pairs(t) do ls[#ls + 1] = l end
  table.sort(ls)
  return table.concat(ls, ",")
end

local function f(a, b, ...)
  local x = a + b
  return x
end
print(keys(debug.getinfo(f)))
print(show(debug.getinfo(f)))
print(debug.getinfo(f).func == f, debug.getinfo(f, "f").func == f)
print(show(debug.getinfo(f, "S")))
print(show(debug.getinfo(f, "u")))
print(show(debug.getinfo(f, "l")), show(debug.getinfo(f, "t")), show(debug.getinfo(f, "n")))
print(show(debug.getinfo(f, "r")))
print(lines(debug.getinfo(f, "L").activelines))
local function g(x)
  if x then
    return 1
  end

  return 2
end
print(lines(debug.getinfo(g, "L").activelines))
print(lines(debug.getinfo(function(...) return ... end, "L").activelines))
print(show(debug.getinfo(print)))
print(debug.getinfo(print, "L").activelines, debug.getinfo(print, "f").func == print)
print(show(debug.getinfo(coroutine.wrap(f), "u")))
print(show(debug.getinfo(1, "S")))
print(show(debug.getinfo(1, "u")))

-- main chunk and loaded chunks
local chunk = load("return debug.getinfo(1, 'S')", "=mychunk")
print(show(chunk()))
chunk = load("local t = debug.getinfo(1, 'S') return t", "@some/file.lua")
print(show(chunk()))
chunk = load("return debug.getinfo(1, 'S')")
print(show(chunk()))
chunk = load("\n\nreturn debug.getinfo(1, 'Sl')", string.rep("x", 80))
print(show(chunk()))

-- levels
local function level1()
  local info = debug.getinfo(1, "nSl")
  local caller = debug.getinfo(2, "nSl")
  return info, caller
end
local i1, c1 = level1()
print(show(i1))
print(show(c1))
print(show(debug.getinfo(0, "nS")))
print(debug.getinfo(100), debug.getinfo(-1))
print(pcall(debug.getinfo, {}))
print(pcall(debug.getinfo))
print(pcall(debug.getinfo, 1, ">S"))
print(pcall(debug.getinfo, 1, "X"))
print(pcall(debug.getinfo, f, "Sz"))
print(debug.getinfo(100, "X"))

-- names as seen from the caller
local function name_of() local t = debug.getinfo(2, "n") return t.namewhat .. ":" .. tostring(t.name) end
local function who() local r = name_of() return r end
local function caller_name() local t = debug.getinfo(1, "n") return t.namewhat .. ":" .. tostring(t.name) end
function global_fn() return (caller_name()) end
local o = { m = caller_name }
function o:meth() return (caller_name()) end
function o.field() return (global_fn()) end
print(caller_name(), global_fn(), o.m(), o:meth(), o.field())
print(select(2, pcall(caller_name)))
print((caller_name()))
local up = caller_name
local function via_up() return (up()) end
print(via_up())
print(who())
local function meta_name() local t = debug.getinfo(1, "n") return t.namewhat .. ":" .. tostring(t.name) end
local mt = setmetatable({}, {
  __index = meta_name, __call = meta_name, __add = meta_name, __concat = meta_name,
  __len = meta_name, __unm = meta_name, __eq = meta_name, __lt = meta_name, __le = meta_name,
  __newindex = function(t, k, v) print("newindex", meta_name()) end,
})
print(mt.x, mt(), mt + 1, mt .. "s", #mt, -mt)
print(mt == setmetatable({}, getmetatable(mt)), mt < mt, mt <= mt)
mt.y = 1
for k in function(s, c) if not c then return (caller_name()) end end do print(k) end
print(table.unpack({ pcall(meta_name) }))
function gname() local t = debug.getinfo(1, "n") return t.namewhat .. ":" .. tostring(t.name) end
print(gname(), o:m(), o.m(), _ENV.gname(), _G.gname())
for k in function(s, c) if not c then return (meta_name()) end end do print(k) end
for k in meta_name do print(k) break end

-- tail calls
local function tailee() return debug.getinfo(1, "nt") end
local function tailer() return tailee() end
local ti = tailer()
print(ti.istailcall, ti.namewhat, ti.name)
local nt = (function() local r = debug.getinfo(1, "t") return r end)()
print(nt.istailcall)

-- currentline follows execution
local function cur()
  local a = debug.getinfo(1, "l").currentline
  local b = debug.getinfo(1, "l").currentline
  return a, b
end
print(cur())
print(debug.getinfo(1, "l").currentline)

-- the func field of levels
local function self_func() return debug.getinfo(1, "f").func end
print(self_func() == self_func)

-- threads
local co = coroutine.create(function(x)
  local y = x * 2
  coroutine.yield(y)
  return y
end)
print(debug.getinfo(co, 0))
coroutine.resume(co, 21)
print(show(debug.getinfo(co, 0, "Sln")))
print(show(debug.getinfo(co, 1, "Sln")))
print(debug.getinfo(co, 2))
print(show(debug.getinfo(co, print, "S")))
coroutine.resume(co)
print(debug.getinfo(co, 0))
