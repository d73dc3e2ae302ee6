local K <const> = 100
local F <const> = 2.5
local S <const> = "name"
local B <const> = true
local N <const> = nil
local M <const> = K * 2 + 1
local D <const> = K // 3
local X <const> = -K
local T <const> = S
print(K, F, S, B, N, M, D, X, T)
local function inner()
  return K + F, S, B, N, M
end
local t = {}
t[S] = K
t[K] = S
t.x = K > 50
if B then print("b") end
if N then print("n") end
local v <const> = 0.1 + 0.2
local w <const> = 1 / 0
local y <const> = 3 % 0
print(v, w, y, 2^0.5, 10 // 0.0, 7 // 2.0, -(2^63), math.mininteger // -1)
