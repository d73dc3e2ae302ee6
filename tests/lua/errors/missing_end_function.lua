local function f()
  print("x")

print(f)
