-- package library and require (loadlib.c): searchers, paths, loaded/preload, errors
print(package.config == "/\n;\n?\n!\n-\n", #package.config)
print(type(package.path), type(package.cpath))
print(package.loaded._G == _G, package.loaded.string == string, package.loaded.package == package)
print(package.loaded.debug == debug, package.loaded.coroutine == coroutine)
print(debug.getregistry()._LOADED == package.loaded, debug.getregistry()._PRELOAD == package.preload)
print(#package.searchers, type(package.searchers[1]), type(package.searchers[4]))
print(type(package.searchpath), type(package.loadlib), type(require))

-- default templates end with the current directory (the rest is the installation's)
print(package.path:sub(-24), package.cpath:sub(-7))

-- already loaded: one result
print(select("#", require("string")), require("string") == string)

package.path = "./modules/?.lua;./modules/?/init.lua"
package.cpath = "./modules/?.so"

-- a module file: two results (module, file name); the loader gets (name, file name)
local m, where = require("mymod")
print(type(m), where, m.name, m.file)
print(m.greet("require"))
print(select("#", require("mymod")), require("mymod") == m, package.loaded.mymod == m)

-- dotted names map to folders
local inner, f2 = require("sub.inner")
print(inner.name, inner.file, inner.parent, f2)

-- ?/init.lua template; a module requiring its submodule
local pkg, f3 = require("pkg")
print(pkg.name, pkg.util_name, pkg.twice(21), f3)
print(package.loaded["pkg.util"] ~= nil)

-- a module returning nothing: true
print(require("noreturn"), noreturn_loaded, package.loaded.noreturn)
print(require("noreturn"), noreturn_loaded)

-- a module that stores its own value in package.loaded
local sr = require("selfreg")
print(type(sr), sr.registered)

-- preload
package.preload.virtual = function(...)
  print("preload loader args", select("#", ...), ...)
  return { from = "preload" }
end
local v, vd = require("virtual")
print(v.from, vd)

-- modules run once; state is shared
local c1 = require("counter")
c1.inc(); c1.inc()
print(require("counter").get())

-- package.loaded can be cleared to load again
package.loaded.counter = nil
print(require("counter").get(), require("counter") ~= c1)

-- not found: every searcher's message, in order
local ok, err = pcall(require, "no.such.mod")
print(ok)
print(err)
ok, err = pcall(require, "nothere")
print(err)

-- errors while loading propagate unchanged
ok, err = pcall(require, "failing")
print(ok, err)
print(package.loaded.failing)

-- syntax errors are reported with the file name
package.path = "./modules/?.luax"
ok, err = pcall(require, "badsyntax")
print(ok)
print(err)
package.path = "./modules/?.lua;./modules/?/init.lua"

-- custom searchers: a function result is the loader; strings are collected; nil adds nothing
table.insert(package.searchers, 2, function(name)
  if name == "generated" then
    return function(n, extra) return { n = n, extra = extra } end, "made here"
  elseif name:sub(1, 3) == "gen" then
    return "\n\tno generator for '" .. name .. "'"
  end
  return nil
end)
local g, gd = require("generated")
print(g.n, g.extra, gd)
ok, err = pcall(require, "genother")
print(err)
table.remove(package.searchers, 2)

-- a searcher may return a number as its message
table.insert(package.searchers, 1, function() return 42 end)
ok, err = pcall(require, "numbered")
print(err:match("^[^\n]*\n[^\n]*"))
table.remove(package.searchers, 1)

-- bad arguments and broken configuration
print(pcall(require))
print(pcall(require, {}))
local saved = package.searchers
package.searchers = nil
print(pcall(require, "zzz"))
package.searchers = saved
local savedpath = package.path
package.path = nil
print(pcall(require, "zzz"))
package.path = 42
print(select(2, pcall(require, "zzz")))
package.path = savedpath
local savedc = package.cpath
package.cpath = {}
print(pcall(require, "zzz"))
package.cpath = savedc

-- numbers are accepted as names
package.preload["7"] = function(n) return "seven:" .. n end
print(require(7))

-- the loaded table is the registry's _LOADED even if package.loaded is replaced
local realloaded = package.loaded
package.loaded = {}
print(require("mymod") == m)
package.loaded = realloaded
