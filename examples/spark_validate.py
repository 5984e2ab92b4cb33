"""Validate customs messages on Spark with eucdm: one row per error.

The messages are read as files (Spark's binaryFile source: a local folder,
HDFS, S3, ...), validated in each partition by ``eucdm.validate_arrow``
inside ``mapInArrow``, and the errors written as Parquet (``--out``) or
printed. Each row: ``id`` (the file's path), ``message`` (its type),
``code``, ``pointer``, ``reason``, ``value``, or ``error`` (why the file
could not be validated, the CLI's text). A valid message has no row.

Locally (every core of this machine):

    python examples/spark_validate.py --master 'local[*]' tests/fixtures

On a cluster, unchanged, with the wheel installed on every executor (see
README, "Python"):

    spark-submit examples/spark_validate.py --out s3://bucket/errors s3://bucket/declarations
"""

import argparse
import os
import sys
from typing import Iterator

import pyarrow as pa

#: The columns after ``id``, as ``eucdm.validate_arrow`` gives them.
ERROR_COLUMNS = (
    "message string, code int, pointer string, reason string, value string, error string"
)


def errors_in(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """mapInArrow's function: the errors of each batch of ``(id, message)``.
    One thread per task (jobs=1): Spark runs a task per core already."""
    import eucdm

    for batch in batches:
        table = eucdm.validate_arrow(batch.column("message"), ids=batch.column("id"), jobs=1)
        table = table.rename_columns(["id", *table.column_names[1:]])
        yield from table.to_batches()


def validate(frame):
    """The errors of a DataFrame with columns ``id`` and ``message`` (string
    or binary: XML, or JSON starting with ``{``)."""
    id_type = frame.schema["id"].dataType.simpleString()
    return frame.select("id", "message").mapInArrow(errors_in, f"id {id_type}, {ERROR_COLUMNS}")


def read_messages(spark, paths, partitions=None):
    """The *.xml and *.json files under ``paths`` (not *.expected.json) as a
    DataFrame ``(id: the file's path, message: its bytes)``."""
    frame = (
        spark.read.format("binaryFile")
        .option("recursiveFileLookup", "true")
        .option("pathGlobFilter", "*.{xml,json}")
        .load(paths)
        .where(~spark_functions().col("path").endswith(".expected.json"))
        .selectExpr("path AS id", "content AS message")
    )
    return frame.repartition(partitions) if partitions else frame


def spark_functions():
    from pyspark.sql import functions

    return functions


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="folders or files of messages")
    parser.add_argument("--master", help="Spark master (default: as spark-submit sets it)")
    parser.add_argument("--partitions", type=int, help="repartition the messages into N")
    parser.add_argument("--out", help="write the errors as Parquet here instead of printing them")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("eucdm-validate")
    if args.master:
        builder = builder.master(args.master)
        if args.master.startswith("local"):
            # Local workers run this interpreter, the one eucdm is installed in.
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = builder.getOrCreate()
    errors = validate(read_messages(spark, args.paths, args.partitions))
    if args.out:
        errors.write.mode("overwrite").parquet(args.out)
    else:
        for row in errors.orderBy("id", "pointer").toLocalIterator():
            print("\t".join("" if v is None else str(v) for v in row))
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
