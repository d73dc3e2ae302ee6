-- 3.4.6 concatenation and 3.4.7 length operator
print("a" .. "b" .. "c", "x" .. 1 .. 2, 1 .. 2 .. 3)
local s = ""
for i = 1, 10 do s = s .. i end
print(s, #s)
print(#"", #"a", #"hello", #"\0\0\0", #"\u{20AC}", #[[
x]])
-- right associativity matters for numbers
print(1 .. 2 == "12", ("a" .. "b") .. "c" == "a" .. ("b" .. "c"))
-- long concatenation chains
local parts = {}
for i = 1, 50 do parts[i] = "p" .. i end
print(#table.concat(parts), table.concat(parts, "", 48))
local big = ("x"):rep(1000) .. ("y"):rep(1000)
print(#big)
-- length of tables with sequences
print(#{}, #{ 1, 2, 3 }, #{ n = 1 }, #{ 1, 2, nil }, #{ nil, nil, 3 } == 3 or #{ nil, nil, 3 } == 0)
local t = {}
for i = 1, 100 do t[i] = i end
print(#t)
t[#t] = nil
print(#t)
t[#t + 1] = "new"
print(#t, t[#t])
-- rawlen
print(rawlen({ 1, 2 }), rawlen("abcd"))
print(pcall(rawlen, 5))
-- length of a table with __len
local mt = { __len = function(self) return 42 end }
print(#setmetatable({}, mt), rawlen(setmetatable({ 1 }, mt)))
-- length operator errors
print(pcall(function() return #5 end))
print(pcall(function() local n; return #n end))
print(pcall(function() return #undefinedglobal end))
-- concat with embedded zeros
local z = "a\0b" .. "\0c"
print(#z, string.format("%q", z))
-- string length vs utf8
print(#"日本語")
