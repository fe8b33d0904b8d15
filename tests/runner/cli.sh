# cli: malformed experiment files each give exit 2 and one line "FILE:LINE: what"
# naming the right line, and write nothing; bad sweep options likewise.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 99
head='[experiment]\ntitle = t\nclaims = C02\n'   # lines 1-3

# bad NAME LINE PATTERN CONTENT: NAME.ini with CONTENT fails at LINE with PATTERN
bad() {
    printf '%b' "$4" >"$1.ini"
    expect_error 2 "^$1\.ini:$2: $3" -- sweep "$1.ini" --results out
}
bad unknown_key 5 "unknown key 'lrr' in \[settings\] \(did you mean 'lr'\?\)" "$head[settings]\nlrr = 0.1\n"
bad unknown_axis 6 "unknown key 'sed' in \[sweep\] \(did you mean 'seed'\?\)" "$head[settings]\n[sweep]\nsed = 1 2\n"
bad bad_value 6 "lr: 'fast' is not a number" "$head[settings]\ndata = spirals\nlr = fast\n"
bad bad_axis_value 7 "seed: 'two' is not an integer" "$head[settings]\n\n[sweep]\nseed = 1 two 3\n"
bad bad_enum 5 "optimizer: 'adamax' is not one of" "$head[settings]\noptimizer = adamax\n"
bad empty_axis 6 "axis 'lr' has no values" "$head[settings]\n[sweep]\nlr =\n"
bad duplicate_key 7 "duplicate key 'lr' \(first at line 5\)" "$head[settings]\nlr = 0.1\nbatch = 3\nlr = 0.2\n"
bad duplicate_value 6 "lr: value '1e-1' repeats '0.1'" "$head[settings]\n[sweep]\nlr = 0.1 1e-1\n"
bad axis_and_setting 7 "'lr' is both an axis and a base setting \(line 5\)" "$head[settings]\nlr = 0.1\n[sweep]\nlr = 0.1 0.2\n"
bad bad_save 4 "save: 'maybe' is not on or off" "${head}save = maybe\n[settings]\n"
bad missing_experiment 1 "no \[experiment\] section" "[settings]\nlr = 0.1\n"
bad missing_settings 5 "no \[settings\] section" "$head[sweep]\nlr = 0.1\n"
bad unknown_section 4 "unknown section \[setings\]" "$head[setings]\nlr = 0.1\n"
bad repeated_section 5 "section \[settings\] again \(first at line 4\)" "$head[settings]\n[settings]\n"
bad not_ini 5 "not a 'key = value' line" "$head[settings]\nlr 0.1\n"
bad outside_section 1 "'lr' is outside a section" "lr = 0.1\n$head[settings]\n"
bad indented_key 7 "indented line continues 'lr'" "$head[settings]\n[sweep]\nlr = 0.1 0.2\n  seed = 1 2\n"
bad bad_logspace 6 "logspace\(0, 1, 5\): a and b must be > 0" "$head[settings]\n[sweep]\nlr = logspace(0, 1, 5)\n"
bad short_logspace 6 "logspace\(1e-3, 1\): want three numbers" "$head[settings]\n[sweep]\nlr = logspace(1e-3, 1)\n"
bad unknown_helper 6 "unknown helper 'geomspace'" "$head[settings]\n[sweep]\nlr = geomspace(1e-3, 1, 5)\n"
bad bad_combination 7 "heads: 3 does not divide width 64 \(in the run heads=3\)" "$head[settings]\nmodel = gpt\n[sweep]\nheads = 4 3\n"
bad wrong_data 5 "data: fashion is not a dataset for model gpt" "$head[settings]\ndata = fashion\n[sweep]\nmodel = mlp gpt\n"
bad no_title 1 "\[experiment\] needs a title" "[experiment]\nclaims = C02\n[settings]\n"
bad bad_claim 3 "claims: 'X2' is not a claim id" "[experiment]\ntitle = t\nclaims = X2\n[settings]\n"
bad unknown_claim 3 "claims: C99 is not in the catalogue docs/CLAIMS.md \(C01 to C23\)" "[experiment]\ntitle = t\nclaims = C02 C99\n[settings]\n"
bad experiment_key 4 "unknown key 'owner' in \[experiment\]" "${head}owner = me\n[settings]\n"
bad no_rule 5 "\[verdict\] needs a rule" "$head[settings]\n[verdict]\nmargin = 0.1\n"
bad linked_parts 6 "value 'fp16/dynamic' has 2 parts, 'precision/rounding/loss_scale' wants 3" "$head[settings]\n[sweep]\nprecision/rounding/loss_scale = fp32/nearest/none fp16/dynamic\n"
bad linked_unknown 6 "unknown key 'roundin' in \[sweep\] \(did you mean 'rounding'\?\)" "$head[settings]\n[sweep]\nprecision/roundin = bf16-pure/nearest\n"
bad linked_twice 7 "'precision' is on two axes \(line 6\)" "$head[settings]\n[sweep]\nprecision/rounding = bf16-pure/nearest bf16-pure/stochastic\nprecision = fp32 bf16\n"
bad linked_repeat 6 "precision/rounding: value 'bf16-pure/nearest' repeats 'bf16-pure/nearest'" "$head[settings]\n[sweep]\nprecision/rounding = bf16-pure/nearest bf16-pure/nearest\n"
bad linked_base 7 "'rounding' is both an axis and a base setting \(line 5\)" "$head[settings]\nrounding = nearest\n[sweep]\nprecision/rounding = bf16-pure/nearest fp32/nearest\n"
bad linked_value 6 "rounding: 'up' is not one of" "$head[settings]\n[sweep]\nprecision/rounding = bf16-pure/up\n"
bad slash_plain 7 "lr: '0.1/garbage' is not a number" "$head[settings]\ndata = spirals\n[sweep]\nlr = 0.1/garbage 0.2/x/y\n"
bad slash_seed 6 "seed: '1/2' is not an integer" "$head[settings]\n[sweep]\nseed = 1/2\n"
expect_error 2 "^missing\.ini: cannot read" -- sweep missing.ini --results out
mkdir folder.ini
expect_error 2 "^folder\.ini: is a folder" -- sweep folder.ini --results out
printf '%b' "$head[settings]\n" >...ini
expect_error 2 "^\.\.\.ini: the experiment name '\.\.' .* is not a plain name" -- sweep ...ini --results out
check "nothing written after any of them" test ! -e out

