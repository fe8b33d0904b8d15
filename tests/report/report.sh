# cli: descent report on a small fixture made here (a learning-rate sweep with results,
# an experiment without). It writes the front page and one page per experiment; the
# report is byte-stable (twice, figures rendered, no difference); the generated lr
# figure script and the sweep's page match the committed goldens (BLESS=1 rewrites
# them); the experiment without results gets a page saying so with the command that
# makes them; the Tested-by lines of a catalogue in the root are kept; figures and
# pages no experiment writes any more are removed; a stale run or a run not in the
# matrix is refused; bad arguments exit 2.
. "$(dirname "$0")/../lib.sh"
root="$TMP/root"
mkdir -p "$root/experiments"

cat >"$root/experiments/demo_lr.ini" <<'INI'
[experiment]
title = A learning-rate sweep made up for the tests
claims = C02
description = Two optimizers, three learning rates, two seeds.
[settings]
data = spirals
steps = 4
[sweep]
optimizer = sgd adamw
lr = 1e-3 1e-2 1e-1
seed = 1 2
[verdict]
rule = lr_regimes
max_steps = 1
INI
cat >"$root/experiments/demo_pending.ini" <<'INI'
[experiment]
title = An experiment nobody has run
claims = C23
[settings]
model = gpt
[sweep]
seed = 1 2
INI

# results: loss(optimizer, lr, seed) made up; sgd diverges at 0.1. The run ids are the
# matrix's (the report refuses rows that are not its runs), in matrix order from --list.
res="$root/results/demo_lr"
mkdir -p "$res/runs"
check "the fixture's run ids from descent sweep --list" \
    bash -c "'$DESCENT' sweep '$root/experiments/demo_lr.ini' --results '$root/results' --list >'$TMP/list'"
mapfile -t ids < <(sed 's|.* --out [^ ]*/runs/\([0-9a-f]*\) .*|\1|' "$TMP/list")
check "12 run ids" test "${#ids[@]}" -eq 12
printf 'run_id\tdata\tsteps\toptimizer\tlr\tseed\tstatus\tfinal_val_loss\tbest_val_loss\tval_acc\tparams\tweight_bytes\tstate_bytes\tactivation_bytes\tstep_s\titems_per_s\n' >"$res/runs.tsv"
n=0
for opt in sgd adamw; do
  for lr in 0.001 0.01 0.1; do
    for seed in 1 2; do
      id=${ids[$n]}; n=$((n + 1))
      read -r status final <<<"$(awk -v o=$opt -v l=$lr -v s=$seed 'BEGIN {
          if (o == "sgd" && l == 0.1) { print "diverged nan"; exit }
          base = o == "sgd" ? 1.0 : 0.5; printf "ok %.4f\n", base / (1 + 100 * l) + 0.01 * s }')"
      state=$([ $opt = sgd ] && echo 0 || echo 800)
      printf '%s\tspirals\t4\t%s\t%s\t%s\t%s\t%s\t%s\t0.9\t100\t400\t%s\t1000\t0.00%d\t%d\n' \
        "$id" $opt $lr $seed $status "$final" "$final" "$state" $seed $((1000 * seed)) >>"$res/runs.tsv"
      mkdir -p "$res/runs/$id"
      printf 'step\tval_loss\tgrad_norm\n0\t1.1\tnan\n2\t%s\t0.5\n4\t%s\t0.25\n' "$final" "$final" >"$res/runs/$id/curve.tsv"
      printf 'run_id\tversion\tcompiler\tblas_core\tthreads\thost\n%s\tv1\tgcc 12\tHaswell\t1\ttesthost\n' "$id" >"$res/runs/$id/provenance.tsv"
    done
  done
done

