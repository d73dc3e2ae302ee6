::top::
print(1)
::top::
