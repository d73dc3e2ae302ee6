-- cargo run --release -- examples/hello.lua [name]
local name = arg[1] or "world"
print(string.format("Hello, %s! This is %s.", name, _VERSION))

-- a taste of the language: closures, metatables and coroutines
local function counter()
  local n = 0
  return function() n = n + 1; return n end
end
local next_id = counter()
print("ids:", next_id(), next_id(), next_id())

local Vec = {}
Vec.__index = Vec
Vec.__add = function(a, b) return setmetatable({ x = a.x + b.x, y = a.y + b.y }, Vec) end
Vec.__tostring = function(v) return "(" .. v.x .. ", " .. v.y .. ")" end
local function vec(x, y) return setmetatable({ x = x, y = y }, Vec) end
print("vector sum:", tostring(vec(1, 2) + vec(3, 4)))

local squares = coroutine.wrap(function()
  for i = 1, 5 do coroutine.yield(i * i) end
end)
local out = {}
for sq in squares do out[#out + 1] = sq end
print("squares:", table.concat(out, " "))
