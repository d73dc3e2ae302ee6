-- lua5.4: nested resumes work up to depth 197 ("C stack overflow" from 198 on)
-- lunar: "C stack overflow" already at depth 100
local function f(n) if n == 0 then return "done" end local co = coroutine.create(f) local ok, v = coroutine.resume(co, n-1) return v end
for n = 1, 300 do local r = f(n) if r ~= "done" then print(n, r) break end end
