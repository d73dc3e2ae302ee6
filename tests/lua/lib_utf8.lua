-- utf8 library: char charpattern codepoint codes len offset, lax mode, errors
print(utf8.char(72, 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF, 0x110000, 0x7FFFFFFF):byte(1,-1))
print(utf8.char(), pcall(utf8.char, -1), pcall(utf8.char, 0x80000000), pcall(utf8.char, "x"))
print(utf8.charpattern == "[\0-\x7F\xC2-\xFD][\x80-\xBF]*")
local s = "héllo€𐍈"
print(utf8.len(s), select(2, utf8.len(s, 3)), utf8.len(s, -4), select(2, utf8.len("\xff")), select(2, utf8.len("abc\xe4")), utf8.len(""))
print(pcall(utf8.len, s, 0), pcall(utf8.len, s, 100), pcall(utf8.len, s, 1, 100))
print(utf8.len(s, #s + 1), utf8.len(s, 1, 0))
print(utf8.len("\u{D800}"), utf8.len("\u{D800}", 1, -1, true), utf8.len("\u{7FFFFFFF}"), utf8.len("\u{7FFFFFFF}", 1, -1, true))
print(utf8.codepoint(s, 1, -1))
print(pcall(utf8.codepoint, s, 3), pcall(utf8.codepoint, s, 0), pcall(utf8.codepoint, s, 1, 100))
print(utf8.codepoint(s, 4, 3), utf8.codepoint("\u{D800}", 1, 1, true))
print(pcall(utf8.codepoint, "\xc0\x80"), pcall(utf8.codepoint, "\xe0\x80\x80"))
for i = -3, 12 do io.write(tostring(utf8.offset(s, i)), " ") end print()
for i = -3, 3 do io.write(tostring(utf8.offset(s, i, 4)), " ") end print()
print(pcall(utf8.offset, s, 1, 3), pcall(utf8.offset, s, 1, 100), utf8.offset(s, 0, 3), utf8.offset(s, 0, #s+1))
for p, c in utf8.codes(s) do io.write(p, ":", c, " ") end print()
for p, c in utf8.codes("a\u{D800}b", true) do io.write(p, ":", c, " ") end print()
print(pcall(function() for p, c in utf8.codes("a\u{D800}b") do io.write(p, ":", c, " ") end end))
print(pcall(function() for p, c in utf8.codes("a\xffb") do io.write(p, ":", c, " ") end end))
print(pcall(function() for p, c in utf8.codes("\x80") do io.write(p, ":", c, " ") end end))
print(pcall(function() for p, c in utf8.codes("ab\xe4") do io.write(p, ":", c, " ") end end))
for p, c in utf8.codes("a\x80\x80b") do io.write(p, ":", c, " ") end print()
print(utf8.codes("x") == utf8.codes("y"), select('#', utf8.codes("x")))
print(pcall(utf8.codes), pcall(utf8.len), pcall(utf8.offset, "x"), pcall(utf8.codepoint, {}))
local f = utf8.codes("abc")
print(f("abc", 0), f("abc", 1), f("abc", 3), f("abc", 10), f("abc", -5))
print(pcall(f, {}, 0))
print(("x"):len(), utf8.len(12345), utf8.codepoint(12, 2))
for _, c in utf8.codes("日本語") do io.write(utf8.char(c)) end print()
for w in string.gmatch("aé€\xff\x80x", utf8.charpattern) do io.write("[", w, "]") end print()

-- more edge cases
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
-- overlong encodings and out-of-range sequences
for _, b in ipairs({"\xc0\x80", "\xc1\xbf", "\xe0\x9f\xbf", "\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xed\xa0\x80",
    "\xf8\x88\x80\x80\x80", "\xfc\x84\x80\x80\x80\x80", "\xfe\x80\x80\x80\x80\x80\x80", "\xff", "\xc2", "\xe2\x82",
    "\x7f", "\xc2\x80", "\xdf\xbf", "\xef\xbf\xbf", "\xf4\x8f\xbf\xbf", "\xfd\xbf\xbf\xbf\xbf\xbf"}) do
  io.write(string.format("%-30s", string.format("%q", b)))
  show(utf8.len(b), utf8.len(b, 1, -1, true), pcall(utf8.codepoint, b, 1, -1, true))
end
show(utf8.char(0), utf8.char(0x7f, 0x80), utf8.char(0xd800), utf8.char(0x3FFFFFF, 0x4000000))
try(utf8.char, 1.5)
try(utf8.char, 65, -1)
try(utf8.char, math.mininteger)
show(utf8.codepoint("abc", -1), utf8.codepoint("abc", -3, -2), utf8.codepoint("abc", 4, 3), utf8.codepoint("", 1, 0))
try(utf8.codepoint, "abc", 4)
try(utf8.codepoint, "", 1)
try(utf8.codepoint, "abc", 5)
try(utf8.codepoint, "abc", 1, 4)
try(utf8.codepoint, "abc", -4)
try(utf8.codepoint, "\xe2\x82", 1)
try(utf8.codepoint, "a\x80", 1, -1)
show(utf8.len("abc", 4), utf8.len("abc", 5 - 1), utf8.len("abc", -1), utf8.len("abc", 3, 2), utf8.len("abc", 2, -2))
try(utf8.len, "abc", 5)
try(utf8.len, "abc", -5)
try(utf8.len, "abc", 1, 4)
try(utf8.len, "abc", 1.5)
show(utf8.offset("abc", 0), utf8.offset("abc", 1), utf8.offset("abc", 4), utf8.offset("abc", 5), utf8.offset("abc", -1), utf8.offset("abc", -3), utf8.offset("abc", -4))
show(utf8.offset("", 1), utf8.offset("", 0), utf8.offset("", -1), utf8.offset("\xe2\x82\xac", 0, 3), utf8.offset("\xe2\x82\xac", 0, 2))
try(utf8.offset, "abc", 1, 0)
try(utf8.offset, "abc", 1, 5)
try(utf8.offset, "abc", 1, -4)
try(utf8.offset, "\xe2\x82\xac", 1, 2)
try(utf8.offset, "\xe2\x82\xac", -1, 3)
try(utf8.offset, "abc", 1.5)
try(function() for _ in utf8.codes() do end end)
try(function() for _ in utf8.codes({}) do end end)
for p, c in utf8.codes("") do print("never", p, c) end
for p, c in utf8.codes(123) do io.write(p, ":", c, " ") end print()
for p, c in utf8.codes("\u{7FFFFFFF}x", true) do io.write(p, ":", c, " ") end print()
try(function() for p, c in utf8.codes("\u{7FFFFFFF}x") do io.write(p, ":", c, " ") end end)
local s2 = "añ€😀"
local cps = {utf8.codepoint(s2, 1, -1)}
show(#cps, utf8.char(table.unpack(cps)) == s2)
for i = 1, #s2 + 1 do io.write(tostring(utf8.offset(s2, 0, i)), " ") end print()
print("done")
