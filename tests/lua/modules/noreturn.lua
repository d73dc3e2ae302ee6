-- module fixture: returns nothing, so require stores and returns true
noreturn_loaded = (noreturn_loaded or 0) + 1
