-- io library: files, modes, read formats, write, seek, buffering, closing
local name = os.tmpname()

-- io.type, tostring, the metatable
print(io.type(io.stdout), io.type(io.stdin), io.type(io.stderr), io.type(42), io.type({}))
print(tostring(io.stdout):sub(1, 8) == "file (0x", getmetatable(io.stdout).__name)
print(type(getmetatable(io.stdout).__index.read), io.stdout.__name)
print(pcall(io.type))

-- write returns the file; numbers use "%.14g" / integer format
local f = assert(io.open(name, "w"))
print(f:write("abc", 1, " ", 2.5, " ", 1.0, " ", -0.0, " ", 1e100, " ", 2^63, " ") == f)
print(f:write(math.huge, " ", -math.huge, " ", math.mininteger, " ", 1/3, "\n") == f)
print(f:write("x"):write("y"):write("\n") == f)
print(f:read("a"))                       -- write-only: error triple
print(f:close(), tostring(f), io.type(f))
print(pcall(f.read, f))
print(pcall(f.write, f, "x"))
print(pcall(f.close, f))
print(pcall(f.lines, f))
print(pcall(f.seek, f))
print(pcall(f.flush, f))
print(pcall(f.setvbuf, f, "no"))

f = assert(io.open(name, "r"))
print(f:read("a"))
print(f:read("a"), f:read("l"), f:read(0), f:read(1), f:read("n"))
print(f:write("nope"))                   -- read-only: error triple
print(f:seek("set"), f:seek("cur"), f:seek("end"), f:seek("cur", -3), f:read(2))
print(f:seek("set", -1))
print(f:seek("set", 4), f:read(3), f:seek("cur", 1), f:read(2))
print(pcall(f.seek, f, "bad"))
print(pcall(f.seek, f, "set", 1.5))
print(pcall(f.seek, f, "set", "x"))
f:close()

-- modes
for _, m in ipairs({ "r", "w", "a", "r+", "w+", "a+", "rb", "wb", "ab", "r+b", "rbb" }) do
  local h = io.open(name, m)
  print(m, io.type(h))
  h:close()
end
for _, m in ipairs({ "", "x", "rw", "rb+", "+", "r++", "ra" }) do
  print(pcall(io.open, name, m))
end
print(io.open("nosuch_dir/nosuch.txt"))
print(io.open("nosuch.txt", "r"))

-- r+, w+, a+
f = io.open(name, "w")
f:write("hello\nworld\n")
f:close()
f = io.open(name, "a+")
f:write("more\n")
print(f:seek("set", 0), f:read("a"))
f:close()
f = io.open(name, "r+")
print(f:read(5))
f:write("XX")
print(f:seek("cur"))
f:seek("set")
print(f:read("a"))
f:close()
f = io.open(name, "w+")
f:write("abc\n123\n")
print(f:seek("set"), f:read("l", "n"))
f:close()

-- buffering is visible to another handle until flush/close
local w = io.open(name, "w")
w:write("buffered")
print(io.open(name):read("a"))
print(w:flush())
print(io.open(name):read("a"))
print(w:setvbuf("no"))
w:write("!")
print(io.open(name):read("a"))
print(w:setvbuf("line"))
w:write("?")
print(io.open(name):read("a"))
w:write("\n")
print(io.open(name):read("a"))
print(w:setvbuf("full", 1024))
print(pcall(w.setvbuf, w, "bad"))
print(pcall(w.setvbuf, w))
w:close()

-- garbage collection and to-be-closed variables close files
do
  local g = io.open(name, "w")
  g:write("closed by gc")
end
collectgarbage()
collectgarbage()
print(io.open(name):read("a"))
do
  local g <close> = io.open(name, "w")
  g:write("closed by <close>")
  print(io.type(g))
end
print(io.open(name):read("a"))

-- io.tmpfile
local t = io.tmpfile()
print(io.type(t), t:write("tmp data") == t, t:seek("set"), t:read("a"), t:close())

-- directories open but cannot be read
local d = io.open(".")
print(io.type(d), d:read("a"))
print(d:read("l"))
print(d:read(0))
d:close()

print(os.remove(name))
