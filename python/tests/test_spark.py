"""Spark local mode, two partitions, through examples/spark_validate.py: the
same errors as the CLI, over the fixtures and (with ../shared) the official
examples read as files, and over declarations the project has not seen
(written by eucdm-gen, some made invalid) held in a DataFrame. Needs pyspark
and Java; .ci/run installs both and sets EUCDM_REQUIRE_SPARK=1, so that
there it cannot be skipped."""

import importlib.util
import json
import os
import random
import re
import subprocess
import sys
from collections import defaultdict

import pytest

from conftest import EXAMPLES, FIXTURES, REPO, cli_lines, messages_in, tool_path

if not os.environ.get("EUCDM_REQUIRE_SPARK"):
    pytest.importorskip("pyspark")


def load_example():
    path = REPO / "examples" / "spark_validate.py"
    spec = importlib.util.spec_from_file_location("spark_validate", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def spark():
    """One local Spark with two cores for the tests of this file."""
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("eucdm-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


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


def table_rows(errors, path=lambda i: i):
    """Spark's error rows, per message id."""
    got = defaultdict(list)
    for r in errors:
        got[path(r["id"])].append(
            (r["message"], r["code"], r["pointer"], r["reason"], r["value"], r["error"])
        )
    return got


def test_spark_two_partitions_as_the_cli(spark):
    example = load_example()
    roots = [FIXTURES] + ([EXAMPLES] if EXAMPLES.is_dir() else [])
    frame = example.read_messages(spark, [str(r) for r in roots], partitions=2)
    assert frame.rdd.getNumPartitions() == 2
    got = table_rows(example.validate(frame).collect(), lambda i: i.removeprefix("file:"))
    files = [f for root in roots for f in messages_in(root)]
    want = cli_rows(files)
    assert len(want) > 1000
    for file, rows in want.items():
        assert got.get(file, []) == rows, file
    assert set(got) <= set(want)


# Declarations the project has not seen: every trader message eucdm-gen
# writes, at several sizes (its --items), several seeds.
GENERATED = [
    ("015", [1, 7, 60]),
    ("013", [1, 12]),
    ("014", [1]),
    ("170", [1, 9]),
    ("007", [0, 3, 9]),
    ("044", [1, 25]),
]
SEEDS = [11, 12]
LEAF = re.compile(rb"<([A-Za-z]+)>([^<]*)</\1>")


def mutate(xml: bytes, rng: random.Random) -> bytes:
    """A message made invalid (or unreadable) by one edit of a random leaf
    element: dropped, emptied, doubled, its text replaced by a code no list
    holds or a text too long, or the message cut short."""
    leaves = list(LEAF.finditer(xml))
    leaf = rng.choice(leaves)
    start, end = leaf.span()
    name = leaf.group(1)
    edit = rng.choice(["drop", "empty", "double", "code", "long", "cut"])
    if edit == "drop":
        return xml[:start] + xml[end:]
    if edit == "empty":
        return xml[:start] + b"<%s></%s>" % (name, name) + xml[end:]
    if edit == "double":
        return xml[:end] + xml[start:end] + xml[end:]
    if edit == "code":
        return xml[:start] + b"<%s>ZZ9</%s>" % (name, name) + xml[end:]
    if edit == "long":
        return xml[:start] + b"<%s>%s</%s>" % (name, b"9" * 600, name) + xml[end:]
    return xml[: rng.randrange(len(xml) // 4, len(xml))]


def generated_messages(tmp_path):
    """Each generated message and, for each, three mutants, as files."""
    gen = tool_path("eucdm-gen", "EUCDM_GEN")
    rng = random.Random(18)
    files = []
    for kind, sizes in GENERATED:
        for items in sizes:
            for seed in SEEDS:
                xml = subprocess.run(
                    [str(gen), "--message", kind, "--items", str(items), "--seed", str(seed)],
                    check=True,
                    capture_output=True,
                ).stdout
                for n, message in enumerate([xml] + [mutate(xml, rng) for _ in range(3)]):
                    f = tmp_path / f"cc{kind}-{items}-{seed}-{n}.xml"
                    f.write_bytes(message)
                    files.append(f)
    return files


def test_spark_on_generated_and_mutated_declarations_as_the_cli(spark, tmp_path):
    example = load_example()
    files = generated_messages(tmp_path)
    # Held in a table, as a data lake holds them (not read as files).
    frame = spark.createDataFrame(
        [(f.name, f.read_bytes()) for f in files], "id string, message binary"
    ).repartition(2)
    assert frame.rdd.getNumPartitions() == 2
    got = table_rows(example.validate(frame).collect())
    want = {name.rsplit("/", 1)[-1]: rows for name, rows in cli_rows(files).items()}
    for name, rows in want.items():
        assert got.get(name, []) == rows, name
    assert set(got) <= set(want)
    # The originals are valid; the mutants make errors of many kinds, and
    # some messages cannot be read at all.
    assert not any(got.get(f.name) for f in files if f.stem.endswith("-0"))
    codes = {r[1] for rows in got.values() for r in rows if r[1] is not None}
    assert len(codes) >= 4, codes
    assert any(r[5] for rows in got.values() for r in rows)
    assert len(got) >= len(files) // 2
