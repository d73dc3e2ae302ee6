-- module fixture: registers itself in package.loaded and returns nothing
local name = ...
if name then
  package.loaded[name] = { registered = name }
end
