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
expect_error 2 "schedulefree takes no schedule after warmup" -- train --optimizer schedulefree --out "$out"
expect_error 2 "graft: 'sgd' is not one of" -- train --optimizer shampoo --graft sgd --out "$out"
expect_error 2 "needs a value" -- train --out
expect_error 2 "unexpected argument 'fashion'" -- train fashion
expect_error 2 "unknown command 'trian'" -- trian
expect_error 3 "/nonexistent/train-images-idx3-ubyte.gz" -- train --fashion_dir /nonexistent --out "$out"
expect_error 2 "kappa: must be a finite number >= 1" -- train --model toy --landscape bowl --kappa 0.5 --out "$out"
expect_error 2 "tolerance: landscape ce_error has no minimum" -- train --model toy --landscape ce_error --tolerance 0.1 --out "$out"
expect_error 2 "starts: landscape parabola lists no minima" -- train --model toy --starts 10 --out "$out"
expect_error 2 "toy_noise: must be a finite number >= 0" -- train --model toy --landscape bumps --toy_noise -1 --out "$out"
expect_error 2 "tolerance: not with starts" -- train --model toy --landscape bumps --starts 10 --tolerance 0.1 --out "$out"
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

# --out on an existing folder: replaced only when it holds a previous run and nothing else
toy="train --model toy --steps 3"
mkdir "$TMP/mine" && echo "my notes" >"$TMP/mine/notes.txt"
expect_error 2 "mine: exists and holds notes.txt, which is not a descent result file" -- $toy --out "$TMP/mine"
check "the folder with notes.txt is untouched" bash -c "[ \"\$(ls '$TMP/mine')\" = notes.txt ] && grep -qx 'my notes' '$TMP/mine/notes.txt'"
check "and no temporary folder beside it" test -z "$(ls "$TMP" | grep tmp-)"
check "a new --out folder: exit 0" bash -c "'$DESCENT' $toy --lr 0.1 --out '$TMP/prev' >/dev/null"
check "a previous run is replaced: exit 0" bash -c "'$DESCENT' $toy --lr 0.2 --out '$TMP/prev' >/dev/null"
check "by the new one" awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
    NR == 2 { ok = $c["lr"] == "0.2" } END { exit !ok }' "$TMP/prev/summary.tsv"
echo "my notes" >"$TMP/prev/notes.txt"
expect_error 2 "prev: exists and holds notes.txt" -- $toy --out "$TMP/prev"
check "a previous run with a notes.txt is untouched" test -f "$TMP/prev/notes.txt" -a -f "$TMP/prev/curve.tsv"
mkdir "$TMP/fake" && printf 'a\tb\n' >"$TMP/fake/summary.tsv"
expect_error 2 "fake: exists and is not a descent run folder" -- $toy --out "$TMP/fake"
check "a folder with a foreign summary.tsv is untouched" test "$(ls "$TMP/fake")" = summary.tsv
touch "$TMP/plainfile"
expect_error 2 "plainfile: exists and is not a folder" -- $toy --out "$TMP/plainfile"
mkdir "$TMP/empty"
check "an empty folder is used: exit 0" bash -c "'$DESCENT' $toy --out '$TMP/empty' >/dev/null && [ -f '$TMP/empty/summary.tsv' ]"

# --tolerance stops a toy run at the first step within `tolerance` of the minimum and records the step:
# plain descent on the round bowl at lr 1 lands on the minimum in one step
check "a bowl run within tol after one step" bash -c "'$DESCENT' train --model toy --landscape bowl --lr 1 --tolerance 1e-6 --steps 50 --out '$TMP/bowl' >/dev/null && awk -F'\t' 'NR==1{for(i=1;i<=NF;i++)h[\$i]=i} NR==2{exit !(\$h[\"tolerance_step\"]==1 && \$h[\"steps_done\"]==1)}' '$TMP/bowl/summary.tsv'"

expect_error 3 "cannot|No such" -- eval --checkpoint "$TMP/missing.safetensors"
expect_error 2 "--checkpoint FILE is required" -- eval
expect_error 2 "unknown option '--foo' \(see --help\)" -- bench --foo 1

# --help works everywhere and exits 0
expect_error 2 "--out DIR is required" -- gradcheck
expect_error 2 "--lr: gradcheck takes only the setting seed" -- gradcheck --lr 0.1 --out "$out"
for cmd in train eval bench gradcheck; do
    check "descent $cmd --help" bash -c "'$DESCENT' $cmd --help | grep -q usage"
done
check "descent --help" bash -c "'$DESCENT' --help | grep -q train"
done_tests
