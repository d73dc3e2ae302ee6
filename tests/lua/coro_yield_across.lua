-- yields across pcall, metamethods and for-iterators (all allowed in 5.4)
local function run(name, f, ...)
  local co = coroutine.create(f)
  local out = {}
  local ok, a, b = coroutine.resume(co, ...)
  while true do
    out[#out + 1] = tostring(a) .. (b ~= nil and ("/" .. tostring(b)) or "")
    if not ok or coroutine.status(co) == "dead" then break end
    ok, a, b = coroutine.resume(co, "r" .. #out)
  end
  print(name, ok, table.concat(out, " "))
end

-- across pcall
run("pcall", function()
  local ok, v = pcall(function()
    local x = coroutine.yield("in pcall")
    return x .. "!"
  end)
  return tostring(ok) .. ":" .. v
end)
-- error after yield inside pcall is caught
run("pcall error", function()
  local ok, e = pcall(function()
    coroutine.yield("before error")
    error("after yield", 0)
  end)
  return tostring(ok) .. ":" .. e
end)
-- across xpcall with a handler
run("xpcall", function()
  local ok, e = xpcall(function()
    coroutine.yield("in xpcall")
    error("xp", 0)
  end, function(m) return "handled " .. m end)
  return e
end)
-- nested pcalls
run("nested pcall", function()
  return select(2, pcall(pcall, function() return coroutine.yield("deep") end))
end)
-- across __index function
run("__index", function()
  local t = setmetatable({}, { __index = function(_, k) return coroutine.yield("index " .. k) end })
  return "got " .. t.foo
end)
-- across __newindex
run("__newindex", function()
  local store = {}
  local t = setmetatable({}, { __newindex = function(_, k, v) store[k] = coroutine.yield("newindex " .. k) .. v end })
  t.key = "V"
  return store.key
end)
-- across __lt and __le
run("__lt", function()
  local mt = { __lt = function(a, b) return coroutine.yield("lt") == "r1" end, __le = function() return coroutine.yield("le") end }
  local a, b = setmetatable({}, mt), setmetatable({}, mt)
  local r1 = a < b
  local r2 = a <= b
  return tostring(r1) .. "," .. tostring(r2)
end)
-- across __eq
run("__eq", function()
  local mt = { __eq = function() return coroutine.yield("eq") end }
  return setmetatable({}, mt) == setmetatable({}, mt)
end)
-- across arithmetic and concat metamethods
run("__add/__concat", function()
  local mt = {
    __add = function(a, b) return coroutine.yield("add") end,
    __concat = function(a, b) return coroutine.yield("concat") end,
  }
  local o = setmetatable({}, mt)
  return (o + 1) .. "|" .. (o .. "x")
end)
-- across __call
run("__call", function()
  local c = setmetatable({}, { __call = function(_, x) return coroutine.yield("call " .. x) end })
  return c("arg")
end)
-- across __len and __unm
run("__len/__unm", function()
  local o = setmetatable({}, { __len = function() return coroutine.yield("len") end, __unm = function() return coroutine.yield("unm") end })
  return #o .. -o
end)
-- inside the iterator of a generic for
run("iterator", function()
  local function iter(_, i)
    i = i + 1
    if i > 3 then return nil end
    coroutine.yield("iter " .. i)
    return i
  end
  local s = 0
  for i in iter, nil, 0 do s = s + i end
  return "sum " .. s
end)
-- yield inside a __close handler
run("__close", function()
  do
    local c <close> = setmetatable({}, { __close = function() coroutine.yield("closing") end })
  end
  return "after close"
end)
-- yield from within a function called by a metamethod called by pcall
run("mixed", function()
  local t = setmetatable({}, { __index = function(_, k)
    local ok, v = pcall(coroutine.yield, "mixed " .. k)
    return v
  end })
  return t.z
end)
-- yield across a C boundary that does not allow it: tostring calling __tostring
run("across tostring", function()
  local o = setmetatable({}, { __tostring = function() coroutine.yield("ts"); return "x" end })
  return tostring(o)
end)
