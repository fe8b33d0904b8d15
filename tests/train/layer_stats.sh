# unit: layer_stats.tsv and the depth setting through descent train. depth 3 of width 8
# is widths 8,8,8 in summary.tsv (a widths that says otherwise is an error, as is depth
# on the gpt); layer_stats.tsv has a row per layer (the 3 hidden layers and the head)
# at step 0 and at every evaluation, with finite statistics and non-zero parameter and
# output gradients at step 0; step 0 is measured before any update (two learning rates give the same
# step-0 rows and different later ones); the probe changes no training bit (a dropout
# run evaluated, and so probed, every step has the curve of the same run evaluated
# every 3 steps at the steps both evaluate, and the same final loss).
. "$(dirname "$0")/../lib.sh"

base=(--data spirals --depth 3 --width 8 --act tanh --init xavier --steps 6 --quiet)
must "$DESCENT" train "${base[@]}" --eval_every 3 --out "$TMP/a" >/dev/null
must "$DESCENT" train "${base[@]}" --eval_every 3 --lr 0.05 --out "$TMP/b" >/dev/null

widths=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "widths") c = i } NR == 2 { print $c }' "$TMP/a/summary.tsv")
check "depth 3 of width 8 is widths 8,8,8 in summary.tsv ($widths)" test "$widths" = "8,8,8"
expect_error 2 "widths: 16 is not depth 3 of width 8" -- train "${base[@]}" --widths 16 --out "$TMP/x"
expect_error 2 "depth: is for model mlp" -- train --model gpt --data markov --depth 3 --out "$TMP/x"

stats=$TMP/a/layer_stats.tsv
check "layer_stats.tsv has its header" test "$(head -1 "$stats" 2>/dev/null)" = "$(printf 'step\tindex\tlayer\tact_mean\tact_var\tgrad_norm\tact_grad_norm')"
rows=$(awk -F'\t' 'NR > 1 { n[$1]++ } END { for (s in n) printf "%s:%d ", s, n[s] }' "$stats" | tr ' ' '\n' | sort -n | tr '\n' ' ')
check "a row per layer at steps 0, 3, 6 ($rows)" test "$rows" = "0:4 3:4 6:4 "
check "the layers are layers.0..layers.3" test "$(awk -F'\t' '$1 == 0 { printf "%s ", $3 }' "$stats")" = "layers.0 layers.1 layers.2 layers.3 "
check "step 0: finite means, positive variances, parameter and output gradient norms" \
    awk -F'\t' 'NR > 1 && $1 == 0 { k++; if (!($5 > 0 && $6 > 0 && $7 > 0 && $4 == $4 + 0)) bad = 1 } END { exit bad || k != 4 }' "$stats"
awk -F'\t' '$1 == 0' "$stats" > "$TMP/a0"; awk -F'\t' '$1 == 0' "$TMP/b/layer_stats.tsv" > "$TMP/b0"
check "step 0 comes before any update: two learning rates, the same rows" same "$TMP/a0" "$TMP/b0"
awk -F'\t' '$1 == 6' "$stats" > "$TMP/a6"; awk -F'\t' '$1 == 6' "$TMP/b/layer_stats.tsv" > "$TMP/b6"
check "and after the first steps, different rows" differ "$TMP/a6" "$TMP/b6"

drop=(--data spirals --depth 3 --width 8 --dropout 0.3 --steps 6 --quiet)
must "$DESCENT" train "${drop[@]}" --eval_every 1 --out "$TMP/d1" >/dev/null
must "$DESCENT" train "${drop[@]}" --eval_every 3 --out "$TMP/d3" >/dev/null
# pick FILE COLUMNS...: the named columns of a TSV (the rows at steps 0, 3 and 6 only for a curve)
pick() {
    local f=$1; shift
    awk -F'\t' -v want="$*" 'NR == 1 { n = split(want, w, " "); for (i = 1; i <= NF; i++) for (k = 1; k <= n; k++) if ($i == w[k]) c[k] = i }
        NR == 1 || FILENAME !~ /curve/ || $1 == 0 || $1 == 3 || $1 == 6 { line = ""; for (k = 1; k <= n; k++) line = line $c[k] "\t"; print line }' "$f"
}
for d in d1 d3; do
    pick "$TMP/$d/curve.tsv" step val_loss val_acc update_ratio > "$TMP/$d.curve"
    pick "$TMP/$d/summary.tsv" final_train_loss final_val_loss test_loss > "$TMP/$d.summary"
done
check "probing every step changes no training bit (validation at steps 0, 3, 6)" same "$TMP/d1.curve" "$TMP/d3.curve"
check "nor the final losses" same "$TMP/d1.summary" "$TMP/d3.summary"
done_tests
