-- the error value passed to __close must survive a collection inside the method
for r = 1, 3 do
  print(pcall(function()
    local x <close> = setmetatable({}, {__close = function()
      local a = {}
      collectgarbage()
    end})
    error(string.rep("err", r + 5))
  end))
end
