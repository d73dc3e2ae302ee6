repeat
  local x = 1
