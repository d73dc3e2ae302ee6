-- 3.4.5 logical operators: and/or return operands, short-circuit, not
print(nil and 1, false and 1, 0 and 1, "" and "x", 1 and nil)
print(nil or 1, false or nil, 0 or 1, 1 or error("not evaluated"))
print(not nil, not false, not 0, not "", not not nil, not not {})
local calls = {}
local function f(name, v) calls[#calls + 1] = name; return v end
local r = f("a", false) and f("b", true)
print(r, table.concat(calls, ","))
calls = {}
r = f("a", true) or f("b", true)
print(r, table.concat(calls, ","))
calls = {}
r = f("a", nil) or f("b", false) or f("c", "last")
print(r, table.concat(calls, ","))
calls = {}
r = f("a", 1) and f("b", 2) and f("c", 3)
print(r, table.concat(calls, ","))
-- default-value idiom and ternary idiom
local function opt(x) return x or "default" end
print(opt(nil), opt(false), opt(0), opt("given"))
local function tern(c) return c and "yes" or "no" end
print(tern(true), tern(false), tern(nil), tern(0))
-- and binds tighter than or
print(1 or 2 and nil, (1 or 2) and nil, nil and 1 or 2, false or nil and 1)
-- multiple results are truncated to one
local function two() return nil, 2 end
print((two()) or "x", two() or "y")
-- not has higher precedence than ==
print(not 1 == 2, not (1 == 2))
-- logical ops in conditions
local x = 5
if x > 3 and x < 10 then print("in range") end
if not (x == 5) or x == 6 then print("bad") else print("good") end
-- results are the operands themselves (identity)
local t = {}
print((nil or t) == t, (t and t) == t)
