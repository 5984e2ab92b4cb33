#!/usr/bin/env bash
# The Python package's benchmark (bench/python.py), release builds:
#   bash bench/python.sh [bench/python.py options, e.g. --files 2000 --spark-rows 100000]
# Needs a virtual environment with maturin, pyarrow and pyspark (and Java 17):
# EUCDM_VENV (default ../eucdm-ci-venv, the one .ci/run makes).
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${EUCDM_VENV:-$(cd .. && pwd)/eucdm-ci-venv}"
nice -n 10 cargo build -q --release -p eucdm-cli -p eucdm-generator
wheels="$(mktemp -d)"
trap 'rm -rf "$wheels"' EXIT
(cd python && nice -n 10 "$venv/bin/maturin" build -q --release -o "$wheels")
"$venv/bin/pip" install -q --force-reinstall --no-deps "$wheels"/eucdm-*.whl
nice -n 10 "$venv/bin/python" bench/python.py "$@"
