# determinism: the same settings twice, and 1 against 2 threads (the pool and
# OPENBLAS_NUM_THREADS), give identical result files apart from the _s columns.
. "$(dirname "$0")/../lib.sh"

spirals=(--data spirals --widths 32,32 --norm layer --residual on --dropout 0.1 --epochs 3 --batch 32 --quiet)
must "$DESCENT" train "${spirals[@]}" --out "$TMP/a" --threads 1 >/dev/null
must "$DESCENT" train "${spirals[@]}" --out "$TMP/b" --threads 1 >/dev/null
must "$DESCENT" train "${spirals[@]}" --out "$TMP/c" --threads 2 >/dev/null
check "spirals: same settings twice give the same bits" same_results "$TMP/a" "$TMP/b"
check "spirals: 1 and 2 threads give the same bits" same_results "$TMP/a" "$TMP/c"

if [ -d /usr/share/datasets/fashion-mnist ]; then
    # shapes like 128x784x256 are where OpenBLAS's own threading changes bits, and big
    # enough that mm() tiles them over the pool and the optimizer runs in chunks: 1, 2
    # and 3 pool threads (3 splits 4 tiles unevenly)
    fashion=(--steps 200 --eval_every 50 --quiet)
    OPENBLAS_NUM_THREADS=1 must "$DESCENT" train "${fashion[@]}" --out "$TMP/f1" --threads 1 >/dev/null
    OPENBLAS_NUM_THREADS=2 must "$DESCENT" train "${fashion[@]}" --out "$TMP/f2" --threads 2 >/dev/null
    must "$DESCENT" train "${fashion[@]}" --out "$TMP/f3" --threads 3 >/dev/null
    check "fashion: 1 thread (OpenBLAS and pool) and 2 give the same bits" same_results "$TMP/f1" "$TMP/f2"
    check "fashion: 1 and 3 pool threads give the same bits" same_results "$TMP/f1" "$TMP/f3"
    check "fashion: provenance records the thread counts" \
        bash -c "grep -q \$'\t1\t' '$TMP/f1/provenance.tsv' && grep -q \$'\t2\t' '$TMP/f2/provenance.tsv'"
fi
# the optimizers with matrix state (products, eigendecompositions, an evaluation point)
for opt in "shampoo --block_size 16 --precondition_every 3" muon "schedulefree --schedule constant"; do
    read -r -a o <<<"--optimizer $opt"
    must "$DESCENT" train "${spirals[@]}" --widths 32,32,32 "${o[@]}" --out "$TMP/${o[1]}1" --threads 1 >/dev/null
    must "$DESCENT" train "${spirals[@]}" --widths 32,32,32 "${o[@]}" --out "$TMP/${o[1]}2" --threads 2 >/dev/null
    check "${o[1]}: 1 and 2 threads give the same bits" same_results "$TMP/${o[1]}1" "$TMP/${o[1]}2"
done
must "$DESCENT" train "${spirals[@]}" --seed 2 --out "$TMP/d" --threads 1 >/dev/null
check "a different seed gives different results" differ "$TMP/a/curve.tsv" "$TMP/d/curve.tsv"
done_tests
