#!/usr/bin/env lua5.4 -- the first line is skipped when it starts with '#'
print("shebang line skipped")
print(select('#', ...))
