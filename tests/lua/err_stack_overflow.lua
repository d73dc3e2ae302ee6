-- stack overflows are catchable errors; check the message contains "stack overflow"
local function contains(str, pat)
  if type(str) ~= "string" then return false end
  for i = 0, #str - #pat do
    local head = i == 0 and "" or string.format("%." .. i .. "s", str)
    if string.format("%." .. (i + #pat) .. "s", str) == head .. pat then return true end
  end
  return false
end
-- plain Lua recursion
local function rec() return 1 + rec() end
local ok, e = pcall(rec)
print("lua recursion", ok, contains(e, "stack overflow"))
-- recursion with many locals and arguments
local function fat(a, b, c, d, e2, f, g, h) local x, y, z = a, b, c; return fat(x, y, z, d, e2, f, g, h) + 1 end
ok, e = pcall(fat, 1, 2, 3, 4, 5, 6, 7, 8)
print("fat frames", ok, contains(e, "stack overflow"))
-- recursion through a metamethod (a C boundary each level)
local mt = {}
mt.__index = function(t, k) return t[k] end
ok, e = pcall(function() return setmetatable({}, mt).x end)
print("__index recursion", ok, contains(e, "stack overflow"))
-- recursion through pcall
local function prec() local ok2, e2 = pcall(prec); if not ok2 then error(e2, 0) end end
ok, e = pcall(prec)
print("pcall recursion", ok, contains(e, "stack overflow"))
-- recursion through __tostring
local ts = setmetatable({}, { __tostring = function(s) return tostring(s) end })
ok, e = pcall(tostring, ts)
print("__tostring recursion", ok, contains(e, "stack overflow"))
-- recursion through coroutines resuming new coroutines
local function cor() local co = coroutine.create(cor); local ok3, e3 = coroutine.resume(co); if not ok3 then error(e3, 0) end end
ok, e = pcall(cor)
print("coroutine nesting", ok, contains(e, "stack overflow") or contains(e, "too many") or contains(e, "C stack"))
-- after an overflow everything keeps working
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print("after overflow", depth(1000))
ok, e = pcall(rec)
print("second overflow", ok, contains(e, "stack overflow"))
-- the error position is the recursive function
print("message starts with position", contains(e, "err_stack_overflow.lua:"))
-- a very deep but finite recursion works
print("deep", depth(20000))
