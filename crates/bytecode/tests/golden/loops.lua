for i = 1, 10 do print(i) end
for i = 10, 1, -1 do print(i) end
for i = 1.0, 2.0, 0.5 do print(i) end
for i = a, b, c do print(i) end
for k, v in pairs(t) do print(k, v) end
for k in next, t do print(k) end
for a, b, c, d, e in f() do print(a, b, c, d, e) end
while x do x = x - 1 end
while true do if x then break end end
repeat x = x + 1 until x > 10
repeat local y = x until y
for i = 1, 3 do
  for j = 1, 3 do
    if j == 2 then break end
    print(i, j)
  end
end
while a do
  if b then break elseif c then break else d() end
end
for i = 1, 10 do
  if i % 2 == 0 then goto continue end
  print(i)
  ::continue::
end
