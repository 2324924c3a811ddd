#!/usr/bin/env bash
# The whole short job, measured as the user waits for it: `stressmargin run` on the sample, `validate` and start-up,
# for this working tree and a baseline commit, built the same way and run alternately on the same machine (medians).
# Wall time, CPU time and peak RSS come from /usr/bin/time -v; the stage times (load, simulate+revalue, tail,
# attribution) from the run's own summary line. Prints a Markdown table and the ratios of benchmarks/RESULTS.md.
#
#   benchmarks/short-job.sh [--baseline REV] [--runs N] [--paths N] [--scenario FILE] [--keep DIR]
#
# Defaults: baseline 7bd0478 (the engine before the streaming tail and the start-up work), 5 runs, 100,000 paths,
# scenarios/deribit-20260205.yaml, each build on its own tree's copy of it. Each build is `dotnet publish -c Release
# -r linux-x64 --self-contained false` of
# src/StressMargin.Cli: ReadyToRun where the project asks for it (this tree does; the baseline did not).
# Needs: git, the .NET SDK, /usr/bin/time (Debian package `time`). Takes about 2 minutes of builds plus 10 s per run.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/timing.sh

baseline=7bd0478 runs=5 paths=100000 scenario=scenarios/deribit-20260205.yaml keep=
while [[ $# -gt 0 ]]; do
  case "$1" in
    --baseline) baseline=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --paths) paths=$2; shift 2 ;;
    --scenario) scenario=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "short-job.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ -x /usr/bin/time ]] || { echo "short-job.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
[[ -f "$scenario" && "$scenario" != /* ]] || { echo "short-job.sh: no scenario $scenario (a path relative to the repository root)" >&2; exit 2; }
git rev-parse --verify -q "$baseline^{commit}" >/dev/null || { echo "short-job.sh: unknown baseline revision $baseline" >&2; exit 2; }

work=${keep:-$(mktemp -d)}
mkdir -p "$work"
[[ -n "$keep" ]] || trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 CI=1

build() { # build NAME SOURCE_DIR
  echo "building $1 ..." >&2
  publish_cli "$2" "$work/$1-bin" "$work/$1-build.log" || exit 1
}
rm -rf "$work/base-src" && mkdir -p "$work/base-src"
git archive "$baseline" | tar -x -C "$work/base-src"
build base "$work/base-src"
build head .

# One measurement: appends "name wall_s cpu_s rss_kb load sim tail attr" to $work/samples.
measure() { # measure NAME BUILD ARGS...
  local name=$1 bin=$work/$2-bin/stressmargin; shift 2
  rm -rf "$work/out"
  /usr/bin/time -v -o "$work/time.txt" "$bin" "$@" >"$work/stdout.txt" 2>"$work/stderr.txt" \
    || { echo "short-job.sh: $name failed:" >&2; cat "$work/stderr.txt" >&2; exit 1; }
  local wall cpu rss stages
  read -r wall cpu rss < <(time_fields "$work/time.txt")
  # "load 0.25 s, simulate+revalue 0.41 s (…), tail 0.05 s, attribution 0.06 s" (absent for validate and --version)
  stages=$(grep -ho 'load [0-9.]* s, simulate+revalue [0-9.]* s.*tail [0-9.]* s, attribution [0-9.]* s' "$work/stdout.txt" "$work/stderr.txt" \
    | head -1 | sed -E 's/load ([0-9.]*) s, simulate\+revalue ([0-9.]*) s.*tail ([0-9.]*) s, attribution ([0-9.]*) s/\1 \2 \3 \4/' || true)
  echo "$name $wall $cpu $rss ${stages:-- - - -}" >>"$work/samples"
}

: >"$work/samples"
for ((r = 1; r <= runs; r++)); do
  echo "run $r of $runs ..." >&2
  for b in base head; do
    # Each build margins its own tree's scenario (the input formats move with the code).
    s=$scenario; [[ $b == base ]] && s=$work/base-src/$scenario
    measure "$b-run" "$b" run "$s" --paths "$paths" --out "$work/out"
    measure "$b-validate" "$b" validate "$s"
    measure "$b-startup" "$b" --version
  done
  measure head-run-no-report head run "$scenario" --paths "$paths" --out "$work/out" --no-report
done

# Medians per measurement and column, then the table and the ratios.
awk -v runs="$runs" -v paths="$paths" -v baseline="$baseline" -v head="$(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo +changes)" '
function median(key, col,   n, i, j, v, t) {
  n = count[key]; for (i = 1; i <= n; i++) v[i] = val[key, i, col]
  for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] + 0 < v[i] + 0) { t = v[i]; v[i] = v[j]; v[j] = t }
  return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
}
{ key = $1; c = ++count[key]; for (k = 2; k <= 8; k++) val[key, c, k] = $k; keys[key] = 1 }
END {
  printf "Medians of %d alternating runs, %s paths; baseline %s, this tree %s.\n\n", runs, paths, baseline, head
  print "| measurement | wall s | CPU s | peak RSS MB | load s | simulate+revalue s | tail s | attribution s |"
  print "|---|---|---|---|---|---|---|---|"
  split("base-run head-run head-run-no-report base-validate head-validate base-startup head-startup", order, " ")
  for (i = 1; i <= 7; i++) {
    key = order[i]; if (!(key in keys)) continue
    printf "| %s | %.2f | %.2f | %.0f |", key, median(key, 2), median(key, 3), median(key, 4) / 1024
    for (k = 5; k <= 8; k++) printf " %s |", val[key, 1, k] == "-" ? "–" : sprintf("%.2f", median(key, k))
    printf "\n"
  }
  bw = median("base-run", 2); hw = median("head-run", 2); hn = median("head-run-no-report", 2)
  printf "\n- whole run, wall: %.2f s -> %.2f s, **%.2fx** faster (%.2fx without report.html, which the baseline did not write)\n", bw, hw, bw / hw, bw / hn
  printf "- load + start-up share of the job: baseline %.2f, this tree %.2f (load + `--version` wall, over run wall)\n", \
    (median("base-run", 5) + median("base-startup", 2)) / bw, (median("head-run", 5) + median("head-startup", 2)) / hw
  printf "- tail / simulate+revalue: baseline %.2f, this tree %.2f\n", median("base-run", 7) / median("base-run", 6), median("head-run", 7) / median("head-run", 6)
  printf "- validate, wall: %.2f s -> %.2f s\n", median("base-validate", 2), median("head-validate", 2)
}' "$work/samples"
