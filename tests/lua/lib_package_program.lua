-- a multi-file program: modules found through package.path share state
package.path = "./modules/?.lua;./modules/?/init.lua;" .. package.path
local Shape = require("shapes")
local counter = require("counter")
local shapes = {
  Shape.new("rect", 3, 4),
  Shape.new("tri", 6, 2),
  Shape.new("rect", 2.5, 2),
}
table.sort(shapes, function(a, b) return a:area() < b:area() end)
for i, s in ipairs(shapes) do
  print(i, tostring(s), s:area())
end
print("created", counter.get())
local pkg = require("pkg")
print(pkg.twice(counter.get()))
local loaded = {}
for k in pairs(package.loaded) do
  if k == "shapes" or k == "counter" or k == "pkg" or k == "pkg.util" then
    loaded[#loaded + 1] = k
  end
end
table.sort(loaded)
print(table.concat(loaded, " "))
