# unit: the precision modes through descent train. Weights stored in bf16 lose updates
# that fall below bf16's resolution unless rounding is stochastic (claim C18); fp16
# without loss scaling zeroes small gradients that dynamic scaling keeps; stochastic
# rounding is reproducible whatever the thread count.
. "$(dirname "$0")/../lib.sh"
col() { # col FILE NAME: the last row's value of a column; fails on a missing file or column
    awk -F'\t' -v n="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i }
        END { if (!c || NR < 2) { print "no " n " in " FILENAME > "/dev/stderr"; exit 1 } print $c }' "$1"
}
base=(--data spirals --widths 32,32 --epochs 2 --batch 32 --quiet --eval_every 20)
must "$DESCENT" train "${base[@]}" --precision bf16-pure --lr 1e-5 --schedule constant --out "$TMP/near" >/dev/null
must "$DESCENT" train "${base[@]}" --precision bf16-pure --rounding stochastic --lr 1e-5 --schedule constant --out "$TMP/stoch" >/dev/null
must "$DESCENT" train "${base[@]}" --lr 1e-5 --schedule constant --out "$TMP/fp32" >/dev/null
near=$(col "$TMP/near/curve.tsv" lost_updates)
stoch=$(col "$TMP/stoch/curve.tsv" lost_updates)
fp32=$(col "$TMP/fp32/curve.tsv" lost_updates)
check "bf16-pure, round to nearest, lr 1e-5: most updates are lost ($near)" holds 'a > 0.9' "$near"
check "stochastic rounding loses fewer ($stoch < $near)" holds 'a < b' "$stoch" "$near"
check "fp32 loses almost none ($fp32)" holds 'a < 0.05' "$fp32"

must "$DESCENT" train "${base[@]}" --precision bf16-pure --rounding stochastic --threads 1 --out "$TMP/s1" >/dev/null
must "$DESCENT" train "${base[@]}" --precision bf16-pure --rounding stochastic --threads 2 --out "$TMP/s2" >/dev/null
check "stochastic rounding: 1 and 2 threads give the same bits" same_results "$TMP/s1" "$TMP/s2"

must "$DESCENT" train "${base[@]}" --precision fp16 --loss_scale dynamic --out "$TMP/dyn" >/dev/null
scale=$(col "$TMP/dyn/curve.tsv" loss_scale)
check "dynamic loss scaling runs and reports its scale ($scale)" holds 'a >= 1' "$scale"
for p in bf16 bf16-pure fp16; do
    must "$DESCENT" train "${base[@]}" --precision "$p" --out "$TMP/$p" >/dev/null
    gb=$(col "$TMP/$p/summary.tsv" grad_bytes)
    np=$(col "$TMP/$p/summary.tsv" params)
    check "summary of $p states 16-bit gradient bytes ($gb for $np parameters)" holds 'a == 2 * b' "$gb" "$np"
done
done_tests
