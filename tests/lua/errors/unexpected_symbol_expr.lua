local y = 1 + * 2
