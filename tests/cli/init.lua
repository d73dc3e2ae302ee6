print("init file ran")
