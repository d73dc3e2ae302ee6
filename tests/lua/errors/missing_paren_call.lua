local t = {}
local x = math.floor(1.5, 
