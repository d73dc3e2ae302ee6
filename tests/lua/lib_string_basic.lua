-- string.len/sub/upper/lower/rep/reverse/byte/char/dump and the string metatable
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

-- len
show(string.len(""), string.len("abc"), string.len("a\0b"), ("xyz"):len(), #"hello", string.len(123), string.len(1.5))
try(string.len)
try(string.len, {})
try(string.len, nil)

-- sub
local s = "hello world"
for _, ij in ipairs({{1}, {3}, {-3}, {0}, {-100}, {100}, {1, 5}, {3, -3}, {-5, -2}, {5, 3}, {0, 0}, {1, 0}, {-100, 100},
    {4, 4}, {12}, {11}, {2, math.maxinteger}, {math.mininteger, 2}, {math.mininteger, math.maxinteger}, {math.maxinteger},
    {"2", "4"}, {2.0, 4.0}}) do
  show(s:sub(ij[1], ij[2]))
end
show(string.sub("", 1), string.sub("", 0, -1), string.sub("abc", 2, nil))
try(string.sub, "abc")
try(string.sub, "abc", 1.5)
try(string.sub, "abc", "x")
try(string.sub, "abc", 1, {})
try(string.sub)
show(string.sub(12345, 2, 3))

-- upper / lower
show(string.upper("Hello, World! 123 \xe9\0z"), string.lower("Hello, World! ABC \xc9\0Z"), ("MiXeD"):lower(), ("MiXeD"):upper())
show(string.upper(12), string.lower(1e100))
try(string.upper)
try(string.lower, true)

-- rep
show(string.rep("ab", 3), string.rep("ab", 3, ","), string.rep("x", 0), string.rep("x", -1), string.rep("x", 1, "sep"),
  string.rep("", 5), string.rep("", 5, "-"), string.rep("a", 2, ""), string.rep(5, 2, 0), string.rep("x", 2.0))
try(string.rep, "x", 1.5)
try(string.rep, "x")
try(string.rep, "x", 2^40)
try(string.rep, "xx", 2^31)
try(string.rep, "x", 2^30, "y")
try(string.rep, "x", 3, {})
show(#string.rep("abc", 1000, "--"))

-- reverse
show(string.reverse(""), string.reverse("a"), string.reverse("abc"), string.reverse("a\0b"), ("12345"):reverse(), string.reverse(123))
try(string.reverse)

-- byte
show(string.byte("ABC"), string.byte("ABC", 2), string.byte("ABC", -1), string.byte("ABC", 1, -1))
show(string.byte("ABC", 10), string.byte("ABC", 0), string.byte("ABC", 3, 2), string.byte(""), string.byte("ABC", -10, 10))
show(string.byte("\0\255\128", 1, 3), ("x"):byte(), string.byte(42), string.byte("ABC", 2.0))
show(string.byte("hello", math.mininteger, math.maxinteger))
try(string.byte, "abc", 1.5)
try(string.byte)
try(string.byte, "abc", 1, "z")

-- char
show(string.char(), string.char(72, 105), string.char(0, 255), string.char("65", 66.0))
try(string.char, 256)
try(string.char, -1)
try(string.char, 65, 1.5)
try(string.char, 65, nil)
try(string.char, {})
local all = {}
for i = 0, 255 do all[#all + 1] = i end
local cs = string.char(table.unpack(all))
show(#cs, cs:byte(1), cs:byte(256), cs:sub(66, 70))

-- dump (not supported for native functions, errors for non-functions)
try(string.dump, print)
try(string.dump)
try(string.dump, 1)
try(string.dump, {}, true)

-- string metatable
local mt = getmetatable("")
show(type(mt), mt.__index == string, rawequal(getmetatable("a"), getmetatable("b")))
show(("%d-%s"):format(5, "x"), ("abc"):upper():lower():rep(2), ("x"):byte(), s:find("o"), s:match("w%a+"))
show("10" + 5, "3" * "4", "2" ^ 3, -"2", "10" // 3, "10" % 3, "7" / 2, "0x10" + 0, "1e2" - 1)
try(function() return "abc" + 1 end)
try(function() return {} .. "x" end)
try(function() return ("x"):nosuchmethod() end)
try(function() local a = "abc"; return a.len == string.len end)
show(("abc").len == string.len, #string, ("abc").nosuch)
