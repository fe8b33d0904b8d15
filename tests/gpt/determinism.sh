# determinism for the GPT: the same settings twice, and 1 against 2 and 3 threads, give
# identical curve/layers/summary files apart from the _s columns; with dropout too;
# on the markov source and on a text:PATH corpus. The default shape (C=64, T=64, B=16)
# is big enough that products are tiled and rows chunked over the pool.
. "$(dirname "$0")/../lib.sh"

small=(--model gpt --steps 30 --eval_every 20 --warmup 5 --quiet)
# a small text file: a few hundred lines of varied English-like text
awk 'BEGIN { srand(7); split("the of and to in that he shall unto for his a lord they be is", w, " ")
             for (i = 0; i < 400; i++) { line = ""; for (j = 0; j < 9; j++) line = line w[int(rand() * 16) + 1] " "
                                         print line "." } }' >"$TMP/corpus.txt"

run() { # run NAME THREADS ARGS...: a training run into $TMP/NAME
    local name=$1 threads=$2; shift 2
    "$DESCENT" train "${small[@]}" "$@" --threads "$threads" --out "$TMP/$name" >/dev/null ||
        fail "descent train $* --threads $threads exited $?"
}

for data in markov "text:$TMP/corpus.txt"; do
    label=${data%%:*}
    for drop in 0 0.1; do
        tag="$label-drop$drop"
        run "$tag-a" 1 --data "$data" --dropout "$drop"
        run "$tag-b" 1 --data "$data" --dropout "$drop"
        run "$tag-c" 2 --data "$data" --dropout "$drop"
        run "$tag-d" 3 --data "$data" --dropout "$drop"
        check "gpt $label dropout $drop: same settings twice give the same bits" \
            same_results "$TMP/$tag-a" "$TMP/$tag-b"
        check "gpt $label dropout $drop: 1 and 2 threads give the same bits" \
            same_results "$TMP/$tag-a" "$TMP/$tag-c"
        check "gpt $label dropout $drop: 1 and 3 threads give the same bits" \
            same_results "$TMP/$tag-a" "$TMP/$tag-d"
    done
done
# post-norm without residual and RMSNorm with tied embeddings go through other paths
run post-a 1 --data markov --norm_position post --residual off --dropout 0.1
run post-c 2 --data markov --norm_position post --residual off --dropout 0.1
check "gpt post-norm, no residual: 1 and 2 threads give the same bits" same_results "$TMP/post-a" "$TMP/post-c"
run rms-a 1 --data markov --norm rms --act relu --tie_embeddings on
run rms-c 2 --data markov --norm rms --act relu --tie_embeddings on
check "gpt rms, relu, tied: 1 and 2 threads give the same bits" same_results "$TMP/rms-a" "$TMP/rms-c"

check "the results hold a val loss" grep -q val_loss "$TMP/markov-drop0-a/curve.tsv"
check "markov runs report the entropy rate and the gap" \
    bash -c "head -1 '$TMP/markov-drop0-a/summary.tsv' | grep -q entropy_rate && head -1 '$TMP/markov-drop0-a/curve.tsv' | grep -q gap"
run seed2 1 --data markov --seed 2
check "a different seed gives different results" differ "$TMP/markov-drop0-a/curve.tsv" "$TMP/seed2/curve.tsv"
cut -f4 "$TMP/markov-drop0-a/curve.tsv" >"$TMP/loss-drop0"
cut -f4 "$TMP/markov-drop0.1-a/curve.tsv" >"$TMP/loss-drop0.1"
check "dropout changes the results" differ "$TMP/loss-drop0" "$TMP/loss-drop0.1"
done_tests
