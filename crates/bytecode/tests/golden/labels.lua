do
  goto a
  ::a::
end
do
  local x = 1
  goto b
  local y = 2
  ::b::
end
for i = 1, 3 do
  local v = i
  local f = function() return v end
  goto c
  print(f)
  ::c::
end
repeat
  local w = 1
  goto d
  ::d::
until w
::e:: ::f::
goto g
::g::
