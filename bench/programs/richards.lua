-- richards: a port of Martin Richards' operating-system scheduler simulation, written with
-- metatable classes (method calls, polymorphic dispatch, field access, linked lists).
-- Usage: richards.lua [N | --smoke]   (N = scheduler runs of 1000 idle-task steps each)
-- Flag words are kept as small integers and tested arithmetically, without bit operators.

local COUNT = 1000
local EXPECTED_QUEUE_COUNT = 2322
local EXPECTED_HOLD_COUNT = 928

local ID_IDLE, ID_WORKER, ID_HANDLER_A, ID_HANDLER_B, ID_DEVICE_A, ID_DEVICE_B = 1, 2, 3, 4, 5, 6
local KIND_DEVICE, KIND_WORK = 0, 1
local DATA_SIZE = 4

-- Task states: bit 0 = runnable, bit 1 = suspended, bit 2 = held.
local STATE_RUNNING, STATE_RUNNABLE, STATE_SUSPENDED = 0, 1, 2
local STATE_SUSPENDED_RUNNABLE = 3

-- 16-bit exclusive or, for the idle task's pseudo-random sequence.
local function bxor16(a, b)
  local r, bit = 0, 1
  for _ = 1, 16 do
    local x, y = a % 2, b % 2
    if x ~= y then r = r + bit end
    a = (a - x) / 2
    b = (b - y) / 2
    bit = bit * 2
  end
  return r
end

---------------------------------------------------------------------------------------------
local Packet = {}
Packet.__index = Packet

function Packet.new(link, id, kind)
  local a2 = {}
  for i = 1, DATA_SIZE do a2[i] = 0 end
  return setmetatable({ link = link, id = id, kind = kind, a1 = 0, a2 = a2 }, Packet)
end

function Packet:add_to(queue)
  self.link = nil
  if queue == nil then return self end
  local next = queue
  local peek = next.link
  while peek ~= nil do
    next = peek
    peek = next.link
  end
  next.link = self
  return queue
end

---------------------------------------------------------------------------------------------
local Tcb = {}
Tcb.__index = Tcb

function Tcb.new(link, id, priority, queue, task)
  local state = STATE_SUSPENDED_RUNNABLE
  if queue == nil then state = STATE_SUSPENDED end
  return setmetatable({ link = link, id = id, priority = priority, queue = queue, task = task,
    state = state }, Tcb)
end

function Tcb:set_running() self.state = STATE_RUNNING end

function Tcb:mark_as_not_held()
  if self.state >= 4 then self.state = self.state - 4 end
end

function Tcb:mark_as_held()
  if self.state < 4 then self.state = self.state + 4 end
end

function Tcb:is_held_or_suspended()
  return self.state >= 4 or self.state == STATE_SUSPENDED
end

function Tcb:mark_as_suspended()
  if self.state % 4 < 2 then self.state = self.state + 2 end
end

function Tcb:mark_as_runnable()
  if self.state % 2 == 0 then self.state = self.state + 1 end
end

function Tcb:run()
  local packet
  if self.state == STATE_SUSPENDED_RUNNABLE then
    packet = self.queue
    self.queue = packet.link
    if self.queue == nil then
      self.state = STATE_RUNNING
    else
      self.state = STATE_RUNNABLE
    end
  end
  return self.task:run(packet)
end

function Tcb:check_priority_add(task, packet)
  if self.queue == nil then
    self.queue = packet
    self:mark_as_runnable()
    if self.priority > task.priority then return self end
  else
    self.queue = packet:add_to(self.queue)
  end
  return task
end

---------------------------------------------------------------------------------------------
local IdleTask = {}
IdleTask.__index = IdleTask

function IdleTask.new(scheduler, v1, count)
  return setmetatable({ scheduler = scheduler, v1 = v1, count = count }, IdleTask)
end

function IdleTask:run(_)
  self.count = self.count - 1
  if self.count == 0 then return self.scheduler:hold_current() end
  local v1 = self.v1
  if v1 % 2 == 0 then
    self.v1 = v1 / 2
    return self.scheduler:release(ID_DEVICE_A)
  else
    self.v1 = bxor16((v1 - 1) / 2, 0xD008)
    return self.scheduler:release(ID_DEVICE_B)
  end
end

local DeviceTask = {}
DeviceTask.__index = DeviceTask

function DeviceTask.new(scheduler)
  return setmetatable({ scheduler = scheduler, v1 = nil }, DeviceTask)
end

function DeviceTask:run(packet)
  if packet == nil then
    local v = self.v1
    if v == nil then return self.scheduler:suspend_current() end
    self.v1 = nil
    return self.scheduler:queue(v)
  end
  self.v1 = packet
  return self.scheduler:hold_current()
end

local WorkerTask = {}
WorkerTask.__index = WorkerTask

function WorkerTask.new(scheduler, v1, v2)
  return setmetatable({ scheduler = scheduler, v1 = v1, v2 = v2 }, WorkerTask)
end

function WorkerTask:run(packet)
  if packet == nil then return self.scheduler:suspend_current() end
  if self.v1 == ID_HANDLER_A then
    self.v1 = ID_HANDLER_B
  else
    self.v1 = ID_HANDLER_A
  end
  packet.id = self.v1
  packet.a1 = 0
  local a2 = packet.a2
  for i = 1, DATA_SIZE do
    local v2 = self.v2 + 1
    if v2 > 26 then v2 = 1 end
    self.v2 = v2
    a2[i] = v2
  end
  return self.scheduler:queue(packet)
end

local HandlerTask = {}
HandlerTask.__index = HandlerTask

function HandlerTask.new(scheduler)
  return setmetatable({ scheduler = scheduler, v1 = nil, v2 = nil }, HandlerTask)
