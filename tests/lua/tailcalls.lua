-- 3.4.10 proper tail calls: unbounded depth
local function loop(n, acc)
  if n == 0 then return acc end
  return loop(n - 1, acc + 1)
end
print(loop(1000000, 0))
-- mutual tail recursion
local even, odd
function even(n) if n == 0 then return true end return odd(n - 1) end
function odd(n) if n == 0 then return false end return even(n - 1) end
print(even(1000001), odd(1000001))
-- tail call through a method
local obj = { n = 0 }
function obj:count(k) if k == 0 then return self.n end self.n = self.n + 1; return self:count(k - 1) end
print(obj:count(500000))
-- tail call with varargs
local function va(n, ...) if n == 0 then return select('#', ...), ... end return va(n - 1, ...) end
print(va(1000000, "a", "b"))
-- tail call to a different function each time
local fs = {}
for i = 1, 3 do fs[i] = function(n) if n == 0 then return "end at " .. i end return fs[i % 3 + 1](n - 1) end end
print(fs[1](300000))
-- tail call returning multiple values
local function mr(n) if n == 0 then return 1, 2, 3 end return mr(n - 1) end
print(mr(100000))
-- tail call of a callable table (__call)
local callable = setmetatable({}, { __call = function(self, n) if n == 0 then return "callable done" end return self(n - 1) end })
local function viacall(n) return callable(n) end
print(viacall(100000))
-- not a tail call: (f(x)) and f(x) + 0 keep frames but moderate depth is fine
local function notail(n) if n == 0 then return 0 end return (notail(n - 1)) end
print(notail(5000))
