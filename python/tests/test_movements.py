"""Movement context as ``eucdm validate --movement DIR``: the Python reports
are the CLI's lines, byte for byte, for every movement fixture and the
example movement."""

import shutil

import pytest

import eucdm
from conftest import FIXTURES, REPO, assert_same, cli_lines, cli_run, messages_in

# A fixture X.xml with a folder X.movement: X judged with the messages of
# the folder as the rest of its movement.
MOVEMENT_FIXTURES = sorted(
    d.with_suffix(".xml")
    for d in FIXTURES.rglob("*.movement")
    if d.is_dir() and d.with_suffix(".xml").is_file()
)
EXAMPLE = REPO / "examples" / "ncts-p5" / "movement-de-invalidation"


def test_there_are_movement_fixtures():
    assert len(MOVEMENT_FIXTURES) >= 80


def test_validate_in_its_movement_is_the_cli(tmp_path):
    for i, fixture in enumerate(MOVEMENT_FIXTURES):
        context = messages_in(fixture.with_suffix(".movement"))
        # The CLI takes a movement as one folder: the fixture and its context.
        folder = tmp_path / str(i)
        folder.mkdir()
        for f in context + [fixture]:
            shutil.copy(f, folder / f.name)
        lines = cli_run(["--movement", str(folder)])
        [line] = [l for l in lines if f'"file":"{folder / fixture.name}"' in l]
        report = eucdm.validate(
            fixture.read_bytes(), movement=[f.read_bytes() for f in context]
        )
        assert_same(report, folder / fixture.name, line)


def test_without_its_movement_a_rule_reading_another_message_is_undecided():
    fixture = FIXTURES / "ncts-p5" / "CC014C" / "C0467" / "fail.xml"
    context = [f.read_bytes() for f in messages_in(fixture.with_suffix(".movement"))]
    alone = eucdm.validate(fixture.read_bytes())
    within = eucdm.validate(fixture.read_bytes(), movement=context)
    assert "C0467" in [r for _, r in alone.undecided]
    assert "C0467" in [e.reason for e in within.errors]
    assert "C0467" not in [r for _, r in within.undecided]


def test_an_empty_movement_means_no_other_message_was_sent(tmp_path):
    # C0467 without a CC028C takes its ELSE branch (LRN, no MRN), as with a
    # movement folder holding the message alone.
    fixture = FIXTURES / "ncts-p5" / "CC014C" / "C0467" / "fail.xml"
    shutil.copy(fixture, tmp_path / fixture.name)
    [line] = cli_run(["--movement", str(tmp_path)])
    report = eucdm.validate(fixture.read_bytes(), movement=[])
    assert "C0467" not in [r for _, r in report.undecided]
    assert_same(report, tmp_path / fixture.name, line)


def test_validate_movement_is_the_cli_on_the_example():
    files = messages_in(EXAMPLE)
    lines = cli_run(["--movement", str(EXAMPLE)])
    results = eucdm.validate_movement([f.read_bytes() for f in files])
    assert len(results) == len(lines) == 2
    for (i, report), line in zip(results, lines):
        assert_same(report, files[i], line)


def test_validate_movement_is_the_cli_on_every_fixture_movement(tmp_path):
    for i, fixture in enumerate(MOVEMENT_FIXTURES):
        folder = tmp_path / str(i)
        folder.mkdir()
        for f in messages_in(fixture.with_suffix(".movement")) + [fixture]:
            shutil.copy(f, folder / f.name)
        files = messages_in(folder)
        lines = cli_run(["--movement", str(folder)])
        results = eucdm.validate_movement([f.read_text() for f in files])
        assert len(results) == len(lines), fixture
        for (j, report), line in zip(results, lines):
            assert_same(report, files[j], line)


def test_a_message_given_as_its_own_later_context_is_not_read():
    # Messages of the movement prepared after the one validated are not its
    # context, as in a movement folder.
    files = messages_in(EXAMPLE)
    declaration = files[0]
    later = [f.read_bytes() for f in files[1:]]
    [first_line, _] = cli_run(["--movement", str(EXAMPLE)])
    assert_same(eucdm.validate(declaration.read_bytes(), movement=later), declaration, first_line)


def test_a_message_from_customs_is_context_only():
    cc028c = next(f for f in messages_in(EXAMPLE) if "cc028c" in f.name)
    [line] = cli_lines([cc028c])
    with pytest.raises(eucdm.ReadError) as e:
        eucdm.validate(cc028c.read_bytes(), movement=[])
    assert_same(e.value, cc028c, line)
    indexes = [i for i, _ in eucdm.validate_movement([f.read_bytes() for f in messages_in(EXAMPLE)])]
    assert messages_in(EXAMPLE).index(cc028c) not in indexes


def test_an_unreadable_message_of_the_movement_is_refused():
    files = [f.read_bytes() for f in messages_in(EXAMPLE)]
    with pytest.raises(eucdm.ReadError) as e:
        eucdm.validate_movement(files + [b"<x/>"])
    text = str(e.value).splitlines()
    assert text[0] == "movement not validated: 1 of its messages could not be read"
    assert text[1].startswith(f"message {len(files)}: line 1, column 1: root element <x>")
    with pytest.raises(eucdm.ReadError, match="movement not validated"):
        eucdm.validate(files[0], movement=[b"not xml"])
    with pytest.raises(TypeError, match="a message is bytes or str, not int"):
        eucdm.validate(files[0], movement=[1])
