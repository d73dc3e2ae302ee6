-- 3.4.2 bitwise operators
print(5 & 3, 5 | 3, 5 ~ 3, ~5, ~0, ~-1)
print(1 << 0, 1 << 1, 1 << 62, 1 << 63, 1 << 64, 1 << 65, 1 << -1, 2 << -1)
print(-1 >> 1, -1 >> 63, -1 >> 64, 8 >> 1, 8 >> -1, 1 >> 100, -1 << 100)
print(math.mininteger >> 63, math.maxinteger << 1, math.mininteger << 1)
print(0xF0 & 0x3C, 0xF0 | 0x3C, 0xF0 ~ 0x3C)
print(-1 & 0xFF, -256 | 0xFF, 0x7FFFFFFFFFFFFFFF ~ -1)
-- floats with exact integer values are converted
print(3.0 | 0, 2.0 ^ 2 | 0, 1e3 & 0xFF, -0.0 | 0)
print(pcall(function() return 3.5 | 0 end))
print(pcall(function() return 2^63 | 0 end))
print(pcall(function() return math.huge & 1 end))
print(pcall(function() return (0/0) ~ 1 end))
-- lua 5.4.4 does not convert strings for bitwise operators: these are errors
print(pcall(function() return "3" & 1 end))
print(pcall(function() return "3.0" | 0 end))
print(pcall(function() local s = "abc"; return s | 0 end))
print(pcall(function() return {} ~ 1 end))
print(pcall(function() return ~nil end))
print(pcall(function() local t = {}; return 1 << t end))
-- precedence: shifts bind tighter than &, & tighter than ~, ~ tighter than |
print(1 | 2 & 3, (1 | 2) & 3, 1 | 6 ~ 3, 1 ~ 6 & 3, 1 << 2 + 1, 1 << 2 | 1)
print(5 & 6 == 4)
print(~5 & 0xF, ~(5 & 0xF), - ~5, ~ -5)
-- shift counts larger than 64 and negative
for _, n in ipairs({ 0, 1, 31, 32, 63, 64, 100, -1, -63, -64 }) do
  io.write(n, ":", 1 << n, "/", 0x8000000000000000 >> n, " ")
end
print()
-- result is always an integer
print(math.type(3.0 | 0), math.type(1 << 2), math.type(~0.0))
local x = 0x1234567890ABCDEF
print(string.format("%x %x %x", x & 0xFFFF, x >> 32, (x << 8) >> 56))
