# Re-blesses every convergence golden from fresh runs after an intended change, so
# that the change of curves shows up in `git diff tests/convergence/golden`. The curves
# come from the binary being blessed, so they guard against regressions only; each
# golden's '# anchor:' lines (values known without this binary) are checked first, and
# a run that misses one is not blessed.
# Run through `ninja -C build bless-convergence`.
set -e
for g in "$(dirname "$0")"/golden/*.tsv; do
    bash "$(dirname "$0")/check.sh" "$g" --bless || [ $? -eq 77 ] # 77: skipped
done
