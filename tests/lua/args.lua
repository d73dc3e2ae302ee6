-- the global 'arg' table and the main chunk's varargs (arguments come from args.args)
print("#arg", #arg)
print("arg[0]", arg[0])
for i = 1, #arg do print(i, arg[i], math.type(arg[i]) or type(arg[i])) end
-- negative indices hold the interpreter name and options; here only the interpreter
local lowest = 0
while arg[lowest - 1] ~= nil do lowest = lowest - 1 end
print("lowest index", lowest, type(arg[lowest]))
print("varargs", select('#', ...), ...)
local a, b = ...
print("first two", a, b)
print("arg is a plain table", getmetatable(arg))
print("n field", arg.n)
