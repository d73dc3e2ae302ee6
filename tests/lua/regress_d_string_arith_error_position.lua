-- Errors raised while doing arithmetic on strings (string metamethods __mod/__idiv in lstrlib)
-- come from a C function in lua5.4, so they carry NO "file:line:" prefix.
print(pcall(function() return 1 % "0" end))   -- lua: false	attempt to perform 'n%%0'      lunar: false	t.lua:3: attempt to perform 'n%%0'
print(pcall(function() return 1 // "0" end))  -- lua: false	attempt to perform 'n//0'      lunar: with position
print(pcall(function() return "1" // 0 end))
