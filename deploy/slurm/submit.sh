#!/usr/bin/env bash
# Submits a path-sharded StressMargin run as a Slurm job array and its merge as a dependent job:
#   deploy/slurm/submit.sh SCENARIO.yaml N SHARDS_DIR OUT_DIR [--gpus-per-task G] [--partition P] [-- RUN_OPTIONS...]
# Prints "array JOBID" and "merge JOBID". SM_CMD (default: stressmargin) says how the nodes start stressmargin.
# Example: SM_CMD="dotnet /opt/stressmargin/stressmargin.dll" deploy/slurm/submit.sh /data/book.yaml 8 /scratch/sm/shards /data/out --gpus-per-task 1 -- --paths 1000000 --device cuda
set -euo pipefail
usage() { sed -n '2,6p' "$0" >&2; exit 2; }
[ $# -ge 4 ] || usage
scenario=$(readlink -f "$1"); shards=$2; shards_dir=$(readlink -m "$3"); out=$(readlink -m "$4"); shift 4
[[ "$shards" =~ ^[1-9][0-9]*$ ]] || { echo "N must be a positive whole number, got '$shards'" >&2; exit 2; }
sbatch_extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --gpus-per-task) sbatch_extra+=("--gres=gpu:$2"); shift 2 ;;
    --partition) sbatch_extra+=("--partition=$2"); shift 2 ;;
    --) shift; break ;;
    *) usage ;;
  esac
done
here=$(dirname "$(readlink -f "$0")")
mkdir -p "$shards_dir"
export SM_SCENARIO="$scenario" SM_SHARDS_DIR="$shards_dir" SM_OUT="$out" SM_RUN_ARGS="$*" SM_CMD="${SM_CMD:-stressmargin}"
array=$(sbatch --parsable --export=ALL --chdir="$shards_dir" "${sbatch_extra[@]}" --array="0-$((shards - 1))" "$here/stressmargin-shard.sbatch")
merge=$(sbatch --parsable --export=ALL --chdir="$shards_dir" --dependency="afterok:${array%%;*}" "$here/stressmargin-merge.sbatch")
echo "array ${array%%;*}"
echo "merge ${merge%%;*}"
