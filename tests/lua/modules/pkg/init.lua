-- module fixture: found through the "?/init.lua" template; requires its own submodule
local name = ...
if not name then return end
local util = require(name .. ".util")
return { name = name, twice = util.twice, util_name = util.name }
