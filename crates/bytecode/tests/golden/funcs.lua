local function f(a, b, ...)
  local n = select('#', ...)
  return a, b, n, ...
end
local function g(...) return ... end
local function h(...) local a, b = ... return a + b end
local function k(...) return {...}, select(2, ...) end
local function tail(x) return f(x) end
local function notail(x) return (f(x)) end
local function multi(x) return f(x), g(x) end
local function none() return end
local function one() return 1 end
local function two() return 1, 2 end
local obj = {}
function obj.a(x) return x end
function obj:b(x) return self, x end
function obj.c.d.e(x) end
obj:b(1):b(2)
obj.a(obj:b())
print(f(1, 2, 3, g(4, 5)))
print(f(g()))
print((f()))
print "str"
print { 1, 2 }
obj:b "x"
obj:b { y = 1 }
local s = ("x"):rep(3)
return f, g, h
