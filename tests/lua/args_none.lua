-- no script arguments
print("#arg", #arg, "arg[0]", arg[0], "arg[1]", arg[1])
print("varargs", select('#', ...))
local lowest = 0
while arg[lowest - 1] ~= nil do lowest = lowest - 1 end
print("lowest index", lowest)
