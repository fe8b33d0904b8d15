# Shared helpers for the shell tests: PASS:/FAIL: lines and the "N passed, M failed"
# summary, as tests/harness.h prints them. Needs DESCENT (the binary) in the environment.
set -u
passed=0
failed=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

pass() { echo "PASS: $*"; passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
check() { # check DESCRIPTION COMMAND...: passes when the command succeeds
    local what=$1; shift
    if "$@"; then pass "$what"; else fail "$what"; fi
}
done_tests() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; }

# expect_error CODE PATTERN -- ARGS...: descent exits with CODE and prints one stderr
# line matching PATTERN.
expect_error() {
    local code=$1 pattern=$2; shift 3
    local err rc
    err=$("$DESCENT" "$@" 2>&1 >/dev/null); rc=$?
    if [ "$rc" -eq "$code" ] && [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] && printf '%s' "$err" | grep -qE -- "$pattern"; then
        pass "descent $* -> exit $code: $err"
    else
        fail "descent $* -> exit $rc (want $code), stderr: $err (want /$pattern/)"
    fi
}

# without_timing FILE: the TSV without its timing columns (names ending in _s).
without_timing() {
    awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) keep[i] = ($i !~ /_s$/) }
                { line = ""; for (i = 1; i <= NF; i++) if (keep[i]) line = line $i "\t"; print line }' "$1"
}

# same_results DIR1 DIR2: every result file identical apart from timing columns.
same_results() {
    local f
    for f in curve.tsv layers.tsv summary.tsv; do
        cmp -s <(without_timing "$1/$f") <(without_timing "$2/$f") || { echo "    $f differs"; return 1; }
    done
}
