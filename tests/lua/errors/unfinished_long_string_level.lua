local s = [==[
content ]] ]=] still open
