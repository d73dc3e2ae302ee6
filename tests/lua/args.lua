-- the global 'arg' table and the main chunk's varargs (arguments come from args.args)
print("#arg", #arg)
print("arg[0]", arg[0])
for i = 1, #arg do print(i, arg[i], math.type(arg[i]) or type(arg[i])) end
-- negative indices hold the interpreter name and its options; the harness may pass
-- engine options, so only check that they are strings
print("arg[-1]", type(arg[-1]))
print("varargs", select('#', ...), ...)
local a, b = ...
print("first two", a, b)
print("arg is a plain table", getmetatable(arg))
print("n field", arg.n)
