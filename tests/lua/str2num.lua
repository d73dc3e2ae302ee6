-- string -> number conversion edge cases (tonumber and arithmetic coercion)
local cases = {
  "10", "  10  ", "\t\n\v\f\r 10 \t\n", "10.0", "1e1", "1E+1", "0x10", "0X1F", "-0x10", "- 1",
  "0x", "0x.", "0x1p", "0x1p4", "0x.8", "1e", "1e+", ".5", "5.", ".", "", " ", "12a",
  "a12", "1 2", "inf", "nan", "-inf", "infinity", "1e500", "-1e500", "9223372036854775807",
  "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "0x7fffffffffffffff",
  "0xffffffffffffffff", "0x10000000000000000", "00012", "0012.5", "+5", "++5", "--5", "1_000",
  "0b101", "1.5e3", "1.5e-3", "\0" .. "1", "1" .. "\0", "0x1P-2", "3.", "-.5", "-0", "-0.0",
}
for i, s in ipairs(cases) do
  local n = tonumber(s)
  print(i, string.format("%q", s), n, math.type(n))
end
-- bases
local based = {
  { "ff", 16 }, { "FF", 16 }, { "z", 36 }, { "Z", 36 }, { "10", 2 }, { "102", 2 }, { "777", 8 },
  { "8", 8 }, { "  11  ", 2 }, { "-ff", 16 }, { "1.5", 10 }, { "", 10 }, { "zz", 36 },
  { "7fffffffffffffff", 16 }, { "ffffffffffffffff", 16 }, { "10000000000000000", 16 }, { "0x10", 16 },
}
for i, c in ipairs(based) do
  local n = tonumber(c[1], c[2])
  print("base", i, c[1], c[2], n, math.type(n))
end
print(tonumber(10), tonumber(1.5), tonumber(nil and 1), tonumber({}), tonumber(true))
print(pcall(tonumber))
print(pcall(tonumber, "10", 1))
print(pcall(tonumber, "10", 37))
print(pcall(tonumber, 10, 16))
-- coercion in arithmetic follows the same rules
print("10" + 0, "10.0" + 0, "0x10" + 0, " 7 " * 2, "1e2" - 1, "3" // "2", "3.0" // "2")
print(pcall(function() return "abc" + 1 end))
print(pcall(function() return "1e500" + 0 end))
print(math.type("10" + 0), math.type("10" + 0.0), math.type("10." + 0))
