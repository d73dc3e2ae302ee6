-- debug.sethook: call, return, line and count events reported by the engines
local events = {}
local function f(x)
  local y = x + 1
  return y * 2
end
debug.sethook(function(ev, line) events[#events + 1] = ev .. ":" .. tostring(line) end, "crl")
f(1)
debug.sethook()
print(table.concat(events, " "))
-- count hook
local n = 0
debug.sethook(function() n = n + 1 end, "", 100)
for i = 1, 10000 do end
debug.sethook()
print(n > 50, n < 200)
-- line hook over a loop: jumps back report the loop line again
local lines = {}
debug.sethook(function(_, l) lines[#lines + 1] = l end, "l")
for i = 1, 3 do
  local _ = i
end
debug.sethook()
print(table.concat(lines, ","))
-- gethook
print(debug.gethook())
local h = function() end
debug.sethook(h, "c")
local hf, mask = debug.gethook()
debug.sethook()
print(hf == h, mask)
-- a hook inside a coroutine is per-thread
local co = coroutine.create(function()
  local c = 0
  debug.sethook(function() c = c + 1 end, "l")
  local a = 1
  a = a + 1
  debug.sethook()
  return c > 0
end)
print(coroutine.resume(co))
