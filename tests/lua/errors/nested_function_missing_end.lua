local function outer()
  local function inner()
    return 1
  end
  return inner

local y = 2
