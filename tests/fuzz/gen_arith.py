# Generator for tests/fuzz/run: random arithmetic on mixed types in loops (Lua source on stdout).
import random, sys
def gen(seed):
    r = random.Random(seed)
    vals = ["1", "2", "-3", "0", "2.5", "-0.5", "1e300", "math.maxinteger", "math.mininteger", "'7'", "'0x10'", "'2.5'", "V", "0/0", "3"]
    ops = ["+", "-", "*", "/", "//", "%", "^"]
    lines = ["local V = setmetatable({}, {__add=function(a,b) return 11 end, __sub=function() return 12 end, __mul=function() return 13 end, __div=function() return 14 end, __unm=function() return 15 end, __mod=function() return 16 end, __idiv=function() return 17 end, __pow=function() return 18 end})",
             "local function show(x) if type(x)=='number' then return math.type(x)..':'..string.format('%.14g', x) else return tostring(x):sub(1,5) end end"]
    nf = r.randint(1, 3)
    for f in range(nf):
        params = ["a", "b", "c"]
        body = []
        for k in range(r.randint(2, 6)):
            v = r.choice(["a", "b", "c", "x", "y"])
            e = f"{r.choice(['a','b','c','x','y', r.choice(vals)])} {r.choice(ops)} {r.choice(['a','b','c','x','y', r.choice(['1','2','0.5','3'])])}"
            if r.random() < 0.2: e = f"-({e})"
            body.append(f"    {v} = {e}")
        loop = r.choice(["for i = 1, n do", "for i = n, 1, -1 do", "for i = 1.0, n, 0.5 do", "local i = 0 while i < n do i = i + 1"])
        lines.append(f"local function f{f}(a, b, c, n)\n  local x, y = {r.choice(vals)}, {r.choice(vals)}\n  {loop}\n" + "\n".join(body) + f"\n    if i == {r.randint(1,5)} then a = {r.choice(vals)} end\n  end\n  return a, b, c, x, y\nend")
    calls = []
    for c in range(r.randint(3, 8)):
        f = r.randrange(nf)
        args = ", ".join(r.choice(vals) for _ in range(3))
        calls.append(f"do local ok, a, b, c, x, y = pcall(f{f}, {args}, {r.randint(1, 80)}) print(ok, ok and show(a) or tostring(a):gsub('^.-:%d+: ',''), show(b), show(c), show(x), show(y)) end")
    rep = r.randint(1, 3)
    lines.append(f"for rep = 1, {rep} do\n" + "\n".join(calls) + "\nend")
    return "\n".join(lines) + "\n"
if __name__ == "__main__":
    print(gen(int(sys.argv[1])))
