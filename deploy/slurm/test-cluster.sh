#!/usr/bin/env bash
# A real single-node Slurm cluster for the tests (Debian's slurmctld, slurmd and munge), on this machine only:
#   deploy/slurm/test-cluster.sh start   installs the packages when missing (apt-get, as root), writes a slurm.conf under
#                                        $SM_SLURM_DIR (default /tmp/stressmargin-slurm), starts munged, slurmctld and
#                                        slurmd, and waits until the node is idle; prints the SLURM_CONF to export
#   deploy/slurm/test-cluster.sh stop    stops the daemons this script started and removes $SM_SLURM_DIR
# .ci/run starts it before 'dotnet test' and stops it afterwards; the Slurm test uses it when SLURM_CONF is set.
set -euo pipefail
dir=${SM_SLURM_DIR:-/tmp/stressmargin-slurm}
conf=$dir/slurm.conf
case "${1:-}" in
start)
  if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null || ! command -v sbatch >/dev/null; then
    [ "$(id -u)" = 0 ] || { echo "test-cluster: slurm and munge are not installed and this is not root" >&2; exit 1; }
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q slurmctld slurmd slurm-client munge >/dev/null
  fi
  mkdir -p "$dir/state" "$dir/spool" "$dir/munge"
  host=$(hostname -s)
  cpus=$(nproc)
  mem=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 1024 ))
  cat > "$conf" <<CONF
ClusterName=stressmargin-test
SlurmctldHost=$host
SlurmUser=$(id -un)
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
SlurmctldPort=${SM_SLURM_PORT:-16817}
SlurmdPort=$(( ${SM_SLURM_PORT:-16817} + 1 ))
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=YES
CONF
  # munge: a fresh key and its own socket, so that a munged already on the machine is left alone.
  key=$dir/munge/munge.key
  [ -f "$key" ] || dd if=/dev/urandom of="$key" bs=1024 count=1 status=none
  chmod 400 "$key"
  munged --force --key-file="$key" --socket="$dir/munge/munge.socket" --pid-file="$dir/munge/munged.pid" \
    --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munged.seed" 2>>"$dir/munge/start.log"
  export SLURM_CONF=$conf
  slurmctld -f "$conf"
  slurmd -f "$conf"
  for _ in $(seq 1 60); do
    state=$(sinfo -h -o %T 2>/dev/null | head -1 || true)
    [ "$state" = idle ] && { echo "SLURM_CONF=$conf"; exit 0; }
    sleep 1
  done
  echo "test-cluster: the node did not become idle (state '${state:-none}'); logs in $dir" >&2
  exit 1
  ;;
stop)
  pids=()
  for file in "$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munge/munged.pid"; do
    if [ -f "$file" ]; then pids+=("$(cat "$file")"); kill "${pids[-1]}" 2>/dev/null || true; fi
  done
  for _ in $(seq 1 20); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && break
    sleep 0.5
  done
  rm -rf "$dir"
  ;;
*) sed -n '2,7p' "$0" >&2; exit 2 ;;
esac
