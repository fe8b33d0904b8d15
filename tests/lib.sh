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
# must COMMAND...: runs a step the checks after it depend on; a non-zero exit is a
# failure of the test (not just of the checks that would then see missing files).
must() {
    "$@" && return 0
    local rc=$?
    fail "exit $rc: ${*//$TMP/\$TMP}"
    return "$rc"
}
# holds CONDITION A [B]: A (and B) are numbers and the awk CONDITION on a (and b)
# holds; an empty or non-numeric value fails (awk would compare it as 0 or a string).
holds() {
    local v
    for v in "${@:2}"; do
        [[ $v =~ ^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$ ]] || { echo "    not a number: '$v'"; return 1; }
    done
    awk -v a="$2" -v b="${3:-}" "BEGIN { exit !($1) }"
}
# differ FILE1 FILE2: both files exist, are not empty, and are not identical.
differ() {
    [ -s "$1" ] && [ -s "$2" ] || { echo "    missing or empty: $1 or $2"; return 1; }
    ! cmp -s "$1" "$2"
}
# same FILE1 FILE2: both files exist, are not empty, and are identical.
same() {
    [ -s "$1" ] && [ -s "$2" ] || { echo "    missing or empty: $1 or $2"; return 1; }
    cmp -s "$1" "$2"
}

# tree_state: every path under $TMP with its size and time, to see whether a command
# wrote anything (the tests point every output of descent into $TMP).
tree_state() { find "$TMP" -printf '%p %s %T@\n' | sort; }

# expect_error CODE PATTERN -- ARGS...: descent exits with CODE, prints one stderr line
# matching PATTERN, and writes nothing (no file under $TMP appears or changes).
expect_error() {
    local code=$1 pattern=$2; shift 3
    local err rc before after
    before=$(tree_state)
    err=$("$DESCENT" "$@" 2>&1 >/dev/null); rc=$?
    after=$(tree_state)
    if [ "$rc" -eq "$code" ] && [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] && printf '%s' "$err" | grep -qE -- "$pattern" &&
        [ "$before" = "$after" ]; then
        pass "descent $* -> exit $code, nothing written: $err"
    else
        fail "descent $* -> exit $rc (want $code), stderr: $err (want /$pattern/)$([ "$before" = "$after" ] || echo ', and it wrote under '"$TMP")"
    fi
}

# without_timing FILE: the TSV without its timing columns (names ending in _s).
without_timing() {
    awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) keep[i] = ($i !~ /_s$/) }
                { line = ""; for (i = 1; i <= NF; i++) if (keep[i]) line = line $i "\t"; print line }' "$1"
}

# same_tsv FILE1 FILE2: identical apart from timing columns; a missing or empty file
# is a difference, so two failed runs are not "the same".
same_tsv() {
    [ -s "$1" ] && [ -s "$2" ] || { echo "    missing or empty: $1 or $2"; return 1; }
    cmp -s <(without_timing "$1") <(without_timing "$2") || { echo "    ${1##*/} differs"; return 1; }
}
# same_results DIR1 DIR2: every result file identical apart from timing columns
# (layer_stats.tsv when either has one: toy runs write none).
same_results() {
    local f
    for f in curve.tsv layers.tsv layer_stats.tsv summary.tsv; do
        [ "$f" = layer_stats.tsv ] && [ ! -e "$1/$f" ] && [ ! -e "$2/$f" ] && continue
        same_tsv "$1/$f" "$2/$f" || return 1
    done
}
