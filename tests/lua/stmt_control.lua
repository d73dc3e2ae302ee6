-- 3.3.4 control structures: if/elseif/else, while, repeat, break, nested loops, return
local function classify(n)
  if n < 0 then return "negative"
  elseif n == 0 then return "zero"
  elseif n < 10 then return "small"
  else return "large" end
end
for _, v in ipairs({ -5, 0, 3, 42 }) do print(v, classify(v)) end

local i, sum = 0, 0
while i < 10 do
  i = i + 1
  if i % 2 == 0 then goto continue end
  sum = sum + i
  ::continue::
end
print("odd sum", sum)

local n = 0
repeat n = n + 1 until n >= 5
print("repeat", n)

-- repeat body executes at least once
local count = 0
repeat count = count + 1 until true
print("once", count)

-- until condition sees the body's locals
local k = 0
repeat
  k = k + 1
  local finished = (k == 3)
until finished
print("until sees local", k)

-- break exits the innermost loop only
local out = {}
for a = 1, 3 do
  for b = 1, 3 do
    if b > a then break end
    out[#out + 1] = a .. b
  end
end
print(table.concat(out, " "))

-- break from while true
local w = 0
while true do
  w = w + 1
  if w == 7 then break end
end
print("while true", w)

-- break inside repeat
local r = 0
repeat
  r = r + 1
  if r == 4 then break end
until false
print("repeat break", r)

-- conditions use truthiness
for _, v in ipairs({ 0, "", false }) do
  if v then io.write("T") else io.write("F") end
end
print()
if nil then print("x") elseif false then print("y") else print("else branch") end

-- return must be last statement; do return end allows early exit
local function early(x)
  if x then do return "early" end end
  return "late"
end
print(early(true), early(false))

-- nested functions with loops and returns inside loops
local function find(t, v)
  for idx = 1, #t do
    if t[idx] == v then return idx end
  end
  return nil
end
print(find({ 5, 6, 7 }, 7), find({ 5, 6, 7 }, 8))

-- while with complex condition and side effects
local calls = 0
local function cond() calls = calls + 1; return calls < 4 end
while cond() do end
print("cond calls", calls)
-- empty loops and blocks
for _ = 1, 3 do end
while false do end
do end
print("done")
