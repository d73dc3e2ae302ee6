local K <const> = 10
local S <const> = "key"
local t = {[K] = S, [S] = K}
print(t[K], t[S], t.key, K .. S, #S, -K, S:upper())
local function f()
  local _ENV <const> = {print = print, K = K}
  print(K, x)
  return function() return y, K end
end
do
  local _ENV <const> = 128
  local a = x
  local function g() return y end
end
