# unit: the training loop's less travelled paths through descent train, judged from
# the result files. clip: the update is lr·clip and the clipped gradient's norm (layers.tsv)
# is clip while the curve keeps the norm before clipping; accum: 2 micro-batches of 32
# give the step of one batch of 64; patience: a run that stops improving stops
# (status stopped) after that many evaluations; target_loss: a run stops at the first
# evaluation at or below it (status target), the one before it above; divergence: a loss above diverge_factor
# times the first validation loss, or a non-finite one, ends the run as a result
# (status diverged, the step, exit 0, no final validation numbers).
. "$(dirname "$0")/../lib.sh"

# col FILE NAME [STEP]: a column's value in the row of STEP (first column), else the last row
col() {
    awk -F'\t' -v n="$2" -v s="${3:-}" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i; next }
        s == "" || $1 == s { v = $c; found = 1 }
        END { if (!c || !found) { print "no " n " at step " s " in " FILENAME > "/dev/stderr"; exit 1 }
              print v }' "$1"
}
# wnorm FILE STEP [COLUMN]: the global norm over the tensors of layers.tsv at STEP
wnorm() {
    awk -F'\t' -v s="$2" -v n="${3:-weight_norm}" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i; next }
        $1 == s { t += $c * $c; k++ } END { if (!c || !k) exit 1; printf "%.9g\n", sqrt(t) }' "$1"
}
sgd=(--data spirals --widths 16 --optimizer sgd --schedule constant --weight_decay 0 --momentum 0 --quiet)

# ---- clip
must "$DESCENT" train "${sgd[@]}" --steps 3 --eval_every 1 --lr 0.1 --clip 0.01 --out "$TMP/clip" >/dev/null
must "$DESCENT" train "${sgd[@]}" --steps 3 --eval_every 1 --lr 0.1 --out "$TMP/noclip" >/dev/null
for step in 1 3; do
    gn=$(col "$TMP/clip/curve.tsv" grad_norm "$step")
    clipped=$(wnorm "$TMP/clip/layers.tsv" "$step" grad_norm)
    ratio=$(col "$TMP/clip/curve.tsv" update_ratio "$step")
    w=$(wnorm "$TMP/clip/layers.tsv" "$step")
    check "clip 0.01, step $step: the curve's norm ($gn) is before clipping" holds 'a > 0.1' "$gn"
    check "clip 0.01, step $step: the clipped gradient's norm is 0.01 ($clipped)" holds 'a > 0.01 * (1 - 1e-5) && a < 0.01 * (1 + 1e-5)' "$clipped"
    check "clip 0.01, step $step: the update is lr * clip = 1e-3 ($ratio * $w)" holds 'a * b > 1e-3 * (1 - 1e-4) && a * b < 1e-3 * (1 + 1e-4)' "$ratio" "$w"
    gn=$(col "$TMP/noclip/curve.tsv" grad_norm "$step")
    unclipped=$(wnorm "$TMP/noclip/layers.tsv" "$step" grad_norm)
    check "no clip, step $step: the gradient keeps its norm ($unclipped = $gn)" holds 'a > b * (1 - 1e-5) && a < b * (1 + 1e-5)' "$unclipped" "$gn"
done

# ---- accum: the micro-batches are the consecutive rows one batch of 64 would hold
must "$DESCENT" train "${sgd[@]}" --steps 4 --eval_every 1 --lr 0.1 --batch 32 --accum 2 --out "$TMP/accum" >/dev/null
must "$DESCENT" train "${sgd[@]}" --steps 4 --eval_every 1 --lr 0.1 --batch 64 --out "$TMP/batch64" >/dev/null
for metric in train_loss val_loss grad_norm; do
    for step in 1 4; do
        a=$(col "$TMP/accum/curve.tsv" "$metric" "$step")
        b=$(col "$TMP/batch64/curve.tsv" "$metric" "$step")
        check "accum 2 x batch 32 = batch 64: $metric at step $step ($a vs $b, rel 1e-6)" \
            holds '(a - b) <= 1e-6 * b && (b - a) <= 1e-6 * b' "$a" "$b"
    done
