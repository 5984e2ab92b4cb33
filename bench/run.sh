#!/usr/bin/env bash
# Runs the whole benchmark and prints a Markdown report (BENCHMARKS.md is made
# from its output):
#   bash bench/run.sh [eucdm-bench options, e.g. --samples 21 | --quick]
# Steps: install xmllint if missing (skipped, with a message, when it cannot be
# installed), build release binaries, run eucdm-bench and eucdm-codelists, time the ruleset! macro's
# work, then time cargo rebuilding after one .rules file changes.
# Set BENCH_NO_REBUILD=1 to skip the (slow) rebuild timings.
set -euo pipefail
cd "$(dirname "$0")/.."
CARGO="nice -n 10 cargo"

if ! command -v xmllint >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing libxml2-utils (xmllint) …" >&2
    (apt-get update -qq && apt-get install -y -qq libxml2-utils) >&2 \
      || echo "could not install libxml2-utils: xmllint columns will be skipped" >&2
  else
    echo "xmllint is missing and cannot be installed here (needs root and apt-get): xmllint columns will be skipped" >&2
  fi
fi

$CARGO build -q --release -p eucdm-cli -p eucdm-bench
# Wherever cargo builds (CARGO_TARGET_DIR), relative to the workspace root.
target="${CARGO_TARGET_DIR:-target}"
echo "# eucdm-bench output"
echo
echo "command: \`bash bench/run.sh $*\` ($(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'))"
echo
nice -n 10 "$target"/release/eucdm-bench "$@"
# Code-list membership: match vs sorted slice vs phf vs hash table vs buckets.
nice -n 10 "$target"/release/eucdm-codelists

echo "## ruleset! macro and rebuilds"
echo
# The macro's own work, in a build of the same optimisation as cargo gives proc
# macros (build-override: opt-level 0).
$CARGO build -q -p eucdm-bench
echo "- $(nice -n 10 "$target"/debug/eucdm-bench --expand --samples 5)"

if [ "${BENCH_NO_REBUILD:-0}" = 1 ]; then
  echo "- rebuild timings skipped (BENCH_NO_REBUILD=1)"
  exit 0
fi
RULES=rules/ncts-p5/R00xx.rules
SAVED=$(mktemp)
cp "$RULES" "$SAVED"
restore() { cp "$SAVED" "$RULES"; rm -f "$SAVED"; }
trap restore EXIT
secs() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N); awk "BEGIN { printf \"%.2f\", ($t1 - $t0) / 1e9 }"; }
edit() { echo "// benchmark edit $RANDOM" >> "$RULES"; }
# Each timing: edit the rule file (a comment line), time the build, restore the
# file and bring the build up to date again (untimed).
timed() {
  local what=$1; shift
  $CARGO "$@" -q >/dev/null 2>&1 || true
  edit
  local s; s=$(secs $CARGO "$@")
  cp "$SAVED" "$RULES"; $CARGO "$@" -q >/dev/null 2>&1 || true
  echo "- $what: ${s} s wall clock (\`cargo $*\` after editing $RULES)"
}
timed "expand + type-check the rule set (cargo check, debug)" check -p eucdm-ncts-p5
timed "expand + compile the rule-set crate only (debug)" build -p eucdm-ncts-p5
timed "rebuild the eucdm binary (debug)" build -p eucdm-cli
timed "rebuild the eucdm binary (release)" build --release -p eucdm-cli
echo
