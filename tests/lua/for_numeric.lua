-- 3.3.5 numeric for: integer and float loops, steps, edge cases, errors
local function run(a, b, c)
  local out = {}
  local count = 0
  if c == nil then
    for i = a, b do count = count + 1; if count <= 6 then out[#out + 1] = tostring(i) end end
  else
    for i = a, b, c do count = count + 1; if count <= 6 then out[#out + 1] = tostring(i) end end
  end
  print(a, b, c, count, table.concat(out, " "))
end
run(1, 5)
run(1, 5, 2)
run(5, 1, -1)
run(5, 1, -2)
run(1, 0)
run(0, 0)
run(1, 1, -1)
run(1.0, 3)
run(1, 3.5)
run(1, 2.9999)
run(0, 1, 0.25)
run(1, 0, -0.25)
run(0.1, 0.5, 0.1)
run(-3, -1)
run(3, 1.5, -1)
-- overflow edges: must not wrap around
run(math.maxinteger - 2, math.maxinteger)
run(math.mininteger + 2, math.mininteger, -1)
run(math.maxinteger - 1, math.maxinteger, 10)
run(math.mininteger, math.mininteger + 1)
run(math.maxinteger, math.maxinteger)
run(math.mininteger, math.mininteger, -1)
run(1, math.maxinteger, math.maxinteger)
run(-1, math.mininteger, math.mininteger)
run(0, math.maxinteger, math.maxinteger // 2)
-- float limit with integer loop is clipped
run(math.maxinteger - 1, 1e100)
run(1, -1e100)
run(math.mininteger, -1e100, -1)
run(1, math.huge, math.maxinteger // 3)
run(1, -math.huge)
run(0, 0.5)
run(-1, -0.5, -1)
-- float loops near precision limits
run(2^52, 2^52 + 2)
run(1e300, 1e300, 1e300)
-- step of zero and bad types are errors
print(pcall(function() for i = 1, 10, 0 do end end))
print(pcall(function() for i = 1.0, 10, 0.0 do end end))
print(pcall(function() for i = "1", 2 do end end))
print(pcall(function() for i = 1, "2" do end end))
print(pcall(function() for i = 1, 2, "1" do end end))
print(pcall(function() for i = 1, nil do end end))
print(pcall(function() for i = {}, 2 do end end))
-- nan limits: no iterations
run(1, 0/0)
run(1.0, 0/0)
-- modifying the control variable does not affect the iteration count
local iters = 0
for i = 1, 3 do
  local j = i
  j = j * 10
  iters = iters + 1
end
print("iters", iters)
-- loop expressions evaluated once
local evals = 0
local function lim() evals = evals + 1; return 3 end
for _ = 1, lim() do end
print("limit evaluated", evals)
-- loop variable is local to the loop
local i = "outer"
for i = 1, 2 do end
print(i)
-- type of control variable
for v = 1, 1 do print(math.type(v)) end
for v = 1.0, 1 do print(math.type(v)) end
for v = 1, 1.0 do print(math.type(v)) end
for v = 1, 1, 1.0 do print(math.type(v)) end
