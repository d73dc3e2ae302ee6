-- an uncaught stack overflow
local function f(n) return f(n + 1) + 1 end
print("recursing")
f(1)
