local a = {}
function a:b.c() end
