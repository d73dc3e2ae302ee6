-- data structure programs: serializer with sorted keys, queue, set operations, memo, string escape
local function serialize(v, indent)
  indent = indent or ""
  local tv = type(v)
  if tv == "table" then
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = k end
    -- sort: numbers first (numerically), then strings
    for i = 2, #keys do
      local x, j = keys[i], i - 1
      local function less(a, b)
        if type(a) == type(b) then return a < b end
        return type(a) == "number"
      end
      while j >= 1 and less(x, keys[j]) do keys[j + 1] = keys[j]; j = j - 1 end
      keys[j + 1] = x
    end
    local out = { "{\n" }
    for _, k in ipairs(keys) do
      local ks = type(k) == "string" and k or "[" .. tostring(k) .. "]"
      out[#out + 1] = indent .. "  " .. ks .. " = " .. serialize(v[k], indent .. "  ") .. ",\n"
    end
    out[#out + 1] = indent .. "}"
    return table.concat(out)
  elseif tv == "string" then
    return string.format("%q", v)
  else
    return tostring(v)
  end
end
print(serialize({ name = "lunar", version = 1.0, tags = { "lua", "rust" }, nested = { deep = { yes = true } }, [10] = -0.0 }))

-- queue
local Queue = {}
Queue.__index = Queue
function Queue.new() return setmetatable({ first = 1, last = 0, items = {} }, Queue) end
function Queue:push(v) self.last = self.last + 1; self.items[self.last] = v end
function Queue:pop()
  if self.first > self.last then return nil end
  local v = self.items[self.first]
  self.items[self.first] = nil
  self.first = self.first + 1
  return v
end
local q = Queue.new()
for i = 1, 5 do q:push(i * i) end
local popped = {}
while true do local v = q:pop(); if v == nil then break end popped[#popped + 1] = v end
print("queue", table.concat(popped, " "))

-- sets with sorted output
local function set(list) local s = {} for _, v in ipairs(list) do s[v] = true end return s end
local function sorted(s)
  local l = {}
  for k in pairs(s) do l[#l + 1] = k end
  for i = 2, #l do local x, j = l[i], i - 1 while j >= 1 and l[j] > x do l[j + 1] = l[j]; j = j - 1 end l[j + 1] = x end
  return table.concat(l, ",")
end
local a, b = set({ 1, 2, 3, 4 }), set({ 3, 4, 5 })
local union, inter = {}, {}
for k in pairs(a) do union[k] = true; if b[k] then inter[k] = true end end
for k in pairs(b) do union[k] = true end
print("union", sorted(union), "inter", sorted(inter))

-- word frequency with sorted output
local words = { "the", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog", "the", "end" }
local freq = {}
for _, w in ipairs(words) do freq[w] = (freq[w] or 0) + 1 end
local fkeys = {}
for k in pairs(freq) do fkeys[#fkeys + 1] = k end
for i = 2, #fkeys do local x, j = fkeys[i], i - 1 while j >= 1 and fkeys[j] > x do fkeys[j + 1] = fkeys[j]; j = j - 1 end fkeys[j + 1] = x end
local fout = {}
for _, k in ipairs(fkeys) do fout[#fout + 1] = k .. "=" .. freq[k] end
print(table.concat(fout, " "))

-- linked list
local list = nil
for i = 1, 5 do list = { value = i, next = list } end
local vals = {}
local node = list
while node do vals[#vals + 1] = node.value; node = node.next end
print("list", table.concat(vals, " "))

-- binary tree insert / traversal
local function insert(tree, v)
  if not tree then return { v = v } end
  if v < tree.v then tree.l = insert(tree.l, v) else tree.r = insert(tree.r, v) end
  return tree
end
local function walk(tree, out)
  if tree then walk(tree.l, out); out[#out + 1] = tree.v; walk(tree.r, out) end
  return out
end
local root
for _, v in ipairs({ 50, 30, 70, 20, 40, 60, 80, 35 }) do root = insert(root, v) end
print("tree", table.concat(walk(root, {}), " "))
