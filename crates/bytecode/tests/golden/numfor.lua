local fs = {}
for i = 1, 5 do
  fs[i] = function() return i end
end
for i = 1, 5 do
  local j = i * 2
  fs[j] = function() return j end
  if j > 6 then break end
end
for i = #fs, 1, -1 do
  if not fs[i] then goto skip end
  print(fs[i]())
  ::skip::
end
for i = 0.5, 2.5, 0.5 do print(i) end
for i = math.maxinteger - 2, math.maxinteger do print(i) end
local n = 10
for i = n, n * 2, n // 5 do print(i) end
