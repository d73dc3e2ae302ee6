-- an uncaught error still closes pending to-be-closed variables of the main chunk before exiting
-- (the error value passed to __close already carries lua's traceback, so only its type is printed)
local c <close> = setmetatable({}, { __close = function(_, e) print("closing, error is a", type(e)) end })
print("about to fail")
error("main chunk failure")
