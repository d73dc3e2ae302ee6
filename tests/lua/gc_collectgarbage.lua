-- collectgarbage options and their return values
print("collect", collectgarbage("collect"))
print("default", collectgarbage())
local kb = collectgarbage("count")
print("count type", type(kb), math.type(kb), kb > 0)
print("step type", type(collectgarbage("step")))
print("step 0 type", type(collectgarbage("step", 0)))
print("isrunning", collectgarbage("isrunning"))
print("stop", collectgarbage("stop"))
print("isrunning after stop", collectgarbage("isrunning"))
print("step while stopped type", type(collectgarbage("step")))
print("isrunning still stopped", collectgarbage("isrunning"))
print("restart", collectgarbage("restart"))
print("isrunning after restart", collectgarbage("isrunning"))
print("incremental", collectgarbage("incremental"))
print("generational", collectgarbage("generational"))
print("generational again", collectgarbage("generational"))
print("incremental back", collectgarbage("incremental"))
print("incremental again", collectgarbage("incremental", 100, 200, 10))
print("collect after mode switches", collectgarbage("collect"))
print(pcall(collectgarbage, "bogus"))
print(pcall(collectgarbage, 1))
-- allocation then collection: count stays a number
local t = {}
for i = 1, 10000 do t[i] = { i } end
local before = collectgarbage("count")
t = nil
collectgarbage()
local after = collectgarbage("count")
print("count numbers", type(before), type(after))
-- generational mode still collects and works
collectgarbage("generational")
local keep = {}
for i = 1, 20000 do local x = { i, tostring(i) }; if i % 1000 == 0 then keep[#keep + 1] = x end end
collectgarbage()
print("kept", #keep, keep[20][2])
collectgarbage("incremental")
print("done")