printf '%b' "$head[settings]\ndata = spirals\nsteps = 2\n" >good.ini
expect_error 2 "no experiment file" -- sweep
expect_error 2 "-j: '0' is not a positive integer" -- sweep good.ini -j 0
expect_error 2 "unknown option '--forse'" -- sweep good.ini --forse
expect_error 2 "--timeout: 'soon' is not a positive number" -- sweep good.ini --timeout soon
expect_error 2 "one experiment file at a time" -- sweep good.ini good.ini
check "nothing written after bad options" test ! -e results
check "descent sweep --help" bash -c "'$DESCENT' sweep --help | grep -q usage"
check "a good file sweeps (exit 0)" bash -c "'$DESCENT' sweep good.ini --results out >/dev/null"
check "into out/good/runs.tsv" test -f out/good/runs.tsv

# save = on: every run also writes model.safetensors
printf '%b' "${head}save = on\n[settings]\ndata = spirals\nsteps = 2\n" >saved.ini
check "save = on lists --save" bash -c "'$DESCENT' sweep saved.ini --results out --list | grep -q -- ' --save'"
check "save = on sweeps" bash -c "'$DESCENT' sweep saved.ini --results out >/dev/null"
check "and the run saved its weights" bash -c "ls out/saved/runs/*/model.safetensors >/dev/null"

# a linked axis varies its settings together (2 runs, not 4) and is a column of runs.tsv
printf '%b' "$head[settings]\ndata = spirals\nsteps = 2\n[sweep]\nprecision/rounding = bf16-pure/stochastic fp32/nearest\n" >linked.ini
check "a linked axis lists one command per value" \
    bash -c "'$DESCENT' sweep linked.ini --results out --list | grep -c -- '--precision bf16-pure --rounding stochastic' | grep -qx 1"
check "a linked axis makes 2 runs" bash -c "'$DESCENT' sweep linked.ini --results out --list | wc -l | grep -qx 2"
check "a linked axis sweeps" bash -c "'$DESCENT' sweep linked.ini --results out >/dev/null"
check "runs.tsv has the linked axis as a column" \
    bash -c "cut -f2 out/linked/runs.tsv | tr '\n' ' ' | grep -qx 'precision/rounding bf16-pure/stochastic fp32/nearest '"
# '/' splits values on linked axes only: two text: paths are two runs of a plain axis
mkdir -p a b
printf 'in the beginning\n%.0s' $(seq 40) >a/t.txt
printf 'and the word was\n%.0s' $(seq 40) >b/t.txt
printf '%b' "$head[settings]\nmodel = gpt\nsteps = 2\n[sweep]\ndata = text:a/t.txt text:b/t.txt\n" >paths.ini
check "an axis over two text: paths lists two runs" \
    bash -c "'$DESCENT' sweep paths.ini --results out --list | grep -c -- '--data text:[ab]/t.txt --out' | grep -qx 2"
done_tests
