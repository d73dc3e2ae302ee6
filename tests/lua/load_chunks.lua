-- 3.3.2 chunks and load(): text chunks, env, chunknames, readers, modes
local f = load("return 1 + 1")
print(f())
print(load("return ...")(1, 2, 3))
print(select('#', load("return")()))
local g, err = load("return +")
print(g, err)
print(load("x = ", "=mychunk"))
print(load("x = ", "@file.lua"))
print(load("x = ", "a string chunk name"))
print(pcall(load("error('boom')", "=named")))
print(pcall(load("error('boom')", "@some/file.lua")))
print(pcall(load("\n\nerror('line three')")))
print(pcall(load("local x = nil; return x.y", "=(load)")))
-- env parameter
local env = { v = 5 }
local h = load("v = v * 2; return v", "chunk", "t", env)
print(h(), env.v, v)
-- env = nil explicitly: globals fail
print(pcall(load("return undefinedvar", "c", "t", nil)))
-- mode checks
print(load("return 1", "c", "b"))
print(load("return 1", "c", "t")())
print(load("return 1", "c", "bt")())
-- reader function
local pieces = { "return ", "'from ", "pieces'", nil }
local i = 0
local r = load(function() i = i + 1; return pieces[i] end)
print(r())
local k = 0
print(load(function() k = k + 1; if k == 1 then return "return 7" end return "" end)())
print(pcall(load, function() return {} end))
-- chunk is a vararg function with its own locals
local chunk = load("local a, b = ...; return b, a, select('#', ...)")
print(chunk("x", "y", "z"))
-- chunk sees globals of its env at call time
local e2 = {}
local setter = load("gvar = 'set'", "=s", "t", e2)
setter()
print(e2.gvar, gvar)
-- loading a chunk that ends with a comment without newline
print(load("return 'ok' -- comment")())
print(load("return [[long]] --[[c]]")())
-- deep chunk names in errors
print(pcall(load("local t = {} ; t.x.y = 1", "=deep")))
-- load of a syntax error reports the chunk name
print(load("for", "=forloop"))
print(load("x = 'unfinished", "=str"))
print(load("\27Lua", "=bin", "t"))
