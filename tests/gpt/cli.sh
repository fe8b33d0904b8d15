# cli for the GPT: bad settings, missing corpora and bad sample/grad input exit 2 or 3
# with one line naming the problem and leave no --out behind; a saved model samples
# text and its gradients can be written.
. "$(dirname "$0")/../lib.sh"

tiny=(--model gpt --layers 1 --width 32 --heads 2 --context 16 --batch 4 --quiet)
awk 'BEGIN { for (i = 0; i < 300; i++) print "in the beginning was the word, and the word was with god." }' >"$TMP/corpus.txt"

# settings
expect_error 2 "heads: 4 does not divide width 66" -- train --model gpt --width 66 --heads 4 --steps 1 --out "$TMP/x1"
check "no --out left by a bad width" test ! -e "$TMP/x1"
expect_error 2 "act" -- train --model gpt --act tanh --steps 1 --out "$TMP/x2"
expect_error 2 "norm" -- train --model gpt --norm batch --steps 1 --out "$TMP/x3"
expect_error 2 "norm_position" -- train --model gpt --norm_position middle --steps 1 --out "$TMP/x4"

# corpora
expect_error 3 "/nonexistent" -- train "${tiny[@]}" --data text:/nonexistent --steps 1 --out "$TMP/x5"
check "no --out left by a missing text file" test ! -e "$TMP/x5"
: >"$TMP/empty.txt"
expect_error 2 "empty.txt has 0 bytes" -- train "${tiny[@]}" --data "text:$TMP/empty.txt" --steps 1 --out "$TMP/x6"
# a missing `bible` program, with a fresh cache so that no cached kjv.txt hides it
err=$(XDG_CACHE_HOME="$TMP/cache" PATH=/nonexistent-dir "$DESCENT" train "${tiny[@]}" --data kjv --steps 1 --out "$TMP/x7" 2>&1 >/dev/null)
rc=$?
if [ "$rc" -eq 3 ] && [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] && printf '%s' "$err" | grep -q "bible"; then
    pass "kjv without the bible program -> exit 3: $err"
else
    fail "kjv without the bible program -> exit $rc (want 3), stderr: $err"
fi
check "no --out left by a missing bible program" test ! -e "$TMP/x7"

# save -> sample round trip
must "$DESCENT" train "${tiny[@]}" --data "text:$TMP/corpus.txt" --steps 30 --save --out "$TMP/run" >/dev/null
check "train --save writes model.safetensors" test -s "$TMP/run/model.safetensors"
for t in wte wpe h.0.ln1.w h.0.attn.qkv.w h.0.attn.proj.b h.0.mlp.fc.w h.0.mlp.proj.w ln_f.b lm_head.w; do
    check "checkpoint holds $t" grep -qa "\"$t\"" "$TMP/run/model.safetensors"
done
ck=$TMP/run/model.safetensors
"$DESCENT" sample --checkpoint "$ck" --prompt "in the " --tokens 40 --seed 3 >"$TMP/sample.txt"
rc=$?
check "sample exits 0" test "$rc" -eq 0
check "sample prints the prompt, 40 characters and a newline ($(wc -c <"$TMP/sample.txt") bytes)" \
    bash -c '[ "$(head -c 7 "$1")" = "in the " ] && [ "$(wc -c <"$1")" -eq 48 ]' _ "$TMP/sample.txt"
check "sample's characters come from the corpus" \
    bash -c '[ -s "$1" ] && ! LC_ALL=C grep -q "[^a-z ,.]" "$1"' _ "$TMP/sample.txt"
sample() { # sample NAME ARGS...: descent sample --checkpoint $ck ARGS into $TMP/NAME.txt
    local name=$1; shift
    must "$DESCENT" sample --checkpoint "$ck" --prompt "in the " --tokens 40 "$@" >"$TMP/$name.txt"
}
sample again --seed 3 --threads 1
check "sample: same seed, same text (and 1 thread as 2)" same "$TMP/sample.txt" "$TMP/again.txt"
sample other --seed 4
check "sample: another seed, another text" differ "$TMP/sample.txt" "$TMP/other.txt"
sample cold --temperature 0.01 --top-k 1
sample greedy --top-k 1 --seed 9
check "sample at top-k 1 is greedy: the seed does not matter" same "$TMP/cold.txt" "$TMP/greedy.txt"

# sample: bad input
expect_error 2 "checkpoint" -- sample --prompt "in"
expect_error 3 "nope.safetensors" -- sample --checkpoint "$TMP/nope.safetensors"
expect_error 3 "corpus.txt" -- sample --checkpoint "$TMP/corpus.txt"
expect_error 2 "vocabulary" -- sample --checkpoint "$ck" --prompt "IN THE"
expect_error 2 "tokens" -- sample --checkpoint "$ck" --tokens -1
expect_error 2 "temperature" -- sample --checkpoint "$ck" --temperature 0
expect_error 2 "numbers" -- sample --checkpoint "$ck" --top-k x
expect_error 2 "numbers" -- sample --checkpoint "$ck" --tokens 5x
expect_error 2 "^descent sample: --lr: sample takes no settings" -- sample --checkpoint "$ck" --lr 1
must "$DESCENT" train --data spirals --widths 8 --epochs 1 --quiet --save --out "$TMP/mlp" >/dev/null
expect_error 2 "gpt checkpoint" -- sample --checkpoint "$TMP/mlp/model.safetensors"

# grad: a good batch, then bad ones
ids() { awk -v n="$1" -v v="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%d%s", v, i + 1 < n ? " " : "\n" }'; }
{ ids 17 1; ids 17 2; } >"$TMP/batch.txt"
check "grad writes the loss and the gradients" \
    "$DESCENT" grad --checkpoint "$ck" --batch "$TMP/batch.txt" --out "$TMP/g.safetensors"
check "grad output holds loss and every parameter" \
    bash -c "grep -qa '\"loss\"' '$TMP/g.safetensors' && grep -qa '\"h.0.attn.qkv.w\"' '$TMP/g.safetensors'"
ids 3 1 >"$TMP/short.txt"
expect_error 2 "short.txt:1: 3 ids, the model needs context \+ 1 = 17" -- grad --checkpoint "$ck" --batch "$TMP/short.txt" --out "$TMP/g1"
{ ids 17 1; ids 17 999; } >"$TMP/range.txt"
expect_error 2 "range.txt:2: token id out of range" -- grad --checkpoint "$ck" --batch "$TMP/range.txt" --out "$TMP/g2"
expect_error 3 "nobatch.txt" -- grad --checkpoint "$ck" --batch "$TMP/nobatch.txt" --out "$TMP/g3"
expect_error 2 "^descent grad: --lr: grad takes no settings" -- grad --checkpoint "$ck" --batch "$TMP/batch.txt" --out "$TMP/g0" --lr 1
expect_error 2 "required" -- grad --checkpoint "$ck" --batch "$TMP/batch.txt"
expect_error 3 "nonexistent-dir" -- grad --checkpoint "$ck" --batch "$TMP/batch.txt" --out /nonexistent-dir/g
check "no grad output left by bad input" bash -c "! compgen -G '$TMP/g[0-3]*' >/dev/null"
done_tests
