-- uncaught error(nil)
io.write("partial line without newline")
error(nil)
