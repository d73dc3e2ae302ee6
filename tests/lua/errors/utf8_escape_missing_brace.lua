local s = "\u0041"
