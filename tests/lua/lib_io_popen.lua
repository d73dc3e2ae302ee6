-- io.popen and process results
local p = io.popen("echo one; echo two; exit 3")
print(io.type(p), p:read("l"), p:read("L"), p:read("a"))
print(p:close())
print(io.type(p), tostring(p))

p = io.popen("printf '1 2 0x10'", "r")
print(p:read("n", "n", "n", "n"))
print(p:close())

for l in io.popen("echo a; echo b"):lines() do print("line", l) end

local name = os.tmpname()
p = io.popen("cat > " .. name, "w")
print(p:write("via pipe\n", 42, "\n") == p)
print(p:close())
print(io.open(name):read("a"))
os.remove(name)

print(io.popen("true"):close())
print(io.popen("exit 1"):close())
print(io.popen("exit 255"):close())
print(io.popen("kill -TERM $$"):close())
print(io.popen("echo x"):write("z"))
print(io.popen("cat >/dev/null", "w"):read("a"))
print(io.popen("echo x"):seek("cur"))
print(pcall(io.popen, "ls", "rw"))
print(pcall(io.popen, "ls", "r+"))
print(pcall(io.popen))

-- os.execute
print(os.execute())
print(os.execute("exit 0"))
print(os.execute("exit 7"))
print(os.execute("kill -KILL $$"))
print("before the child")
print(os.execute("echo from the shell"))
print(pcall(os.execute, {}))
do
  local q <close> = io.popen("echo closed")
  print(q:read("a"))
end
