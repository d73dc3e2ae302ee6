local s = "bad \q escape"
