#!/usr/bin/env bash
# The Python package's benchmark (bench/python.py), release builds, in one
# command from any clone:
#   bash bench/python.sh [bench/python.py options; default --files 10000 --spark-rows 100000 --samples 3]
# Prints Markdown tables: validate_many / CLI per thread count, and Spark
# local mode on 1 and 2 cores (rows/s, ratio to 1 core). Wall-clock figures:
# run it on an idle machine.
#
# EUCDM_VENV (default ../eucdm-ci-venv, the one .ci/run makes): made with
#   maturin, pyarrow, pandas (Spark's Arrow exchange needs it) and pyspark
#   when it does not exist. Spark needs Java 17.
# EUCDM_WHEEL_DIR (default ../python-wheel): the release wheel, built once
#   and reused while the sources it is built from are those of the clone
#   (a stamp beside it: the git object ids of those files, and their diff);
#   EUCDM_REBUILD=1 builds it again anyway, EUCDM_REUSE_WHEEL=1 takes the
#   wheel there whatever it was built from.
# `bash bench/python.sh --wheel-only`: build (or keep) the wheel, no bench.
set -euo pipefail
cd "$(dirname "$0")/.."
parent="$(cd .. && pwd)"
venv="${EUCDM_VENV:-$parent/eucdm-ci-venv}"
wheels="${EUCDM_WHEEL_DIR:-$parent/python-wheel}"
command -v java >/dev/null || { echo "bench/python.sh: Spark needs Java 17 (openjdk-17-jre-headless)" >&2; exit 2; }
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q maturin pyarrow 'pandas<3' pyspark
fi
[ "${1:-}" = --wheel-only ] || nice -n 10 cargo build -q --release -p eucdm-cli -p eucdm-generator
# What the wheel is built from: every tracked file of these folders, and
# uncommitted changes to them.
sources=(Cargo.toml Cargo.lock python runtime compiler macros ncts-p5 uk-ens rules codelists)
stamp="$( (git ls-files -s -- "${sources[@]}"; git diff HEAD -- "${sources[@]}") | sha256sum | cut -d' ' -f1)"
have_wheel() { ls "$wheels"/eucdm-*.whl >/dev/null 2>&1; }
if [ "${EUCDM_REUSE_WHEEL:-0}" = 1 ] && have_wheel; then
  echo "bench/python.sh: EUCDM_REUSE_WHEEL=1: the wheel of $wheels, whatever it was built from" >&2
elif [ "${EUCDM_REBUILD:-0}" = 1 ] || [ "$(cat "$wheels/stamp" 2>/dev/null)" != "$stamp" ] || ! have_wheel; then
  echo "bench/python.sh: building the release wheel into $wheels" >&2
  rm -rf "$wheels"
  mkdir -p "$wheels"
  (cd python && nice -n 10 "$venv/bin/maturin" build -q --release -o "$wheels")
  echo "$stamp" >"$wheels/stamp"
else
  echo "bench/python.sh: the release wheel of $wheels is built from these sources: reused" >&2
fi
[ "${1:-}" = --wheel-only ] && exit 0
"$venv/bin/pip" install -q --force-reinstall --no-deps "$wheels"/eucdm-*.whl
nice -n 10 "$venv/bin/python" bench/python.py "$@"
