-- os.exit(code, true) closes the state: finalizers run, files are closed
setmetatable({}, { __gc = function() print("finalizer ran") end })
local f = io.tmpfile()
io.write("before exit; ")
print(io.type(f))
os.exit(false, true)
