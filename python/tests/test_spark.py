"""Spark local mode, two partitions, over the fixtures and (with ../shared)
the official examples, through examples/spark_validate.py: the same errors
as the CLI. Needs pyspark and Java; .ci/run installs both and sets
EUCDM_REQUIRE_SPARK=1, so that there it cannot be skipped."""

import importlib.util
import json
import os
import sys
from collections import defaultdict

import pytest

from conftest import EXAMPLES, FIXTURES, REPO, cli_lines, messages_in

if not os.environ.get("EUCDM_REQUIRE_SPARK"):
    pytest.importorskip("pyspark")


def load_example():
    path = REPO / "examples" / "spark_validate.py"
    spec = importlib.util.spec_from_file_location("spark_validate", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cli_rows(files):
    """Per file, the CLI's errors as the table's rows: (message, code,
    pointer, reason, value, None) or (None, ..., error)."""
    rows = {}
    for file, line in zip(files, cli_lines(files)):
        got = json.loads(line)
        if "error" in got:
            rows[str(file)] = [(None, None, None, None, None, got["error"])]
        else:
            rows[str(file)] = [
                (got["message"], e["code"], e["pointer"], e["reason"], e["value"], None)
                for e in got["errors"]
            ]
    return rows


def test_spark_two_partitions_as_the_cli():
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable
    example = load_example()
    roots = [FIXTURES] + ([EXAMPLES] if EXAMPLES.is_dir() else [])
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("eucdm-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    try:
        frame = example.read_messages(spark, [str(r) for r in roots], partitions=2)
        assert frame.rdd.getNumPartitions() == 2
        errors = example.validate(frame).collect()
    finally:
        spark.stop()
    got = defaultdict(list)
    for r in errors:
        path = r["id"].removeprefix("file:")
        got[path].append((r["message"], r["code"], r["pointer"], r["reason"], r["value"], r["error"]))
    files = [f for root in roots for f in messages_in(root)]
    want = cli_rows(files)
    assert len(want) > 1000
    for file, rows in want.items():
        assert got.get(file, []) == rows, file
    assert set(got) <= set(want)
