-- __gc finalizers
local log = {}
local function mk(name)
  return setmetatable({ name = name }, { __gc = function(o) log[#log + 1] = o.name end })
end
local function scope()
  local a = mk("a")
  local b = mk("b")
  local c = mk("c")
end
scope()
collectgarbage()
-- finalizers run in the reverse order of being marked for finalization (here: creation)
print("finalized", table.concat(log, " "))

-- __gc must be present when setmetatable is called
log = {}
local function late()
  local mt = {}
  local o = setmetatable({ name = "late" }, mt)
  mt.__gc = function(x) log[#log + 1] = x.name end
end
late()
collectgarbage()
print("late __gc ignored", #log)

-- a field present at setmetatable time, later replaced, still marks the object
log = {}
local function replaced()
  local mt = { __gc = true }
  local o = setmetatable({ name = "replaced" }, mt)
  mt.__gc = function(x) log[#log + 1] = x.name end
end
replaced()
collectgarbage()
print("replaced __gc", table.concat(log, " "))

-- resurrection: a finalizer can store the object; it is not finalized again
local saved
local function resurrect()
  setmetatable({ name = "phoenix" }, { __gc = function(o) saved = o end })
end
resurrect()
collectgarbage()
print("resurrected", saved and saved.name)
saved = nil
collectgarbage()
print("after second collect", saved)

-- objects still referenced are not finalized
log = {}
local alive = mk("alive")
collectgarbage()
print("alive not finalized", #log, alive.name)

-- errors in finalizers produce a warning (off by default) and do not stop the program
local function thrower()
  setmetatable({}, { __gc = function() error("error in __gc") end })
end
thrower()
collectgarbage()
print("survived finalizer error")

-- finalizer can allocate and call functions
log = {}
local function allocating()
  setmetatable({}, { __gc = function() local t = {}; for i = 1, 100 do t[i] = { i } end; log[#log + 1] = #t end })
end
allocating()
collectgarbage()
print("allocating finalizer", log[1])
-- __gc on a table used as a weak key does not break things
local wk = setmetatable({}, { __mode = "k" })
local function weakfin()
  local k = setmetatable({}, { __gc = function() log[#log + 1] = "weakfin" end })
  wk[k] = true
end
log = {}
weakfin()
collectgarbage()
collectgarbage()
print("weak key finalized", table.concat(log, " "), next(wk))
