local a = "ok"
local s = "\300"
