-- os.date: every strftime conversion (UTC), "*t", errors
local times = { 0, 1234567890, -1000000000, 951782400, 4102444799 }
local convs = "aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%"
for i = 1, #convs do
  local c = convs:sub(i, i)
  local row = { c }
  for _, t in ipairs(times) do row[#row + 1] = os.date("!%" .. c, t) end
  print(table.concat(row, "|"))
end
for _, c in ipairs({ "Ec", "EC", "Ex", "EX", "Ey", "EY", "Od", "Oe", "OH", "OI", "Om", "OM",
  "OS", "Ou", "OU", "OV", "Ow", "OW", "Oy" }) do
  print(c, os.date("!%" .. c, 86400 * 400 + 3661))
end
print(os.date("!%Y-%m-%d %H:%M:%S", 0))
print(os.date("!%c", 0), os.date("!", 0), os.date("!x\0y%Y", 0))
print(os.date("!%H:%M", "3600"))
print(#os.date(), #os.date("%c") > 0, type(os.date("*t").isdst))

-- invalid conversions
for _, f in ipairs({ "%Ez", "%E", "%O", "%", "abc%", "%q", "%Ea", "%5d", "x%\0y", "%Ez abc", "%#" }) do
  print(pcall(os.date, "!" .. f, 0))
end

-- tables
for _, t in ipairs({ 0, 1234567890, -1 }) do
  local tt = os.date("!*t", t)
  local keys = {}
  for k in pairs(tt) do keys[#keys + 1] = k end
  table.sort(keys)
  local out = {}
  for _, k in ipairs(keys) do out[#out + 1] = k .. "=" .. tostring(tt[k]) end
  print(table.concat(out, " "))
end
print(os.date("!*t\0zz", 0).year)
local lt = os.date("*t", 86400 * 200)
print(lt.year, lt.month, type(lt.isdst))

-- argument errors
print(pcall(os.date, "!%Y", 2 ^ 62))
print(pcall(os.date, "!%Y", 1.5))
print(pcall(os.date, "!%Y", "x"))
print(pcall(os.date, {}, 1))
print(pcall(os.date, "%Y", {}))
