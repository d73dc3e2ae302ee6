-- a main chunk may return values: they are ignored, exit code 0
print("returning values from the main chunk")
return 1, "two", nil
