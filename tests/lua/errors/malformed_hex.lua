local a = 1
local b = 2
local x = 0x
