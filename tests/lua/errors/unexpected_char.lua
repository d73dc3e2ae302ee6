print(1)
local x = 1 @ 2
