#!/usr/bin/env bash
# Every GPU check in one call on the device machine: devices, GPU timings (cold and warm, double and single precision,
# LibDevice and portable math), the sample on CUDA and on the CPU, and the CPU/GPU reconciliation.
#
# Prepare (on the development machine, repository root):
#   ../shared/tools/device-pack src/StressMargin.Cli/StressMargin.Cli.csproj benchmarks/StressMargin.GpuTimings/StressMargin.GpuTimings.csproj
# Run (device tool, repository root, carrying .devpack; about 5 minutes on an H200):
#   run(command="benchmarks/gpu/run-on-device.sh", carry=[".devpack"], timeout_s=540)
# Results go to $OUT/gpu-bench (or /tmp/stressmargin-gpu-bench): nvidia-smi.txt, devices.txt/.json, timings.tsv (the
# in-process runs of benchmarks/StressMargin.GpuTimings: open = driver + ILGPU compile of every kernel; run 1 cold, runs 2-3 warm), one folder
# per CLI run (stdout, stderr, margin.csv, attribution.csv, manifest.json, wall.txt, exit.txt), compare-*.txt and
# summary.md. A failing step is recorded and the script goes on, so a partial result still comes back.
set -uo pipefail
cd "$(dirname "$0")/../.."
RESULTS=${OUT:+$OUT/gpu-bench}
RESULTS=${RESULTS:-/tmp/stressmargin-gpu-bench}
mkdir -p "$RESULTS"
if [ ! -x .dn/dotnet ]; then mkdir -p .dn && tar -C .dn -xJf .devpack/dotnet-rt.tar.xz; fi
export DOTNET_ROOT=$PWD/.dn PATH=$PWD/.dn:$PATH CI=1
SM=(dotnet .devpack/StressMargin.Cli/stressmargin.dll)
BENCH=(dotnet .devpack/StressMargin.GpuTimings/StressMargin.GpuTimings.dll)
SCENARIO=scenarios/deribit-20260205.yaml

{ nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv || echo "nvidia-smi failed"; nvidia-smi || true; } > "$RESULTS/nvidia-smi.txt" 2>&1
"${SM[@]}" devices > "$RESULTS/devices.txt" 2>&1
"${SM[@]}" devices --output json > "$RESULTS/devices.json" 2>&1
{ nproc; grep -m1 'model name' /proc/cpuinfo; ls -d /usr/local/cuda*/nvvm/libdevice 2>&1; } > "$RESULTS/host.txt"

# In-process timings: the backend opened once per configuration, the job run three times on it.
timeout 240 "${BENCH[@]}" --device cuda --paths 100000,1000000 --precision double,single --repeat 3 > "$RESULTS/timings.tsv" 2> "$RESULTS/timings.err"
echo "timings exit $?" >> "$RESULTS/timings.err"
timeout 60 "${BENCH[@]}" --device cuda --paths 1000000 --precision double --math portable --repeat 2 2>> "$RESULTS/timings.err" | tail -n +2 >> "$RESULTS/timings.tsv"

run() { # name device paths [extra run options...]
  local name=$1 device=$2 paths=$3; shift 3
  local dir=$RESULTS/$name; mkdir -p "$dir"
  local t0 t1; t0=$(date +%s.%N)
  timeout 120 "${SM[@]}" run "$SCENARIO" --device "$device" --paths "$paths" --out "$dir" "$@" > "$dir/stdout.txt" 2> "$dir/stderr.txt"
  echo $? > "$dir/exit.txt"
  t1=$(date +%s.%N)
  echo "$t0 $t1" | awk '{ printf "%.3f\n", $2 - $1 }' > "$dir/wall.txt"
  echo "$name: exit $(cat "$dir/exit.txt"), wall $(cat "$dir/wall.txt") s" >&2
}
run cuda-1e5 cuda 100000
run cpu-1e5 cpu 100000
run cuda-1e6 cuda 1000000
run cpu-1e6 cpu 1000000
run cuda-1e6-single cuda 1000000 --precision single

compare() { # name A B rel-tol
  "${SM[@]}" compare "$RESULTS/$2" "$RESULTS/$3" --rel-tol "$4" > "$RESULTS/compare-$1.txt" 2>&1
  echo "exit $?" >> "$RESULTS/compare-$1.txt"
}
compare cpu-vs-cuda-1e5 cpu-1e5 cuda-1e5 1e-9
compare cpu-vs-cuda-1e6 cpu-1e6 cuda-1e6 1e-9
compare double-vs-single-1e6 cuda-1e6 cuda-1e6-single 0

field() { # manifest key -> first numeric or string value
  sed -n "s/.*\"$2\": \"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}$/\1/p" "$1" | head -1
}
{
  echo "## In-process timings (StressMargin.GpuTimings)"; echo; echo '```'; cat "$RESULTS/timings.tsv"; echo '```'; echo
  echo "## CLI runs"; echo
  echo "| run | exit | wall s | device_setup s | simulate s | tail s | attribution s | revaluations | M revaluations/s | peak device bytes | math |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  for d in cuda-1e5 cpu-1e5 cuda-1e6 cpu-1e6 cuda-1e6-single; do
    m=$RESULTS/$d/manifest.json
    if [ -f "$m" ]; then
      sim=$(field "$m" simulate); rev=$(field "$m" revaluations)
      rate=$(awk -v r="$rev" -v s="$sim" 'BEGIN { if (s > 0) printf "%.0f", r / s / 1e6; else print "" }')
      echo "| $d | $(cat "$RESULTS/$d/exit.txt") | $(cat "$RESULTS/$d/wall.txt") | $(field "$m" device_setup) | $sim | $(field "$m" tail) | $(field "$m" attribution) | $rev | $rate | $(field "$m" peak_device_memory_bytes) | $(field "$m" math) |"
    else
      echo "| $d | $(cat "$RESULTS/$d/exit.txt") | $(cat "$RESULTS/$d/wall.txt") | — | — | — | — | — | — | — | — |"
    fi
  done
  echo
  for d in cuda-1e5 cpu-1e5 cuda-1e6 cpu-1e6 cuda-1e6-single; do
    if [ "$(cat "$RESULTS/$d/exit.txt")" != 0 ]; then echo "$d failed:"; echo '```'; head -5 "$RESULTS/$d/stderr.txt"; echo '```'; fi
  done
  grep -h '^  backend' "$RESULTS"/cuda-1e6/stderr.txt 2>/dev/null
  echo
  for c in "$RESULTS"/compare-*.txt; do echo "### $(basename "$c" .txt)"; echo '```'; cat "$c"; echo '```'; done
} > "$RESULTS/summary.md"
cat "$RESULTS/summary.md"
