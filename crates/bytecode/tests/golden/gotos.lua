local x = 0
::top::
x = x + 1
if x < 10 then goto top end
do
  local a = 1
  local f = function() return a end
  ::inner::
  a = a + 1
  if a < 5 then goto inner end
end
do
  goto skip
  local b = 2
  print(b)
  ::skip::
end
for i = 1, 3 do
  local c = i
  local g = function() return c end
  if c == 2 then goto next end
  print(g())
  ::next::
end
while true do
  local d = 1
  local h = function() return d end
  if d then break end
end
do
  local e = 1
  ::a:: ::b::
  e = e + 1
  if e < 3 then goto a end
  if e < 4 then goto b end
end
