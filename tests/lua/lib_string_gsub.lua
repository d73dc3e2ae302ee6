-- string.gsub and string.gmatch
local function show(...)
  local t = table.pack(...)
  local parts = {}
  for i = 1, t.n do
    local v = t[i]
    if type(v) == "string" then parts[#parts + 1] = string.format("%q", v)
    else parts[#parts + 1] = tostring(v) end
  end
  print(t.n, table.concat(parts, ", "))
end
local function try(f, ...) show(pcall(f, ...)) end

-- string replacements
show(string.gsub("hello world", "o", "0"))
show(string.gsub("hello world", "o", "0", 1))
show(string.gsub("hello world", "o", "0", 0))
show(string.gsub("hello world", "o", "0", -1))
show(string.gsub("hello world", "o", "0", 1.0))
show(string.gsub("hello world", "(%w+)", "<%1>"))
show(string.gsub("hello world", "%w+", "<%0>"))
show(string.gsub("hello world", "%w+", "<%1>"))
show(string.gsub("hello world", "(%w+) (%w+)", "%2 %1"))
show(string.gsub("hello", "", "-"))
show(string.gsub("", "", "-"))
show(string.gsub("abc", ".-", "-"))
show(string.gsub("abc", "x*", "-"))
show(string.gsub("abc", "b*", "-"))
show(string.gsub("hello world", "^h", "H"))
show(string.gsub("hello hello", "^hello", "X"))
show(string.gsub("hello", "^", ">"))
show(string.gsub("hello", "$", "<"))
show(string.gsub("hello", "l$", "L"))
show(string.gsub("50%", "%%", "%%%%"))
show(string.gsub("abc", "b", "%%"))
show(string.gsub("hello", "()", "%1"))
show(string.gsub("hello", "l()", "[%1]"))
show(string.gsub("abc", "b", 42))
show(string.gsub("abc", "b", 1.5))
show(string.gsub(12345, 3, "x"))
show(string.gsub("a\0b\0c", "%z", "|"))
show(string.gsub("abc", "%w", "%0%0"))
show(string.gsub("x = 1, y = 2", "(%w+) = (%w+)", "%2 = %1"))
show(string.gsub("abc", "", ""))
local orig = "unchanged"
local r, n = string.gsub(orig, "z", "y")
show(r, n, rawequal(r, orig))

-- table replacements
local t = {name = "lua", version = "5.4", [3] = "three", yes = true, no = false, num = 10, flt = 2.5}
show(string.gsub("$name is $version", "%$(%w+)", t))
show(string.gsub("$missing $no $name", "%$(%w+)", t))
show(string.gsub("$num $flt", "%$(%w+)", t))
show(string.gsub("hello", "()l", {[3] = "L", [4] = "M"}))
show(string.gsub("abc", "%w", {a = 1, b = 2}))
show(string.gsub("abc", "%w", setmetatable({}, {__index = function(_, k) return k:upper() end})))
try(string.gsub, "$yes", "%$(%w+)", t)
try(string.gsub, "abc", "b", {b = {}})

-- function replacements
show(string.gsub("hello world", "%w+", string.upper))
show(string.gsub("hello world", "%w+", function(w) return #w end))
show(string.gsub("hello world", "(%w)(%w*)", function(a, b) return a:upper() .. b end))
show(string.gsub("hello world", "%w+", function() end))
show(string.gsub("hello world", "%w+", function() return false end))
show(string.gsub("a=1, b=2", "(%w+)=(%w+)", function(k, v) return v .. "=" .. k end))
show(string.gsub("hello", "()", function(p) return p end))
show(string.gsub("abc", "%w", function(c) return c:byte() end, 2))
local calls = {}
show(string.gsub("one two three", "%a+", function(w) calls[#calls + 1] = w; return nil end))
show(table.concat(calls, ","))
try(string.gsub, "abc", "b", function() return {} end)
try(string.gsub, "abc", "b", function() return true end)
try(string.gsub, "abc", "b", function() error("boom") end)
local eobj = {}
show(select(2, pcall(string.gsub, "abc", "b", function() error(eobj) end)) == eobj)
try(string.gsub, "abc", "b", print)
show(string.gsub("abc", "%w", tostring))

-- gsub errors
try(string.gsub, "abc", "b")
try(string.gsub, "abc", "b", true)
try(string.gsub, "abc", "b", nil)
try(string.gsub, "abc", "b", "%2")
try(string.gsub, "abc", "(b)", "%2")
try(string.gsub, "abc", "b", "%x")
try(string.gsub, "abc", "b", "%")
try(string.gsub, "abc", "(", "x")
try(string.gsub, "abc", "%", "x")
try(string.gsub, "abc", "b", "x", 1.5)
try(string.gsub, "abc", "b", "x", "z")
try(string.gsub, "abc", "b", {}, "z")
try(string.gsub)
try(string.gsub, "abc")
try(function() return ("abc"):gsub("(b", "") end)
try(function() return ("abc"):gsub("b", "%9") end)

-- gmatch
for w in string.gmatch("one two  three", "%a+") do io.write("[", w, "]") end print()
for k, v in string.gmatch("a=1, b=2, c=3", "(%w+)=(%w+)") do io.write(k, "->", v, " ") end print()
for p in string.gmatch("hello", "()l") do io.write(p, " ") end print()
for m in string.gmatch("abc", "") do io.write("<", m, ">") end print()
for m in string.gmatch("abc", "x*") do io.write("<", m, ">") end print()
for m in string.gmatch("abc", "%a*") do io.write("<", m, ">") end print()
for m in string.gmatch("hello world", "^%a+") do io.write("<", m, ">") end print()
for m in string.gmatch("^a^b", "^%a") do io.write("<", m, ">") end print()
for m in string.gmatch("hello world from lua", "%a+", 7) do io.write("<", m, ">") end print()
for m in string.gmatch("hello world from lua", "%a+", -3) do io.write("<", m, ">") end print()
for m in string.gmatch("hello", ".", 0) do io.write("<", m, ">") end print()
for m in string.gmatch("hello", ".", 100) do io.write("<", m, ">") end print()
for m in string.gmatch("hello", "()", 6) do io.write("<", m, ">") end print()
for m in string.gmatch("hello", "()", 7) do io.write("<", m, ">") end print()
for m in string.gmatch("hello", ".", math.mininteger) do io.write("<", m, ">") end print()
for a, b in string.gmatch("abcd", "(.)(.)") do io.write(a, b, ";") end print()
for m in string.gmatch(123456, "%d%d") do io.write("<", m, ">") end print()
local it = string.gmatch("a b", "%a")
show(it(), it(), it(), it())
try(string.gmatch)
try(string.gmatch, "x")
try(string.gmatch, "x", "x", "y")
local bad = string.gmatch("abc", "[a")
try(bad)
try(function() for m in ("abc"):gmatch("%") do end end)
try(function() for m in ("abc"):gmatch("(") do end end)
-- gmatch keeps its strings alive
local g
do
  local s = string.rep("xy", 3)
  g = string.gmatch(s .. "z", "x(y)")
end
collectgarbage()
collectgarbage()
show(g(), g(), g(), g())
print("done")
