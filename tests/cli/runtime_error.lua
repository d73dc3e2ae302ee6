print("runs until the error")
local t
print(t.x)
