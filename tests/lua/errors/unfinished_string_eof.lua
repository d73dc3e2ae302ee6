local a = 1
local s = 'never closed