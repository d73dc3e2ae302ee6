print(pcall(table.remove, {}, 5))       -- lua5.4.4: bad argument #1 to 'remove' (position out of bounds); lunar: #2
print(pcall(table.remove, {1,2,3}, 7))  -- same
