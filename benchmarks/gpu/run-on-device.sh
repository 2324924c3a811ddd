#!/usr/bin/env bash
# GPU benchmark and CPU/GPU parity run for benchmarks/RESULTS.md, in one call on the device machine.
#
# Prepare (on the development machine, repository root):
#   ../shared/tools/device-pack src/StressMargin.Cli/StressMargin.Cli.csproj
# Run (on the device machine, repository root, with '.devpack' carried):
#   benchmarks/gpu/run-on-device.sh
# Everything goes to $OUT/gpu-bench (or /tmp/stressmargin-gpu-bench without $OUT): nvidia-smi.txt, devices.txt/.json, one folder
# per run (stdout, stderr, margin.csv, attribution.csv, manifest.json, wall.txt, exit.txt), compare-*.txt and
# summary.md. A failing step is recorded and the script goes on, so a partial result still comes back.
#
# Runs: the sample scenario (305 accounts, 216 instruments) at 1e5 and 1e6 paths on the CPU and on cuda:0, each CUDA
# size cold (empty kernel cache: NVRTC compiles) and warm (module from the cache); single precision at 1e6; then
# 'stressmargin compare' CPU vs CUDA at --rel-tol 1e-9 and double vs single at --rel-tol 0 (to print the worst
# difference). "wall" is the whole process (runtime start, JIT, load, run, write); the stage times come from the
# manifest. Revaluations/s = counts.revaluations / timings.simulate (factor paths, revaluation and account sums).
set -uo pipefail
cd "$(dirname "$0")/../.."
RESULTS=${OUT:+$OUT/gpu-bench}
RESULTS=${RESULTS:-/tmp/stressmargin-gpu-bench}
mkdir -p "$RESULTS"
if [ ! -x .dn/dotnet ]; then mkdir -p .dn && tar -C .dn -xJf .devpack/dotnet-rt.tar.xz; fi
export DOTNET_ROOT=$PWD/.dn PATH=$PWD/.dn:$PATH CI=1
export STRESSMARGIN_KERNEL_CACHE=$PWD/.dn/kernel-cache
SM=(dotnet .devpack/StressMargin.Cli/stressmargin.dll)
SCENARIO=scenarios/deribit-20260205.yaml

{ nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv || echo "nvidia-smi failed"; nvidia-smi || true; } > "$RESULTS/nvidia-smi.txt" 2>&1
"${SM[@]}" devices > "$RESULTS/devices.txt" 2>&1
"${SM[@]}" devices --output json > "$RESULTS/devices.json" 2>&1
nproc > "$RESULTS/host.txt"; grep -m1 'model name' /proc/cpuinfo >> "$RESULTS/host.txt"

run() { # name device paths [extra run options...]
  local name=$1 device=$2 paths=$3; shift 3
  local dir=$RESULTS/$name; mkdir -p "$dir"
  local t0 t1; t0=$(date +%s.%N)
  "${SM[@]}" run "$SCENARIO" --device "$device" --paths "$paths" --out "$dir" "$@" > "$dir/stdout.txt" 2> "$dir/stderr.txt"
  echo $? > "$dir/exit.txt"
  t1=$(date +%s.%N)
  echo "$t0 $t1" | awk '{ printf "%.3f\n", $2 - $1 }' > "$dir/wall.txt"
  echo "$name: exit $(cat "$dir/exit.txt"), wall $(cat "$dir/wall.txt") s" >&2
}

rm -rf "$STRESSMARGIN_KERNEL_CACHE"
run cuda-1e5-cold cuda 100000
run cuda-1e5-warm cuda 100000
run cpu-1e5 cpu 100000
rm -rf "$STRESSMARGIN_KERNEL_CACHE"
run cuda-1e6-cold cuda 1000000
run cuda-1e6-warm cuda 1000000
run cpu-1e6 cpu 1000000
run cuda-1e6-single cuda 1000000 --precision single

compare() { # name A B rel-tol
  "${SM[@]}" compare "$RESULTS/$2" "$RESULTS/$3" --rel-tol "$4" > "$RESULTS/compare-$1.txt" 2>&1
  echo "exit $?" >> "$RESULTS/compare-$1.txt"
}
compare cpu-vs-cuda-1e5 cpu-1e5 cuda-1e5-warm 1e-9
compare cpu-vs-cuda-1e6 cpu-1e6 cuda-1e6-warm 1e-9
compare double-vs-single-1e6 cuda-1e6-warm cuda-1e6-single 0

field() { # manifest key -> first numeric or string value
  sed -n "s/.*\"$2\": \"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}$/\1/p" "$1" | head -1
}
{
  echo "| run | exit | wall s | device_setup s | simulate s | tail s | attribution s | revaluations | M revaluations/s | peak device bytes | kernel cache |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  for d in cuda-1e5-cold cuda-1e5-warm cpu-1e5 cuda-1e6-cold cuda-1e6-warm cpu-1e6 cuda-1e6-single; do
    m=$RESULTS/$d/manifest.json
    if [ -f "$m" ]; then
      sim=$(field "$m" simulate); rev=$(field "$m" revaluations)
      rate=$(awk -v r="$rev" -v s="$sim" 'BEGIN { if (s > 0) printf "%.0f", r / s / 1e6; else print "" }')
      echo "| $d | $(cat "$RESULTS/$d/exit.txt") | $(cat "$RESULTS/$d/wall.txt") | $(field "$m" device_setup) | $sim | $(field "$m" tail) | $(field "$m" attribution) | $rev | $rate | $(field "$m" peak_device_memory_bytes) | $(field "$m" kernel_cache) |"
    else
      echo "| $d | $(cat "$RESULTS/$d/exit.txt") | $(cat "$RESULTS/$d/wall.txt") | — | — | — | — | — | — | — | — |"
    fi
  done
  echo
  for d in cuda-1e5-cold cuda-1e5-warm cpu-1e5 cuda-1e6-cold cuda-1e6-warm cpu-1e6 cuda-1e6-single; do
    if [ "$(cat "$RESULTS/$d/exit.txt")" != 0 ]; then echo "$d failed:"; echo '```'; head -5 "$RESULTS/$d/stderr.txt"; echo '```'; fi
  done
  for d in cuda-1e5-warm cuda-1e6-warm; do grep -h '^  backend' "$RESULTS/$d/stderr.txt" 2>/dev/null; done
  echo
  for c in "$RESULTS"/compare-*.txt; do echo "### $(basename "$c" .txt)"; echo '```'; cat "$c"; echo '```'; done
} > "$RESULTS/summary.md"
cat "$RESULTS/summary.md"
