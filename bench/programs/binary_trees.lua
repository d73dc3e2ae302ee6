-- binary-trees: allocates and walks many short-lived complete binary trees plus one
-- long-lived tree (allocation, GC, recursion).
-- Usage: binary_trees.lua [MAXDEPTH | --smoke]

local function bottom_up(depth)
  if depth == 0 then return {} end
  depth = depth - 1
  return { bottom_up(depth), bottom_up(depth) }
end

local function item_check(tree)
  if tree[1] then
    return 1 + item_check(tree[1]) + item_check(tree[2])
  end
  return 1
end

local function nodes(depth) -- nodes of a complete tree of this depth: 2^(depth+1) - 1
  return 2 ^ (depth + 1) - 1
end

local MIN_DEPTH = 4

local function run(n)
  local max_depth = n
  if max_depth < MIN_DEPTH + 2 then max_depth = MIN_DEPTH + 2 end
  local lines = {}
  local stretch = max_depth + 1
  local c = item_check(bottom_up(stretch))
  if c ~= nodes(stretch) then error("binary_trees: stretch tree has " .. c .. " nodes") end
  lines[#lines + 1] = { stretch, 1, c }
  local long_lived = bottom_up(max_depth)
  for depth = MIN_DEPTH, max_depth, 2 do
    local iters = 2 ^ (max_depth - depth + MIN_DEPTH)
    local total = 0
    for _ = 1, iters do
      total = total + item_check(bottom_up(depth))
    end
    if total ~= iters * nodes(depth) then
      error(string.format("binary_trees: depth %d: %d nodes", depth, total))
    end
    lines[#lines + 1] = { depth, iters, total }
  end
  c = item_check(long_lived)
  lines[#lines + 1] = { max_depth, 1, c }
  return { max_depth = max_depth, lines = lines }
end

local function check(n, r)
  local sum = 0
  for i = 1, #r.lines do
    local l = r.lines[i]
    if l[3] ~= l[2] * nodes(l[1]) then
      error(string.format("binary_trees: %d trees of depth %d have %d nodes", l[2], l[1], l[3]))
    end
    sum = sum + l[3]
  end
  if r.lines[#r.lines][3] ~= nodes(r.max_depth) then error("binary_trees: long-lived tree corrupt") end
  return string.format("max depth %d, %d nodes checked", r.max_depth, sum)
end

local bench = { name = "binary_trees", default = 14, smoke = 6, warm = 12, run = run, check = check }
if BENCH_LIB then return bench end
local n = arg and arg[1]
if n == "--smoke" then n = bench.smoke
elseif n == nil then n = bench.default
else n = tonumber(n) or error("bad size: " .. tostring(n)) end
print(bench.name .. ": " .. check(n, run(n)))
