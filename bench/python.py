"""The Python package's benchmark, as ratios measured in one run:

1. ``eucdm.validate_many`` against ``eucdm validate --format json`` on the
   same files (each reading the files and writing each report's JSON line),
   on 1 thread and on every core: the binding's overhead per message;
2. Spark local mode, 1 and then 2 cores, validating a DataFrame of
   ``--spark-rows`` messages through ``examples/spark_validate.py``: rows per
   second, and how it scales.

Run by ``bash bench/python.sh`` (which builds the release CLI, eucdm-gen and
the wheel first); prints Markdown.
"""

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import eucdm

REPO = Path(__file__).resolve().parents[1]
#: The trader messages the generator writes, and its --items for each.
KINDS = [("015", 1), ("015", 5), ("015", 20), ("013", 3), ("014", 1), ("170", 4), ("007", 2), ("044", 5)]


def pool(gen: Path, seeds: int):
    """Distinct valid messages: every kind of KINDS for seeds 1..seeds."""
    out = []
    for seed in range(1, seeds + 1):
        for kind, items in KINDS:
            out.append(
                subprocess.run(
                    [str(gen), "--message", kind, "--items", str(items), "--seed", str(seed)],
                    check=True,
                    capture_output=True,
                ).stdout
            )
    return out


def best(times):
    return min(times)


def timed(run, samples):
    times = []
    for _ in range(samples):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    return best(times)


def cli_vs_python(cli: Path, messages, files_n: int, samples: int, cores: int):
    with tempfile.TemporaryDirectory(prefix="eucdm-bench-py-") as tmp:
        files = []
        for i in range(files_n):
            f = Path(tmp) / f"m{i:07d}.xml"
            f.write_bytes(messages[i % len(messages)])
            files.append(f)

        def cli_run(jobs):
            subprocess.run(
                [str(cli), "validate", "--format", "json", "--quiet", "--jobs", str(jobs), tmp],
                stdout=subprocess.DEVNULL,
                check=False,
            )

        def python_run(jobs):
            data = [f.read_bytes() for f in files]
            results = eucdm.validate_many(data, jobs=jobs)
            lines = [r.to_json(file=str(f)) for r, f in zip(results, files)]
            assert len(lines) == len(files)

        rows = []
        for jobs in sorted({1, cores}):
            c = timed(lambda: cli_run(jobs), samples)
            p = timed(lambda: python_run(jobs), samples)
            rows.append((jobs, c, p))
        return rows


def spark_rates(messages, rows_n: int, partitions: int, samples: int):
    from pyspark.sql import SparkSession, functions as F

    spec = importlib.util.spec_from_file_location("spark_validate", REPO / "examples" / "spark_validate.py")
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    rates = []
    for cores in (1, 2):
        spark = (
            SparkSession.builder.master(f"local[{cores}]")
            .appName(f"eucdm-bench-{cores}")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .getOrCreate()
        )
        spark.sparkContext.setLogLevel("ERROR")
        pool_df = spark.createDataFrame(
            [(i, m) for i, m in enumerate(messages)], "k long, message binary"
        )
        frame = (
            spark.range(rows_n, numPartitions=partitions)
            .withColumn("k", F.col("id") % len(messages))
            .join(F.broadcast(pool_df), "k")
            .select("id", "message")
            .cache()
        )
        frame.count()  # materialized: the timing is the validation's
        job = lambda: example.validate(frame).write.format("noop").mode("overwrite").save()
        job()  # warm-up: Python workers started, the module loaded
        seconds = timed(job, samples)
        rates.append((cores, seconds, rows_n / seconds))
        frame.unpersist()
        spark.stop()
    return rates


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--target", default=os.environ.get("CARGO_TARGET_DIR", str(REPO / "target")))
    p.add_argument("--files", type=int, default=10_000)
    p.add_argument("--spark-rows", type=int, default=100_000)
    p.add_argument("--seeds", type=int, default=25)
    p.add_argument("--samples", type=int, default=3)
    args = p.parse_args()
    release = Path(args.target) / "release"
    cores = os.cpu_count() or 1
    messages = pool(release / "eucdm-gen", args.seeds)
    sizes = statistics.mean(len(m) for m in messages)
    print("## Python package (bench/python.py)\n")
    print(
        f"{len(messages)} distinct valid trader messages from eucdm-gen (CC015C, CC013C, CC014C, "
        f"CC170C, CC007C, CC044C; mean {sizes:,.0f} bytes), {cores} cores, best of {args.samples}.\n"
    )
    print(f"### validate_many vs the CLI, {args.files:,} files\n")
    print("| threads | CLI `validate --format json` | Python `validate_many` + `to_json` | Python / CLI | Python µs/message |")
    print("|---|---|---|---|---|")
    for jobs, c, py in cli_vs_python(release / "eucdm", messages, args.files, args.samples, cores):
        print(f"| {jobs} | {c:.3f} s | {py:.3f} s | {py / c:.2f} | {py / args.files * 1e6:.0f} |")
    print(f"\n### Spark local mode, {args.spark_rows:,} messages, mapInArrow (examples/spark_validate.py)\n")
    print("| cores | seconds | rows/s | vs 1 core |")
    print("|---|---|---|---|")
    rates = spark_rates(messages, args.spark_rows, 4, args.samples)
    for cores_n, seconds, rate in rates:
        print(f"| {cores_n} | {seconds:.2f} | {rate:,.0f} | {rate / rates[0][2]:.2f} |")
    print(
        f"\nA million declarations at the 2-core rate: {1e6 / rates[-1][2] / 60:.1f} minutes "
        f"({1e6 / rates[-1][2] * 2 / 3600:.2f} core-hours)."
    )


if __name__ == "__main__":
    main()
