# blas kernels: descent pins OpenBLAS's Haswell kernels by default, from a plain shell
# (OPENBLAS_CORETYPE unset), and provenance.tsv records the kernels that ran. OpenBLAS
# itself says which kernels it loaded (OPENBLAS_VERBOSE=2 prints "Core: NAME" each time
# it starts), which the test holds against descent's record.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 99

# field FILE COLUMN: the value of COLUMN in the one data row of a TSV file
field() { awk -F'\t' -v k="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == k) c = i }
                                 NR == 2 && c { print $c; found = 1 } END { exit !found }' "$1"; }
# the last kernels OpenBLAS reported loading
last_core() { sed -n 's/^Core: //p' "$1" | tail -n 1; }

can_pin=0
[ "$(uname -m)" = x86_64 ] && grep -qw avx2 /proc/cpuinfo && grep -qw fma /proc/cpuinfo && can_pin=1

env -u OPENBLAS_CORETYPE OPENBLAS_VERBOSE=2 "$DESCENT" train --model toy --steps 3 --out plain >out.txt 2>err.txt
check "a run from a plain shell: exit 0" test $? -eq 0
core=$(field plain/provenance.tsv blas_core)
check "provenance names the kernels OpenBLAS ran ($core)" test -n "$core" -a "$core" = "$(last_core err.txt)"
if [ $can_pin = 1 ]; then
    check "an AVX2+FMA CPU runs the pinned Haswell kernels" test "$core" = Haswell
    check "and says nothing about it" test "$(grep -vc '^Core: ' err.txt)" -eq 0
    OPENBLAS_CORETYPE=Prescott OPENBLAS_VERBOSE=2 "$DESCENT" train --model toy --steps 3 --out other >/dev/null 2>err.txt
    check "an environment asking for other kernels gets Haswell too" \
        test "$(field other/provenance.tsv blas_core)" = Haswell -a "$(last_core err.txt)" = Haswell
else
    check "a CPU without AVX2+FMA runs other kernels" test "$core" != Haswell
    check "and says so once" test "$(grep -c 'cannot run the pinned Haswell kernels' err.txt)" -eq 1
fi
check "the same run twice: the same bits" bash -c "'$DESCENT' train --model toy --steps 3 --out again >/dev/null 2>&1"
check "the same result files" same_results plain again
done_tests
