local a = 1
local function l1()
  local b = 2
  local function l2()
    local c = 3
    local function l3()
      local d = 4
      return function()
        a, b, c, d = d, c, b, a
        return a + b + c + d + e
      end
    end
    return l3
  end
  return l2
end
local counter = (function()
  local n = 0
  return function() n = n + 1; return n end
end)()
print(l1()()()(), counter(), counter())
