# determinism: descent verify on a small sweep made here. Every run reruns identical
# (table of run, file, rows, columns, verdict; exit 0) and the committed folder is
# untouched; one value altered in a committed curve.tsv makes it exit 1 naming the run,
# the file, the column, the step and both values; an altered blas_core in provenance.tsv
# is named as the likely reason; the scratch folder is gone afterwards; bad arguments,
# no results and a benchmark experiment exit 2.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 99
mkdir scratch
export TMPDIR=$TMP/scratch
cat >demo.ini <<'INI'
[experiment]
title = Verify
claims = C02
[settings]
data = spirals
widths = 8
steps = 20
batch = 16
spirals_points = 50
[sweep]
optimizer = sgd adamw
seed = 1 2
INI
check "the sweep runs" bash -c "'$DESCENT' sweep demo.ini --results r -j 2 >/dev/null"
tar -cf before.tar r
"$DESCENT" verify demo.ini --results r -n 0 -j 2 >out.txt 2>err.txt; rc=$?
check "verify -n 0: exit 0 (stderr: $(head -c 300 err.txt))" test "$rc" -eq 0
check "... a table row per run and file (16)" test "$(grep -cE '^[0-9a-f]{12}  (summary|curve|layers|layer_stats)\.tsv +[0-9]+ +[0-9]+  identical$' out.txt)" -eq 16
check "... says all are identical" grep -qE '^demo: 4 runs, 16 files, [0-9]+ values: identical' out.txt
check "... the committed results untouched" bash -c "tar -cf after.tar r && cmp -s before.tar after.tar"
check "... the scratch folder removed" test -z "$(ls scratch)"

"$DESCENT" verify demo.ini --results r -n 2 --seed 7 >a.txt 2>&1
"$DESCENT" verify demo.ini --results r -n 2 --seed 7 >b.txt 2>&1
check "-n 2 --seed 7: two runs" test "$(grep -c 'summary.tsv' a.txt)" -eq 2
check "... the same two each time" cmp -s <(grep -o '^[0-9a-f]\{12\}' a.txt) <(grep -o '^[0-9a-f]\{12\}' b.txt)

# one value altered: the validation loss at step 10 of one run
id=$(sed -n 2p r/demo/runs.tsv | cut -f1)
curve=r/demo/runs/$id/curve.tsv
col=$(head -1 $curve | tr '\t' '\n' | grep -nx val_loss | cut -d: -f1)
was=$(awk -F'\t' -v c="$col" '$1 == 10 { print $c }' $curve)
awk -F'\t' -v OFS='\t' -v c="$col" '$1 == 10 { $c = "0.123456789" } { print }' $curve >curve.tmp && mv curve.tmp $curve
"$DESCENT" verify demo.ini --results r -n 0 >out.txt 2>err.txt; rc=$?
check "an altered committed value: exit 1" test "$rc" -eq 1
check "... the table marks its file" grep -qE "^$id  curve\.tsv +[0-9]+ +[0-9]+  DIFFERS$" out.txt
check "... one line names run, file, column, step, committed and now: $(cat err.txt)" \
    grep -qx "descent verify: run $id (optimizer=sgd, seed=1), curve.tsv, column val_loss, step 10: committed 0.123456789, now $was" err.txt
sed -i "2s/\t[^\t]*\t\([0-9]*\)\t\([^\t]*\)$/\tSomeOtherCore\t\1\t\2/" r/demo/runs/$id/provenance.tsv
"$DESCENT" verify demo.ini --results r -n 0 >out.txt 2>err.txt; rc=$?
check "another BLAS core in provenance: named as the likely reason ($(cat err.txt))" \
    bash -c "test $rc -eq 1 && grep -q 'the committed run used OpenBLAS core SomeOtherCore, this rerun .*: the likely reason' err.txt"
check "... the scratch folder removed" test -z "$(ls scratch)"

# a gradient check's run writes summary.tsv and gradcheck.tsv, no curve: verify compares
# the files the committed run holds, and an altered error value is a difference (it reads
# the PyTorch reference files under tests/, so it runs from the source root)
printf '[experiment]\ntitle = g\nclaims = C07\n[settings]\n[gradcheck]\n' >gc.ini
check "a gradcheck sweep runs" bash -c "cd '$DESCENT_SOURCE_ROOT' && '$DESCENT' sweep '$TMP/gc.ini' --results '$TMP/r' -j 1 >/dev/null"
gc_verify() { (cd "$DESCENT_SOURCE_ROOT" && "$DESCENT" verify "$TMP/gc.ini" --results "$TMP/r" -n 0) >out.txt 2>err.txt; }
gc_verify; rc=$?
check "verify of a gradcheck run: exit 0 (stderr: $(head -c 300 err.txt))" test "$rc" -eq 0
check "... compares summary.tsv and gradcheck.tsv" \
    bash -c "grep -qE '  summary\.tsv .* identical$' out.txt && grep -qE '  gradcheck\.tsv .* identical$' out.txt"
gid=$(sed -n 2p r/gc/runs.tsv | cut -f1)
sed -i '2s/\t[^\t]*$/\t0.5/' r/gc/runs/$gid/gradcheck.tsv
gc_verify; rc=$?
check "... an altered committed error: exit 1 ($(cat err.txt))" \
    bash -c "test $rc -eq 1 && grep -q 'gradcheck.tsv, column' err.txt"

check "--help" bash -c "'$DESCENT' verify --help | grep -q '^usage: descent verify EXPERIMENT'"
expect_error 2 "no experiment" -- verify
expect_error 2 "-n: 'x' is not a non-negative integer" -- verify demo.ini -n x
expect_error 2 "unknown option '--bogus'" -- verify demo.ini --bogus
expect_error 2 "experiments/nosuch.ini: cannot read" -- verify nosuch
expect_error 2 "elsewhere/demo: no committed runs of demo.ini to verify" -- verify demo.ini --results elsewhere
printf '[experiment]\ntitle = b\nclaims = C08\n[settings]\n[bench]\nthreads = 1\n' >bench.ini
expect_error 2 "bench.ini is a benchmark \(\[bench\]\): its results are timings" -- verify bench.ini
done_tests
