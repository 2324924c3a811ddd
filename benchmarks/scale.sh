#!/usr/bin/env bash
# Scale of one `stressmargin run` on large books: wall time, CPU time and peak RSS (/usr/bin/time -v) and the run's
# stage times (manifest.json), as accounts double at a fixed path count and as paths double at a fixed book. Books come
# from scenarios/tools/build-large-book.cs (the sample's instruments and strategy mix, seed 1). Prints a Markdown table
# and the log-log slopes (time ∝ size^slope) between the smallest and largest size of each series.
#
#   benchmarks/scale.sh [--accounts "2500 5000 10000 20000"] [--paths "25000 50000 100000 200000"]
#                       [--fixed-accounts 10000] [--fixed-paths 100000] [--bin PATH] [--work DIR]
#
# --bin: a published stressmargin (default: publishes src/StressMargin.Cli to WORK/bin, ReadyToRun). Reports are off
# (--no-report): the figures are the margin job itself, outputs included. Needs /usr/bin/time (Debian package `time`).
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/timing.sh
accounts="2500 5000 10000 20000" paths="25000 50000 100000 200000" fixed_accounts=10000 fixed_paths=100000 bin= work=
while [[ $# -gt 0 ]]; do
  case "$1" in
    --accounts) accounts=$2; shift 2 ;;
    --paths) paths=$2; shift 2 ;;
    --fixed-accounts) fixed_accounts=$2; shift 2 ;;
    --fixed-paths) fixed_paths=$2; shift 2 ;;
    --bin) bin=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "scale.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ -x /usr/bin/time ]] || { echo "scale.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
work=${work:-$(mktemp -d)}
mkdir -p "$work"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 CI=1
if [[ -z "$bin" ]]; then
  echo "publishing ..." >&2
  publish_cli . "$work/bin" "$work/build.log" || exit 1
  bin=$work/bin/stressmargin
fi

book() { # book ACCOUNTS -> scenario path
  local dir=$work/book-$1
  [[ -f $dir/scenario.yaml ]] || dotnet run scenarios/tools/build-large-book.cs -- --accounts "$1" --seed 1 --out "$dir" >&2
  echo "$dir/scenario.yaml"
}

# measure SERIES ACCOUNTS PATHS: appends "series accounts paths wall cpu rss_mb load simulate tail attribution write"
measure() {
  local scenario out=$work/out
  scenario=$(book "$2")
  rm -rf "$out"
  echo "run: $2 accounts x $3 paths ..." >&2
  /usr/bin/time -v -o "$work/time.txt" "$bin" run "$scenario" --paths "$3" --out "$out" --no-report >"$work/stdout.txt" 2>"$work/stderr.txt" \
    || { echo "scale.sh: run failed:" >&2; cat "$work/stderr.txt" >&2; exit 1; }
  local wall cpu rss stages
  read -r wall cpu rss < <(time_fields "$work/time.txt")
  rss=$((rss / 1024))
  stages=$(python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["timings_seconds"]; print(" ".join("%.2f" % t.get(k, 0) for k in ("load","simulate","tail","attribution","write")))' "$out/manifest.json")
  echo "$1 $2 $3 $wall $cpu $rss $stages" >>"$work/samples"
}

: >"$work/samples"
for a in $accounts; do measure accounts "$a" "$fixed_paths"; done
for p in $paths; do measure paths "$fixed_accounts" "$p"; done

echo "| series | accounts | paths | wall s | CPU s | peak RSS MB | load s | simulate s | tail s | attribution s | write s |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
awk '{printf "| %s | %\047d | %\047d | %.1f | %.1f | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11}' "$work/samples"
awk '
  { key = $1; size = (key == "accounts") ? $2 : $3
    if (!(key in first)) { first[key] = size; w0[key] = $4; m0[key] = $6 }
    last[key] = size; w1[key] = $4; m1[key] = $6 }
  END { for (k in first) if (last[k] != first[k]) {
          r = log(last[k] / first[k])
          printf "- as %s grow %gx: wall time ∝ size^%.2f, peak RSS ∝ size^%.2f\n", k, last[k] / first[k], log(w1[k] / w0[k]) / r, log(m1[k] / m0[k]) / r } }' "$work/samples"
echo "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
