-- 2.4 __concat and __len
local C = {}
C.__concat = function(a, b)
  local function s(x) if type(x) == "table" then return "<" .. x.v .. ">" end return tostring(x) end
  return s(a) .. s(b)
end
local function c(v) return setmetatable({ v = v }, C) end
print(c("a") .. "b", "a" .. c("b"), c("a") .. c("b"), 1 .. c("n"), c("n") .. 2.5)
-- concatenation is right associative: "x" .. "y" .. c happens as "x" .. ("y" .. c)
local log = {}
local L = setmetatable({}, { __concat = function(a, b)
  log[#log + 1] = (type(a) == "table" and "T" or a) .. "+" .. (type(b) == "table" and "T" or b)
  return "R"
end })
print("x" .. "y" .. L, table.concat(log, " "))
log = {}
print(L .. "y" .. "z", table.concat(log, " "))
log = {}
print("a" .. L .. "b" .. "c", table.concat(log, " "))
-- __concat result can be a non-string
local N = setmetatable({}, { __concat = function() return 42 end })
print(N .. "x", math.type(N .. "x"))
-- missing __concat
print(pcall(function() return {} .. "x" end))
print(pcall(function() local t = {}; return "x" .. t end))
print(pcall(function() local t = setmetatable({}, { __name = "Thing" }); return t .. "" end))
print(pcall(function() return "a" .. true end))
print(pcall(function() local x; return "a" .. x .. "b" end))
-- __len
local Len = setmetatable({ 1, 2, 3 }, { __len = function(t) return "len of " .. rawlen(t) end })
print(#Len)
local Len2 = setmetatable({}, { __len = function(...) return select('#', ...) end })
print(#Len2)
local Len3 = setmetatable({}, { __len = function() return 1, 2 end })
print(#Len3)
print(pcall(function() return #setmetatable({}, { __len = function() error("len fails", 0) end }) end))
-- __len on strings is not used (strings have a primitive length)
print(#"abc")
