# Generator for tests/fuzz/run: random field reads/writes on tables of varying shapes (Lua source on stdout).
import random, sys
def gen(seed):
    r = random.Random(seed)
    keys = ["x", "y", "z", "w"]
    vals = ["1", "2.5", "'s'", "nil", "true", "{}", "i", "i * 0.5", "-i"]
    L = ["local function show(v) if type(v) == 'table' then return 'tbl' end if type(v)=='number' then return math.type(v)..':'..string.format('%.14g', v) end return tostring(v) end",
         "local P = { x = 'px', y = 'py' }",
         "local M = { __index = P }",
         "local N = { __index = function(t, k) return 'fn' .. k end, __newindex = function(t, k, v) rawset(t, k, v == nil and 'was nil' or v) end }"]
    objs = []
    for o in range(3):
        choices = ['1', '2', '0.5', "'a'"]
        init = ", ".join(k + " = " + r.choice(choices) for k in r.sample(keys, r.randint(0, 4)))
        mt = r.choice(["", "M", "N"])
        L.append(f"local o{o} = " + (f"setmetatable({{{init}}}, {mt})" if mt else f"{{{init}}}"))
        objs.append(f"o{o}")
    body = []
    for s in range(r.randint(3, 8)):
        o = r.choice(objs + ["t"]); k = r.choice(keys)
        kind = r.random()
        if kind < 0.4:
            body.append(f"    acc[#acc + 1] = show({o}.{k})")
        elif kind < 0.75:
            body.append(f"    {o}.{k} = {r.choice(vals)}")
        elif kind < 0.85:
            body.append(f"    {o}.new{r.randint(1,30)} = i")
        elif kind < 0.92:
            body.append(f"    {o}[{r.randint(1,5)}] = {r.choice(vals)}")
        else:
            body.append(f"    if i % {r.randint(2,9)} == 0 then t = {r.choice(objs)} end")
    L.append("local function run(n)\n  local acc = {}\n  local t = o0\n  for i = 1, n do\n" + "\n".join(body) + "\n  end\n  return table.concat(acc, ' ')\nend")
    for c in range(r.randint(2, 4)):
        L.append(f"print(pcall(run, {r.randint(1, 150)}))")
    L.append("for _, o in ipairs({o0, o1, o2}) do local ks = {} for k, v in pairs(o) do ks[#ks + 1] = tostring(k) .. '=' .. show(v) end table.sort(ks) print(table.concat(ks, ',')) end")
    return "\n".join(L) + "\n"
if __name__ == "__main__":
    print(gen(int(sys.argv[1])))
