# cli: bad input to descent train/eval/bench gets one line saying what and where, the
# right exit code (2 usage, 3 I/O), and leaves nothing in --out.
. "$(dirname "$0")/../lib.sh"
out="$TMP/out"

expect_error 2 "unknown option '--lrr' \(did you mean '--lr'\?\)" -- train --lrr 0.1 --out "$out"
expect_error 2 ": lr: 'fast' is not a number" -- train --lr fast --out "$out"
expect_error 2 "optimizer: 'adamax' is not one of" -- train --optimizer adamax --out "$out"
expect_error 2 "residual: 'yes' is not on or off" -- train --residual yes --out "$out"
expect_error 2 "widths: 'x' is not a positive integer" -- train --widths 64,x --out "$out"
expect_error 2 "batch: must be >= 1" -- train --batch 0 --out "$out"
expect_error 2 "heads: 3 does not divide width 64" -- train --model gpt --heads 3 --out "$out"
expect_error 2 "needs a value" -- train --out
expect_error 2 "unexpected argument 'fashion'" -- train fashion
expect_error 2 "unknown command 'trian'" -- trian
expect_error 3 "/nonexistent/train-images-idx3-ubyte.gz" -- train --fashion_dir /nonexistent --out "$out"
check "no --out folder after failures" test ! -e "$out"

# a truncated dataset: the real files with the training images cut short
src=/usr/share/datasets/fashion-mnist
if [ -d "$src" ]; then
    mkdir -p "$TMP/trunc"
    cp "$src"/*.gz "$TMP/trunc/"
    head -c 100000 "$src/train-images-idx3-ubyte.gz" >"$TMP/trunc/train-images-idx3-ubyte.gz"
    expect_error 3 "train-images-idx3-ubyte.gz.*truncated" -- train --fashion_dir "$TMP/trunc" --out "$out"
    check "no --out folder after a truncated dataset" test ! -e "$out"
    check "no temporary folder either" test -z "$(ls "$TMP" | grep tmp-)"
fi

expect_error 3 "cannot|No such" -- eval --checkpoint "$TMP/missing.safetensors"
expect_error 2 "--checkpoint FILE is required" -- eval
expect_error 2 "unknown option '--foo' \(see --help\)" -- bench --foo 1

# --help works everywhere and exits 0
for cmd in train eval bench; do
    check "descent $cmd --help" bash -c "'$DESCENT' $cmd --help | grep -q usage"
done
check "descent --help" bash -c "'$DESCENT' --help | grep -q train"
done_tests
