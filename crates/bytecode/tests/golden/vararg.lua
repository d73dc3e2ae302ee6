local function count(...) return select("#", ...) end
local function first(...) local a = ... return a end
local function pack(...) return {n = select("#", ...), ...} end
local function pass(...) return ... end
local function mid(...) return 1, ..., 2 end
local function args(...)
  local a, b, c = ...
  local t = {...}
  local u = {..., ...}
  print(...)
  print(..., "x")
  return (...)
end
print(count(1, nil, 3), first(4, 5), pack(6, 7).n, pass(8, 9), mid(10, 11), args(12))
