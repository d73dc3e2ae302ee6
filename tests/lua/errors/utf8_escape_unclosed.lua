local s = "\u{41"
