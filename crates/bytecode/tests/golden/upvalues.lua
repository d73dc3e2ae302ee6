local a = 1
local function f()
  local b = 2
  return function()
    a = a + b
    x = a
    return function() return a, b, x end
  end
end
local t = {}
for i = 1, 3 do
  t[i] = function() return i end
end
local n = 0
function t.inc() n = n + 1 return n end
function t:method(k) self.k = k return self end
function a.b.c:d() return self end
do
  local z = 5
  g = function() z = z + 1 end
end
while true do
  local w = 1
  t.w = function() return w end
  if w then break end
end
repeat
  local v = 2
  t.v = function() return v end
until v
