-- debug.traceback: message, level, thread argument, names of frames, tail calls, long stacks
print(debug.traceback())
print(debug.traceback("msg"))
print(debug.traceback("lvl0", 0))
print(debug.traceback("lvl2", 2))
print(debug.traceback("far", 50))
print(debug.traceback(nil, 1))
print(debug.traceback(12))
print(debug.traceback(1.5, 1))
local t = {}
print(debug.traceback(t) == t, debug.traceback(print) == print, debug.traceback(true))
print(select("#", debug.traceback()))

local function loc(msg) return debug.traceback(msg) end
function glob(msg) return loc(msg) end
local obj = {}
function obj:meth(msg) return (glob(msg)) end
local tab = { field = function(msg) return obj:meth(msg) end }
print(tab.field("names"))

-- tail calls
local function leaf() return debug.traceback("tail") end
local function mid() return leaf() end
print(mid())

-- upvalue and method calls, metamethods, for iterators
local up = function() return debug.traceback("up") end
local function useup() return (up()) end
print(useup())
local mt = setmetatable({}, { __index = function(t, k) return debug.traceback("index " .. k) end,
  __add = function(a, b) return debug.traceback("add") end })
print(mt.key)
print(mt + 1)
for v in function(s, c) if not c then return debug.traceback("iter") end end do print(v) end

-- as a message handler
print(select(2, xpcall(function() local x = nil; return x.y end, debug.traceback)))
print(select(2, xpcall(function() error("plain") end, debug.traceback)))
print(select(2, xpcall(function() error({}) end, debug.traceback)) ~= nil)

-- deep stacks are abbreviated
local function rec(n) if n == 0 then return debug.traceback("deep") end return (rec(n - 1)) end
print(rec(30))
print(rec(19))
print(rec(20))

-- coroutines
local co = coroutine.create(function(a)
  local function inner() coroutine.yield(a) end
  inner()
  error("boom")
end)
print(debug.traceback(co))
coroutine.resume(co, 1)
print(debug.traceback(co))
print(debug.traceback(co, "with msg"))
print(debug.traceback(co, "level 1", 1))
print(debug.traceback(co, nil, 2))
print(coroutine.resume(co))
print(debug.traceback(co))
print(debug.traceback(co, "dead", 1))

-- traceback of the running coroutine from inside, and of the main thread from a coroutine
local main = coroutine.running()
local co2 = coroutine.wrap(function()
  print(debug.traceback(coroutine.running(), "self"))
  print(debug.traceback("self default"))
  print(debug.traceback(main, "main thread"))
end)
co2()
