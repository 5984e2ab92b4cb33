#!/bin/sh
# Copies the seed corpora of the fuzz targets from the repository into
# fuzz/corpus/<target>/ (not committed: it grows while fuzzing).
#   rules          the shipped .rules files
#   codelist_csv   the shipped code-list CSVs
#   read_validate  the fixtures and examples, as XML and as JSON (the JSON
#   interpret      forms are written by ncts-p5's JSON test, run here)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
corpus="$root/fuzz/corpus"
mkdir -p "$corpus/rules" "$corpus/codelist_csv" "$corpus/read_validate" "$corpus/interpret"
cp "$root"/rules/ncts-p5/*.rules "$corpus/rules/"
cp "$root"/codelists/*.csv "$corpus/codelist_csv/"
n=0
find "$root/tests/fixtures" "$root/examples" -name '*.xml' | sort | while read -r f; do
    n=$((n + 1))
    cp "$f" "$corpus/read_validate/seed-$n.xml"
    cp "$f" "$corpus/interpret/seed-$n.xml"
done
json="$corpus/json-seeds"
rm -rf "$json"
(cd "$root" && EUCDM_JSON_SEEDS="$json" cargo test -q -p eucdm-ncts-p5 --test json \
    every_fixture_gives_the_same_report_as_json >/dev/null)
cp "$json"/*.json "$corpus/read_validate/"
cp "$json"/*.json "$corpus/interpret/"
rm -rf "$json"
for t in rules codelist_csv read_validate interpret; do
    echo "$t: $(ls "$corpus/$t" | wc -l) seeds"
done
