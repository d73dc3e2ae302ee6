-- os.exit flushes buffered output and uses the given code
io.write("pending output without newline")
local name = os.tmpname()
os.remove(name)
os.exit(3)
print("not reached")
