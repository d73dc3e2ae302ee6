-- no script arguments
print("#arg", #arg, "arg[0]", arg[0], "arg[1]", arg[1])
print("varargs", select('#', ...))
-- negative indices: the interpreter name and options (count depends on the options used)
print("arg[-1]", type(arg[-1]))
