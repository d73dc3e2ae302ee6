#!/usr/bin/env lua
-- A program using every statement and expression form of Lua 5.4.
local M <const> = {}
local N <const> = 10
local print, pairs, ipairs, select = print, pairs, ipairs, select

local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end

function M.sum(...)
  local s = 0
  for i = 1, select('#', ...) do
    s = s + (select(i, ...))
  end
  return s
end

function M:method(a, b, ...)
  self.last = {a, b, ...}
  return #self.last
end

local t = {
  1, 2, 3;
  x = 1, ["y"] = 2, [3 + 1] = "four",
  nested = { f = function(x) return x * 2 end },
  'str', "dq", [[long]], [==[lo]]ng]==],
}

local ok = t.nested.f(21) == 42 and M:method(1, 2, 3) == 3
print(ok, fib(N), M.sum(1, 2, 3))
print(#t, t[1] .. t[2] .. "x", -t[1] ^ 2, not nil, ~0, 7 // 2, 7 % 3, 7 / 2)
print(1 << 4, 256 >> 4, 5 & 3, 5 | 3, 5 ~ 3, 1 < 2, 1 <= 2, 1 > 2, 1 >= 2, 1 ~= 2)
print(0x10, 0xff, 0x1p4, 0x.8, 1e10, 3.25e-2, .5, 5., 9223372036854775807, 9223372036854775808)
print("esc: \a\b\f\n\r\t\v\\\"\'\65\x41\u{48}\u{7FFFFFFF}\z
       end")
print(string.format("%q", 'x'), ("abc"):upper(), #"abc", [[
first line skipped]])

do
  local a, b, c = 1, 2
  a, b = b, a
  local x <close> = nil
  goto skip
  print("never")
  ::skip::
end

for k, v in pairs(t) do
  if type(v) == "table" then
    goto continue
  elseif k == 1 then
    print(k)
  else
    print(v)
  end
  ::continue::
end

for i, v in ipairs({10, 20, 30}) do
  if v > 10 then break end
end

local i = 0
while true do
  i = i + 1
  if i > 3 then break end
end
repeat
  local done = i > 5
  i = i + 1
until done

local s = 0
for j = 10, 1, -2 do s = s + j end

local mt = setmetatable({}, {
  __index = function(_, key) return key .. "!" end,
  __call = function(self, x) return x end,
})
print(mt.hello, mt"called", mt{1}, mt[1])

local f = function(...) local a, b = ... return a, b end
print(f(1, 2), (f(1, 2)))
print(a.b.c, a["b"]["c"], a.b:c(1), a.b:c"s", a.b:c{})

-- comments
--[[ long
comment ]]
--[==[ another
]] still
]==]
return t, M
