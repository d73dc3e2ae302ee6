local s = [=
