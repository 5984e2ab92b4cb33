"""Bad input raises an exception with the CLI's text, never crashes."""

import json
import subprocess
import sys

import pytest

import eucdm
from conftest import REPO, cli_lines


@pytest.mark.parametrize(
    "message",
    [b"", b"<x/>", b"not xml", b"{", "<CC015C>", b"\xff\xfe\x00", b"<!DOCTYPE x><x/>", b"[1]"],
)
def test_unreadable_message_is_the_cli_error(message, tmp_path):
    file = tmp_path / "m.xml"
    file.write_bytes(message.encode() if isinstance(message, str) else message)
    [line] = cli_lines([file])
    with pytest.raises(eucdm.ReadError) as e:
        eucdm.validate(message)
    assert json.loads(line) == {"file": str(file), "error": str(e.value)}
    assert isinstance(e.value, eucdm.Error)


def test_a_message_from_customs_is_refused_as_by_the_cli():
    cc028 = next((REPO / "tests" / "fixtures").rglob("cc028c.xml"))
    [line] = cli_lines([cc028])
    with pytest.raises(eucdm.ReadError, match="CC028C is a message from customs") as e:
        eucdm.validate(cc028.read_bytes())
    assert json.loads(line)["error"] == str(e.value)


def test_not_a_message_type_is_a_type_error():
    with pytest.raises(TypeError, match="a message is bytes or str, not int"):
        eucdm.validate(3)
    with pytest.raises(TypeError):
        eucdm.validate_many([b"<x/>", None])


def test_a_date_not_in_the_calendar():
    with pytest.raises(ValueError, match="`2025-02-30` is not a date"):
        eucdm.validate(b"<x/>", date="2025-02-30")


def test_answers_that_cannot_be_read(tmp_path):
    with pytest.raises(eucdm.AnswersError):
        eucdm.validate(b"<x/>", external=tmp_path / "none")
    unknown = tmp_path / "a.txt"
    unknown.write_text("nohook valid X\n")
    with pytest.raises(eucdm.AnswersError):
        eucdm.validate(b"<x/>", external=unknown)


def test_a_rule_directory_with_errors(tmp_path):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "bad.rules").write_text("rule R0001 {\n")
    with pytest.raises(eucdm.RulesError, match="has errors"):
        eucdm.RuleSet.from_dir(tmp_path / "rules")


def test_a_crash_would_show_in_a_child_interpreter():
    # Hostile inputs in a fresh interpreter: a panic or abort would kill it.
    code = (
        "import eucdm\n"
        "for m in [b'<' * 100000, b'{' * 100000, b'<a>' * 50000, bytes(range(256))]:\n"
        "    try: eucdm.validate(m)\n"
        "    except eucdm.ReadError: pass\n"
        "print('ok')\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.stdout.strip() == "ok", run.stderr
