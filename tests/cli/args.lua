-- prints the arg table from the lowest index; the interpreter name itself (lowest index) differs
-- between lua5.4 and lunar, so only its type is printed
local lowest = 0
while arg[lowest - 1] ~= nil do lowest = lowest - 1 end
print("interpreter", lowest, type(arg[lowest]))
for i = lowest + 1, #arg do print(i, arg[i]) end
print("varargs", select('#', ...), ...)
