-- 3.4.10 function calls: syntax forms, argument adjustment, methods, string/table call sugar
local function show(...) print(select('#', ...), ...) end
show()
show(nil)
show(1, nil)
show "string literal"
show [[long string literal]]
local function showt(t) print(type(t), #t, t[2]) end
showt { 1, 2 }
local obj = { name = "obj" }
function obj:greet(greeting) return greeting .. ", " .. self.name end
function obj.static(x) return "static " .. tostring(x) end
print(obj:greet("hello"), obj.greet(obj, "hi"), obj.static(1))
print(obj:greet "hey", obj.static "s")
-- method call evaluates the receiver once
local evals = 0
local function get() evals = evals + 1; return obj end
print(get():greet("once"), evals)
-- extra arguments are discarded, missing ones are nil
local function two(a, b) return a, b end
print(two(1, 2, 3), two(1))
-- arguments evaluated left to right
local order = {}
local function rec(x) order[#order + 1] = x; return x end
two(rec("a"), rec("b"))
print(table.concat(order))
-- call results in the middle of a list are truncated
local function many() return 1, 2, 3 end
print(many(), many())
print((many()))
print(many(), "end")
-- calling through table fields and chains
local ns = { sub = { fn = function() return function() return "chained" end end } }
print(ns.sub.fn()())
print(ns["sub"]["fn"]()())
-- call on a parenthesised expression
print((function(x) return x * 2 end)(21))
-- string methods via the string metatable
local s = "ab"
print(s:rep(3), ("%d-%d"):format(1, 2), s.rep(s, 2, "|"))
-- recursion through globals
function gfact(n) if n == 0 then return 1 end return n * gfact(n - 1) end
print(gfact(20))
-- a function may return nothing
local function nothing() end
print(nothing(), select('#', nothing()), select('#', (nothing())))
-- deep non-tail recursion
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print(depth(10000))
-- calling non-functions
print(pcall(function() local t = {}; t() end))
print(pcall(function() local t = {}; t.x() end))
print(pcall(function() local t = {}; t:m() end))
print(pcall(function() undefinedfn() end))
print(pcall(function() ("x")() end))
print(pcall(function() local n = 1; n() end))
