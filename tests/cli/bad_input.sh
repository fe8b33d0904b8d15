# cli: inputs that contradict themselves or the data (found by sanitizers and a fuzzer,
# issue 11). Each is one stderr line naming the problem, exit 2 (usage) or 3 (a bad
# file), and nothing written: expect_error checks all three.
. "$(dirname "$0")/../lib.sh"
out="$TMP/out"

# settings the data contradicts: both numbers named, before anything is built
spirals=(train --data spirals --widths 16 --steps 2 --quiet --out "$out")
expect_error 2 "^descent train: inputs: 100000, but data spirals has 2 input features$" -- "${spirals[@]}" --inputs 100000
expect_error 2 "inputs: 40, but data spirals has 2 input features" -- "${spirals[@]}" --inputs 40
expect_error 2 "inputs: 1, but data spirals has 2 input features" -- "${spirals[@]}" --inputs 1
expect_error 2 "classes: 2, but data spirals has 3 classes" -- "${spirals[@]}" --classes 2
expect_error 2 "classes: 5, but data spirals has 3 classes" -- "${spirals[@]}" --classes 5
expect_error 2 "classes: 3, but data spirals has 4 classes" -- "${spirals[@]}" --spirals_classes 4 --classes 3
if [ -d /usr/share/datasets/fashion-mnist ]; then
    expect_error 2 "inputs: 100, but data fashion has 784 input features" -- train --inputs 100 --steps 1 --out "$out"
    expect_error 2 "classes: 3, but data fashion has 10 classes" -- train --classes 3 --steps 1 --out "$out"
fi
tiny=(train --model gpt --layers 1 --width 8 --heads 1 --context 8 --batch 2 --steps 1 --quiet)
expect_error 2 "vocab: 100, but data markov has 16 symbols" -- "${tiny[@]}" --vocab 100 --out "$out"
printf 'abcabcabd\n%.0s' $(seq 50) >"$TMP/corpus.txt"
expect_error 2 "vocab: 3, but data text:$TMP/corpus.txt has 5 symbols" -- "${tiny[@]}" --data "text:$TMP/corpus.txt" --vocab 3 --out "$out"
check "the settings agreeing with the data train (exit 0)" \
    bash -c "'$DESCENT' train --data spirals --widths 16 --steps 2 --quiet --inputs 2 --classes 3 >/dev/null"

# lists and counts: digits only, no empty element, no sign
expect_error 2 "widths: '10,,20' has an empty element" -- "${spirals[@]}" --widths 10,,20
expect_error 2 "widths: '10,' has an empty element" -- "${spirals[@]}" --widths 10,
expect_error 2 "widths: ',10' has an empty element" -- "${spirals[@]}" --widths ,10
expect_error 2 "widths: '\+10' is not a positive integer" -- "${spirals[@]}" --widths +10
expect_error 2 "widths: '-2' is not a positive integer" -- "${spirals[@]}" --widths 10,-2
expect_error 2 "widths: ' 10' is not a positive integer" -- "${spirals[@]}" --widths " 10"
expect_error 2 "widths: '0' is not a positive integer" -- "${spirals[@]}" --widths 0
expect_error 2 "widths: '1e2' is not a positive integer" -- "${spirals[@]}" --widths 1e2
expect_error 2 "--threads: 'x' is not an integer in \[1, 4096\]" -- "${spirals[@]}" --threads x
expect_error 2 "--threads: '0' is not an integer in \[1, 4096\]" -- "${spirals[@]}" --threads 0
expect_error 2 "--threads: '2x' is not an integer" -- eval --checkpoint "$TMP/none.safetensors" --threads 2x
expect_error 2 "--steps: '0' is not an integer in \[1, 1000000\]" -- bench --steps 0
expect_error 2 "--warmup: '-1' is not an integer" -- bench --warmup -1

