#!/usr/bin/env bash
# Regenerate the recorded expectations in tests/expected/ from the reference
# interpreter (Debian package lua5.4, Lua 5.4.4).
#
#   bash tests/regen.sh              # uses `lua5.4` from PATH
#   LUA=/path/to/lua5.4 bash tests/regen.sh
#
# For every script tests/lua/<path>.lua it writes
#   tests/expected/<path>.stdout   stdout, byte for byte
#   tests/expected/<path>.stderr   the first line of stderr only (may be empty)
#   tests/expected/<path>.code     the exit code
# The script runs with its own folder as the working directory and is named by its
# relative file name (`lua5.4 basics.lua`), so chunk names in messages are stable.
# Optional inputs beside a script: <name>.args (one argument per line) and
# <name>.stdin (fed to standard input; otherwise stdin is empty).
# argv[0] is always "lua5.4", so messages start with "lua5.4: ".
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LUA=${LUA:-lua5.4}
if ! command -v "$LUA" >/dev/null 2>&1; then
  echo "regen.sh: '$LUA' not found; install it with: apt-get install lua5.4" >&2
  exit 1
fi
lua_path=$(command -v "$LUA")

expected="$here/expected"
rm -rf "$expected"
mkdir -p "$expected"
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

count=0
while IFS= read -r -d '' script; do
  rel=${script#"$here/lua/"}
  dir=$(dirname "$script")
  base=$(basename "$script")
  stem=${script%.lua}
  out="$expected/${rel%.lua}"
  mkdir -p "$(dirname "$out")"
  args=()
  if [[ -f "$stem.args" ]]; then
    mapfile -t args < "$stem.args"
  fi
  input=/dev/null
  if [[ -f "$stem.stdin" ]]; then
    input="$stem.stdin"
  fi
  code=0
  (
    cd "$dir"
    exec env -u LUA_INIT -u LUA_INIT_5_4 -u LUA_PATH -u LUA_PATH_5_4 -u LUA_CPATH -u LUA_CPATH_5_4 \
      timeout 60 bash -c 'exec -a lua5.4 "$@"' regen "$lua_path" "$base" ${args[@]+"${args[@]}"}
  ) < "$input" > "$out.stdout" 2> "$tmp" || code=$?
  if [[ $code -eq 124 ]]; then
    echo "regen.sh: $rel timed out" >&2
    exit 1
  fi
  head -n 1 "$tmp" > "$out.stderr"
  echo "$code" > "$out.code"
  count=$((count + 1))
done < <(find "$here/lua" -name '*.lua' -type f -print0 | sort -z)

echo "regen.sh: recorded $count scripts with $("$lua_path" -v 2>&1 | head -n 1)"
