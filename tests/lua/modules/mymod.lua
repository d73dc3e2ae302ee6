-- module fixture for lib_package*.lua: a plain module table
local name, file = ...
local M = { loads = 0 }
M.name = name
M.file = file
function M.greet(who)
  return "hello, " .. who .. " from " .. tostring(M.name)
end
return M
