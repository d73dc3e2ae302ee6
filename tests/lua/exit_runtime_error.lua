-- uncaught runtime error: stdout so far is kept, stderr gets "lua5.4: file:line: msg", exit code 1
print("before the error")
local t = nil
local function f() return t.field end
f()
print("never printed")
