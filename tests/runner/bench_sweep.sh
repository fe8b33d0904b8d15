# cli: an experiment file with [bench] is a benchmark matrix. descent sweep runs each
# run as descent bench --out, one at a time even with -j 2 (their timed intervals do not
# overlap), each run holding a bench.tsv row per thread count and round; the blas
# setting is an axis like any other (each run restarts with its kernels); a second sweep
# reruns nothing; bad [bench] values are FILE:LINE errors; descent report turns the
# results into a throughput table per machine, on the front page and the experiment's
# page, and one figure per machine and model.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 99
mkdir -p root/experiments
cat >root/experiments/tiny_bench.ini <<'INI'
[experiment]
title = A tiny benchmark matrix
claims = C08
[settings]
model = mlp
data = spirals
batch = 32
[sweep]
widths = 32 64,64
precision = fp32 bf16
blas = pinned native
[bench]
threads = 1 2
steps = 20
warmup = 2
repeats = 3
peak_size = 64
INI
cd root || exit 99
must "$DESCENT" sweep experiments/tiny_bench.ini -j 2 >out.txt 2>err.txt
check "the sweep says it times a benchmark one run at a time" grep -q 'tiny_bench is a benchmark (\[bench\]): its runs are timed one at a time' err.txt
check "8 runs ok with -j 1" grep -q '^tiny_bench: 8 runs: 8 ok, .* with -j 1;' out.txt
check "runs.tsv has 8 rows" test "$(wc -l <results/tiny_bench/runs.tsv)" -eq 9
check "runs.tsv has the work of a step" bash -c "head -1 results/tiny_bench/runs.tsv | tr '\t' '\n' | grep -qx gflop_per_step"
n=0
for d in results/tiny_bench/runs/*/; do
    n=$((n + 1))
    check "$(basename "$d"): a bench.tsv row per thread count and round" test "$(wc -l <"$d/bench.tsv")" -eq 7
    check "$(basename "$d"): threads 1 1 1 2 2 2" test "$(cut -f1 "$d/bench.tsv" | tail -n +2 | tr '\n' ' ')" = "1 1 1 2 2 2 "
    # the run's interval: its first start and last end on the monotonic clock
    awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
                { if (s == "" || $c["start_s"] < s) s = $c["start_s"]; if ($c["end_s"] > e) e = $c["end_s"] }
                END { print s, e }' "$d/bench.tsv" >>intervals.txt
done
check "8 run folders" test "$n" -eq 8
sort -n intervals.txt >sorted.txt
check "no two runs were timed at once" awk 'NR > 1 && $1 < last { bad = 1 } { last = $2 } END { exit bad }' sorted.txt
must "$DESCENT" sweep experiments/tiny_bench.ini >out2.txt 2>/dev/null
check "a second sweep reruns nothing" grep -q '(0 ran now, 8 cached)' out2.txt

must "$DESCENT" report --root . --no-render
md=report/REPORT.md
check "the front page has a throughput table" grep -q '^| model | shape | number format | optimizer | kernels | threads | ms/step (range) |' "$md"
check "one row per run and thread count" test "$(grep -c '^| mlp | 784-' "$md")" -eq 16
# the kernels each run ran, as bench.tsv records them: Haswell when pinned
check "pinned runs ran the Haswell kernels" \
    test "$(grep -c '^| mlp | 784-[0-9,-]*,B=32 | [^|]* | adamw | Haswell | ' "$md")" -ge 8
check "rows in words" grep -q '^| mlp | 784-32-10,B=32 | bf16 products, fp32 weights | adamw | ' "$md"
check "the machine is named" grep -qE "^\*\*$(hostname), .*\*\* \(\[tiny_bench\]\(tiny_bench.md\)\)" "$md"
check "the page has the table too" grep -q '^| model | shape | number format |' report/tiny_bench.md
check "a figure per machine and model" test -s report/figures/tiny_bench_m1_mlp.gp

printf '[experiment]\ntitle = t\nclaims = C08\n[settings]\n[bench]\nthreads = 1 0\n' >bad1.ini
expect_error 2 "^bad1\.ini:6: threads: '0' is not a whole number from 1 to 1024" -- sweep bad1.ini --results out
printf '[experiment]\ntitle = t\nclaims = C08\n[settings]\n[bench]\nrepeat = 3\n' >bad2.ini
expect_error 2 "^bad2\.ini:6: unknown key 'repeat' in \[bench\]" -- sweep bad2.ini --results out
printf '[experiment]\ntitle = t\nclaims = C08\n[settings]\n[bench]\nthreads = 2 2\n' >bad3.ini
expect_error 2 "^bad3\.ini:6: threads: 2 twice" -- sweep bad3.ini --results out
check "nothing written after them" test ! -e out

# baseline = KEY=VALUE: each run also times that variant of itself, round by round, and
# bench.tsv records both; a run that is its own baseline times nothing twice
cat >experiments/paired_bench.ini <<'INI'
[experiment]
title = A paired benchmark
claims = C09
[settings]
model = mlp
data = spirals
batch = 32
[sweep]
optimizer = sgd adamw
[bench]
threads = 1
steps = 5
warmup = 1
repeats = 3
peak_size = 64
baseline = optimizer=sgd
INI
must "$DESCENT" sweep experiments/paired_bench.ini >/dev/null 2>&1
for d in results/paired_bench/runs/*/; do
    opt=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } { print $c["optimizer"] }' "$d/summary.tsv")
    check "$opt: bench.tsv names the baseline of each round" \
        test "$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } { print $c["baseline"] }' "$d/bench.tsv" | sort -u)" = "optimizer=sgd"
    same=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
                       $c["baseline_ms"] + 0 > 0 { n++; if ($c["baseline_ms"] == $c["ms_per_step"]) s++ } END { print n + 0, s + 0 }' "$d/bench.tsv")
    if [ "$opt" = sgd ]; then
        check "sgd is its own baseline: baseline_ms is its own time in 3 rounds" test "$same" = "3 3"
    else
        check "adamw's 3 rounds each have a baseline time of their own" test "${same%% *}" -eq 3
    fi
