-- 3.3.4 goto and labels
-- continue idiom
for i = 1, 5 do
  if i % 2 == 0 then goto continue end
  io.write(i, " ")
  ::continue::
end
print()
-- backward goto makes a loop
local n = 0
::top::
n = n + 1
if n < 5 then goto top end
print("backward", n)
-- break out of nested loops
for i = 1, 3 do
  for j = 1, 3 do
    if i * j == 4 then
      print("found", i, j)
      goto done
    end
  end
end
::done::
-- each iteration of a goto loop creates a fresh local for closures
local fns = {}
do
  local i = 1
  ::again::
  local captured = i * 100
  fns[#fns + 1] = function() return captured end
  i = i + 1
  if i <= 3 then goto again end
end
print(fns[1](), fns[2](), fns[3]())
-- label at end of block: jumping forward over a local is allowed when the label is last
do
  goto finish
  local skipped = 1
  print(skipped)
  ::finish::
end
print("jumped to end of block")
-- labels with the same name in different functions / nested blocks (not visible) are fine
local function f()
  goto l
  ::l::
  return "f ok"
end
print(f())
do
  ::l::
end
do
  ::l::
end
print("same label in sibling blocks")
-- goto out of a block into an enclosing block's label
do
  do
    do
      goto outer
    end
  end
  ::outer::
  print("reached outer")
end
-- goto in while loop as continue with a local after the label
local i = 0
while i < 3 do
  i = i + 1
  if i == 2 then goto cont end
  print("while", i)
  ::cont::
end
-- goto emulating a state machine
local state, steps = "a", {}
::dispatch::
steps[#steps + 1] = state
if state == "a" then state = "b"; goto dispatch
elseif state == "b" then state = "c"; goto dispatch
end
print(table.concat(steps, "->"))
-- repeat-until with goto continue (label before until; until sees no local declared after goto)
local r = 0
repeat
  r = r + 1
  if r == 2 then goto skip end
  io.write("r", r, " ")
  ::skip::
until r >= 3
print()
