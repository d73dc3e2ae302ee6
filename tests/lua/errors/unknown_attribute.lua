local x <constant> = 1
