# cli: run ids and the cache. A toy sweep's folders are named by the ids --list gives;
# a run whose summary.tsv records other settings than the experiment gives is stale:
# the sweep runs nothing, names it and the key, exit 2, and --force reruns it; a key the
# record lacks counts as its default and a moved fashion_dir is no difference;
# --migrate-ids renames folders to the ids their records give (provenance.tsv too,
# runs.tsv rebuilt) and refuses two folders with one identity; a text:PATH corpus's
# runs have the same ids wherever the file lives.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 99
cat >toy.ini <<'INI'
[experiment]
title = t
claims = C01
[settings]
model = toy
steps = 5
[sweep]
lr = 0.1 0.2 0.3
INI
check "the sweep runs" bash -c "'$DESCENT' sweep toy.ini --results r -j 2 >out.txt 2>err.txt"
"$DESCENT" sweep toy.ini --results r --force --list | sed 's|.* --out r/toy/runs/\([0-9a-f]*\) .*|\1|' | sort >ids.txt
check "the folders are named by the run ids" diff ids.txt <(ls r/toy/runs | sort)
check "three of them" test "$(wc -l <ids.txt)" -eq 3
id=$(head -1 r/toy/runs.tsv | cut -f1; sed -n 2p r/toy/runs.tsv | cut -f1)
id=${id#run_id?}
run=r/toy/runs/$id
check "provenance.tsv names the run's id" bash -c "sed -n 2p $run/provenance.tsv | cut -f1 | grep -qx $id"

# stale: a recorded steps of 4, not 5
cp $run/summary.tsv summary.orig
col=$(head -1 $run/summary.tsv | tr '\t' '\n' | grep -nx steps | cut -d: -f1)
awk -F'\t' -v OFS='\t' -v c="$col" 'NR == 2 { $c = 4 } { print }' summary.orig >$run/summary.tsv
cp $run/summary.tsv summary.stale
"$DESCENT" sweep toy.ini --results r >out.txt 2>err.txt; rc=$?
check "a stale run: exit 2" test "$rc" -eq 2
check "... names the run and the key" grep -q "^  $id (lr=0.1): steps recorded 4, now 5$" err.txt
check "... runs nothing" cmp -s $run/summary.tsv summary.stale
"$DESCENT" sweep toy.ini --results r --list >out.txt 2>err.txt; rc=$?
check "--list refuses it too (exit 2)" test "$rc" -eq 2
check "--force reruns it" bash -c "'$DESCENT' sweep toy.ini --results r --force -j 2 >out.txt 2>err.txt"
check "... with the settings of now" cmp -s <(without_timing $run/summary.tsv) <(without_timing summary.orig)

# a record without a newer key, data elsewhere: not stale
col=$(head -1 $run/summary.tsv | tr '\t' '\n' | grep -nx w0_2 | cut -d: -f1)
awk -F'\t' -v OFS='\t' -v c="$col" '{ $c = ""; sub("\t\t", "\t"); print }' summary.orig >$run/summary.tsv
check "a record lacking a key is not stale (key removed: $(head -1 $run/summary.tsv | grep -c w0_2) left)" \
    bash -c "'$DESCENT' sweep toy.ini --results r >out.txt 2>err.txt && grep -q '(0 ran now, 3 cached)' out.txt"
col=$(head -1 $run/summary.tsv | tr '\t' '\n' | grep -nx fashion_dir | cut -d: -f1)
awk -F'\t' -v OFS='\t' -v c="$col" 'NR == 2 { $c = "/elsewhere" } { print }' summary.orig >$run/summary.tsv
check "a record with its data elsewhere is not stale" \
    bash -c "'$DESCENT' sweep toy.ini --results r >out.txt 2>err.txt && grep -q '(0 ran now, 3 cached)' out.txt"

# migration: a folder under an old id comes back to its id
mv $run r/toy/runs/0123456789ab
sed -i "2s/^$id/0123456789ab/" r/toy/runs/0123456789ab/provenance.tsv
check "--migrate-ids" bash -c "'$DESCENT' sweep toy.ini --results r --migrate-ids >out.txt 2>err.txt"
check "... says what it did" grep -q "^toy: 3 run folders: 1 renamed to their new ids, 2 already under them; 3 of 3 runs" out.txt
check "... renamed the folder" test -d $run -a ! -e r/toy/runs/0123456789ab
check "... set provenance.tsv's run_id" bash -c "sed -n 2p $run/provenance.tsv | cut -f1 | grep -qx $id"
check "... rebuilt runs.tsv" grep -q "^$id	" r/toy/runs.tsv
cp -r $run r/toy/runs/0123456789ab
"$DESCENT" sweep toy.ini --results r --migrate-ids >out.txt 2>err.txt; rc=$?
check "two folders with one identity: exit 2" test "$rc" -eq 2
check "... named, nothing renamed" bash -c "grep -q 'folders 0123456789ab and $id record the same settings' err.txt && test -d r/toy/runs/0123456789ab"
rm -r r/toy/runs/0123456789ab
expect_error 2 "do not go together" -- sweep toy.ini --results r --migrate-ids --list

# text:PATH: the content, not the path
mkdir a b
printf 'in the beginning was the word\n%.0s' $(seq 200) >a/corpus.txt
cp a/corpus.txt b/corpus.txt
for d in a b; do
    printf '[experiment]\ntitle = t\nclaims = C02\n[settings]\nmodel = gpt\ndata = text:%s/corpus.txt\n[sweep]\nseed = 1 2\n' $d >$d/lm.ini
    "$DESCENT" sweep $d/lm.ini --results r --list | sed 's|.*/runs/\([0-9a-f]*\) .*|\1|' >$d/ids.txt
done
check "a corpus at two paths: the same run ids" bash -c "test -s a/ids.txt && diff a/ids.txt b/ids.txt"
echo "one byte more" >>b/corpus.txt
"$DESCENT" sweep b/lm.ini --results r --list | sed 's|.*/runs/\([0-9a-f]*\) .*|\1|' >b/ids.txt
check "another corpus: other run ids" bash -c "test -s b/ids.txt && ! diff -q a/ids.txt b/ids.txt"
rm a/corpus.txt
expect_error 3 "a/lm.ini:6: data: a/corpus.txt: cannot read" -- sweep a/lm.ini --results r --list
done_tests
