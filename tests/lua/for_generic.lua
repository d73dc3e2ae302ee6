-- 3.3.5 generic for: iterators, state, closing value, pairs/ipairs/next
local t = { "a", "b", "c", nil, "e" }
for i, v in ipairs(t) do io.write(i, "=", v, " ") end
print()
-- stateless iterator
local function iter(s, i)
  i = i + 1
  if i <= s.n then return i, s[i] end
end
for i, v in iter, { n = 3, 10, 20, 30 }, 0 do io.write(i, ":", v, " ") end
print()
-- closure iterator
local function range(n)
  local i = 0
  return function() i = i + 1; if i <= n then return i end end
end
local acc = {}
for v in range(4) do acc[#acc + 1] = v end
print(table.concat(acc, ","))
-- pairs with sorted keys
local h = { x = 1, y = 2, z = 3, [1] = "one", [2] = "two", [3.5] = "float" }
local keys = {}
for k in pairs(h) do keys[#keys + 1] = tostring(k) end
local function isort(a)
  for i = 2, #a do
    local v, j = a[i], i - 1
    while j >= 1 and a[j] > v do a[j + 1] = a[j]; j = j - 1 end
    a[j + 1] = v
  end
  return a
end
print(table.concat(isort(keys), " "))
-- next directly
local single = { only = true }
local k, v = next(single)
print(k, v, next(single, k))
print(next({}))
-- iterator returning multiple values; extra values ignored
local function multi()
  local done = false
  return function()
    if done then return nil end
    done = true
    return 1, 2, 3, 4
  end
end
for a, b, c in multi() do print(a, b, c) end
-- first value nil ends the loop even if others are not
local function nilfirst()
  local n = 0
  return function() n = n + 1; if n < 3 then return n, "x" end return nil, "ignored" end
end
for a, b in nilfirst() do io.write(a, b, " ") end
print()
-- false as control value does not end the loop (only nil does)
local seq = { false, false, nil }
local idx = 0
for v in function() idx = idx + 1; if idx <= 2 then return false end end do io.write(tostring(v), " ") end
print()
-- the fourth value is a closing value (__close called when loop ends)
local function closing_iter(name)
  local closer = setmetatable({}, { __close = function() print("closed", name) end })
  local i = 0
  return function() i = i + 1; if i <= 2 then return i end end, nil, nil, closer
end
for i in closing_iter("normal") do io.write(i, " ") end
print()
for i in closing_iter("break") do if i == 1 then break end end
local function ret()
  for i in closing_iter("return") do return i end
end
print("ret", ret())
print(pcall(function()
  for i in closing_iter("error") do error("inside loop") end
end))
-- loop variables are fresh per iteration
local fns = {}
for i, v in ipairs({ "p", "q" }) do fns[i] = function() return v .. i end end
print(fns[1](), fns[2]())
-- ipairs stops at the first nil and respects __index
local proxy = setmetatable({}, { __index = function(_, i) if i <= 3 then return i * i end end })
for i, v in ipairs(proxy) do io.write(i, "->", v, " ") end
print()
-- pairs honours __pairs
local pp = setmetatable({}, { __pairs = function(tbl)
  return function(_, k) if not k then return 1, "first" elseif k < 3 then return k + 1, "next" end end, tbl, nil
end })
for k2, v2 in pairs(pp) do io.write(k2, v2, " ") end
print()
-- modifying existing fields during traversal is allowed
local m = { a = 1, b = 2, c = 3 }
for k3 in pairs(m) do m[k3] = m[k3] * 10 end
print(m.a, m.b, m.c)
-- clearing fields during traversal is allowed
for k3 in pairs(m) do m[k3] = nil end
print(next(m))
-- iterating a string-keyed table of 100 entries counts correctly
local big = {}
for n = 1, 100 do big["k" .. n] = n end
local total, cnt = 0, 0
for _, v2 in pairs(big) do total = total + v2; cnt = cnt + 1 end
print(cnt, total)
print(pcall(function() for x in 42 do end end))
print(pcall(function() for x in nil do end end))
