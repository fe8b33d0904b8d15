# unit: gradient-noise measurements in descent train (train/gradnoise). With noise_every
# the evaluation rows of curve.tsv gain grad_sq_norm, grad_noise_trace and noise_scale
# (nan where no measurement was made), and everything else the run writes is what the
# same run without them writes: the measurement draws its own batches and puts the
# dropout stream back, for the MLP and the GPT. Bad values are usage errors.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 99

# drop_cols FILE NAME...: the TSV without the named columns
drop_cols() {
    local f=$1; shift
    awk -F'\t' -v names="$*" 'BEGIN { split(names, n, " "); for (k in n) drop[n[k]] = 1 }
        NR == 1 { for (i = 1; i <= NF; i++) keep[i] = !($i in drop) }
        { line = ""; for (i = 1; i <= NF; i++) if (keep[i]) line = line $i "\t"; print line }' "$f"
}
col() { awk -F'\t' -v n="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i; next } { print c ? $c : "missing" }' "$1"; }
noise_cols="grad_sq_norm grad_noise_trace noise_scale full_sq_norm mean_sq_error"
settings_cols="noise_every noise_small noise_big noise_full"

# same_but_noise A B: B's files without the noise columns and settings equal A's, timing aside
same_but_noise() {
    local f
    for f in curve.tsv layers.tsv summary.tsv; do
        [ -s "$1/$f" ] && [ -s "$2/$f" ] || { echo "    missing: $f"; return 1; }
        drop_cols "$2/$f" $noise_cols $settings_cols >"$2/$f.cut"
        drop_cols "$1/$f" $settings_cols >"$1/$f.cut"
        cmp -s <(without_timing "$1/$f.cut") <(without_timing "$2/$f.cut") || { echo "    $f differs"; return 1; }
    done
}

mlp="--data spirals --steps 12 --eval_every 3 --batch 16 --dropout 0.2 --quiet"
must "$DESCENT" train $mlp --out plain >/dev/null
must "$DESCENT" train $mlp --noise_every 2 --noise_small 4 --noise_big 32 --out noisy >/dev/null
check "mlp: the run trains as without measurements (dropout on)" same_but_noise plain noisy
check "mlp: no noise columns without noise_every" test "$(col plain/curve.tsv noise_scale | head -1)" = missing
check "mlp: measured at evaluations 0, 2, 4 (steps 0, 6, 12), nan at steps 3, 9" \
    test "$(col noisy/curve.tsv grad_noise_trace | awk '{ print ($1 == "nan") }' | tr -d '\n')" = "01010"
trace=$(col noisy/curve.tsv grad_noise_trace | tail -1)
sq=$(col noisy/curve.tsv grad_sq_norm | head -1)
scale=$(col noisy/curve.tsv noise_scale | head -1)
trace0=$(col noisy/curve.tsv grad_noise_trace | head -1)
check "mlp: positive trace at the end ($trace) and at the start ($trace0)" holds 'a > 0 && b > 0' "$trace" "$trace0"
check "mlp: noise_scale = trace / |G|^2 at step 0 ($scale)" holds "a > 0 && (a - $trace0 / b)^2 < 1e-10 * a * a" "$scale" "$sq"
must "$DESCENT" train $mlp --noise_every 2 --noise_small 4 --noise_big 32 --out again >/dev/null
check "mlp: measurements are reproducible" same_tsv noisy/curve.tsv again/curve.tsv
must "$DESCENT" train $mlp --noise_every 2 --noise_small 4 --noise_big 32 --train_every 1 --out dense >/dev/null
check "mlp: training-loss rows have no measurement" \
    test "$(col dense/curve.tsv noise_scale | awk '$1 == "nan"' | wc -l)" -eq 10

must "$DESCENT" train $mlp --noise_every 2 --noise_small 4 --noise_big 32 --noise_full on --out full >/dev/null
check "mlp: noise_full adds the full-batch gradient, the same run otherwise" same_but_noise plain full
check "mlp: the same estimates with noise_full" \
    cmp -s <(drop_cols full/curve.tsv full_sq_norm mean_sq_error wall_s) <(drop_cols noisy/curve.tsv wall_s)
fsq=$(col full/curve.tsv full_sq_norm | head -1)
err=$(col full/curve.tsv mean_sq_error | head -1)
check "mlp: full |G|^2 ($fsq) and |G_B - G|^2 ($err) positive at step 0" holds 'a > 0 && b > 0' "$fsq" "$err"

gpt="--model gpt --data markov --steps 4 --eval_every 2 --batch 4 --context 16 --width 16 --heads 2 --layers 1
     --val_tokens 256 --warmup 0 --dropout 0.1 --quiet"
must "$DESCENT" train $gpt --out gplain >/dev/null
must "$DESCENT" train $gpt --noise_every 1 --noise_small 2 --noise_big 8 --out gnoisy >/dev/null
check "gpt: the run trains as without measurements" same_but_noise gplain gnoisy
trace=$(col gnoisy/curve.tsv grad_noise_trace | tail -1)
check "gpt: positive trace at the end ($trace)" holds 'a > 0' "$trace"

expect_error 2 "noise_small: 32 is more than batch 16" -- train --data spirals --batch 16 --noise_every 1 --noise_small 32
expect_error 2 "noise_big: 20 is not a multiple of noise_small 8" -- train --data spirals --batch 16 --noise_every 1 --noise_small 8 --noise_big 20
expect_error 2 "noise_big: 8 is not a multiple" -- train --data spirals --batch 16 --noise_every 1 --noise_small 8 --noise_big 8
expect_error 2 "noise_every: must be >= 0" -- train --data spirals --noise_every -1
expect_error 2 "noise_every: model toy" -- train --model toy --noise_every 1
expect_error 2 "noise_full: needs noise_every > 0 and classification data" -- train --model gpt --data markov --noise_every 1 --noise_full on
expect_error 2 "noise_full: needs noise_every > 0" -- train --data spirals --noise_full on
done_tests
