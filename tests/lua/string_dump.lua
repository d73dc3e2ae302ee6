-- string.dump and loading binary chunks: round trips, strip, upvalues, modes, corrupt chunks

local function show(...)
  local t = table.pack(...)
  for i = 1, t.n do t[i] = tostring(t[i]) end
  print(table.concat(t, " | "))
end

-- a plain function: dump, load, call
local function add(a, b) return a + b end
local s = string.dump(add)
show(type(s), s:sub(1, 4) == "\27Lua", s:byte(5), s:byte(6), #s)
local add2 = assert(load(s))
show(add2(2, 3), add2(2.5, 1), math.type(add2(1, 2)))
-- dumping is deterministic, and dumping a loaded function gives the same chunk
show(string.dump(add) == s, string.dump(add2) == s)

-- constants of every kind, nested functions, varargs
local function kinds(...)
  local long = "a string constant longer than forty characters, stored as a long string"
  local t = {nil, true, false, 42, -7, 3.25, 1e300, -0.0, "short", long, 2^63, math.mininteger}
  local function inner(x) return function(y) return x .. y end end
  return select("#", ...), t, inner("<")(">"), ...
end
local kinds2 = load(string.dump(kinds))
local n, t, joined, extra = kinds2(10, 20)
show(n, joined, extra)
for i = 1, 12 do io.write(tostring(t[i]), i < 12 and " " or "\n") end
show(math.type(t[4]), math.type(t[6]), 1 / t[8], #t[10])

-- stripped chunks are smaller and lose names and lines
local function bad(x) local y = x + 1 return y end
local full, stripped = string.dump(bad), string.dump(bad, true)
show(#full, #stripped, #stripped < #full)
local bad2 = load(stripped)
show(bad2(1))
show(pcall(bad2, {}))
show(pcall(load(full), {}))
local info = debug.getinfo(bad2, "S")
show(info.source, info.short_src, info.linedefined, info.lastlinedefined, info.what)
info = debug.getinfo(load(full), "S")
show(info.source, info.short_src, info.linedefined, info.lastlinedefined)
show(string.dump(bad2) == stripped, string.dump(bad2, true) == stripped)

-- upvalues: a loaded function gets fresh upvalues; the first one is the environment
local counter = 0
local function count() counter = counter + 1 return counter end
count()
local count2 = load(string.dump(count))
show(pcall(count2))
show(counter)
local x, y = 10, 20
local function two() return x, y end
local two2 = load(string.dump(two))
local a, b = two2()
show(a == _G, b)
show(debug.getupvalue(two2, 1), debug.getupvalue(two2, 2))
show(debug.getupvalue(load(string.dump(two, true)), 2))
debug.setupvalue(two2, 1, "one")
debug.setupvalue(two2, 2, "two")
show(two2())
-- the environment argument of load replaces the first upvalue
local env = {}
local setg = load(string.dump(function() g1 = "set" return _ENV end), "chunk", "b", env)
show(setg() == env, env.g1, g1)

-- main chunks
local main = assert(load("local a, b = ... return b, a, select('#', ...)", "=main"))
local main2 = assert(load(string.dump(main), "=main", "b"))
show(main2(1, 2, 3))
show(pcall(load(string.dump(assert(load("error('boom')", "@chunk.lua"))))))
show(pcall(load(string.dump(assert(load("local t = nil; return t.x", "=(x)")), true))))

-- calls between loaded and ordinary functions, coroutines inside loaded code
function global_double(v) return v * 2 end
local mixed = load(string.dump(function(v)
  local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1) return global_double(b) end)
  return co(v), co(v + 10)
end))
show(mixed(1))
local fib
fib = function(k) if k < 2 then return k end return fib(k - 1) + fib(k - 2) end
local fib2 = load(string.dump(fib))
show(pcall(fib2, 10))
debug.setupvalue(fib2, 1, fib)
show(fib2(10))

-- mode checks
show(load(s, "bin", "t"))
show(load("return 1", "txt", "b"))
show(load(s, "bin", "bt") ~= nil, load(s, "bin", "b") ~= nil)
show(pcall(load, s, "bin", "x"))

-- the reader-function form
local pos = 0
local pieces = function()
  if pos >= #s then return nil end
  local piece = s:sub(pos + 1, pos + 7)
  pos = pos + 7
  return piece
end
show(load(pieces)(20, 22))

-- corrupt and truncated chunks
show(load(s:sub(1, 3)))
show(load(s:sub(1, 20)))
show(load(s:sub(1, #s - 1), "=short"))
show(load(s:sub(1, 40), "@file.luac"))
local function patch(at, byte) return s:sub(1, at - 1) .. byte .. s:sub(at + 1) end
show(load(patch(2, "X"), "=sig"))
show(load(patch(5, "\x53"), "=version"))
show(load(patch(6, "\1"), "=format"))
show(load(patch(9, "\n"), "=data"))
show(load(patch(13, "\8"), "=instruction"))
show(load(patch(14, "\4"), "=integer"))
show(load(patch(15, "\4"), "=number"))
show(load(patch(16, "\0"), "=intformat"))
show(load(patch(31, "\0"), "=floatformat"))
show(load("\27", "=esc"))
show(load("\27Lua"))

-- files: loadfile, dofile, require
local base = os.tmpname()
local path = base .. "_bin.lua"
local f = assert(io.open(path, "wb"))
f:write(string.dump(assert(load("local n = ... return 'module', n, select('#', ...)"))))
f:close()
show(loadfile(path)("arg"))
show(dofile(path))
show(loadfile(path, "t"))
show(loadfile(path, "b") ~= nil)
local oldpath = package.path
package.path = base .. "_?.lua"
show((require("bin")))
package.path = oldpath
f = assert(io.open(path, "wb"))
f:write("#!/usr/bin/env lua\n", string.dump(function() return "after shebang" end))
f:close()
show(dofile(path))
f = assert(io.open(path, "wb"))
f:write(string.dump(add):sub(1, 25))
f:close()
local ok, msg = loadfile(path)
show(ok, msg == path:gsub("^@", "") .. ": bad binary format (truncated chunk)")
os.remove(path)
os.remove(base)

-- what cannot be dumped
show(pcall(string.dump, print))
show(pcall(string.dump, coroutine.wrap(function() end)))
show(pcall(string.dump, 42))
show(pcall(string.dump))
