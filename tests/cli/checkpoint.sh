# cli: a model saved by `descent train --save` evaluates to the same test numbers with
# `descent eval`, and its checkpoint names every tensor of the parameter table.
. "$(dirname "$0")/../lib.sh"
must "$DESCENT" train --data spirals --widths 16,16 --epochs 2 --batch 32 --quiet --save --out "$TMP/run" >/dev/null
check "train --save writes model.safetensors" test -s "$TMP/run/model.safetensors"
want=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
                   NR == 2 { printf "%.4f", $c["test_acc"] }' "$TMP/run/summary.tsv")
must "$DESCENT" eval --checkpoint "$TMP/run/model.safetensors" >"$TMP/eval.txt"
got=$(awk 'NR == 2 { print $2 }' "$TMP/eval.txt")
check "eval reproduces the run's test accuracy ($got vs $want)" \
    bash -c '[ -n "$1" ] && [ "$1" = "$2" ]' _ "$got" "$want"
for t in layers.0.w layers.0.b layers.1.w layers.2.b; do
    check "checkpoint holds $t" grep -qa "\"$t\"" "$TMP/run/model.safetensors"
done
check "checkpoint metadata holds the settings" grep -qa '"optimizer":"adamw"' "$TMP/run/model.safetensors"
expect_error 2 "eval takes only data settings" -- eval --checkpoint "$TMP/run/model.safetensors" --lr 1
done_tests
