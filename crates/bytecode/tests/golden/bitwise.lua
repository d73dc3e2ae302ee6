local a, b = 0xF0, 0x0F
print(a & b, a | b, a ~ b, ~a, a << 4, a >> 4, a << b, a >> b)
print(a & 1, 1 & a, a | 255, 255 | a, a ~ 256, 256 ~ a)
print(a << 1, 1 << a, a >> 1, a >> -1, a << -1, a << 128, a >> 128, -1 << a)
print(3 & 5, 3 | 5, 3 ~ 5, ~3, 1 << 63, 1 << 64, -1 >> 63, 2.0 & 3, 1.5 | 1)
print(a & b | a ~ b << 2 >> 1)
