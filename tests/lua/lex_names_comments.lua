-- 3.1 names, keywords, case sensitivity, comments and whitespace
local And, AND, _and = 1, 2, 3
print(And, AND, _and)
local _ = "underscore"
print(_)
local _VERSION2 = "v"
print(_VERSION2)
local a1b2_c3 = 42
print(a1b2_c3)
local t = {}
t["end"] = 1; t["while"] = 2; t["nil"] = 3
print(t["end"], t["while"], t["nil"])
t.End = "End is not a keyword"
print(t.End)
local x=1;local y=2;;;print(x+y)
local z
=
10
print(z)
print(1--[[inline]]+--[==[x]==]2)
print("semicolons");
; ; ;
print("tabs	and\vvertical\ftabs")
local   spaced	=	"ok"
print(spaced)
print(#"", #"abc", #'abc')
goto skip
print("not printed")
::skip::
print("names done")
