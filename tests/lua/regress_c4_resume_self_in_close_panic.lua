local co
co = coroutine.create(function()
  local x <close> = setmetatable({}, {__close = function() print(coroutine.resume(co)) end})
  coroutine.yield()
end)
coroutine.resume(co)
print(coroutine.close(co))
