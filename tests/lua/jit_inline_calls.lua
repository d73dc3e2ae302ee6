-- Calls that compiled code makes itself (fixed arguments to compiled Lua functions) and the
-- cases that leave that path: result adjustment, errors, tail calls, hooks, coroutines,
-- deep recursion (frame array growth) and callees replaced between calls.
local function none() end
local function one(x) return x end
local function two(x) return x, x + 1 end
local function many(...) return ... end

for round = 1, 3 do
  local a, b, c = none()
  local d, e = one(round)
  local f, g, h = two(round)
  local t = { one(round), two(round) }
  print(round, a, b, c, d, e, f, g, h, #t, select("#", one(round)), select("#", none()))
  print(select("#", many(1, 2, 3)), (two(round)))
end

-- a callee raising an error, caught around the compiled caller
local function bad(x)
  if x > 2 then error("bad " .. x) end
  return x
end
local function caller(n)
  local s = 0
  for i = 1, n do s = s + bad(i) end
  return s
end
for _ = 1, 3 do print(pcall(caller, 2), pcall(caller, 5)) end

-- a callee that tail-calls
local function leaf(x) return x * 2 end
local function tail(x) return leaf(x + 1) end
local s = 0
for i = 1, 200 do s = s + tail(i) end
print("tail", s)

-- a hook set inside a callee takes effect in its compiled caller
local lines = 0
local function sethook()
  debug.sethook(function() lines = lines + 1 end, "l")
end
local function hooked()
  local x = 0
  for i = 1, 100 do x = x + one(i) end
  sethook()
  x = x + one(1)
  x = x + one(2)
  debug.sethook()
  return x
end
print("hooked", hooked(), lines > 0)

-- calls inside a coroutine that yields from a callee
local function yielder(x) coroutine.yield(x) return x + 1 end
local co = coroutine.wrap(function()
  local acc = 0
  for i = 1, 5 do acc = acc + yielder(i) end
  return "done", acc
end)
for _ = 1, 6 do io.write(tostring(co()), " ") end
print()

-- deep (non-tail) recursion: the frame array grows past its capacity many times
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print("depth", depth(10000), depth(150000))

-- fewer and more arguments than parameters
local function three(a, b, c) return c end
for i = 1, 3 do print(three(i), three(i, i), three(i, i, i), three(i, i, i, i)) end

-- a callee replaced between calls; a callee that is not a function
local fn = function(x) return x + 1 end
local function use(x) return fn(x) end
for i = 1, 100 do use(i) end
fn = function(x) return x * 10 end
print("replaced", use(5))
fn = setmetatable({}, { __call = function(_, x) return "called " .. x end })
print(use(7))
fn = nil
print(pcall(use, 1))
