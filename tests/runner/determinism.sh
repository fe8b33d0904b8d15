# determinism: one small sweep run three ways (descent sweep -j 1, -j 2, and its --list
# through GNU parallel -j 2 then --collect) gives the same run folders with the same
# result files, and the same runs.tsv, apart from the timing columns (_s).
. "$(dirname "$0")/../lib.sh"
command -v parallel >/dev/null || { echo "skipped: needs GNU parallel"; exit 77; }
cd "$TMP" || exit 99
cat >demo.ini <<'INI'
[experiment]
title = Determinism of the runner
claims = C02
[settings]
data = spirals
widths = 16,16
dropout = 0.1
steps = 60
batch = 32
[sweep]
optimizer = sgd adamw
lr = logspace(1e-3, 1, 3)
seed = 1 2
INI

must "$DESCENT" sweep demo.ini -j 1 --results a >/dev/null
must "$DESCENT" sweep demo.ini -j 2 --results b >/dev/null
must "$DESCENT" sweep demo.ini --results c --list >list.txt
must parallel -j 2 <list.txt >/dev/null
must "$DESCENT" sweep demo.ini --results c --collect >/dev/null

check "--list gives one command per run (12)" test "$(wc -l <list.txt)" -eq 12
check "the list runs descent train with one thread" grep -q -- "train .*--threads 1 --quiet" list.txt
check "12 run folders with -j 1" test "$(ls a/demo/runs | wc -l)" -eq 12
for other in b c; do
    ls a/demo/runs >ids-a.txt
    ls "$other/demo/runs" >"ids-$other.txt"
    check "run folders: -j 1 and $other have the same run ids" same ids-a.txt "ids-$other.txt"
    ok=1
    for run in a/demo/runs/*; do
        same_results "$run" "$other/demo/runs/${run##*/}" || { echo "    in ${run##*/}"; ok=0; }
    done
    check "every run: -j 1 and $other give the same bits (but _s columns)" test $ok -eq 1
    check "runs.tsv: -j 1 and $other give the same bits (but _s columns)" \
        same_tsv a/demo/runs.tsv "$other/demo/runs.tsv"
done
check "runs.tsv has a header and 12 rows" test "$(wc -l <a/demo/runs.tsv)" -eq 13
check "runs.tsv starts with run_id and has status" \
    bash -c "head -1 a/demo/runs.tsv | grep -q \$'^run_id\t.*\tstatus\t'"
check "runs.tsv rows follow the matrix order (sgd lr 0.001 seed 1 first)" \
    bash -c "awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[\$i] = i } NR == 2 { exit !(\$c[\"optimizer\"] == \"sgd\" && \$c[\"lr\"] == \"0.001\" && \$c[\"seed\"] == 1) }' a/demo/runs.tsv"
check "run folder names are the run ids in provenance.tsv" \
    bash -c 'for d in a/demo/runs/*; do [ "$(cut -f1 "$d/provenance.tsv" | tail -1)" = "${d##*/}" ] || exit 1; done'
check "a second sweep runs nothing" bash -c "'$DESCENT' sweep demo.ini --results a | grep -q '(0 ran now, 12 cached)'"
check "and --list then lists nothing" bash -c 'out=$("$1" sweep demo.ini --results a --list) && [ -z "$out" ]' _ "$DESCENT"
done_tests
