# Re-blesses every convergence golden from fresh runs after an intended change, so
# that the change of curves shows up in `git diff tests/convergence/golden`.
# Run through `ninja -C build bless-convergence`.
set -e
for g in "$(dirname "$0")"/golden/*.tsv; do
    bash "$(dirname "$0")/check.sh" "$g" --bless || [ $? -eq 77 ] # 77: skipped
done
