# unit: the precision modes through descent train. Weights stored in bf16 lose updates
# that fall below bf16's resolution unless rounding is stochastic (claim C18); fp16
# without loss scaling zeroes small gradients that dynamic scaling keeps; stochastic
# rounding is reproducible whatever the thread count.
. "$(dirname "$0")/../lib.sh"
col() { # col FILE NAME: the last row's value of a column
    awk -F'\t' -v n="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i } END { print $c }' "$1"
}
base=(--data spirals --widths 32,32 --epochs 2 --batch 32 --quiet --eval_every 20)
"$DESCENT" train "${base[@]}" --precision bf16-pure --lr 1e-5 --schedule constant --out "$TMP/near" >/dev/null
"$DESCENT" train "${base[@]}" --precision bf16-pure --rounding stochastic --lr 1e-5 --schedule constant --out "$TMP/stoch" >/dev/null
"$DESCENT" train "${base[@]}" --lr 1e-5 --schedule constant --out "$TMP/fp32" >/dev/null
near=$(col "$TMP/near/curve.tsv" lost_updates)
stoch=$(col "$TMP/stoch/curve.tsv" lost_updates)
fp32=$(col "$TMP/fp32/curve.tsv" lost_updates)
check "bf16-pure, round to nearest, lr 1e-5: most updates are lost ($near)" awk -v v="$near" 'BEGIN { exit !(v > 0.9) }'
check "stochastic rounding loses fewer ($stoch < $near)" awk -v a="$stoch" -v b="$near" 'BEGIN { exit !(a < b) }'
check "fp32 loses almost none ($fp32)" awk -v v="$fp32" 'BEGIN { exit !(v < 0.05) }'

"$DESCENT" train "${base[@]}" --precision bf16-pure --rounding stochastic --threads 1 --out "$TMP/s1" >/dev/null
"$DESCENT" train "${base[@]}" --precision bf16-pure --rounding stochastic --threads 2 --out "$TMP/s2" >/dev/null
check "stochastic rounding: 1 and 2 threads give the same bits" same_results "$TMP/s1" "$TMP/s2"

"$DESCENT" train "${base[@]}" --precision fp16 --loss_scale dynamic --out "$TMP/dyn" >/dev/null
check "dynamic loss scaling runs and reports its scale ($(col "$TMP/dyn/curve.tsv" loss_scale))" \
    awk -v v="$(col "$TMP/dyn/curve.tsv" loss_scale)" 'BEGIN { exit !(v >= 1) }'
for p in bf16 bf16-pure fp16; do
    check "summary of $p states 16-bit gradient bytes" \
        bash -c "'$DESCENT' train ${base[*]} --precision $p --out '$TMP/$p' >/dev/null &&
                 awk -F'\t' 'NR==1{for(i=1;i<=NF;i++)c[\$i]=i} NR==2{exit !(\$c[\"grad_bytes\"] == 2*\$c[\"params\"])}' '$TMP/$p/summary.tsv'"
done
done_tests
