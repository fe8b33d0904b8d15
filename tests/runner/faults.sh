# faults: a sweep killed with kill -9 and rerun ends with the results of an
# uninterrupted sweep and no temporary folders; a crashing run is recorded as failed
# while the others complete, and only --rerun-failed reruns it; --timeout kills a run;
# Ctrl-C waits for the running runs, a second one kills them; a run killed after its
# commit keeps its results; temporary folders of other hosts are left alone.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 99

# count DIR: finished run folders; tmps DIR: temporary ones
count() { find "$1" -mindepth 1 -maxdepth 1 -type d ! -name '*.tmp-*' 2>/dev/null | wc -l; }
tmps() { find "$1" -name '*.tmp-*' 2>/dev/null | wc -l; }
# wait_for CONDITION...: polls for up to 30 s
wait_for() { for _ in $(seq 600); do "$@" && return 0; sleep 0.05; done; return 1; }
started() { [ "$(tmps "$1")" -ge 1 ] && [ "$(count "$1")" -ge "$2" ]; }
both_running() { [ "$(tmps "$1")" -ge 2 ]; }

# six runs of about half a second each (on one core of an idle machine)
cat >slow.ini <<'INI'
[experiment]
title = Slow enough to interrupt
claims = C02
[settings]
data = spirals
widths = 128,128
steps = 600
[sweep]
seed = 1 2 3 4 5 6
INI

# ---- kill -9 mid-way, then rerun. The kill can land just after the runs in flight
# committed and before the next ones made their folders (a window of milliseconds, seen
# on fast machines): then there is nothing in flight to lose, so try again, up to 3 times.
for attempt in 1 2 3; do
    rm -rf "$TMP/k"
    "$DESCENT" sweep slow.ini -j 2 --results "$TMP/k" >/dev/null 2>&1 &
    pid=$!
    must wait_for started "$TMP/k/slow/runs" 2
    kill -9 $pid
    wait $pid 2>/dev/null
    sleep 0.5
    [ "$(tmps "$TMP/k")" -ge 1 ] && break
