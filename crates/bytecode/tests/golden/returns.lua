local function r0() end
local function r1() return end
local function r2() return 1 end
local function r3() return 1, 2 end
local function r4(a) return a end
local function r5(a) return a.b end
local function r6(a) return a, a.b end
local function r7(a) return a() end
local function r8(a) return a:m() end
local function r9(a) return (a()) end
local function r10(a) return a(), 1 end
local function r11(a) return 1, a() end
local function r12(a) local x <close> = a; return a() end
local function r13(...) return ... end
local function r14(a) return not a end
local function r15(a, b) return a == b end
local function r16(a) do return a end end
local function r17(a) if a then return 1 else return 2 end end
return r0, r1
