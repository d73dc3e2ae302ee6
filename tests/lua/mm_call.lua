-- 2.4 __call
local callable = setmetatable({ name = "obj" }, { __call = function(self, a, b) return self.name, a, b end })
print(callable(1, 2))
print(callable())
-- __call with varargs and multiple returns
local multi = setmetatable({}, { __call = function(_, ...) return select('#', ...), ... end })
print(multi(nil, nil, 3))
-- __call used by pcall and in method-like calls
print(pcall(callable, "p"))
local holder = { f = callable }
print(holder.f("field"))
print(select('#', holder:f()), (select(2, holder:f())) == holder)
-- a functor counter
local counter = setmetatable({ n = 0 }, { __call = function(self) self.n = self.n + 1; return self.n end })
counter(); counter()
print(counter())
-- __call on a __call table (callable chain)
local inner = setmetatable({}, { __call = function(self, a, b, c) return "inner got", type(a), b, c end })
local outer = setmetatable({}, { __call = inner })
print(pcall(outer, "arg"))
-- calling a table without __call
print(pcall(function() local t = setmetatable({}, {}); t() end))
print(pcall(function() local t = setmetatable({}, { __call = 42 }); t() end))
-- __call in iterators
local it = setmetatable({ i = 0 }, { __call = function(self) self.i = self.i + 1; if self.i <= 3 then return self.i end end })
for v in it do io.write(v, " ") end
print()
-- __call used as constructor
local Class = setmetatable({}, { __call = function(cls, v) return setmetatable({ v = v }, cls) end })
Class.__index = Class
function Class:get() return self.v end
print(Class(42):get())
-- __call with xpcall handler
print(xpcall(callable, function(m) return m end, "x"))
