# Generator for tests/fuzz/run: small arithmetic functions called from loops (inlining at
# monomorphic call sites), with the callee sometimes replaced mid-loop (Lua source on stdout).
import random, sys
def gen(seed):
    r = random.Random(seed)
    consts = ["1", "2", "0.5", "-3", "1e300", "math.maxinteger", "math.mininteger", "0.0", "-0.0"]
    ops = ["+", "-", "*", "/"]
    lines = ["local function show(x) if type(x)=='number' then return math.type(x)..':'..string.format('%.14g', x) else return tostring(x):sub(1,5) end end"]
    nf = r.randint(2, 4)
    for f in range(nf):
        np = r.randint(1, 3)
        params = ["a", "b", "c"][:np]
        body = []
        names = list(params)
        for k in range(r.randint(0, 3)):
            x = r.choice(names + consts)
            y = r.choice(names + consts)
            e = f"{x} {r.choice(ops)} {y}"
            if r.random() < 0.2:
                e = f"-({e})"
            body.append(f"  local t{k} = {e}")
            names.append(f"t{k}")
        ret = r.choice(["", f"{r.choice(names)}", f"{r.choice(names)} {r.choice(ops)} {r.choice(names + consts)}"])
        lines.append(f"local function f{f}({', '.join(params)})\n" + "\n".join(body) + f"\n  return {ret}\nend")
    lines.append("local C = setmetatable({}, {__call = function(_, a) return 'called' end})")
    for l in range(r.randint(2, 5)):
        f = r.randrange(nf)
        loop = r.choice(["for i = 1, n do", "for i = 1.0, n do", "for i = n, 1, -1 do"])
        args = ", ".join(r.choice(["i", "i", "i * 2", "i + 0.5", "k", r.choice(consts)]) for _ in range(r.randint(1, 3)))
        swap = r.choice(["", f"if i == {r.randint(2, 60)} then g = f{r.randrange(nf)} end",
                         f"if i == {r.randint(2, 60)} then g = C end", f"if i == {r.randint(2, 60)} then g = nil end"])
        lines.append(f"""do
  local function run(n, k)
    local g = f{f}
    local last, count = nil, 0
    {loop}
      {swap}
      local v = g({args})
      last = v
      if v == v then count = count + 1 end
    end
    return last, count
  end
  for rep = 1, 2 do
    local ok, a, b = pcall(run, {r.randint(1, 120)}, {r.choice(consts)})
    print(ok, ok and show(a) or tostring(a):gsub('^.-:%d+: ',''), b)
  end
end""")
    return "\n".join(lines) + "\n"
if __name__ == "__main__":
    print(gen(int(sys.argv[1])))
