-- lua5.4: a yield inside __gc fails (error in finalizer is only warned): prints "true after" / "true"
-- lunar: the finalizer yields out of the coroutine: "true gc" / "true after"
local co = coroutine.create(function() setmetatable({}, {__gc = function() coroutine.yield("gc") end}) collectgarbage() coroutine.yield("after") end)
print(coroutine.resume(co)) print(coroutine.resume(co))
