local Account = {}
Account.__index = Account

function Account.new(owner, balance)
  local self = setmetatable({}, Account)
  self.owner = owner
  self.balance = balance or 0
  return self
end

function Account:deposit(v)
  self.balance = self.balance + v
end

function Account:withdraw(v)
  if v > self.balance then
    error("insufficient funds")
  end
  self.balance = self.balance - v
end

local Special = setmetatable({}, {__index = Account})
Special.__index = Special

function Special:withdraw(v)
  if v - self.balance >= self:getLimit() then
    error("limit exceeded")
  end
  self.balance = self.balance - v
end

function Special:getLimit() return self.limit or 0 end

local acc = Account.new("ann", 100)
acc:deposit(50)
acc:withdraw(30)
print(acc.owner, acc.balance)
