#!/usr/bin/env bash
# Start-up of the uber-jar: from launch to the first HTTP 200 on /api/status, with the CPU seconds
# the server used by then and its resident memory, for three variants in turn (round-robin, so a
# drifting machine load hits all alike):
#   plain   java -jar smile-microbundle.jar
#   flags   the CLI's JVM flags (ServerProcess.JVM_FLAGS)
#   cds     the same plus the class-data-sharing archive the CLI records and maps
# Usage (from the repository root, after `mvn -B -DskipTests package`):
#   benchmarks/startup/bench.sh [ROUNDS]          default 3
set -euo pipefail
rounds=${1:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
jar="$root/smile-api/target/smile-microbundle.jar"
work=$(mktemp -d)
trap 'pkill -f -- "--port 3391" || true; cd /; rm -rf "$work"' EXIT
flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -Xms64m -Xmx256m -XX:-ShrinkHeapInSteps)
archive="$work/smile.jsa"

start() { # label java-args...
  local label=$1 t0 t1 pid cpu rss
  shift
  rm -rf "$work/run" && mkdir -p "$work/run" && cd "$work/run"
  t0=$(date +%s.%N)
  MALLOC_ARENA_MAX=2 java "$@" -jar "$jar" --port 3391 --nocluster >server.log 2>&1 &
  pid=$!
  until curl -sf -o /dev/null http://127.0.0.1:3391/api/status; do
    kill -0 "$pid" 2>/dev/null || { echo "$label: the server died, see $work/run/server.log"; exit 1; }
    sleep 0.05
  done
  t1=$(date +%s.%N)
  cpu=$(awk '{printf "%.1f", ($14 + $15) / 100}' "/proc/$pid/stat")
  rss=$(awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$pid/status")
  printf '%-6s ready %6.2f s   cpu %5s s   rss %4s MB   load %s\n' "$label" "$(echo "$t1 - $t0" | bc)" "$cpu" "$rss" "$(cut -d' ' -f1 /proc/loadavg)"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

# The recording the CLI's first start makes; the JVM writes it when the server exits.
start record "${flags[@]}" -XX:ArchiveClassesAtExit="$archive" >/dev/null
ls "$archive" >/dev/null
for ((i = 1; i <= rounds; i++)); do
  start plain
  start flags "${flags[@]}"
  start cds "${flags[@]}" -XX:SharedArchiveFile="$archive"
done
