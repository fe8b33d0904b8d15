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

# a 16-bit format at two thread counts, its peak measured in the run: each aborted on an
# internal check (rounding scratch sized for one thread and for the model's operands)
for m in mlp gpt; do
    check "bench --model $m --precision bf16 --threads 1,2 --out" \
        "$DESCENT" bench --model $m --precision bf16 --threads 1,2 --steps 2 --warmup 0 \
        --peak-size 64 --out "bf16_$m"
done
done_tests
