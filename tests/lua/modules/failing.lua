-- module fixture: raises an error while loading (only when loaded by require)
local name = ...
if name then
  error("failing module " .. name .. " cannot load")
end
