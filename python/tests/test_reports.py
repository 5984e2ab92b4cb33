"""The Python reports are the CLI's, byte for byte, over every fixture and
(with ../shared) every official example."""

import json

import pytest

import eucdm
from conftest import EXAMPLES, FIXTURES, assert_same, cli_lines, messages_in

FIXTURE_FILES = messages_in(FIXTURES)


def test_there_are_fixtures():
    assert len(FIXTURE_FILES) > 1000


def test_validate_is_the_cli_on_every_fixture():
    lines = cli_lines(FIXTURE_FILES)
    for file, line in zip(FIXTURE_FILES, lines):
        try:
            result = eucdm.validate(file.read_bytes())
        except eucdm.ReadError as e:
            result = e
        assert_same(result, file, line)


def test_validate_many_is_validate_in_order():
    data = [f.read_bytes() for f in FIXTURE_FILES]
    many = eucdm.validate_many(data, jobs=3)
    one = eucdm.validate_many(data, jobs=1)
    assert len(many) == len(data)
    for a, b, f in zip(many, one, FIXTURE_FILES):
        if isinstance(a, Exception):
            assert type(a) is type(b) and str(a) == str(b), f
        else:
            assert a.to_json() == b.to_json(), f


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="needs ../shared beside the repository")
def test_official_examples_as_the_cli():
    files = messages_in(EXAMPLES)
    assert files
    lines = cli_lines(files)
    results = eucdm.validate_many([f.read_bytes() for f in files])
    for file, result, line in zip(files, results, lines):
        assert_same(result, file, line)


def test_date_as_the_cli():
    files = FIXTURE_FILES[:200]
    lines = cli_lines(files, "--date", "2026-01-15")
    for file, line in zip(files, lines):
        results = eucdm.validate_many([file.read_bytes()], date="2026-01-15")
        assert_same(results[0], file, line)


def test_external_answers_as_the_cli():
    pairs = sorted(FIXTURES.rglob("*.external"))
    assert pairs
    for answers in pairs:
        file = answers.with_suffix(".xml")
        if not file.is_file():
            continue
        [line] = cli_lines([file], "--external", str(answers))
        assert_same(eucdm.validate(file.read_bytes(), external=answers), file, line)


def test_a_str_is_read_as_its_bytes():
    file = next(f for f in FIXTURE_FILES if f.suffix == ".xml")
    text = file.read_text(encoding="utf-8")
    assert eucdm.validate(text).to_json() == eucdm.validate(file.read_bytes()).to_json()


def test_report_fields_and_dict():
    file = FIXTURES.parent.parent / "examples" / "ncts-p5" / "tir-without-carnet-invalid.xml"
    r = eucdm.validate(file.read_bytes())
    assert (r.valid, r.message, r.truncated) == (False, "CC015C", False)
    [e] = r.errors
    assert (e.code, e.pointer, e.reason, e.value) == (
        13,
        "/CC015C/TransitOperation/TIRCarnetNumber",
        "C0411",
        None,
    )
    assert r.undecided[0] == ("/CC015C/Consignment/Carrier/identificationNumber", "R0840")
    assert r.to_dict() == json.loads(r.to_json())
    assert r.to_dict(file="x")["file"] == "x"


def test_named_shipped_rule_sets():
    assert eucdm.RuleSet.shipped("ncts-p5").name == "ncts-p5"
    with pytest.raises(ValueError, match="no shipped rule set `ncts`"):
        eucdm.RuleSet.shipped("ncts")


def test_a_rule_directory_interpreted_as_the_cli():
    rules = FIXTURES.parent.parent / "rules" / "ncts-p5"
    interpreted = eucdm.RuleSet.from_dir(rules)
    assert interpreted.name == str(rules)
    files = [f for f in FIXTURE_FILES if "/CC015C/" in f.as_posix()][:150]
    lines = cli_lines(files, "--rules", str(rules))
    results = interpreted.validate_many([f.read_bytes() for f in files])
    for file, result, line in zip(files, results, lines):
        assert_same(result, file, line)
