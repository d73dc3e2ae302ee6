local a, b = ...
if a then print(1) end
if a then print(1) else print(2) end
if a then print(1) elseif b then print(2) elseif a == b then print(3) else print(4) end
if true then print("t") end
if false then print("f") end
if nil then print("n") else print("else") end
if 1 then print(1) end
if "s" then print(2) end
if not a then print(3) end
if a then elseif b then else end
for i = 1, 10 do
  if i == 5 then break end
  if i == 6 then break; end
  if i == 7 then break else print(i) end
  if i == 8 then break elseif i == 9 then print(i) end
  if i == 2 then break print(i) end
end
while a do
  if a > 1 then break end
  a = a - 1
end
local x
if a then x = 1 else x = 2 end
if a then local y = 1; print(y) end
