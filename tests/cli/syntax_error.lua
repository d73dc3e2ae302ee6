print("must not run")
local x = = 2
