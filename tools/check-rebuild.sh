#!/usr/bin/env bash
# Proves that cargo rebuilds the compiled rule set when a rule file or a code-list
# CSV changes, or when a file is added to the rule folder (scripted check; run by .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q -p eucdm-ncts-p5
fresh() { local o; o=$(cargo build -p eucdm-ncts-p5 -v 2>&1); grep -q 'Fresh eucdm-ncts-p5' <<<"$o"; }
rebuilt() { local o; o=$(cargo build -p eucdm-ncts-p5 -v 2>&1); grep -qE '(Compiling|Dirty) eucdm-ncts-p5' <<<"$o"; }
fresh || { echo "FAIL: nothing changed but eucdm-ncts-p5 was rebuilt"; exit 1; }
restore() { git checkout -q -- rules/ncts-p5/R00xx.rules codelists/CL231.csv 2>/dev/null || true; rm -f rules/ncts-p5/zz-added.rules; }
trap restore EXIT
for f in rules/ncts-p5/R00xx.rules codelists/CL231.csv; do
  echo "// touched" >> "$f"; [[ $f == *.csv ]] && sed -i '$d' "$f" && printf 'ZZ,test,,\n' >> "$f"
  rebuilt || { echo "FAIL: editing $f did not rebuild eucdm-ncts-p5"; exit 1; }
  restore; cargo build -q -p eucdm-ncts-p5
done
printf '// new file\n' > rules/ncts-p5/zz-added.rules
rebuilt || { echo "FAIL: adding a rule file did not rebuild eucdm-ncts-p5"; exit 1; }
restore; cargo build -q -p eucdm-ncts-p5
echo "rebuild check: 3 passed, 0 failed"
