local a, b, c = "a", "b", "c"
local s = a .. b
s = a .. b .. c
s = a .. (b .. c)
s = (a .. b) .. c
s = a .. 1 .. 2.5 .. b
s = "x" .. a:upper() .. "y" .. #b .. (c or "")
s = a .. b .. c .. a .. b .. c .. a .. b .. c .. a
s = ((a .. b) .. (c .. a)) .. b
print(s .. s)
