-- JIT: on-stack replacement in a long loop of the main chunk, exits back to the
-- interpreter in the middle of a loop (a hook set from inside it), and type changes
-- in hot loops (fast paths falling back to the runtime).
local s = 0
for i = 1, 200000 do
  s = s + i % 7
end
print("osr sum", s)

local t = {}
local i = 0
while i < 5000 do          -- a while loop (backward JMP) entered by OSR
  i = i + 1
  t[#t + 1] = i * 2
end
print("while", #t, t[1], t[5000])

-- a hook set in the middle of a compiled loop: the rest of the loop runs interpreted
local lines = 0
local acc = 0
for k = 1, 3000 do
  acc = acc + k
  if k == 2000 then
    debug.sethook(function() lines = lines + 1 end, "l")
  end
end
debug.sethook()
print("hooked loop", acc, lines > 0)

-- operand types change while a loop is hot: integers, floats, strings, metamethods
local mt = {__add = function(a, b) return "added" end}
local vals = {1, 2.5, "3", setmetatable({}, mt), 2^53, math.maxinteger}
local out = {}
for round = 1, 200 do
  for j = 1, #vals do
    local ok, r = pcall(function() return vals[j] + 1 end)
    if round == 200 then out[#out + 1] = tostring(r) end
  end
end
print(table.concat(out, " "))

-- integer overflow wraps, float loops, negative steps
local w = math.maxinteger
for _ = 1, 100 do w = w + 1 end
print("wrap", w, math.mininteger + 99)
local f = 0
for x = 1.0, 0.0, -0.125 do f = f + x end
print("float loop", f)
for x = 10, 1, -3 do io.write(x, " ") end
print()

-- comparisons of mixed types inside hot code
local cmp = {}
for r = 1, 100 do
  cmp[1] = 1 < 2.5
  cmp[2] = 2.5 <= 2
  cmp[3] = "a" < "b"
  cmp[4] = 1 == 1.0
  cmp[5] = pcall(function() return {} < {} end)
end
print(cmp[1], cmp[2], cmp[3], cmp[4], cmp[5])
