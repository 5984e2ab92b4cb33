"""README.md's Python section runs as written: its Python example prints
the output the README shows, in this environment and (with EUCDM_WHEEL) in
a fresh virtual environment holding nothing but the wheel; its Spark command
finds the CLI's errors."""

import json
import os
import re
import shlex
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import REPO, cli_run

SECTION = (REPO / "README.md").read_text(encoding="utf-8").split("## Python and Spark", 1)[1]
SECTION = SECTION.split("\n## ", 1)[0]


def block(language: str, after: str = "") -> str:
    """The first ```language block of the section after the text ``after``."""
    found = re.search(rf"```{language}\n(.*?)```", SECTION[SECTION.index(after):], re.S)
    assert found, f"no {language} block in README's Python section"
    return found.group(1)


def run_example(python: str) -> str:
    run = subprocess.run(
        [python, "-c", block("python")], cwd=REPO, capture_output=True, text=True, encoding="utf-8"
    )
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_the_python_example_prints_what_the_readme_shows():
    assert run_example(sys.executable) == block("text", "```python")


@pytest.mark.skipif(
    not os.environ.get("EUCDM_WHEEL"), reason="EUCDM_WHEEL is the built wheel's path (.ci/run sets it)"
)
def test_the_wheel_alone_in_a_fresh_environment(tmp_path):
    # As a new user: a new virtual environment, the wheel installed by pip
    # from the file alone (--no-index: it needs nothing else), the example run.
    wheel = Path(os.environ["EUCDM_WHEEL"])
    assert wheel.is_file(), wheel
    subprocess.run([sys.executable, "-m", "venv", str(tmp_path / "venv")], check=True)
    python = str(tmp_path / "venv" / "bin" / "python")
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-index", str(wheel)], check=True
    )
    assert run_example(python) == block("text", "```python")


def test_the_spark_command_finds_the_cli_s_errors():
    if not os.environ.get("EUCDM_REQUIRE_SPARK"):
        pytest.importorskip("pyspark")
    [command] = [l for l in block("sh", "### On Spark").splitlines() if "spark_validate.py" in l]
    words = shlex.split(command)
    # The README's venv is the one this test runs in.
    assert words[0] == "../eucdm-venv/bin/python"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable)
    run = subprocess.run(
        [sys.executable, *words[1:]], cwd=REPO, capture_output=True, text=True, encoding="utf-8", env=env
    )
    assert run.returncode == 0, run.stderr
    got = Counter()
    for row in run.stdout.splitlines():
        path, *rest = row.split("\t")
        got[(Path(path.removeprefix("file:")).relative_to(REPO).as_posix(), *rest)] += 1
    want = Counter()
    folder = REPO / words[-1]
    # Spark reads the folder's subfolders too (recursiveFileLookup).
    files = [f for f in sorted(folder.rglob("*")) if f.suffix in (".xml", ".json")]
    for line in cli_run(files):
        report = json.loads(line)
        report["file"] = Path(report["file"]).relative_to(REPO).as_posix()
        for e in report.get("errors", []):
            value = "" if e["value"] is None else e["value"]
            want[(report["file"], report["message"], str(e["code"]), e["pointer"], e["reason"], value, "")] += 1
        if "error" in report:
            want[(report["file"], "", "", "", "", "", report["error"])] += 1
    assert want and got == want
