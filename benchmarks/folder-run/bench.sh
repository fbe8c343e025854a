#!/usr/bin/env bash
# Folder-run benchmark: 50 CPU-bound tutorials through one server (/api/loops) with 1, 2 and the
# default number of concurrent loops. Prints wall time, throughput, speed-up and the server's
# per-loop overhead (loop duration minus the time of the tutorial's own commands).
#   mvn -B -DskipTests package && benchmarks/folder-run/bench.sh [COUNT]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
count=${1:-50}
work=$(mktemp -d /tmp/smile-folder-bench.XXXXXX)
mkdir -p "$work/docs"
for i in $(seq 1 "$count"); do
  cat > "$work/docs/cpu-$i.md" <<MD
# CPU tutorial $i

## Step 1: Compute

\`\`\`bash
awk 'BEGIN{for(i=0;i<20000000;i++)s+=i%7; print s}'
\`\`\`
MD
done
port=3390
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m -Dsmile.workDir="$work" \
  -jar "$root/smile-api/target/smile-microbundle.jar" --port $port > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
until curl -fs "http://127.0.0.1:$port/api/status" > /dev/null; do sleep 0.5; done
default=$(curl -fs "http://127.0.0.1:$port/api/loops" | python3 -c 'import json,sys; print(json.load(sys.stdin)["concurrency"])')
# One warm-up tutorial so the first round does not pay for the JIT alone.
java -jar "$root/smile-cli/target/smile-cli.jar" run "$work/docs/cpu-1.md" --server "http://127.0.0.1:$port" \
  --output "$work/warm" > /dev/null || true
echo "tutorials=$count default_concurrency=$default cores=$(nproc)"
for jobs in 1 2 "$default"; do
  start=$(date +%s.%N)
  java -jar "$root/smile-cli/target/smile-cli.jar" run "$work/docs" --server "http://127.0.0.1:$port" \
    --jobs "$jobs" --output "$work/out-$jobs" > "$work/run-$jobs.log" || true
  end=$(date +%s.%N)
  python3 - "$work/docs" "$jobs" "$start" "$end" <<'PY'
import glob, json, sys
docs, jobs, start, end = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
loops, commands = [], []
for f in glob.glob(docs + "/*.smile-report.json"):
    r = json.load(open(f))
    loops.append(r["summary"]["durationMillis"])
    commands.append(sum(c["durationMillis"] or 0 for c in r["audit"]["commands"]))
wall = end - start
n = len(loops)
overhead = sorted(l - c for l, c in zip(loops, commands))
print(f"jobs={jobs} tutorials={n} wall_s={wall:.1f} per_min={n / wall * 60:.1f} "
      f"loop_ms_median={sorted(loops)[n // 2]} command_ms_median={sorted(commands)[n // 2]} "
      f"overhead_ms_median={overhead[n // 2]} overhead_ms_p90={overhead[int(n * 0.9)]}")
PY
done
