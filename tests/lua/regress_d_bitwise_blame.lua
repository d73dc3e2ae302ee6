-- lua5.4 blames the FIRST operand whenever it is not a number (luaG_opinterror: strings count
-- as non-numbers even if convertible); lunar blames the other one.
print(pcall(function() return "a" ~ "1e2" end))   -- lua: (constant 'a')    lunar: (constant '1e2')
print(pcall(function() return "a" ~ "b" end))     -- lua: (constant 'a')    lunar: (constant 'b')
print(pcall(function() local x = {} return "a" | x end)) -- lua: string value (constant 'a')  lunar: table value (local 'x')
print(pcall(function() local x = {} return x | "a" end)) -- lua: table value (local 'x')  lunar: string value (constant 'a')
-- same for arithmetic when both operands are non-numbers:
print(pcall(function() local x, y = {}, {} return x + y end)) -- lua: (local 'x')  lunar: (local 'y')
print(pcall(function() local x = {} return {} + x end))      -- lua: no name      lunar: (local 'x')
print(pcall(function() local x, y = {}, nil return x & y end)) -- lua: table value (local 'x')  lunar: nil value (local 'y')
-- and for "has no integer representation" when both operands are non-integral floats:
local b = 2.5
print(pcall(function() local x = 0.5 return b & x end)) -- lua: number (upvalue 'b') ...  lunar: number (local 'x') ...
print(pcall(function() return b >> 0.1 end))            -- lua: number (upvalue 'b') ...  lunar: number has no integer representation
