-- uncaught error with a number: numbers are converted to strings, no position added
print("number error next")
error(42)
