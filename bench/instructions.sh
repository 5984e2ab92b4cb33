#!/bin/bash
# Instructions per pass of each `eucdm-bench --loop` mode, per message type and
# size (issue 21): valgrind's count of `--loop MODE 1 FILE` minus that of
# `--loop MODE 0 FILE`, so process start, reading the file and (for the
# interpreter) compiling the rule directory drop out. Repeatable on a loaded
# machine, unlike wall clock. Prints one line per message and size:
#   message items floor read validate rules interpret-rules json-floor json-read json-validate
#
#   cargo build --release -p eucdm-bench -p eucdm-generator
#   bash bench/instructions.sh [SIZES...]        (default 10 200 1999)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench=$root/target/release/eucdm-bench
gen=$root/target/release/eucdm-gen
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 2; }
[ -x "$bench" ] && [ -x "$gen" ] || { echo "build first: cargo build --release -p eucdm-bench -p eucdm-generator" >&2; exit 2; }
sizes=${*:-10 200 1999}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
count() {
    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
        "$bench" --loop "$1" "$2" "$3" 2>&1 >/dev/null | awk '/I *refs/ {gsub(",", "", $4); print $4}'
}
echo "message items floor read validate rules interpret-rules json-floor json-read json-validate"
for m in CC015C CC013C CC014C CC170C CC007C CC044C; do
    msizes=$sizes
    [ "$m" = CC014C ] && msizes=1
    for n in $msizes; do
        f=$dir/$m-$n.xml
        "$gen" --message "$m" --items "$n" -o "$f"
        line="$m $n"
        for mode in floor read validate rules interpret-rules json-floor json-read json-validate; do
            line="$line $(( $(count "$mode" 1 "$f") - $(count "$mode" 0 "$f") ))"
        done
        echo "$line"
    done
done