done
n=$(count "$TMP/k/slow/runs")
check "kill -9 mid-way: some runs done ($n of 6), some lost" test "$n" -ge 2 -a "$n" -lt 6
check "kill -9 mid-way: the runs in flight left temporary folders" test "$(tmps "$TMP/k")" -ge 1
check "kill -9: no child survives the sweep" bash -c "! pgrep -f -- '[-]-out $TMP/k/' >/dev/null"
check "the rerun exits 0" bash -c "'$DESCENT' sweep slow.ini -j 2 --results '$TMP/k' >'$TMP/rerun.txt'"
check "the rerun runs only what was missing" grep -q "($((6 - n)) ran now, $n cached)" rerun.txt
must "$DESCENT" sweep slow.ini -j 2 --results "$TMP/u" >/dev/null
check "no temporary folders after the rerun" test "$(tmps "$TMP/k")" -eq 0
check "the uninterrupted sweep made 6 runs" test "$(count "$TMP/u/slow/runs")" -eq 6
ok=1
for run in "$TMP"/u/slow/runs/*; do
    same_results "$run" "$TMP/k/slow/runs/${run##*/}" || { echo "    in ${run##*/}"; ok=0; }
done
check "killed and rerun equals uninterrupted: every run" test $ok -eq 1
check "killed and rerun equals uninterrupted: runs.tsv" same_tsv "$TMP/u/slow/runs.tsv" "$TMP/k/slow/runs.tsv"

# ---- a run that crashes (abort at step 5)
cat >crash.ini <<'INI'
[experiment]
title = Some runs crash
claims = C02
[settings]
data = spirals
optimizer = sgd
steps = 20
[sweep]
lr = 0.01 0.1
fault_at_step = 0 5
INI
"$DESCENT" sweep crash.ini -j 2 >out.txt 2>err.txt
rc=$?
check "crashing runs: the sweep exits 1" test $rc -eq 1
check "the summary counts them" grep -q "4 runs: 2 ok, 0 diverged, 2 failed, 0 missing (4 ran now, 2 of them failed, 0 cached)" out.txt
check "stderr names them with the reason" \
    bash -c "grep -c 'fault_at_step=5): killed by signal 6 (Aborted)' err.txt | grep -qx 4"
check "runs.tsv: 2 ok, 2 failed with the reason" bash -c "awk -F'\t' '
    NR == 1 { for (i = 1; i <= NF; i++) c[\$i] = i; next }
    \$c[\"status\"] == \"ok\" && \$c[\"fault_at_step\"] == 0 { ok++ }
    \$c[\"status\"] == \"failed\" && \$c[\"reason\"] ~ /signal 6/ { bad++ }
    END { exit !(ok == 2 && bad == 2) }' results/crash/runs.tsv"
check "the failed runs (2) keep their settings, a provenance and stderr.txt" bash -c '
    n=0; for s in $(grep -l "^.*failed" results/crash/runs/*/summary.tsv); do d=${s%/*}
        [ -f "$d/stderr.txt" ] && [ -f "$d/provenance.tsv" ] || exit 1; n=$((n + 1)); done
    [ "$n" -eq 2 ]'
check "the others have their curves" test "$(ls results/crash/runs/*/curve.tsv | wc -l)" -eq 2
"$DESCENT" sweep crash.ini >out.txt 2>/dev/null
rc=$?
check "a plain rerun does not rerun failures" grep -q "(0 ran now, 4 cached)" out.txt
check "and still exits 1" test $rc -eq 1
check "--rerun-failed reruns only the failed" \
    bash -c "'$DESCENT' sweep crash.ini --rerun-failed 2>/dev/null | grep -q '(2 ran now, 2 of them failed, 2 cached)'"
check "--force reruns everything" bash -c "'$DESCENT' sweep crash.ini --force 2>/dev/null | grep -q '(4 ran now, 2 of them failed, 0 cached)'"
check "no temporary folders after crashes" test "$(tmps results)" -eq 0

# ---- --timeout: the long run is killed and recorded; --rerun-failed completes it. The
# timeout sits far from both runs: the fast one needs about 0.05 s of CPU (so it ends
# in time even when a loaded machine or a sanitized build makes it 30 times slower),
# the slow one about 6 s (15000 steps; load only makes it slower).
cat >timeout.ini <<'INI'
[experiment]
title = One run is too slow
claims = C02
[settings]
data = spirals
widths = 128,128
[sweep]
steps = 20 15000
INI
"$DESCENT" sweep timeout.ini --timeout 2 >out.txt 2>err.txt
rc=$?
check "--timeout: exit 1" test $rc -eq 1
check "--timeout: the slow run failed" grep -q 'steps=15000): timeout after 2 s' err.txt
check "--timeout: the fast run completed" grep -q "2 runs: 1 ok, 0 diverged, 1 failed, 0 missing (2 ran now, 1 of them failed, 0 cached)" out.txt
check "--timeout: no temporary folder left" test "$(tmps results/timeout)" -eq 0
check "--rerun-failed without a timeout completes it (exit 0)" \
    bash -c "'$DESCENT' sweep timeout.ini --rerun-failed | grep -q '2 ok, 0 diverged, 0 failed, 0 missing (1 ran now, 1 cached)'"

# ---- Ctrl-C: waits for the running runs, launches no more; twice: kills them
"$DESCENT" sweep slow.ini -j 2 --results "$TMP/i" >/dev/null 2>err.txt &
pid=$!
must wait_for both_running "$TMP/i/slow/runs"
kill -INT $pid
wait $pid
rc=$?
check "Ctrl-C: exit 130" test $rc -eq 130
check "Ctrl-C: the two running runs completed, no more started" test "$(count "$TMP/i/slow/runs")" -eq 2
check "Ctrl-C: says it waits" grep -q "interrupted: waiting for 2 running runs" err.txt
check "Ctrl-C: runs.tsv has the two" test "$(wc -l <"$TMP/i/slow/runs.tsv")" -eq 3
"$DESCENT" sweep slow.ini -j 2 --results "$TMP/i" >/dev/null 2>&1 &
pid=$!
must wait_for started "$TMP/i/slow/runs" 2
kill -INT $pid
sleep 0.05
kill -INT $pid
wait $pid
rc=$?
sleep 0.2
check "Ctrl-C twice: exit 130" test $rc -eq 130
check "Ctrl-C twice: the running runs were killed, not recorded" test "$(count "$TMP/i/slow/runs")" -eq 2
check "Ctrl-C twice: no temporary folders" test "$(tmps "$TMP/i")" -eq 0
check "Ctrl-C twice: no child left" bash -c "! pgrep -f -- '[-]-out $TMP/i/' >/dev/null"

# ---- killed after committing: a run whose folder is in place keeps its results.
# DESCENT_TEST_HANG_AFTER_COMMIT makes descent train wait forever once its folder is renamed
# into place, so the timeout or the second Ctrl-C surely comes after the commit.
cat >hang.ini <<'INI'
[experiment]
title = Runs that hang after writing their results
claims = C02
[settings]
data = spirals
steps = 20
[sweep]
seed = 1 2
INI
ok_rows() { awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    $c["status"] == "ok" && !("reason" in c) { n++ } END { print n + 0 }' "$1"; }
DESCENT_TEST_HANG_AFTER_COMMIT=1 "$DESCENT" sweep hang.ini -j 2 --timeout 5 >out.txt 2>err.txt
rc=$?
check "--timeout after the commit: exit 0" test $rc -eq 0
check "--timeout after the commit: both runs are results" \
    grep -q "2 runs: 2 ok, 0 diverged, 0 failed, 0 missing (2 ran now, 0 cached)" out.txt
check "--timeout after the commit: runs.tsv has 2 ok rows, no failure record" test "$(ok_rows results/hang/runs.tsv)" -eq 2
must cp -r results/hang/runs first
DESCENT_TEST_HANG_AFTER_COMMIT=1 "$DESCENT" sweep hang.ini -j 2 --timeout 5 --force >out.txt 2>err.txt
rc=$?
check "--force, --timeout after the commit: exit 0, both rerun and kept" \
    bash -c "[ $rc -eq 0 ] && grep -q '2 ok, 0 diverged, 0 failed, 0 missing (2 ran now, 0 cached)' out.txt"
ok=1
for run in first/*; do same_results "$run" "results/hang/runs/${run##*/}" || ok=0; done
check "--force, --timeout after the commit: the same results as before" test $ok -eq 1 -a "$(ls first | wc -l)" -eq 2
DESCENT_TEST_HANG_AFTER_COMMIT=1 "$DESCENT" sweep hang.ini -j 2 --results "$TMP/h" >/dev/null 2>err.txt &
pid=$!
both_in_place() { [ "$(count "$TMP/h/hang/runs")" -eq 2 ]; }
wait_for both_in_place
kill -INT $pid
sleep 0.05
kill -INT $pid
wait $pid
rc=$?
check "Ctrl-C twice after the commit: exit 130" test $rc -eq 130
check "Ctrl-C twice after the commit: both runs kept as results" test "$(ok_rows "$TMP/h/hang/runs.tsv")" -eq 2
check "Ctrl-C twice after the commit: no child left" bash -c "! pgrep -f -- '[-]-out $TMP/h/' >/dev/null"

# ---- temporary folders: a sweep removes its own host's dead writers', never another host's
host=$(uname -n)
mkdir -p results/hang/runs/aaaaaaaaaaaa.tmp-other-node.example-42 "results/hang/runs/bbbbbbbbbbbb.tmp-$host-999999999"
touch results/hang/runs/aaaaaaaaaaaa.tmp-other-node.example-42/curve.tsv results/hang/runs.tsv.tmp-other-node.example-42 \
    "results/hang/runs.tsv.tmp-$host-999999999"
check "a sweep beside other hosts' temporary folders: exit 0" bash -c "'$DESCENT' sweep hang.ini >/dev/null 2>&1"
check "another host's temporary run folder is left alone" test -f results/hang/runs/aaaaaaaaaaaa.tmp-other-node.example-42/curve.tsv
check "another host's temporary runs.tsv is left alone" test -f results/hang/runs.tsv.tmp-other-node.example-42
check "this host's dead writer's folder and runs.tsv are removed" \
    test ! -e "results/hang/runs/bbbbbbbbbbbb.tmp-$host-999999999" -a ! -e "results/hang/runs.tsv.tmp-$host-999999999"
done_tests
