-- line endings: CRLF, lone CR and LF-CR each count as one line break
print(select(2, pcall(function() error('here') end)))
local s = [[a
b
cd]]
print(#s, string.format('%q', s))
local t = 'x\
y'
print(#t, string.format('%q', t))
print(select(2, pcall(function() error('here') end)))
--[[ multi
line comment ]] print(select(2, pcall(function() error('here') end)))
print(select(2, pcall(function() error('here') end)))
