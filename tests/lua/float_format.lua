-- how lua prints numbers: integers plainly, floats with %.14g plus ".0" when integral-looking
local vals = {
  1e15, 1e16, 1e14, 123456789012345.0, 1234567890123456.0, -1e15, 1e100, 1e-5, 1e-4,
  0.1, 0.2, 0.1 + 0.2, 1/3, 2/3, 10/3, -1/3, 100.0, -100.0, 0.0, -0.0, 1.5, -1.5,
  2^53, 2^63, -2^63, 2^64, 3.14159265358979, 1e308 * 10, -1e308 * 10, 255/256,
  123.456, 5e-324, 2.5e-310, 1e21, 12345678901234567890, 0.5, 1e-10, 7.0, 1e0
}
for i, v in ipairs(vals) do
  print(i, v, tostring(v), v .. "")
end
local inf = math.huge
print(inf, -inf, math.huge == 1/0, -math.huge == -1/0)
local nan = 0/0
print(nan ~= nan, nan == nan)
-- the sign of NaN follows the platform's printf: lua5.4 on x86-64 Linux prints 0/0 as -nan
print(0/0, -(0/0), tostring(0/0))
print(math.maxinteger, math.mininteger, -math.maxinteger)
print(math.maxinteger + 0.0, math.mininteger + 0.0)
print(string.format("%.14g", 0.1), string.format("%.17g", 0.1), string.format("%g", 1e20))
print(string.format("%5.1f|%-8.3f|%e|%.0f", 3.14159, 2.5, 12345.6789, 2.5))
print(7 / 7, 7 // 7, 7.0 // 7, 2^2, 10 / 4)
print(math.floor(3.7), math.floor(-3.7), math.floor(2^62 + 0.0), math.type(math.floor(3.5)))
print(math.floor(1e100), math.type(math.floor(1e100)))
print(-0.0 == 0.0, 1/(-0.0), 1/0.0)
print(3 | 0, 3.0 // 1, 1e15 // 1, -7.5 // 2)
