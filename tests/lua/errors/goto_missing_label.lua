for i = 1, 2 do
  if i == 2 then goto nowhere end
end
