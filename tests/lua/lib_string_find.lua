-- string.find and string.match: plain and pattern searches, init, anchors, captures, errors
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

-- plain find
local s = "hello world, hello lua"
show(s:find("hello"), s:find("hello", 2), s:find("lua"), s:find("xyz"), s:find(""), s:find("", 100))
show(s:find("", #s), s:find("", #s + 1), s:find("", #s + 2), s:find("o", -5), s:find("o", -100))
show(s:find("l", 0), s:find("l", math.mininteger), s:find("l", math.maxinteger), s:find(".", 1, true), s:find("a.", 1, true))
show(("a.b"):find(".", 1, true), ("a.b"):find("."), ("a+b"):find("+", 1, true), ("a%b"):find("%", 1, true), ("x(y"):find("(", 1, 1))
show(("a\0b\0c"):find("\0"), ("a\0b\0c"):find("b\0c"), ("a\0b"):find("%z"), ("abc"):find("b", nil, true))
show(string.find(12345, 34), string.find("abc", "b", "2"), string.find("", ""), string.find("", "", 1), string.find("", "", 2))

-- single character classes
local subj = "Hello, World 123 _x\t\n\0\127\200!"
for _, c in ipairs({"a", "c", "d", "g", "l", "p", "s", "u", "w", "x", "A", "C", "D", "G", "L", "P", "S", "U", "W", "X", "z", "Z"}) do
  local t = {}
  for m in subj:gmatch("%" .. c) do t[#t + 1] = string.format("%q", m) end
  print(c, #t, table.concat(t, " "))
end

-- patterns with match
local cases = {
  {"hello world", "o w"}, {"hello world", "^hello"}, {"hello world", "^world"}, {"hello world", "world$"},
  {"hello world", "hello$"}, {"hello", "h.l"}, {"hello", "l+"}, {"hello", "l*"}, {"hello", "x*"}, {"hello", "hel-"},
  {"hello", "he-l"}, {"hello", "l?lo"}, {"hello", "x?h"}, {"aaa", "a-b"}, {"aaab", "a-b"}, {"aaab", "^a-$"},
  {"  trim  ", "^%s*(.-)%s*$"}, {"key = value", "(%w+)%s*=%s*(%w+)"}, {"2024-01-15", "(%d+)-(%d+)-(%d+)"},
  {"hello", "()ll()"}, {"hello", "()"}, {"hello", "(h)(e)(l)(l)(o)"}, {"hello", "((h)(e))"},
  {"THE (quick) fox", "%((%a+)%)"}, {"f(a(b)c)d", "%b()"}, {"f(a(b)c", "%b()"}, {"[[x]]", "%b[]"}, {"abc", "%bac"},
  {"THE (quick) fox", "%f[%a]%a+"}, {"THE (quick) fox", "%f[%l]%a+"}, {"hello world", "%f[%w]%w+$"},
  {"x", "%f[%z]"}, {"abc", "%f[%A]"}, {"[x]", "[]]"}, {"a-b", "[a-]"}, {"a-b", "[-]"}, {"a^b", "[b^]"}, {"a^b", "[^a]"},
  {"abc123", "[%d]+"}, {"abc123", "[^%d]+"}, {"abc123", "[a-c]+"}, {"ABC", "[a-z]"}, {"a]b", "[]a]+"}, {"x-y", "[x-]+"},
  {"hello", "(l)%1"}, {"abcabc", "(abc)%1"}, {"abab", "(a)(b)%1%2"}, {"hello", "(h)(.)%2"},
  {"aaa", "(a*(.)%w(%s*))"}, {"  ", "%s+"}, {"x", "[%a-z]"}, {"-", "[%a-z]"}, {"z", "[%a-]"}, {"%", "[%%]"},
  {"a.b", "%."}, {"a.b", "%a%.%a"}, {"a\0b", "a%z?b"}, {"a\0b", "[\0]"}, {"\0", "%Z"}, {"x", "^$"}, {"", "^$"},
  {"abc", "^(a)"}, {"abc", "c$"}, {"a$c", "a$c"}, {"a^c", "a^c"}, {"abc", ".-$"}, {"abc", "(.-)c"},
  {"one two three", "(%a+) (%a+)"}, {"hello", "(()l)"}, {"hello", "e()"}, {"[test]", "^%[(.*)%]$"},
}
for _, c in ipairs(cases) do
  io.write(string.format("%-18s %-20s ", string.format("%q", c[1]), string.format("%q", c[2])))
  show(string.find(c[1], c[2]))
  io.write(string.rep(" ", 40))
  show(string.match(c[1], c[2]))
end

-- init with match
show(("hello"):match("l", 4), ("hello"):match("l", 5), ("hello"):match("^l", 3), ("hello"):match("^l", 4), ("hello"):match("o", -1))
show(("hello"):match(".", 0), ("hello"):match(".", 6), ("hello"):match("()", 6), ("hello"):match("()", 7), ("hello"):match(".", -10))
show(("hello"):find("l", 4), ("hello"):find("()", 6), ("hello"):find("", 7), ("hello"):find("^", 3))

-- errors
local bad = {"%", "[a", "[a-", "[%", "(", "(()", "%b", "%ba", "%f", "%fa", "%1", "(a)%2", "(a%1)", "a)", "%g(", "[]", "[^]",
  "(()", "())", "%0"}
for _, p in ipairs(bad) do
  io.write(string.format("%-8s", string.format("%q", p)))
  try(string.find, "abc a)", p)
end
try(string.match, "x", "(x")
try(string.match, "x", "x)")
try(string.match, ("x"):rep(40), ("(x)"):rep(33))
try(string.match, ("x"):rep(40), ("(x)"):rep(32))
try(string.match, string.rep("a", 300), string.rep("a?", 300) .. string.rep("a", 300))
try(string.find, ("a"):rep(3000), ".-b")
try(string.find)
try(string.find, "x")
try(string.find, "x", {})
try(string.find, "x", "x", "y")
try(string.match, "x", "x", 1.5)
try(function() return ("x"):find("%") end)
try(function() return ("x"):match("[") end)
print("done")
