# cli: train_every adds training-loss rows to curve.tsv between evaluations (their
# evaluation columns nan, their train_loss the mean since the previous row, as an
# evaluation there would report it) and leaves
# the evaluation rows and every other result file as they are without it.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 99
common="--data spirals --steps 12 --eval_every 6 --batch 16 --quiet"
must "$DESCENT" train $common --out plain >/dev/null
must "$DESCENT" train $common --train_every 2 --out dense >/dev/null
check "rows at steps 0 2 4 6 8 10 12" test "$(cut -f1 dense/curve.tsv | tail -n +2 | tr '\n' ' ')" = "0 2 4 6 8 10 12 "
col() { awk -F'\t' -v n="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i; next } { print $c }' "$1"; }
check "val_loss only at evaluations" test "$(col dense/curve.tsv val_loss | awk '{ print ($1 == "nan") }' | tr -d '\n')" = "0110110"
check "train_loss on every row after step 0" test "$(col dense/curve.tsv train_loss | awk '{ print ($1 == "nan") }' | tr -d '\n')" = "1000000"
# the evaluation rows (steps 0, 6, 12) equal the plain run's, timing aside
awk -F'\t' 'NR == 1 || $1 % 6 == 0' dense/curve.tsv >dense_evals.tsv
check "evaluation rows unchanged" cmp -s <(without_timing plain/curve.tsv) <(without_timing dense_evals.tsv)
check "layers.tsv unchanged" cmp -s <(without_timing plain/layers.tsv) <(without_timing dense/layers.tsv)
# a training row is the mean since the previous row: what an evaluation every 2 steps reports
must "$DESCENT" train --data spirals --steps 12 --eval_every 2 --batch 16 --quiet --out every2 >/dev/null
check "training rows equal an evaluation-every-2 run's train_loss at steps 2 and 4" \
    test "$(awk -F'\t' '$1 == 2 || $1 == 4 { print $4 }' dense/curve.tsv)" = "$(awk -F'\t' '$1 == 2 || $1 == 4 { print $4 }' every2/curve.tsv)" -a \
         -n "$(awk -F'\t' '$1 == 2 { print $4 }' dense/curve.tsv)"
expect_error 2 "train_every: must be >= 0" -- train --data spirals --train_every -1
done_tests
