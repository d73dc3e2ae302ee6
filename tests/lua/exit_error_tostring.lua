-- uncaught error with an object that has __tostring: its result is the message
error(setmetatable({}, { __tostring = function() return "custom error object" end }))