must mkdir -p "$root/docs"
printf '# catalogue\n\n## Area\n\n### C02 Regimes\n\n**Claim.** s\n\n**Tested by:** stale\n\n### C23 Size\n\n**Claim.** t\n' >"$root/docs/CLAIMS.md"
# a precision experiment: bf16's training loss is fp32's + 0.1 × seed, run by run
cat >"$root/experiments/demo_prec.ini" <<'INI'
[experiment]
title = Two number formats made up for the tests
claims = C18
[settings]
data = spirals
steps = 4
[sweep]
precision = fp32 bf16
seed = 1 2
[verdict]
rule = precision
INI
pres="$root/results/demo_prec"
must mkdir -p "$pres/runs"
must "$DESCENT" sweep "$root/experiments/demo_prec.ini" --results "$root/results" --list >"$TMP/list_prec"
mapfile -t pids < <(sed 's|.* --out [^ ]*/runs/\([0-9a-f]*\) .*|\1|' "$TMP/list_prec")
check "4 precision run ids" test "${#pids[@]}" -eq 4
printf 'run_id\tdata\tsteps\tprecision\trounding\tloss_scale\tseed\tstatus\tfinal_val_loss\n' >"$pres/runs.tsv"
n=0
for prec in fp32 bf16; do
  for seed in 1 2; do
    id=${pids[$n]}; n=$((n + 1)); off=$([ $prec = bf16 ] && echo "0.$seed" || echo 0)
    printf '%s\tspirals\t4\t%s\tnearest\tnone\t%s\tok\t1\n' "$id" $prec $seed >>"$pres/runs.tsv"
    must mkdir -p "$pres/runs/$id"
    awk -v s=$seed -v o=$off 'BEGIN { print "step\ttrain_loss\tval_loss"; print "0\tnan\t2"
        for (k = 2; k <= 4; k += 2) printf "%d\t%g\t%g\n", k, 1 / k + s + o, 1 / k }' >"$pres/runs/$id/curve.tsv"
  done
done

check "descent report --no-render succeeds" "$DESCENT" report --root "$root" --no-render
md="$root/report/REPORT.md"
check "REPORT.md written" test -s "$md"
check "one page per experiment" test -s "$root/report/demo_lr.md" -a -s "$root/report/demo_pending.md"
check "every claim C01..C23 in the claims table" test "$(grep -cE '^\| \[C[0-9]{2}\]' "$md")" -eq 23
check "the front page links each page" grep -q '^| \[demo_lr\](demo_lr.md) | A learning-rate sweep made up for the tests | 12 | ' "$md"
check "the experiment without results says so" grep -q '^\*\*No results yet.\*\*' "$root/report/demo_pending.md"
check "... and gives the command that makes them" grep -q '^build/descent sweep experiments/demo_pending.ini -j 2$' "$root/report/demo_pending.md"
check "its claim is not yet tested" grep -qE '^\| \[C23\].*\| \*\*not yet tested\*\* \| – \| \[demo_pending\]\(demo_pending.md\) \|' "$md"
# the fixture's numbers decide it: adamw's best lr (0.1) lies outside the Adam range
check "the sweep's claim has the verdict its numbers give (refuted)" grep -qE '^\| \[C02\].*\| \*\*refuted\*\* \|' "$md"
# the verdict column of every other row: nothing but "not yet tested"
grep -E '^\| \[C[0-9]{2}\]' "$md" | grep -v '^| \[C02\]' | grep -v '^| \[C18\]' | awk -F' [|] ' '{ print $2 }' | tr -d '*' | sort | uniq -c >"$TMP/verdicts"
check "every other claim is exactly 'not yet tested' ($(tr -s ' \n' ' ' <"$TMP/verdicts"))" \
    grep -qx ' *21 not yet tested' "$TMP/verdicts"
check "its area paragraph says so" grep -qE '^\*\*Optimisation basics\.\*\* One of its six claims has a verdict so far: the results support none, contradict one\. C02 \(Learning-rate regimes on real models\) is \*\*refuted\*\* by \[demo_lr\]\(demo_lr.md\)' "$md"
check "the catalogue's Tested-by lines follow the experiments" \
    bash -c "grep -c '^\*\*Tested by:\*\* \[demo_lr\](../report/demo_lr.md)$' '$root/docs/CLAIMS.md' | grep -qx 1 &&
             grep -c '^\*\*Tested by:\*\* \[demo_pending\](../report/demo_pending.md)$' '$root/docs/CLAIMS.md' | grep -qx 1"
