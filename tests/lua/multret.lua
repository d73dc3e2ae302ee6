-- 3.4.12 multiple results and adjustment rules
local function f() return 1, 2, 3 end
local function g() return end
local function h() return nil end
local x, y, z, w = f()
print(x, y, z, w)
x, y = f(), 10
print(x, y)
print(f(), f())
print(({ f() })[3], ({ f() })[4])
print(#{ f() }, #{ f(), f() }, #{ (f()) }, #{ f(), nil })
print(select('#', g()), select('#', h()), select('#', (g())))
-- return f() returns all results, return (f()) only the first
local function all() return f() end
local function one() return (f()) end
print(all())
print(one())
-- return with several calls
local function several() return f(), f() end
print(several())
-- results used in arithmetic/concat are truncated to the first
print(f() + 10, f() .. "")
-- results as arguments
local function count(...) return select('#', ...) end
print(count(f()), count(f(), f()), count((f())), count(f(), nil), count(nil, f()))
-- in generic for
local n = 0
for a, b, c in function(_, ctl) if not ctl then return 1, 2, 3 end end do n = n + a + b + c end
print(n)
-- multiple results through pcall
print(pcall(f))
print(select('#', pcall(g)))
-- nested adjustment
local function id(...) return ... end
print(id(id(f())))
print(id(f(), id(f())))
-- coroutine resume returns all yielded values
local co = coroutine.create(function() coroutine.yield(f()) return g() end)
print(coroutine.resume(co))
print(coroutine.resume(co))
-- string.format with multiple results
print(string.format("%d %d %d", f()))
-- large number of results
local function manyret(n)
  local t = {}
  for i = 1, n do t[i] = i end
  local function unpackn(i) if i > n then return end return t[i], unpackn(i + 1) end
  return unpackn(1)
end
print(count(manyret(150)), select(150, manyret(150)))
