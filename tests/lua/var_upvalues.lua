-- upvalues: sharing, mutation after capture, nesting levels
local function counter()
  local n = 0
  return function() n = n + 1; return n end, function() return n end
end
local inc, get = counter()
inc(); inc()
print(get(), inc(), get())
local inc2, get2 = counter()
print(inc2(), get(), get2())

-- mutate after closure creation
local v = 1
local function readv() return v end
v = 2
print(readv())

-- deeply nested upvalues
local function l1()
  local a = "a"
  return function()
    local b = "b"
    return function()
      local c = "c"
      return function() a = a .. "!"; return a .. b .. c end
    end
  end
end
local deep = l1()()()
print(deep(), deep())

-- two closures share one upvalue
local function pair()
  local shared = {}
  local function add(x) shared[#shared + 1] = x end
  local function dump() return table.concat(shared, ",") end
  return add, dump
end
local add, dump = pair()
add(1); add(2); add("three")
print(dump())

-- upvalue of a loop control variable is fresh per iteration
local fs = {}
for i = 1, 3 do fs[i] = function() return i end end
print(fs[1](), fs[2](), fs[3]())

-- upvalue captured in while loop with a local declared inside
local ws = {}
local k = 0
while k < 3 do
  k = k + 1
  local j = k * 10
  ws[k] = function() j = j + 1; return j end
end
print(ws[1](), ws[1](), ws[2](), ws[3]())

-- closure capturing a parameter
local function adder(x) return function(y) return x + y end end
local add5 = adder(5)
print(add5(1), adder(10)(1))

-- upvalues still work after the creating function returned and the stack was reused
local function make() local t = { "kept" }; return function() return t[1] end end
local g = make()
local function clobber(a, b, c, d, e, f) return a end
clobber(1, 2, 3, 4, 5, 6)
print(g())

-- recursive local function is an upvalue of itself
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(20))
