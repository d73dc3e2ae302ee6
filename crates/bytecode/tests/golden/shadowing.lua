local x = 1
do
  local x = x + 1
  do
    local x = x * 2
    print(x)
  end
  print(x)
end
local function fact(n)
  if n <= 1 then return 1 end
  return n * fact(n - 1)
end
local fact2
fact2 = function(n) return n <= 1 and 1 or n * fact2(n - 1) end
local a, a = 1, 2
print(a, x, fact(5), fact2(5))
local print = print
print("shadowed global")