done
check "accum: summary states 64 rows per step's worth of items" \
    holds 'a > 0' "$(col "$TMP/accum/summary.tsv" items_per_s)"

# ---- patience: a learning rate too small to change the validation loss
must "$DESCENT" train "${sgd[@]}" --steps 100 --eval_every 10 --lr 1e-12 --patience 2 --out "$TMP/patience" >/dev/null
check "patience 2: status stopped" test "$(col "$TMP/patience/summary.tsv" status)" = stopped
check "patience 2: stopped at the second evaluation without improvement (step 20)" \
    test "$(col "$TMP/patience/summary.tsv" steps_done)" = 20
must "$DESCENT" train "${sgd[@]}" --steps 100 --eval_every 10 --lr 1e-12 --out "$TMP/nopatience" >/dev/null
check "patience 0: runs every step" test "$(col "$TMP/nopatience/summary.tsv" steps_done)" = 100

# ---- target_loss: the full run's first evaluation at or below 0.9, where the run stops
must "$DESCENT" train "${sgd[@]}" --steps 100 --eval_every 5 --lr 0.1 --out "$TMP/full" >/dev/null
want=$(awk -F'\t' 'NR > 1 && $5 <= 0.9 { print $1; exit }' "$TMP/full/curve.tsv")
must "$DESCENT" train "${sgd[@]}" --steps 100 --eval_every 5 --lr 0.1 --target_loss 0.9 --out "$TMP/target" >/dev/null
check "target_loss 0.9: status target" test "$(col "$TMP/target/summary.tsv" status)" = target
check "target_loss 0.9: stopped at the first evaluation at or below it (step $want of 100)" \
    test -n "$want" -a "$want" != 100 -a "$(col "$TMP/target/summary.tsv" steps_done)" = "$want"

# ---- divergence
must "$DESCENT" train "${sgd[@]}" --steps 100 --lr 1e4 --out "$TMP/div" >/dev/null
st=$(col "$TMP/div/summary.tsv" status)
ds=$(col "$TMP/div/summary.tsv" diverged_step)
check "lr 1e4: diverged ($st), exit 0" test "$st" = diverged
check "lr 1e4: diverged_step ($ds) is the last step done" \
    test "$ds" = "$(col "$TMP/div/summary.tsv" steps_done)" -a "$ds" != -1
check "lr 1e4: no final validation numbers" test "$(col "$TMP/div/summary.tsv" final_val_loss)" = nan
loss0=$(col "$TMP/div/curve.tsv" val_loss 0)
lossd=$(col "$TMP/div/curve.tsv" train_loss)
check "lr 1e4: the curve ends at the diverged step ($(col "$TMP/div/curve.tsv" step))" \
    test "$(col "$TMP/div/curve.tsv" step)" = "$ds"
check "lr 1e4: its loss $lossd is above 4 x the first validation loss $loss0" holds 'a > 4 * b' "$lossd" "$loss0"
# with the factor out of reach, lr 1e4 stays finite (dead ReLUs) and lr 1e30 goes non-finite
must "$DESCENT" train "${sgd[@]}" --steps 100 --lr 1e4 --diverge_factor 1e300 --out "$TMP/far" >/dev/null
check "diverge_factor 1e300, lr 1e4: not diverged" test "$(col "$TMP/far/summary.tsv" status)" = ok
must "$DESCENT" train "${sgd[@]}" --steps 100 --lr 1e30 --diverge_factor 1e300 --out "$TMP/nan" >/dev/null
lossn=$(col "$TMP/nan/curve.tsv" train_loss)
check "diverge_factor 1e300, lr 1e30: diverged on a non-finite loss ($lossn)" \
    bash -c '[ "$1" = diverged ] && [[ "$2" == *nan* || "$2" == *inf* ]]' _ "$(col "$TMP/nan/summary.tsv" status)" "$lossn"
must "$DESCENT" train "${sgd[@]}" --steps 100 --lr 3 --out "$TMP/ok" >/dev/null
check "lr 3: does not diverge" test "$(col "$TMP/ok/summary.tsv" status)" = ok
done_tests
