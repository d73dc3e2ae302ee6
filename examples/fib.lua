-- lunar examples/fib.lua [n]: the same script under every engine (see README.md)
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end

local n = tonumber(arg[1]) or 32
local t0 = os.clock()
print(string.format("fib(%d) = %d in %.2f s", n, fib(n), os.clock() - t0))
