-- module fixture: a small class module used by the multi-file program
local name = ...
local counter = name and require("counter")
local Shape = {}
Shape.__index = Shape
function Shape.new(kind, w, h)
  if counter then counter.inc() end
  return setmetatable({ kind = kind, w = w, h = h }, Shape)
end
function Shape:area()
  if self.kind == "rect" then return self.w * self.h end
  return self.w * self.h / 2
end
function Shape:__tostring()
  return string.format("%s(%g x %g)", self.kind, self.w, self.h)
end
return Shape
