"""The code lists of the day, ``RuleSet.with_codelists(dir)``, as ``eucdm
validate --codelists DIR``: the same reports, byte for byte, and the same
refusals."""

import subprocess

import pytest

import eucdm
from conftest import FIXTURES, REPO, assert_same, cli_lines, cli_path, messages_in

# A fixture X.xml with a folder X.codelists: X judged with those lists.
CODELIST_FIXTURES = sorted(
    d.with_suffix(".xml")
    for d in FIXTURES.rglob("*.codelists")
    if d.is_dir() and d.with_suffix(".xml").is_file()
)
BASE = FIXTURES / "ncts-p5" / "CC015C" / "base.xml"


def write(folder, files):
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def cli_stderr(*arguments):
    run = subprocess.run(
        [str(cli_path()), "validate", "--quiet", *[str(a) for a in arguments]],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    return run.returncode, run.stderr


def test_there_are_codelist_fixtures():
    assert len(CODELIST_FIXTURES) >= 6


def test_every_codelist_fixture_as_the_cli():
    for fixture in CODELIST_FIXTURES:
        lists = fixture.with_suffix(".codelists")
        [line] = cli_lines([fixture], "--codelists", str(lists))
        rules = eucdm.RuleSet.shipped().with_codelists(lists)
        assert_same(rules.validate(fixture.read_bytes()), fixture, line)
        # The lists change the answer of at least the failing fixtures.
        if fixture.name.startswith("fail"):
            assert rules.validate(fixture.read_bytes()).to_json() != eucdm.validate(
                fixture.read_bytes()
            ).to_json()


def test_a_batch_and_a_movement_take_the_lists_too(tmp_path):
    # Offices of departure without DE004058: the example movement's
    # declaration is then refused (error 12 on CL171) everywhere.
    lists = write(tmp_path / "lists", {"CL171.csv": "code\nDE004059\n"})
    rules = eucdm.RuleSet.shipped().with_codelists(lists)
    assert rules.codelists == ["CL171"]
    movement = REPO / "examples" / "ncts-p5" / "movement-de-invalidation"
    files = messages_in(movement)
    fixtures = messages_in(FIXTURES / "ncts-p5" / "CC015C")[:100]
    lines = cli_lines(fixtures, "--codelists", str(lists))
    for file, result, line in zip(fixtures, rules.validate_many([f.read_bytes() for f in fixtures], jobs=2), lines):
        assert_same(result, file, line)
    run = subprocess.run(
        [str(cli_path()), "validate", "--format", "json", "--quiet", "--codelists", str(lists), "--movement", str(movement)],
        capture_output=True, text=True, encoding="utf-8",
    )
    results = rules.validate_movement([f.read_bytes() for f in files])
    assert "CL171" in [e.reason for e in results[0][1].errors]
    for (i, report), line in zip(results, run.stdout.splitlines()):
        assert_same(report, files[i], line)
    # The rule set it was made from keeps its compiled-in lists.
    assert eucdm.RuleSet.shipped().codelists is None
    assert "CL171" not in [e.reason for e in eucdm.validate_movement([f.read_bytes() for f in files])[0][1].errors]


def test_an_interpreted_rule_set_takes_them_as_the_compiled_one(tmp_path):
    fixture = next(f for f in CODELIST_FIXTURES if f.name.startswith("fail"))
    lists = fixture.with_suffix(".codelists")
    compiled = eucdm.RuleSet.shipped("ncts-p5").with_codelists(lists)
    interpreted = eucdm.RuleSet.from_dir(REPO / "rules" / "ncts-p5").with_codelists(lists)
    assert compiled.validate(fixture.read_bytes()).to_json() == interpreted.validate(fixture.read_bytes()).to_json()


def test_a_bad_folder_raises_the_cli_s_text(tmp_path):
    bad = write(
        tmp_path / "bad",
        {
            "CL048.csv": "code,description,valid_from,valid_to\nEUR,Euro,,\nEUR,Euro again,,\nGEL,Lari,2025-02-30,\n",
            "CL017.csv": "description\nDrum\n",
        },
    )
    none = write(tmp_path / "none", {"CL999.csv": "code\nX\n"})
    missing = tmp_path / "nowhere"
    for folder in (bad, none, missing):
        status, stderr = cli_stderr("--codelists", folder, BASE)
        assert status == 2
        with pytest.raises(eucdm.CodelistsError) as e:
            eucdm.RuleSet.shipped().with_codelists(folder)
        assert isinstance(e.value, eucdm.Error)
        assert stderr == "".join(f"eucdm: {l}\n" for l in str(e.value).splitlines())
    assert "CL048.csv:4:10: `2025-02-30` is not a date" in str(
        pytest.raises(eucdm.CodelistsError, eucdm.RuleSet.shipped().with_codelists, bad).value
    )


def test_files_naming_no_list_are_listed(tmp_path):
    shipped = (REPO / "codelists" / "CL048.csv").read_text(encoding="utf-8")
    folder = write(tmp_path / "lists", {"CL048.csv": shipped, "CL999.csv": "code\nX\n", "cl017.csv": "code\nPX\n"})
    rules = eucdm.RuleSet.shipped().with_codelists(folder)
    assert (rules.codelists, rules.codelists_unused) == (["CL048"], ["CL999.csv", "cl017.csv"])
    assert repr(rules) == "<RuleSet shipped with CL048>"
    assert eucdm.validate(BASE.read_bytes(), ruleset=rules).valid
