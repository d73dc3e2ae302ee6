-- module fixture: module state shared by every requirer
local count = 0
local M = {}
function M.inc() count = count + 1 return count end
function M.get() return count end
return M
