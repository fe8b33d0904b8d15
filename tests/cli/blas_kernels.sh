# blas kernels: descent pins OpenBLAS's Haswell kernels by default, from a plain shell
# (OPENBLAS_CORETYPE unset), and provenance.tsv records the kernels that ran; --blas
# native runs the ones OpenBLAS picks itself, whatever the environment says, and a
# sweep's runs run with the kernels their settings name. OpenBLAS
# itself says which kernels it loaded (OPENBLAS_VERBOSE=2 prints "Core: NAME" each time
# it starts), which the test holds against descent's record.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 99

# field FILE COLUMN: the value of COLUMN in the one data row of a TSV file
field() { awk -F'\t' -v k="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == k) c = i }
                                 NR == 2 && c { print $c; found = 1 } END { exit !found }' "$1"; }
# the first and the last kernels OpenBLAS reported loading
first_core() { sed -n 's/^Core: //p' "$1" | head -n 1; }
last_core() { sed -n 's/^Core: //p' "$1" | tail -n 1; }

can_pin=0
[ "$(uname -m)" = x86_64 ] && grep -qw avx2 /proc/cpuinfo && grep -qw fma /proc/cpuinfo && can_pin=1

env -u OPENBLAS_CORETYPE OPENBLAS_VERBOSE=2 "$DESCENT" train --model toy --steps 3 --out plain >out.txt 2>plain_err.txt
check "a run from a plain shell: exit 0" test $? -eq 0
core=$(field plain/provenance.tsv blas_core)
check "provenance names the kernels OpenBLAS ran ($core)" test -n "$core" -a "$core" = "$(last_core plain_err.txt)"
if [ $can_pin = 1 ]; then
    check "an AVX2+FMA CPU runs the pinned Haswell kernels" test "$core" = Haswell
    check "and says nothing about it" test "$(grep -vc '^Core: ' plain_err.txt)" -eq 0
    OPENBLAS_CORETYPE=Prescott OPENBLAS_VERBOSE=2 "$DESCENT" train --model toy --steps 3 --out other >/dev/null 2>err.txt
    check "an environment asking for other kernels gets Haswell too" \
        test "$(field other/provenance.tsv blas_core)" = Haswell -a "$(last_core err.txt)" = Haswell
else
    check "a CPU without AVX2+FMA runs other kernels" test "$core" != Haswell
    check "and says so once" test "$(grep -c 'cannot run the pinned Haswell kernels' plain_err.txt)" -eq 1
fi
native=$(first_core plain_err.txt) # what OpenBLAS picked from the plain shell, before descent
check "OpenBLAS reported its own pick ($native)" test -n "$native"

OPENBLAS_CORETYPE=Haswell OPENBLAS_VERBOSE=2 "$DESCENT" train --model toy --steps 3 --blas native --out nat >/dev/null 2>err.txt
check "--blas native: exit 0" test $? -eq 0
check "--blas native runs OpenBLAS's own pick ($native), not the environment's Haswell" \
    test "$(field nat/provenance.tsv blas_core)" = "$native" -a "$(last_core err.txt)" = "$native"
check "--blas native is recorded in summary.tsv" test "$(field nat/summary.tsv blas)" = native
check "the default is recorded as pinned" test "$(field plain/summary.tsv blas)" = pinned
check "a native run has another run id" \
    test "$(field nat/provenance.tsv run_id)" != "$(field plain/provenance.tsv run_id)"

# a sweep runs each run with its own kernels
cat >kernels.ini <<'INI'
[experiment]
title = Both kernel families
claims = C01
[settings]
model = toy
steps = 3
[sweep]
blas = pinned native
INI
env -u OPENBLAS_CORETYPE "$DESCENT" sweep kernels.ini -j 2 >/dev/null 2>&1
check "a sweep over blas: exit 0" test $? -eq 0
cores=$(for r in results/kernels/runs/*/; do printf '%s=%s\n' "$(field "$r/summary.tsv" blas)" "$(field "$r/provenance.tsv" blas_core)"; done | sort | tr '\n' ' ')
want=$( ( [ $can_pin = 1 ] && echo native=$native pinned=Haswell || echo native=$native pinned=$native ) | tr ' ' '\n' | sort | tr '\n' ' ')
check "its runs ran the kernels they name ($cores)" test "$cores" = "$want"

check "the same run twice: the same bits" bash -c "'$DESCENT' train --model toy --steps 3 --out again >/dev/null 2>&1"
check "the same result files" same_results plain again
done_tests