done
# --force retimes a benchmark over its folders; a run whose folder holds a file descent did
# not write fails, keeps its earlier result and the file, and the sweep says so (exit 1)
first=$(ls -d results/paired_bench/runs/*/ | head -1)
cp "$first/bench.tsv" before.tsv
must "$DESCENT" sweep experiments/paired_bench.ini --force >force.txt 2>/dev/null
check "--force retimes both runs" grep -q '(2 ran now, 0 cached)' force.txt
check "with new timings" differ before.tsv "$first/bench.tsv"
cp "$first/bench.tsv" before.tsv
echo mine >"$first/notes.txt"
"$DESCENT" sweep experiments/paired_bench.ini --force >force2.txt 2>force2.err
check "a forced run that cannot replace its folder fails the sweep" test $? -eq 1
check "the summary counts it" grep -q '(2 ran now, 1 of them failed, 0 cached)' force2.txt
check "and says it kept its result" grep -q '1 run failed now and kept its earlier result' force2.err
check "the user's file stays" test "$(cat "$first/notes.txt")" = mine
check "the earlier result stays" same before.tsv "$first/bench.tsv"
rm "$first/notes.txt"

must "$DESCENT" bench --model mlp --data spirals --batch 16 --steps 2 --warmup 0 --repeats 2 \
    --baseline activation_checkpoint=1 >vs.tsv
check "bench --baseline prints vs_baseline" test "$(head -1 vs.tsv | tr '\t' '\n' | tail -1)" = vs_baseline
check "a positive ratio" holds 'a > 0' "$(tail -1 vs.tsv | tr '\t' '\n' | tail -1)"
# a 16-bit format keeps one rounding scratch for the process: room for the larger subject
for m in "--widths 256 --baseline widths=16" "--widths 16 --baseline widths=256"; do
    read -r -a a <<<"$m"
    check "bench --precision bf16 ${a[*]} --threads 1,2" "$DESCENT" bench --model mlp --data spirals --precision bf16 \
        "${a[@]}" --threads 1,2 --steps 2 --warmup 0 --repeats 2
done
expect_error 2 "bench: --baseline: 'optimizer' is not KEY=VALUE" -- bench --model mlp --baseline optimizer
expect_error 2 "changes the model, batch or context" -- bench --model mlp --batch 16 --baseline batch=8
expect_error 2 "bench: --baseline: blas holds for the whole process" -- bench --model mlp --baseline blas=native
expect_error 2 "bench: --baseline: precision holds for the whole process" -- bench --model mlp --baseline precision=bf16
printf '[experiment]\ntitle = t\nclaims = C08\n[settings]\n[bench]\nbaseline = batch=8\n' >bad4.ini
expect_error 2 "^bad4\.ini:6: baseline: batch cannot change beside a run" -- sweep bad4.ini --results out
printf '[experiment]\ntitle = t\nclaims = C08\n[settings]\n[bench]\nbaseline = lrr=1\n' >bad5.ini
expect_error 2 "^bad5\.ini:6: baseline: " -- sweep bad5.ini --results out
check "nothing written after them" test ! -e out

# a 16-bit format at two thread counts, its peak measured in the run: each aborted on an
# internal check (rounding scratch sized for one thread and for the model's operands)
for m in mlp gpt; do
    check "bench --model $m --precision bf16 --threads 1,2 --out" \
        "$DESCENT" bench --model $m --precision bf16 --threads 1,2 --steps 2 --warmup 0 \
        --peak-size 64 --out "bf16_$m"
done
done_tests
