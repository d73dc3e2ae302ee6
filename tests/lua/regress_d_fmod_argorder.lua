-- lua5.4 (gcc evaluates luaL_checknumber(L,2) first) reports argument #2 first
print(pcall(math.fmod, nil, "x"))  -- lua: bad argument #2 to 'fmod' (number expected, got string); lunar: #1 ... got nil
print(pcall(math.fmod, "x", nil))  -- lua: bad argument #2 ... got nil; lunar: #1 ... got string
