# slurm: the README's recipe for a Slurm job array, run for real. Starts a one-node Slurm
# cluster of its own (a munge key and munged, a minimal slurm.conf, slurmctld and slurmd,
# all in a temporary folder, on free ports), runs the shipped parabola experiment through
# the commands README.md gives (descent sweep --list, sbatch --array, --collect) and checks
# that the collected runs.tsv equals a local descent sweep's. It stops what it started.
# Skipped (77) where Debian's slurmctld, slurmd, munge and slurm-client are not installed
# or the daemons cannot start (they run as root here).
. "$(dirname "$0")/../lib.sh"
SRC=${DESCENT_SOURCE_ROOT:?}

for cmd in munged slurmctld slurmd sbatch squeue sinfo scancel; do
    command -v "$cmd" >/dev/null || { echo "SKIP: $cmd is not installed (apt-get install slurmctld slurmd munge slurm-client)"; exit 77; }
done
[ "$(id -u)" -eq 0 ] || { echo "SKIP: the Slurm daemons are started as root"; exit 77; }

C=$TMP/cluster
mkdir -p "$C/state" "$C/spool" && chmod 700 "$C" || exit 99
pids=()
stop_all() {
    [ -n "${SLURM_CONF:-}" ] && scancel --quiet --full -u root 2>/dev/null
    local p
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    for p in "${pids[@]}"; do
        for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$p" 2>/dev/null
    done
    rm -rf "$TMP"
}
trap stop_all EXIT
trap 'exit 143' TERM INT # a meson timeout: stop the daemons too
# daemon NAME COMMAND...: starts a daemon in the foreground of a background job
daemon() { local name=$1; shift; "$@" >"$C/$name.out" 2>&1 & pids+=($!); }
# free_port: a TCP port nothing listens on
free_port() {
    local p
    for _ in $(seq 50); do
        p=$((20000 + RANDOM % 30000))
        (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return 0; }
    done
    return 1
}
wait_for() { local n=$1; shift; for _ in $(seq "$n"); do "$@" && return 0; sleep 0.2; done; return 1; }
show_logs() { for f in "$C"/*.log "$C"/*.out; do [ -f "$f" ] && { echo "---- $f"; tail -n 20 "$f"; }; done; }
skip_daemons() { echo "SKIP: $1"; show_logs; exit 77; }

# ---- munge
head -c 1024 /dev/urandom >"$C/munge.key" && chmod 400 "$C/munge.key" || exit 99
daemon munged munged --foreground --force --key-file="$C/munge.key" --socket="$C/munge.socket" \
    --pid-file="$C/munged.pid" --log-file="$C/munged.log" --seed-file="$C/munged.seed"
wait_for 50 test -S "$C/munge.socket" || skip_daemons "munged did not start"

# ---- slurm.conf: this host as the one node, with the resources slurmd finds
host=$(uname -n)
node=$(slurmd -C | head -n 1) || skip_daemons "slurmd -C failed"
case $node in "NodeName=$host "*) ;; *) skip_daemons "slurmd -C says '$node', not NodeName=$host";; esac
ctld_port=$(free_port) && slurmd_port=$(free_port) || exit 99
cat >"$C/slurm.conf" <<CONF
ClusterName=descent
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$C/munge.socket
StateSaveLocation=$C/state
SlurmdSpoolDir=$C/spool
SlurmctldPidFile=$C/slurmctld.pid
SlurmdPidFile=$C/slurmd.pid
SlurmctldLogFile=$C/slurmctld.log
SlurmdLogFile=$C/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerParameters=sched_interval=2
ReturnToService=2
MpiDefault=none
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$C/slurm.conf
daemon slurmctld slurmctld -D -f "$SLURM_CONF"
daemon slurmd slurmd -D -f "$SLURM_CONF" -N "$host"
node_idle() { [ "$(sinfo -h -n "$host" -o %T 2>/dev/null)" = idle ]; }
wait_for 300 node_idle || skip_daemons "the Slurm node did not come up idle: $(sinfo -h -o '%T %E' 2>&1)"
pass "a one-node Slurm cluster is up (slurmctld port $ctld_port, slurmd port $slurmd_port)"

# ---- the README's recipe, as written there, for the parabola experiment
recipe=$(sed -n '/^ *# a Slurm job array/,/--collect$/p' "$SRC/README.md" | sed 's/^ *//; /^#/d' |
    sed "s#experiments/lr_sweep_mlp.ini#experiments/parabola.ini#g; s#/shared/results#$TMP/slurm-results#g")
submit=$(printf '%s\n' "$recipe" | sed '/--collect$/d')
collect=$(printf '%s\n' "$recipe" | grep -e '--collect$')
check "README.md has the recipe: --list, sbatch --array, --collect" \
    bash -c '[[ $1 == *"--list >runs.txt"* && $1 == *"sbatch --array="* && -n $2 ]]' _ "$submit" "$collect"
echo "recipe:"; printf '    %s\n' "$recipe"
mkdir -p "$TMP/work" && cp -r "$SRC/experiments" "$TMP/work/" || exit 99
cd "$TMP/work" || exit 99
export PATH="$(dirname "$DESCENT"):$PATH" # `descent`, as on a user's PATH (the jobs inherit it)
must bash -ec "$submit" >submit.txt || exit 1
job=$(sed -n 's/^Submitted batch job \([0-9]*\)$/\1/p' submit.txt)
check "sbatch submitted one job array ($job)" test -n "$job"
check "of 21 tasks, one per run" test "$(wc -l <runs.txt)" -eq 21
array_done() { [ -z "$(squeue -h -j "$job" 2>/dev/null)" ]; }
check "the array finishes" wait_for 1500 array_done
check "every task wrote its output" test "$(ls slurm-"${job}"_*.out 2>/dev/null | wc -l)" -eq 21
check "and no task reported an error" bash -c "! grep -l . slurm-${job}_*.out | xargs -r grep -il error"
must bash -ec "$collect" >collect.txt
check "--collect: all 21 runs in runs.tsv" grep -q "^parabola: 21 of 21 runs in " collect.txt

# ---- the same experiment swept locally
must "$DESCENT" sweep experiments/parabola.ini --results "$TMP/local-results" -j 2 >/dev/null
without_timing "$TMP/slurm-results/parabola/runs.tsv" >slurm.tsv
without_timing "$TMP/local-results/parabola/runs.tsv" >local.tsv
check "the collected runs.tsv equals a local sweep's (timing columns aside)" same slurm.tsv local.tsv
check "and names 21 runs" test "$(tail -n +2 "$TMP/slurm-results/parabola/runs.tsv" | wc -l)" -eq 21
[ "$failed" -eq 0 ] || show_logs
done_tests
