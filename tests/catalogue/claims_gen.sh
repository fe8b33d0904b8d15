# cli: claims_gen compiles docs/CLAIMS.md (23 claims C01..C23, each with an area and a
# statement) and fails the build with FILE:LINE on a malformed catalogue: a claim
# without its **Claim.** paragraph, ids out of order, a claim before any area.
. "$(dirname "$0")/../lib.sh"
[ -x "${CLAIMS_GEN:-}" ] || { echo "CLAIMS_GEN not set"; exit 99; }
cat="$DESCENT_SOURCE_ROOT/docs/CLAIMS.md"
check "the published catalogue compiles" "$CLAIMS_GEN" "$cat" "$TMP/table.c"
check "23 claims" test "$(grep -c '^    {"C[0-9][0-9]", ' "$TMP/table.c")" -eq 23
check "C01 first, C23 last" bash -c "grep -o '^    {\"C[0-9]*\"' '$TMP/table.c' | sed -n '1p;\$p' | tr -d ' {\"' | paste -sd, | grep -qx C01,C23"
check "C18 is in the area Precision" grep -q '^    {"C18", "bf16 with fp32 master weights just works", "Precision",' "$TMP/table.c"
check "a statement's lines are joined" grep -q 'trajectories; η < 0.5 descends' "$TMP/table.c"

# gen_error NAME LINE PATTERN CONTENT: claims_gen fails on CONTENT at LINE
gen_error() {
    printf '%b' "$4" >"$TMP/$1.md"
    local err rc
    err=$("$CLAIMS_GEN" "$TMP/$1.md" "$TMP/$1.c" 2>&1); rc=$?
    if [ "$rc" -eq 1 ] && printf '%s' "$err" | grep -qE -- "^$TMP/$1.md:$2: $3" && [ ! -e "$TMP/$1.c" ]; then
        pass "$1 -> $err"
    else
        fail "$1 -> exit $rc, '$err' (want exit 1, line $2: /$3/, no output)"
    fi
}
gen_error no_statement 3 "claim without a \*\*Claim.\*\* paragraph" "## A\n\n### C01 t\n\nprose\n\n### C02 u\n\n**Claim.** s\n"
gen_error order 6 "claim ids must increase" "## A\n### C02 t\n**Claim.** s\n\n## B\n### C01 u\n**Claim.** s\n"
gen_error no_area 1 "a claim before the first '## area' heading" "### C01 t\n**Claim.** s\n"
gen_error bad_heading 2 "a claim heading is '### Cnn title'" "## A\n### X1 t\n"
gen_error empty 1 "no claims" "# nothing\n"
done_tests
