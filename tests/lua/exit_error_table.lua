-- uncaught error with a table value: lua prints "(error object is a table value)"
print("raising a table")
error({ code = 1 })
