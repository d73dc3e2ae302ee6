local config = {
  name = "demo",
  size = 10,
  items = {
    "a",
    "b",
  },
  nested = { x = 1,
             y = 2 },
}

local function process(a, b, ...)
  local result = a
    + b
    * 2
  if a > b
    and b > 0
  then
    result = result
      .. "!"
  end
  return result
end

print(
  process(1, 2),
  config.name,
  config.items[1]
)

local value = process(config.size,
                      config.nested.x)

local list = {}
for i = 1,
        10 do
  list[#list + 1] = i
end

while #list > 0
do
  table.remove(list)
end

local s = config
  .items
  [2]

local t = setmetatable({}, {
  __index = function(t, k)
    return k
  end,
})

return {
  config = config,
  value = value,
}
