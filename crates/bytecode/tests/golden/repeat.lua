local i = 0
repeat i = i + 1 until i >= 10
repeat
  local j = i
  i = i - 1
until j <= 5
local fs = {}
repeat
  local k = i
  fs[#fs + 1] = function() return k end
  i = i - 1
until k <= 0
repeat
  local m = i
  if m > 100 then break end
  local f = function() return m end
until true
repeat local x = 1 until false
