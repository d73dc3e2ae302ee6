-- JIT: errors raised in compiled code, tracebacks through compiled frames,
-- yields across compiled frames, recursion depth, tail calls, varargs.
local function add(a, b) return a + b end
for _ = 1, 300 do add(1, 2) end
print(pcall(add, 1, nil))
print(pcall(add, {}, 1))
local function idx(t) return t.x.y end
for _ = 1, 300 do idx({x = {y = 1}}) end
print(pcall(idx, {}))
local function callit(f) return f() end
for _ = 1, 300 do callit(function() end) end
print(pcall(callit, nil))
print(select(2, xpcall(function() local u; return u.z end, function(m)
  return (debug.traceback(m, 1):gsub("\n.*", "")) end)))

-- error objects pass through compiled frames unchanged
local function thrower(n) if n == 0 then error({code = 42}) end return thrower(n - 1) + 1 end
for _ = 1, 100 do pcall(thrower, 3) end
local ok, e = pcall(thrower, 50)
print(ok, type(e), e.code)

-- deep recursion: a catchable stack overflow, never a crash
local function down(n) return 1 + down(n + 1) end
local ok2, msg = pcall(down, 1)
print(ok2, (msg:gsub("^.-:%d+: ", "")))
local depth = 0
local function count(n) depth = n; return count(n + 1) + 0 end
pcall(count, 1)
print("deep enough", depth > 100000)

-- the same inside a coroutine (smaller native stack)
local co = coroutine.create(function()
  local ok3, m3 = pcall(down, 1)
  coroutine.yield(ok3, (m3:gsub("^.-:%d+: ", "")))
  return "done"
end)
print(coroutine.resume(co))
print(coroutine.resume(co))

-- yields from inside compiled callees (several compiled frames deep)
local function leaf(x) return coroutine.yield(x) * 2 end
local function mid(x) return leaf(x + 1) + 1 end
local gen = coroutine.wrap(function()
  local s = 0
  for i = 1, 1000 do s = s + mid(i) end
  return s
end)
local v = gen()
local steps = 0
while true do
  steps = steps + 1
  local r = gen(v)
  if steps == 1000 then print("yields", steps, r) break end
  v = r
end

-- tail calls do not grow the stack, in compiled code too
local function loop(n, acc) if n == 0 then return acc end return loop(n - 1, acc + 1) end
print("tail", loop(1000000, 0))

-- varargs and multiple results through compiled functions
local function pack(...) return select("#", ...), ... end
local function many() return 1, 2, 3 end
local n
for _ = 1, 300 do n = pack(many()) end
print(n, pack(many()))
print(pack(nil, nil))
local function sum(...)
  local s = 0
  for _, x in ipairs({...}) do s = s + x end
  return s
end
for _ = 1, 300 do sum(1, 2, 3) end
print(sum(1, 2, 3, 4, 5))

-- closures and upvalues shared between compiled functions
local function counter()
  local c = 0
  return function() c = c + 1; return c end, function() return c end
end
local inc, get = counter()
for _ = 1, 1000 do inc() end
print("upvalues", get())

-- to-be-closed variables in compiled code
do
  local log = {}
  local function user(i)
    local h <close> = setmetatable({}, {__close = function() log[#log + 1] = i end})
    if i % 2 == 0 then error("even " .. i, 0) end
    return i
  end
  for i = 1, 200 do pcall(user, i) end
  print("closed", #log, log[1], log[200])
end
