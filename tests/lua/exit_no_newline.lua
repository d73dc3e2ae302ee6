-- output that does not end with a newline must be reproduced exactly
io.write("no trailing newline")
