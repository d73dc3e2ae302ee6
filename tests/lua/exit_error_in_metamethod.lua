-- error raised inside a metamethod called from the main chunk
local v = setmetatable({}, { __add = function(a, b) return a.missing.field end })
print(v + 1)
