-- methods, self, inheritance with metatables (typical OOP patterns)
local Animal = {}
Animal.__index = Animal
function Animal.new(name, sound)
  local self = setmetatable({}, Animal)
  self.name, self.sound = name, sound
  return self
end
function Animal:speak() return self.name .. " says " .. self.sound end
function Animal:kind() return "animal" end

local Dog = setmetatable({}, { __index = Animal })
Dog.__index = Dog
function Dog.new(name)
  local self = Animal.new(name, "woof")
  return setmetatable(self, Dog)
end
function Dog:kind() return "dog, a kind of " .. Animal.kind(self) end
function Dog:fetch() return self.name .. " fetches" end

local a = Animal.new("cat", "meow")
local d = Dog.new("rex")
print(a:speak(), a:kind())
print(d:speak(), d:kind(), d:fetch())
print(getmetatable(d) == Dog, getmetatable(a) == Animal, rawget(d, "speak"))
print(pcall(function() return a:fetch() end))

-- class with __tostring and __eq
local Point = {}
Point.__index = Point
function Point.new(x, y) return setmetatable({ x = x, y = y }, Point) end
Point.__tostring = function(p) return "(" .. p.x .. ", " .. p.y .. ")" end
Point.__eq = function(p, q) return p.x == q.x and p.y == q.y end
Point.__add = function(p, q) return Point.new(p.x + q.x, p.y + q.y) end
function Point:len2() return self.x * self.x + self.y * self.y end
local p, q = Point.new(1, 2), Point.new(3, 4)
print(tostring(p + q), p == Point.new(1, 2), p ~= q, (p + q):len2())

-- methods stored in closures (privacy)
local function Account(balance)
  local self = {}
  function self.deposit(v) balance = balance + v end
  function self.balance() return balance end
  return self
end
local acc = Account(100)
acc.deposit(50)
print(acc.balance())

-- method calls on strings and chaining
local Builder = {}
Builder.__index = Builder
function Builder.new() return setmetatable({ parts = {} }, Builder) end
function Builder:add(s) self.parts[#self.parts + 1] = s; return self end
function Builder:build() return table.concat(self.parts, " ") end
print(Builder.new():add("a"):add("b"):add("c"):build())

-- self is just the first parameter
local o = { v = 1 }
function o.get(self) return self.v end
print(o:get(), o.get({ v = 2 }))
-- varargs methods
function o:sum(...) local s = self.v for i = 1, select('#', ...) do s = s + select(i, ...) end return s end
print(o:sum(1, 2, 3))
