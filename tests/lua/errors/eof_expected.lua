return 1
print("after return")
