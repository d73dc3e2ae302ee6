local function quicksort(t, lo, hi)
  lo = lo or 1
  hi = hi or #t
  if lo < hi then
    local p = t[hi]
    local i = lo - 1
    for j = lo, hi - 1 do
      if t[j] <= p then
        i = i + 1
        t[i], t[j] = t[j], t[i]
      end
    end
    t[i + 1], t[hi] = t[hi], t[i + 1]
    quicksort(t, lo, i)
    quicksort(t, i + 2, hi)
  end
  return t
end

local data = {5, 3, 8, 1, 9, 2, 7}
quicksort(data)
print(table.concat(data, " "))

local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end

local memo = {}
local function mfib(n)
  local v = memo[n]
  if v then return v end
  v = n < 2 and n or mfib(n - 1) + mfib(n - 2)
  memo[n] = v
  return v
end
print(fib(20), mfib(80))
