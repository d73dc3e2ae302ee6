-- io.lines / file:lines and the default input and output files
local name = os.tmpname()
local w = io.open(name, "w")
w:write("12 0x1F\nline1\nline2\r\n\nlast")
w:close()

for l in io.lines(name) do print("[" .. l .. "]") end
for l in io.lines(name, "L") do io.write("<", l, ">") end
print()
for a, b in io.lines(name, 1, "l") do print(a, b) end
for n in io.lines(name, "n") do print(n, math.type(n)) end

-- io.lines returns 4 values: the file is the to-be-closed value
local it, s, c, file = io.lines(name)
print(type(it), s, c, io.type(file))
print(it(), it(), it(), it(), it())
print(it(), io.type(file))
print(pcall(it))

-- closing the file ends the iteration with an error
it, s, c, file = io.lines(name)
print(it())
file:close()
print(pcall(it))

-- breaking out of a generic for closes the file (4th value is to-be-closed)
for l in io.lines(name) do
  file = nil
  break
end

-- bad formats and file names
print(pcall(function() for l in io.lines(name, "x") do end end))
print(pcall(io.lines, "nosuch.txt"))
print(pcall(io.lines, name, table.unpack({}, 1, 300)))
print(pcall(io.lines, {}))

-- file:lines does not close the file
local f = io.open(name)
for l in f:lines("L") do io.write("{", l, "}") end
print()
print(io.type(f), f:read("a"), f:read("l"))
f:seek("set")
for a, b in f:lines(2, 3) do print(a, b) end
f:close()
print(pcall(function() for l in f:lines() do end end))
print(pcall(f.lines))

-- reading a directory inside lines raises the error message
print(pcall(function() for l in io.lines(".") do end end))

-- io.output / io.input
local old = io.output()
print(io.output() == io.stdout, io.input() == io.stdin)
print(io.output(name) ~= old)
print(io.write("hello", 1, " ", 2.0, "\n"):write("chained\n") == io.output())
io.close()
print(pcall(io.write, "x"))
print(pcall(io.flush))
print(pcall(io.close))
print(io.output(old) == io.stdout)
print(io.input(name) ~= io.stdin)
print(io.read("L"), io.read())
print(io.read("a"))
for l in io.lines() do print("never") end
io.close(io.input())
print(pcall(io.read))
print(pcall(io.lines))
print(pcall(io.input, "nosuch.txt"))
print(pcall(io.output, "nosuch_dir/x.txt"))
print(pcall(io.input, {}))
print(pcall(io.input, f))
print(io.input(io.stdin) == io.stdin)
local g = io.open(name)
print(io.input(g) == g, io.read("l"))
g:close()
io.input(io.stdin)

-- standard files cannot be closed
print(io.stdout:close())
print(io.close(io.stderr))
print(io.type(io.stdout))
print(io.stdout:write("stdout direct\n") == io.stdout)
print(io.stdin:write("x"))
print(io.stdout:read())
print(io.stdout:setvbuf("full"), io.stdout:flush(), io.flush())
print(pcall(io.write, {}))
print(pcall(io.stdout.write, io.stdout, 1, nil))
print(pcall(io.stdout.write, 1))
print(pcall(io.stdout.read, 1))
print(pcall(io.close, 1))
io.stderr:write("to stderr\n")
print(os.remove(name))
