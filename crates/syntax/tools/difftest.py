#!/usr/bin/env python3
"""Differential test of lunar's parser against `luac5.4 -p` (PUC Lua 5.4.4).

Builds the `luacheck` example, generates many Lua sources (mutations of valid programs,
random programs heavy on scopes/goto/attributes, lexer-level garbage), and compares the
outcome (OK or the exact error message) of both.

    python3 crates/syntax/tools/difftest.py [seed] [count]

Needs `luac5.4` on PATH. Valid programs for mutation are taken from crates/syntax/tests/data
and tests/lua.
"""
import glob, os, random, subprocess, sys, tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
TARGET = os.environ.get("CARGO_TARGET_DIR", "/tmp/target-parser")
BIN = os.path.join(TARGET, "release", "examples", "luacheck")


def luac(path):
    r = subprocess.run(["luac5.4", "-p", path], capture_output=True)
    if r.returncode == 0:
        return "OK"
    msg = r.stderr.decode("utf-8", "replace").rstrip("\n")
    return msg[len("luac5.4: "):].replace("\n", "\\n")


def ours(paths):
    out = []
    for i in range(0, len(paths), 500):
        r = subprocess.run([BIN] + paths[i:i + 500], capture_output=True)
        if r.returncode != 0:
            sys.exit("luacheck crashed: " + r.stderr.decode()[-2000:])
        out += r.stdout.decode("utf-8", "replace").split("\n")[:-1]
    return out


def compare(name, cases, d):
    paths = []
    for i, c in enumerate(cases):
        p = os.path.join(d, f"{name}{i}.lua")
        with open(p, "wb") as f:
            f.write(c)
        paths.append(p)
    bad = 0
    for p, c, g in zip(paths, cases, ours(paths)):
        e = luac(p)
        if e != g:
            bad += 1
            if bad <= 20:
                print("MISMATCH", repr(c)[:200], "\n  lua :", e[:300], "\n  ours:", g[:300])
    print(f"{name}: {len(cases)} cases, {bad} mismatches")
    return bad


TOK = [b"end", b"do", b"then", b"local", b"function", b"(", b")", b"{", b"}", b"[", b"]", b"=",
       b",", b";", b"::x::", b"::", b"goto x", b"goto", b"break", b"<const>", b"<close>",
       b"local x <const> = 1", b"x = 1", b"\"", b"'", b"[[", b"]]", b"--[[", b"\\", b"\\x",
       b"\\u{", b"..", b"...", b"+", b"not", b"return", b"return 1", b"if", b"else", b"elseif",
       b"while", b"for", b"in", b"repeat", b"until", b"0x", b"1e", b"3x", b".", b":", b"#", b"~",
       b"\n", b"\r", b"\0", b"\x80", b"@", b"local function", b"x", b"a.b", b"f()", b"[=[",
       b"]=]", b"<", b">", b"//", b"and", b"or", b"nil", b"true", b"1", b"1.5", b"'s'"]


def mutations(srcs, n):
    cases = []
    for _ in range(n):
        s = random.choice(srcs)
        r = random.random()
        if r < 0.2:
            m = s[:random.randrange(len(s) + 1)]
        elif r < 0.45:
            p = random.randrange(len(s) + 1)
            m = s[:p] + s[p + random.randint(1, 6):]
        elif r < 0.85:
            m = s
            for _ in range(random.randint(1, 3)):
                p = random.randrange(len(m) + 1)
                sp = random.choice([b"", b" "])
                m = m[:p] + sp + random.choice(TOK) + sp + m[p:]
        else:
            lines = s.split(b"\n")
            i, j = random.randrange(len(lines)), random.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            m = b"\n".join(lines)
        cases.append(m)
    return cases


def scopes(n):
    def stat(d):
        r = random.random() if d <= 3 else random.random() * 0.6
        if r < 0.18:
            return f"local {random.choice('abc')}" + random.choice(
                ["", " <const> = 1", " <close> = nil", " = 1", " <const> = g", ", b <close>"])
        if r < 0.33:
            return f"goto {random.choice(['l1', 'l2'])}"
        if r < 0.48:
            return f"::{random.choice(['l1', 'l2', 'l3'])}::"
        if r < 0.53:
            return random.choice([";", "break", "x = ..."])
        if r < 0.6:
            return f"{random.choice('abc')} = 2"
        if r < 0.7:
            return "do " + block(d + 1) + " end"
        if r < 0.77:
            return "while x do " + block(d + 1) + " end"
        if r < 0.83:
            return "repeat " + block(d + 1) + " until a"
        if r < 0.9:
            return "if x then " + block(d + 1) + " elseif y then " + block(d + 1) + " end"
        if r < 0.95:
            return "for i = 1, 2 do " + block(d + 1) + " end"
        return "local function f(...) " + block(d + 1) + " end"

    def block(d):
        return random.choice([" ", "\n"]).join(stat(d) for _ in range(random.randint(0, 5)))

    return [block(0).encode() for _ in range(n)]


LEX = [b"\"", b"'", b"\\", b"\\x", b"\\u", b"{", b"}", b"\\u{", b"\\z", b"\\9", b"\\25", b"\\256",
       b"a", b"F", b"7", b"0", b"\n", b"\r", b" ", b"[", b"]", b"=", b"[[", b"]]", b"[=[", b"]=]",
       b"--", b"--[[", b"-", b"0x", b"1e", b"e", b"p", b"+", b".", b"..", b"x", b"\0", b"\xff"]


def lexical(n):
    return [random.choice([b"x = ", b"return ", b"f", b""]) +
            b"".join(random.choice(LEX) for _ in range(random.randint(1, 12))) for _ in range(n)]


def main():
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    random.seed(seed)
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "lunar-syntax", "--example",
                    "luacheck"], cwd=ROOT, check=True, env={**os.environ, "CARGO_TARGET_DIR": TARGET})
    files = glob.glob(os.path.join(ROOT, "crates/syntax/tests/data/*.lua")) + \
        glob.glob(os.path.join(ROOT, "tests/lua/*.lua"))
    srcs = [open(f, "rb").read() for f in sorted(files)]
    with tempfile.TemporaryDirectory() as d:
        bad = compare("mut", mutations(srcs, n), d)
        bad += compare("scope", scopes(n), d)
        bad += compare("lex", lexical(n), d)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
