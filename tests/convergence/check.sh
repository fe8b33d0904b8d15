# convergence: runs the short training run a golden file describes and compares its
# curve with the golden one, metric by metric, within the tolerances the file states.
#
# usage: check.sh GOLDEN [--bless]
#
# A golden file is a TSV curve preceded by comment lines:
#   # settings: --data spirals --widths 32,32 ...   (the descent train arguments)
#   # tolerance: val_loss rel 1e-4                   (one line per compared metric:
#   # tolerance: val_acc abs 2e-3                     rel = relative, abs = absolute)
#   # anchor: val_loss at 0 = 2.7726 abs 0.025 WHY   (at least one: a value known
#   # anchor: val_acc at 400 >= 0.85 WHY              without this binary; = with abs, >=, <=)
#   # requires: bible                                (optional: skip, exit 77, without it)
# --bless rewrites the curve part from a fresh run, keeping the comment lines.
#
# The curve is blessed from the binary under test, so it only catches regressions: a
# change that breaks training and is then re-blessed would pass it. The anchors are
# what a re-bless cannot move (theory, or published results), and a run that misses
# one fails the check and cannot be blessed.
. "$(dirname "$0")/../lib.sh"
golden=$1
bless=${2:-}
settings=$(sed -n 's/^# settings: //p' "$golden")
[ -n "$settings" ] || { echo "$golden: no '# settings:' line"; exit 99; }
for prog in $(sed -n 's/^# requires: //p' "$golden"); do
    command -v "$prog" >/dev/null || { echo "$golden: skipped, needs the $prog program"; exit 77; }
done
metrics=$(sed -n 's/^# tolerance: \([a-z_]*\) .*/\1/p' "$golden" | tr '\n' ' ')
# shellcheck disable=SC2086
"$DESCENT" train $settings --quiet --out "$TMP/run" >/dev/null || { echo "$golden: descent train failed"; exit 1; }

# the anchors, checked on the fresh run, before a bless too
anchors=$(sed -n 's/^# anchor: //p' "$golden")
[ -n "$anchors" ] || { echo "$golden: no '# anchor:' line (a value a re-bless cannot change)"; exit 99; }
anchor_fail=0
while read -r metric at step op value rest; do
    [ "$at" = at ] || { echo "$golden: bad anchor line: $metric $at $step $op $value $rest"; exit 99; }
    got=$(awk -F'\t' -v m="$metric" -v s="$step" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == m) c = i; next }
                                                  c && $1 == s { print $c; found = 1 } END { exit !found }' "$TMP/run/curve.tsv") ||
        { echo "$golden: the run has no $metric at step $step"; exit 99; }
    tol=
    if [ "$op" = "=" ]; then
        read -r kind tol _ <<<"$rest"
        [ "$kind" = abs ] || { echo "$golden: anchor '$metric at $step =' needs 'abs TOL'"; exit 99; }
    fi
    if awk -v g="$got" -v v="$value" -v op="$op" -v t="${tol:-0}" 'BEGIN {
           if (g !~ /^-?[0-9.]+(e[-+]?[0-9]+)?$/) exit 1
           d = g - v; if (d < 0) d = -d
           exit !(op == "=" ? d <= t : op == ">=" ? g >= v : op == "<=" ? g <= v : 0) }'; then
        echo "PASS: anchor $metric at step $step: $got $op $value${tol:+ (abs $tol)}"
    else
        echo "FAIL: anchor $metric at step $step: $got, want $op $value ($rest)"
        anchor_fail=1
    fi
done <<<"$anchors"
[ "$anchor_fail" -eq 0 ] || { echo "$golden: an anchor failed; not compared and not blessed"; exit 1; }

# the compared columns of a curve, by name
columns() {
    awk -F'\t' -v want="step $metrics" '
        /^#/ { next }
        !hdr { n = split(want, w, " "); for (i = 1; i <= NF; i++) col[$i] = i
               for (j = 1; j <= n; j++) if (!(w[j] in col)) { print "missing column " w[j] > "/dev/stderr"; exit 1 }
               hdr = 1 }
        { line = ""; for (j = 1; j <= n; j++) line = line (j > 1 ? "\t" : "") $col[w[j]]; print line }' "$1"
}

if [ "$bless" = --bless ]; then
    { grep '^#' "$golden"; columns "$TMP/run/curve.tsv"; } >"$TMP/new"
    mv "$TMP/new" "$golden"
    echo "blessed $golden"
    exit 0
fi

columns "$TMP/run/curve.tsv" >"$TMP/now" || exit 99
columns "$golden" >"$TMP/want" || exit 99
tolerances=$(sed -n 's/^# tolerance: //p' "$golden" | tr '\n' ';')
awk -F'\t' -v tol="$tolerances" -v name="$(basename "$golden" .tsv)" '
    BEGIN { n = split(tol, t, ";"); for (i = 1; i <= n; i++) if (t[i] != "") {
                split(t[i], f, " "); kind[f[1]] = f[2]; limit[f[1]] = f[3] + 0 } }
    NR == FNR { want[FNR] = $0; rows = FNR; next }
    FNR == 1 { for (i = 1; i <= NF; i++) metric[i] = $i; next }
    {
        if (!(FNR in want)) { extra++; next }
        split(want[FNR], w, "\t")
        for (i = 2; i <= NF; i++) {
            g = w[i] + 0; v = $i + 0; d = v - g; if (d < 0) d = -d
            bound = kind[metric[i]] == "rel" ? limit[metric[i]] * (g < 0 ? -g : g) : limit[metric[i]]
            bad = (w[i] == "nan") != ($i == "nan") || d > bound
            if (bad) { if (!fails++) printf "%-10s %6s %14s %14s %12s %12s\n", "metric", "step", "golden", "now", "difference", "allowed"
                       printf "%-10s %6s %14s %14s %12.3g %12.3g\n", metric[i], $1, w[i], $i, d, bound }
            else checked++
        }
    }
    END {
        if (FNR != rows) { printf "%s: %d evaluation rows, golden has %d\n", name, FNR, rows; fails++ }
        printf "%s: PASS %d values within tolerance, %d outside\n", (fails ? "FAIL" : "PASS"), checked, fails + 0
        exit fails ? 1 : 0
    }' "$TMP/want" "$TMP/now"
