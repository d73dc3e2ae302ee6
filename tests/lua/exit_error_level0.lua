-- uncaught error with level 0: no position
error("message without position", 0)
