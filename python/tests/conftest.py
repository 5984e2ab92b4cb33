"""What the tests compare with: the repository's fixtures and official
examples, and the CLI (``eucdm``) that answers for them."""

import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
# The official NCTS examples, when ../shared lies beside the repository.
EXAMPLES = REPO.parent / "shared" / "data" / "ncts-p5" / "examples"


def messages_in(folder: Path):
    """The message files of ``folder`` as ``eucdm validate DIR`` takes them,
    recursively: *.xml and *.json, not *.expected.json, sorted."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and (p.suffix.lower() == ".xml" or p.suffix.lower() == ".json")
        and not p.name.lower().endswith(".expected.json")
    )


def cli_path() -> Path:
    """The CLI: $EUCDM_CLI, else the workspace's debug or release build."""
    return tool_path("eucdm", "EUCDM_CLI")


def tool_path(name: str, variable: str) -> Path:
    """A workspace binary: $variable, else the workspace's debug or release build."""
    given = os.environ.get(variable)
    candidates = [Path(given)] if given else []
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    candidates += [target / "debug" / name, target / "release" / name]
    for c in candidates:
        if c.is_file():
            return c
    pytest.fail(f"no {name} binary: build it (cargo build --workspace) or set {variable}")


def cli_run(arguments):
    """The CLI's JSON lines for ``eucdm validate ARGUMENTS``."""
    run = subprocess.run(
        [str(cli_path()), "validate", "--format", "json", "--quiet", *arguments],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert run.returncode in (0, 1, 2), run.stderr
    return run.stdout.splitlines()


def cli_lines(files, *options):
    """The CLI's JSON lines for ``files``, one per file, in order."""
    lines = cli_run([*options] + [str(f) for f in files])
    assert len(lines) == len(files)
    return lines


def assert_same(result, file, line: str):
    """A Python result is the CLI's ``line`` for ``file``: a Report's JSON
    byte for byte; a ReadError's text the line's ``error``."""
    if isinstance(result, Exception):
        assert json.loads(line) == {"file": str(file), "error": str(result)}
    else:
        assert result.to_json(file=str(file)) == line
