-- errors and coroutines
local co = coroutine.create(function() local x = nil; return x + 1 end)
print(coroutine.resume(co))
-- error values of any type
for _, v in ipairs({ "str", 42, true }) do
  print(coroutine.resume(coroutine.create(function() error(v) end)))
end
local t = {}
local ok, e = coroutine.resume(coroutine.create(function() error(t) end))
print(ok, e == t)
print(coroutine.resume(coroutine.create(function() error() end)))
-- pcall inside a coroutine catches errors without killing it
local co2 = coroutine.create(function()
  local ok2, err = pcall(error, "caught", 0)
  coroutine.yield(err)
  return "alive"
end)
print(coroutine.resume(co2))
print(coroutine.resume(co2))
-- error in nested coroutine propagates as a resume result, not an exception
local outer = coroutine.create(function()
  local inner = coroutine.create(function() error("inner boom", 0) end)
  local r1, r2 = coroutine.resume(inner)
  coroutine.yield(tostring(r1) .. " " .. r2)
  return "outer ok"
end)
print(coroutine.resume(outer))
print(coroutine.resume(outer))
-- yield across pcall boundary then error
local co3 = coroutine.create(function()
  return pcall(function()
    coroutine.yield("y")
    local n = nil
    return n.field
  end)
end)
print(coroutine.resume(co3))
print(coroutine.resume(co3))
-- wrong argument types
print(pcall(coroutine.resume))
print(pcall(coroutine.status))
print(pcall(coroutine.wrap))
-- stack overflow inside a coroutine is an error result
-- (contains() uses only string.format: "%.Ns" yields the first N characters)
local function contains(str, pat)
  for i = 0, #str - #pat do
    local head = i == 0 and "" or string.format("%." .. i .. "s", str)
    if string.format("%." .. (i + #pat) .. "s", str) == head .. pat then return true end
  end
  return false
end
local deep = coroutine.create(function() local function r() return 1 + r() end return r() end)
local okd, errd = coroutine.resume(deep)
print(okd, type(errd), contains(errd, "stack overflow"), coroutine.status(deep))
-- resume passing values to a coroutine that errored
print(coroutine.resume(co, 1, 2))
