#!/usr/bin/env bash
# Cold and warm `smile run`: the whole command's wall time, and the "Server ... in X s" it prints,
# with no daemon (cold: `smile stop` first) and with this folder's daemon running (warm).
# Usage (from the repository root, after `mvn -B -DskipTests package`):
#   benchmarks/daemon/bench.sh [ROUNDS] [TUTORIAL]        default: 3 examples/clean/tutorial.md
# Cold and warm alternate (cold, warm, warm, cold, ...) so a drifting machine load hits both.
set -euo pipefail
rounds=${1:-3}
tutorial=${2:-examples/clean/tutorial.md}
root=$(cd "$(dirname "$0")/../.." && pwd)
cli=(java -jar "$root/smile-cli/target/smile-cli.jar")
jar="$root/smile-api/target/smile-microbundle.jar"
work=$(mktemp -d)
trap '"${cli[@]}" stop >/dev/null 2>&1 || true; cd /; rm -rf "$work"' EXIT
cp "$(dirname "$root/$tutorial")"/* "$work"/
cd "$work"
unset SMILE_API_TOKEN

one() { # label
  local t0 t1 out
  t0=$(date +%s.%N)
  out=$("${cli[@]}" run "$(basename "$tutorial")" --server-jar "$jar" 2>&1) || true
  t1=$(date +%s.%N)
  printf '%-5s whole %6.2f s   %s   load %s\n' "$1" "$(echo "$t1 - $t0" | bc)" \
    "$(grep -oE 'Server (ready|reused) in [0-9.]+ s' <<<"$out")" "$(cut -d' ' -f1 /proc/loadavg)"
}

for ((i = 1; i <= rounds; i++)); do
  "${cli[@]}" stop >/dev/null
  one cold
  one warm
  one warm
done
