-- 3.1 long brackets: levels, leading newline, nested brackets, comments
local a = [[
first newline skipped]]
print(a, #a)
local b = [[

two newlines, one skipped]]
print(b, #b)
local c = [==[
contains ]] and ]=] but not the closer]==]
print(c)
local d = [=[a]]b]=]
print(d)
local e = [[no escapes \n \t \\ here]]
print(e, #e)
local f = [[]]
print("empty", #f, f == "")
local g = [===[
]===]
print("only newline skipped", #g)
local h = [[line1
line2
line3]]
print(h)
local i = [[with [[ nested opening]]
print(i)
--[[ a long comment
print("not printed")
]]
--[==[ another
]]  still comment
]==]
print("after comments")
--[[ one-line long comment ]] print("code after long comment on same line")
-- short comment with [[ not long
print("short comment ok")
---[[ this is a short comment, so the next line runs
print("dash trick")
--]]
local j = [[
  indentation  
kept]]
print(string.format("%q", j))
local t = { [[x]], [=[y]=] }
print(t[1] .. t[2])
print(#[[
]])
print(("x"):rep(3, [[,]]))
