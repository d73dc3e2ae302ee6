-- an uncaught error after the heap grew: the CLI's message handler must stay alive across
-- the collections that happen while the chunk runs
local t = {}
for i = 1, 200000 do t[i] = "x" .. i end
local f = nil
f()