check "... and nothing else in it changes" bash -c "grep -v '^\*\*Tested by' '$root/docs/CLAIMS.md' | grep -c . | grep -qx 6"

diff_gp="$root/report/figures/demo_prec_train_diff.gp"
check "the formats' training loss minus fp32's, paired by seed: mean 0.15, range 0.1-0.2 at steps 2 and 4" \
    test "$(sed -n '/^\$c1 << EOD$/,/^EOD$/p' "$diff_gp" | grep -v '^[$#E]' | tr '\n' ' ')" = "2 0.15 0.1 0.2 4 0.15 0.1 0.2 "
check "no line for fp32 itself, a zero line instead" bash -c "! grep -q '^\\\$c0 << EOD' '$diff_gp' && grep -q '^  0 with lines' '$diff_gp'"
check "its legend in words" grep -q "title 'bf16 products, fp32 weights'" "$diff_gp"
check "the validation difference is drawn too" test -s "$root/report/figures/demo_prec_curves_diff.gp"

# goldens: the lr figure script and the sweep's page
if [ "${BLESS:-}" = 1 ]; then
    cp "$root/report/figures/demo_lr_lr.gp" "$GOLDEN/demo_lr_lr.gp"
    cp "$root/report/demo_lr.md" "$GOLDEN/demo_lr.md"
    echo "blessed $GOLDEN"
fi
for pair in "demo_lr_lr.gp:$root/report/figures/demo_lr_lr.gp" "demo_lr.md:$root/report/demo_lr.md"; do
    want="$GOLDEN/${pair%%:*}" got="${pair#*:}"
    if diff -u "$want" "$got" >"$TMP/diff"; then pass "$(basename "$want") matches its golden"
    else fail "$(basename "$want") differs from its golden:"; head -40 "$TMP/diff"; fi
done

# byte-stable with the figures rendered
if command -v gnuplot >/dev/null; then
    check "descent report renders" "$DESCENT" report --root "$root"
    check "figures rendered" test -s "$root/report/figures/demo_lr_lr.svg"
    cp -r "$root/report" "$TMP/first"
    check "a second run succeeds" "$DESCENT" report --root "$root"
    check "a second run changes no byte" diff -r "$TMP/first" "$root/report"
else
    echo "note: gnuplot not installed, rendering not checked"
fi

# a figure or page no experiment writes any more is removed, other files are kept
must touch "$root/report/figures/stale_fig.gp" "$root/report/figures/stale_fig.svg" "$root/report/figures/notes.txt"
must rm "$root/experiments/demo_pending.ini"
check "a report after an experiment went" "$DESCENT" report --root "$root" --no-render
check "stale figures removed" test ! -e "$root/report/figures/stale_fig.gp" -a ! -e "$root/report/figures/stale_fig.svg"
check "the gone experiment's page removed" test ! -e "$root/report/demo_pending.md"
check "other files kept" test -e "$root/report/figures/notes.txt" -a -e "$root/report/demo_lr.md"
check "the catalogue no longer names it" grep -q '^\*\*Tested by:\*\* no experiment yet$' "$root/docs/CLAIMS.md"

# stale results are refused, naming the run and the key
cp "$res/runs.tsv" "$TMP/runs.tsv"
sed -i "2s/\tspirals\t4\t/\tspirals\t5\t/" "$res/runs.tsv"
expect_error 2 "runs.tsv: 1 stale run .*the first ${ids[0]} \(optimizer=sgd, lr=1e-3, seed=1\): steps recorded 5, now 4" \
    -- report --root "$root" --no-render
sed "2s/^${ids[0]}/0123456789ab/" "$TMP/runs.tsv" >"$res/runs.tsv"
expect_error 2 "runs.tsv: run 0123456789ab is not a run of" -- report --root "$root" --no-render
cp "$TMP/runs.tsv" "$res/runs.tsv"

expect_error 2 "report takes no settings" -- report --lr 1
expect_error 2 "unknown option .--bogus." -- report --bogus 1
expect_error 2 "--root needs a value" -- report --root
done_tests
