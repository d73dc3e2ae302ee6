-- a script that prints nothing
local x = 1