# checkpoints: every tensor in the model's shape, metadata that reads as what it says
must "$DESCENT" train --data spirals --widths 256 --steps 1 --quiet --save --out "$TMP/mlp" >/dev/null
check "an mlp checkpoint to edit (layers.0.w is [256,2])" test -s "$TMP/mlp/model.safetensors"
# edited IN OUT SED: OUT is checkpoint IN with its JSON header edited by the sed expression
edited() {
    local len hdr n
    len=$(od -An -tu8 -N8 "$1" | tr -d ' ')
    hdr=$(tail -c +9 "$1" | head -c "$len" | sed "$3")
    n=${#hdr}
    {
        printf "$(printf '\\%03o' $((n & 255)) $((n >> 8 & 255)) $((n >> 16 & 255)) 0 0 0 0 0)"
        printf '%s' "$hdr"
        tail -c +$((9 + len)) "$1"
    } >"$2"
}
# bad_checkpoint CHECKPOINT NAME SED CODE PATTERN: eval of CHECKPOINT edited by SED fails
bad_checkpoint() {
    edited "$1" "$TMP/$2.safetensors" "$3"
    expect_error "$4" "$2\.safetensors: $5" -- eval --checkpoint "$TMP/$2.safetensors"
}
ck=$TMP/mlp/model.safetensors
edited "$ck" "$TMP/same.safetensors" 's/x/x/'
check "an unedited copy evaluates (exit 0)" bash -c "'$DESCENT' eval --checkpoint '$TMP/same.safetensors' >/dev/null"
bad_checkpoint "$ck" swapped 's/"shape":\[256,2\]/"shape":[2,256]/' 3 "tensor 'layers.0.w' has shape \[2, 256\], the model's is \[256, 2\]"
bad_checkpoint "$ck" flat 's/"shape":\[256,2\]/"shape":[512]/' 3 "tensor 'layers.0.w' has shape \[512\], the model's is \[256, 2\]"
bad_checkpoint "$ck" rank4 's/"shape":\[256,2\]/"shape":[1,1,256,2]/' 3 "tensor 'layers.0.w' has shape \[1, 1, 256, 2\], the model's is \[256, 2\]"
bad_checkpoint "$ck" inputs_x 's/"inputs_shape":"2"/"inputs_shape":"2x"/' 3 "inputs_shape metadata is not a count"
bad_checkpoint "$ck" inputs_neg 's/"inputs_shape":"2"/"inputs_shape":"-2"/' 3 "inputs_shape metadata is not a count"
bad_checkpoint "$ck" classes_0 's/"classes_shape":"3"/"classes_shape":"0"/' 3 "classes_shape metadata is not a count"
edited "$ck" "$TMP/s40.safetensors" 's/"inputs":"0"/"inputs":"40"/'
expect_error 2 "inputs: 40, but data spirals has 2 input features" -- eval --checkpoint "$TMP/s40.safetensors"

must "$DESCENT" "${tiny[@]}" --save --out "$TMP/gpt" >/dev/null
check "a gpt checkpoint to edit" test -s "$TMP/gpt/model.safetensors"
ck=$TMP/gpt/model.safetensors
bad_checkpoint "$ck" odd 's/"charset":"\([0-9a-f]*\)[0-9a-f]"/"charset":"\1"/' 3 "charset metadata is not 32 hex digits"
bad_checkpoint "$ck" short 's/"charset":"\([0-9a-f]*\)[0-9a-f][0-9a-f]"/"charset":"\1"/' 3 "charset metadata is not 32 hex digits"
bad_checkpoint "$ck" nothex 's/"charset":"[0-9a-f][0-9a-f]/"charset":"zz/' 3 "charset metadata is not 32 hex digits"
edited "$ck" "$TMP/vocab.safetensors" 's/"vocab":"0"/"vocab":"20"/'
expect_error 2 "vocab: 20, but data markov has 16 symbols" -- eval --checkpoint "$TMP/vocab.safetensors"

# a NaN weight is not an error: the softmax and GELU carry it to a NaN loss (without the
# undefined behaviour the sanitizer build stops on)
cp "$ck" "$TMP/nan.safetensors"
len=$(od -An -tu8 -N8 "$ck" | tr -d ' ')
head -c 4096 /dev/zero | tr '\0' '\377' | dd of="$TMP/nan.safetensors" bs=1 seek=$((8 + len)) conv=notrunc status=none
check "a checkpoint of NaN weights evaluates to a NaN loss (exit 0)" \
    bash -c "'$DESCENT' eval --checkpoint '$TMP/nan.safetensors' | awk 'NR == 2 && \$1 ~ /nan/ { ok = 1 } END { exit !ok }'"
done_tests
