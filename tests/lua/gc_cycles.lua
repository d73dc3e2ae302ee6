-- garbage collection: many cyclic structures created and dropped
local function make_cycle(n)
  local first = { id = 1 }
  local cur = first
  for i = 2, n do
    local nxt = { id = i, prev = cur }
    cur.next = nxt
    cur = nxt
  end
  cur.next = first
  first.prev = cur
  return first
end
local checksum = 0
for round = 1, 2000 do
  local ring = make_cycle(20)
  -- self references and closures referencing the ring
  ring.self = ring
  ring.f = function() return ring.id end
  checksum = checksum + ring.prev.id + ring.next.next.id + ring.f()
end
print("checksum", checksum)
collectgarbage()
collectgarbage()
print("count is a number", type(collectgarbage("count")) == "number")
-- tables referencing each other through metatables
for i = 1, 3000 do
  local a, b = {}, {}
  setmetatable(a, { __index = b })
  setmetatable(b, { __index = a, __mode = "k" })
  a.x = b
  b.y = a
end
collectgarbage()
-- coroutines referencing themselves
for i = 1, 500 do
  local co
  co = coroutine.create(function() coroutine.yield(co) end)
  coroutine.resume(co)
end
collectgarbage()
-- big strings created and dropped
local total = 0
for i = 1, 200 do
  local s = ("x"):rep(10000) .. i
  total = total + #s
end
print("string bytes", total)
collectgarbage()
-- a long-lived structure survives repeated collections
local keep = make_cycle(100)
for i = 1, 10 do collectgarbage() end
local n, node = 0, keep
repeat n = n + 1; node = node.next until node == keep
print("survivor ring length", n)
-- many closures capturing upvalues that form cycles
local holders = {}
for i = 1, 1000 do
  local h = {}
  h.get = function() return h end
  holders[i % 10 + 1] = h
end
collectgarbage()
print("holders ok", holders[1].get() == holders[1])
print("still working", #make_cycle(5).next.next and "yes")
