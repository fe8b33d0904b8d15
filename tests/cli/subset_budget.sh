# cli: train_subset (the first N training characters; validation untouched) and
# flop_budget (as many steps as the counted FLOPs of a step allow), with their errors,
# and the FLOP and parameter columns of summary.tsv.
. "$(dirname "$0")/../lib.sh"
out="$TMP/out"
# a small corpus: 6000 bytes, 5400 of them training characters
awk 'BEGIN { srand(3); for (i = 0; i < 6000; i++) printf "%c", 97 + int(rand() * 8) }' >"$TMP/t.txt"
gpt="train --model gpt --data text:$TMP/t.txt --width 16 --heads 2 --layers 1 --context 16 --batch 4 --val_tokens 512"

expect_error 2 "train_subset: 6000 is more than the 5400 training characters" -- $gpt --train_subset 6000 --out "$out"
expect_error 2 "train_subset: 10 characters are too few for windows of context 16" -- $gpt --train_subset 10 --out "$out"
expect_error 2 "train_subset: applies to fashion, kjv and text:PATH \(markov" -- train --model gpt --train_subset 100 --out "$out"
expect_error 2 "train_subset: must be >= 0" -- $gpt --train_subset -1 --out "$out"
expect_error 2 "flop_budget: 1000 FLOPs do not pay for one step" -- $gpt --flop_budget 1000 --out "$out"
expect_error 2 "flop_budget: must be >= 0" -- $gpt --flop_budget -5 --out "$out"
check "no --out folder after failures" test ! -e "$out"

col() { awk -F'\t' -v k="$2" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i } NR == 2 { print $c[k] }' "$1"; }

# a budget: steps = floor(budget / FLOPs of a step), whatever steps says
must "$DESCENT" $gpt --steps 3 --flop_budget 2e8 --out "$TMP/b" >/dev/null 2>&1
s="$TMP/b/summary.tsv"
step=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
    NR == 2 { printf "%.17g", $c["fwd_mm_flop"] + $c["fwd_ew_flop"] + $c["bwd_mm_flop"] + $c["bwd_ew_flop"] + $c["opt_mm_flop"] + $c["opt_ew_flop"] }' "$s")
check "flop_budget 2e8: steps_done $(col "$s" steps_done) = floor(2e8 / $step)" holds "a == int(2e8 / b)" "$(col "$s" steps_done)" "$step"
check "train_flop $(col "$s" train_flop) = steps × FLOPs of a step, within the budget" \
    holds "a <= 2e8 && a > 2e8 - b && a == b * int(2e8 / b)" "$(col "$s" train_flop)" "$step"
check "items_seen = steps × batch × context" holds "a == b * 4 * 16" "$(col "$s" items_seen)" "$(col "$s" steps_done)"
check "params − params_nonembed = wte, wpe and lm_head: (V + T + V)·C with V 8, T 16, C 16" \
    holds "b - a == (8 + 16 + 8) * 16" "$(col "$s" params_nonembed)" "$(col "$s" params)"
check "the products dominate the forward FLOPs" holds "a > b && b > 0" "$(col "$s" fwd_mm_flop)" "$(col "$s" fwd_ew_flop)"
check "the backward products are twice the forward's" holds "a == 2 * b" "$(col "$s" bwd_mm_flop)" "$(col "$s" fwd_mm_flop)"

# a subset: the same validation (the step-0 loss is the same bits), another training set
must "$DESCENT" $gpt --steps 4 --out "$TMP/full" >/dev/null 2>&1
must "$DESCENT" $gpt --steps 4 --train_subset 300 --out "$TMP/sub" >/dev/null 2>&1
v0() { awk -F'\t' 'NR == 2 { print $5 }' "$1/curve.tsv"; }
check "the subset's validation loss at step 0 is the full run's ($(v0 "$TMP/full"))" test "$(v0 "$TMP/full")" = "$(v0 "$TMP/sub")"
check "and its training differs" test "$(col "$TMP/full/summary.tsv" final_train_loss)" != "$(col "$TMP/sub/summary.tsv" final_train_loss)"
check "summary.tsv records train_subset 300" test "$(col "$TMP/sub/summary.tsv" train_subset)" = 300
done_tests
