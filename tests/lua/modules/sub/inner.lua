-- module fixture: a dotted module name maps to a subfolder
local name, file = ...
local parent = name and name:match("^(.-)%.[^.]+$")
return { name = name, file = file, parent = parent, depth = 2 }
