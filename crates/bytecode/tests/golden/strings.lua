local s = "hello"
local t = s .. " " .. "world"
local u = s:upper() .. s:lower():rep(2, ", ")
local n = #s + #t
local f = string.format("%d %s %q", n, s, t)
local c = s:sub(1, 1) .. s:sub(-1)
local esc = "tab\tnewline\nquote\"backslash\\bell\adel\127nul\0high\200"
local long = [==[
a ]] b
]==]
print(s, t, u, n, f, c, esc, long)
print(s .. 1 .. 2.0 .. -3)
local parts = {}
for w in s:gmatch("%a") do parts[#parts + 1] = w end
print(table.concat(parts, ","))