end

function HandlerTask:run(packet)
  if packet ~= nil then
    if packet.kind == KIND_WORK then
      self.v1 = packet:add_to(self.v1)
    else
      self.v2 = packet:add_to(self.v2)
    end
  end
  local v1 = self.v1
  if v1 ~= nil then
    local count = v1.a1
    if count < DATA_SIZE then
      local v2 = self.v2
      if v2 ~= nil then
        self.v2 = v2.link
        v2.a1 = v1.a2[count + 1]
        v1.a1 = count + 1
        return self.scheduler:queue(v2)
      end
    else
      self.v1 = v1.link
      return self.scheduler:queue(v1)
    end
  end
  return self.scheduler:suspend_current()
end

---------------------------------------------------------------------------------------------
local Scheduler = {}
Scheduler.__index = Scheduler

function Scheduler.new()
  return setmetatable({ queue_count = 0, hold_count = 0, blocks = {}, list = nil,
    current_tcb = nil, current_id = nil }, Scheduler)
end

function Scheduler:add_task(id, priority, queue, task)
  self.current_tcb = Tcb.new(self.list, id, priority, queue, task)
  self.list = self.current_tcb
  self.blocks[id] = self.current_tcb
end

function Scheduler:add_running_task(id, priority, queue, task)
  self:add_task(id, priority, queue, task)
  self.current_tcb:set_running()
end

function Scheduler:add_idle_task(id, priority, queue, count)
  self:add_running_task(id, priority, queue, IdleTask.new(self, 1, count))
end

function Scheduler:add_worker_task(id, priority, queue)
  self:add_task(id, priority, queue, WorkerTask.new(self, ID_HANDLER_A, 0))
end

function Scheduler:add_handler_task(id, priority, queue)
  self:add_task(id, priority, queue, HandlerTask.new(self))
end

function Scheduler:add_device_task(id, priority, queue)
  self:add_task(id, priority, queue, DeviceTask.new(self))
end

function Scheduler:schedule()
  self.current_tcb = self.list
  while self.current_tcb ~= nil do
    local tcb = self.current_tcb
    if tcb:is_held_or_suspended() then
      self.current_tcb = tcb.link
    else
      self.current_id = tcb.id
      self.current_tcb = tcb:run()
    end
  end
end

function Scheduler:release(id)
  local tcb = self.blocks[id]
  if tcb == nil then return tcb end
  tcb:mark_as_not_held()
  if tcb.priority > self.current_tcb.priority then return tcb end
  return self.current_tcb
end

function Scheduler:hold_current()
  self.hold_count = self.hold_count + 1
  self.current_tcb:mark_as_held()
  return self.current_tcb.link
end

function Scheduler:suspend_current()
  self.current_tcb:mark_as_suspended()
  return self.current_tcb
end

function Scheduler:queue(packet)
  local t = self.blocks[packet.id]
  if t == nil then return t end
  self.queue_count = self.queue_count + 1
  packet.link = nil
  packet.id = self.current_id
  return t:check_priority_add(self.current_tcb, packet)
end

---------------------------------------------------------------------------------------------
local function run_once()
  local s = Scheduler.new()
  s:add_idle_task(ID_IDLE, 0, nil, COUNT)

  local queue = Packet.new(nil, ID_WORKER, KIND_WORK)
  queue = Packet.new(queue, ID_WORKER, KIND_WORK)
  s:add_worker_task(ID_WORKER, 1000, queue)

  queue = Packet.new(nil, ID_DEVICE_A, KIND_DEVICE)
  queue = Packet.new(queue, ID_DEVICE_A, KIND_DEVICE)
  queue = Packet.new(queue, ID_DEVICE_A, KIND_DEVICE)
  s:add_handler_task(ID_HANDLER_A, 2000, queue)

  queue = Packet.new(nil, ID_DEVICE_B, KIND_DEVICE)
  queue = Packet.new(queue, ID_DEVICE_B, KIND_DEVICE)
  queue = Packet.new(queue, ID_DEVICE_B, KIND_DEVICE)
  s:add_handler_task(ID_HANDLER_B, 3000, queue)

  s:add_device_task(ID_DEVICE_A, 4000, nil)
  s:add_device_task(ID_DEVICE_B, 5000, nil)

  s:schedule()
  return s.queue_count, s.hold_count
end

local function run(n)
  local bad = 0
  local qc, hc
  for _ = 1, n do
    qc, hc = run_once()
    if qc ~= EXPECTED_QUEUE_COUNT or hc ~= EXPECTED_HOLD_COUNT then bad = bad + 1 end
  end
  return { runs = n, bad = bad, queue_count = qc, hold_count = hc }
end

local function check(n, r)
  if r.bad ~= 0 or (n > 0 and (r.queue_count ~= EXPECTED_QUEUE_COUNT
      or r.hold_count ~= EXPECTED_HOLD_COUNT)) then
    error(string.format("richards: %d of %d runs wrong (last: queue %s, hold %s; want %d, %d)",
      r.bad, n, tostring(r.queue_count), tostring(r.hold_count),
      EXPECTED_QUEUE_COUNT, EXPECTED_HOLD_COUNT))
  end
  return string.format("%d runs, queue count %d, hold count %d", n, r.queue_count or 0,
    r.hold_count or 0)
end

local bench = { name = "richards", default = 100, smoke = 2, warm = 5, run = run, check = check }
if BENCH_LIB then return bench end
local n = arg and arg[1]
if n == "--smoke" then n = bench.smoke
elseif n == nil then n = bench.default
else n = tonumber(n) or error("bad size: " .. tostring(n)) end
print(bench.name .. ": " .. check(n, run(n)))
