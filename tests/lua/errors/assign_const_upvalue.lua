local k <const> = 1
local function f()
  k = 2
end
