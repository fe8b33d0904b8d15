# convergence: runs the short training run a golden file describes and compares its
# curve with the golden one, metric by metric, within the tolerances the file states.
#
# usage: check.sh GOLDEN [--bless]
#
# A golden file is a TSV curve preceded by comment lines:
#   # settings: --data spirals --widths 32,32 ...   (the descent train arguments)
#   # tolerance: val_loss rel 1e-4                   (one line per compared metric:
#   # tolerance: val_acc abs 2e-3                     rel = relative, abs = absolute)
#   # requires: bible                                (optional: skip, exit 77, without it)
# --bless rewrites the curve part from a fresh run, keeping the comment lines.
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
