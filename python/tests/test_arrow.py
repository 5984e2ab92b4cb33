"""validate_arrow / validate_series: one row per error, as the reports say."""

import pytest

import eucdm
from conftest import FIXTURES, messages_in

pa = pytest.importorskip("pyarrow")


def expected_rows(messages, ids):
    rows = []
    for i, m in zip(ids, messages):
        if m is None:
            rows.append((i, None, None, None, None, None, "no message (the value is null)"))
            continue
        try:
            r = eucdm.validate(m)
        except eucdm.ReadError as e:
            rows.append((i, None, None, None, None, None, str(e)))
            continue
        rows += [(i, r.message, e.code, e.pointer, e.reason, e.value, None) for e in r.errors]
    return rows


def test_arrow_table_is_the_reports():
    files = messages_in(FIXTURES)[:300]
    messages = [f.read_bytes() for f in files] + [None, b"<x/>"]
    table = eucdm.validate_arrow(pa.array(messages, pa.binary()), jobs=2)
    assert table.schema == eucdm.error_schema()
    got = [tuple(r.values()) for r in table.to_pylist()]
    assert got == expected_rows(messages, range(len(messages)))
    assert any(r[2] is not None for r in got)


def test_ids_and_chunked_strings():
    files = messages_in(FIXTURES)[:50]
    texts = [f.read_text(encoding="utf-8") for f in files]
    ids = [f"m{i}" for i in range(len(texts))]
    chunked = pa.chunked_array([texts[:20], texts[20:]])
    table = eucdm.validate_arrow(chunked, ids=pa.chunked_array([ids[:20], ids[20:]]))
    assert table.schema.field("row").type == pa.string()
    assert [tuple(r.values()) for r in table.to_pylist()] == expected_rows(texts, ids)


def test_pandas_series_keeps_its_index():
    pd = pytest.importorskip("pandas")
    files = messages_in(FIXTURES)[:50]
    series = pd.Series([f.read_bytes() for f in files], index=[100 + i for i in range(len(files))])
    frame = eucdm.validate_series(series)
    assert list(frame.columns) == [n for n, _ in eucdm.ERROR_SCHEMA_FIELDS]
    want = expected_rows(list(series), list(series.index))
    assert [r[0] for r in want] == frame["row"].tolist()
    assert [r[3] for r in want] == frame["pointer"].tolist()
