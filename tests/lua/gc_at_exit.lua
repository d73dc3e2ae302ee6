-- finalizers of objects still alive run when the state is closed at exit,
-- in reverse order of marking; pending ones also run after an explicit collect
local function mk(name)
  return setmetatable({}, { __gc = function() print("finalizing " .. name) end })
end
first = mk("first (global)")
local second = mk("second (local of main chunk)")
local third = mk("third")
print("end of script")
