"""Validate customs declarations as the customs system would answer.

The shipped, compiled rule sets (NCTS P5 transit; HMRC's UK entry summary
declarations) and any rule directory, interpreted, give the reports
``eucdm validate`` gives: ``validate`` one message (``movement=``: in the
context of the other messages of its movement), ``validate_movement`` a whole
movement, ``validate_many`` a batch on every core, ``validate_arrow`` /
``validate_series`` a column (one row per error), e.g. inside Spark's
``mapInArrow``. ``RuleSet.shipped().with_codelists(dir)`` takes the code
lists of the day.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, List, Optional, Union

from ._eucdm import (
    AnswersError,
    CodelistsError,
    Error,
    ReadError,
    Report,
    RuleSet,
    RulesError,
    Violation,
)

if TYPE_CHECKING:
    from typing import Tuple

    import os

    import pandas
    import pyarrow

__all__ = [
    "AnswersError",
    "CodelistsError",
    "Error",
    "ReadError",
    "Report",
    "RuleSet",
    "RulesError",
    "Violation",
    "ERROR_SCHEMA_FIELDS",
    "error_schema",
    "validate",
    "validate_many",
    "validate_movement",
    "validate_arrow",
    "validate_series",
]

_shipped: Optional[RuleSet] = None


def _default() -> RuleSet:
    global _shipped
    if _shipped is None:
        _shipped = RuleSet.shipped()
    return _shipped


def validate(
    message: Union[bytes, str],
    date: Optional[str] = None,
    external: Optional[Union[str, "os.PathLike[str]"]] = None,
    ruleset: Optional[RuleSet] = None,
    movement: Optional[Iterable[Union[bytes, str]]] = None,
) -> Report:
    """Validate one message (XML, or JSON when it starts with ``{``).

    By default with the shipped rule sets, each message by the one that reads
    its type (as ``eucdm validate``). ``date``: judge by the rules in force on
    that day (``YYYY-MM-DD``). ``external``: a file of registry answers (as
    ``--external FILE``). ``movement``: the other messages of its movement
    (sent and received, any order); it is judged with those prepared before
    it, as ``--movement DIR`` judges it (without, the rules reading another
    message are undecided). Raises ``ReadError`` with the CLI's text when the
    message (or one of ``movement``) cannot be read.
    """
    return (ruleset or _default()).validate(
        message, date=date, external=external, movement=movement
    )


def validate_movement(
    messages: Iterable[Union[bytes, str]],
    date: Optional[str] = None,
    external: Optional[Union[str, "os.PathLike[str]"]] = None,
    ruleset: Optional[RuleSet] = None,
) -> "List[Tuple[int, Report]]":
    """Validate the messages of one movement as ``eucdm validate --movement DIR``.

    Each trader message is judged with the messages prepared before it;
    messages from customs (CC028C, CC043C) are context only. Returns
    ``(index in messages, Report)`` per trader message, in the order they
    were prepared. Raises ``ReadError`` (nothing validated) when a message
    cannot be read.
    """
    return (ruleset or _default()).validate_movement(
        messages, date=date, external=external
    )


def validate_many(
    messages: Iterable[Union[bytes, str]],
    jobs: Optional[int] = None,
    date: Optional[str] = None,
    external: Optional[Union[str, "os.PathLike[str]"]] = None,
    ruleset: Optional[RuleSet] = None,
) -> List[Union[Report, ReadError]]:
    """Validate every message on ``jobs`` threads (default: every core).

    The GIL is released while they are validated. Returns a list in input
    order: a ``Report`` per message, or the ``ReadError`` (returned, not
    raised) of a message that cannot be validated.
    """
    return (ruleset or _default()).validate_many(
        messages, jobs=jobs, date=date, external=external
    )


#: The columns of the error tables, in order, with their Arrow types' names.
ERROR_SCHEMA_FIELDS = (
    ("row", "int64"),
    ("message", "string"),
    ("code", "int32"),
    ("pointer", "string"),
    ("reason", "string"),
    ("value", "string"),
    ("error", "string"),
)


def error_schema(row_type: Any = None) -> "pyarrow.Schema":
    """The Arrow schema of ``validate_arrow``'s table (``row_type``: that of
    the row ids given, default int64)."""
    import pyarrow as pa

    fields = [(n, getattr(pa, t)()) for n, t in ERROR_SCHEMA_FIELDS]
    if row_type is not None:
        fields[0] = ("row", row_type)
    return pa.schema(fields)


def validate_arrow(
    messages: Union["pyarrow.Array", "pyarrow.ChunkedArray"],
    ids: Optional[Union["pyarrow.Array", "pyarrow.ChunkedArray"]] = None,
    jobs: Optional[int] = None,
    date: Optional[str] = None,
    external: Optional[Union[str, "os.PathLike[str]"]] = None,
    ruleset: Optional[RuleSet] = None,
) -> "pyarrow.Table":
    """Validate an Arrow array of messages (string or binary).

    Returns a table with one row per error: ``row`` (the message's index, or
    its entry of ``ids``), ``message`` (its type), ``code``, ``pointer``,
    ``reason``, ``value``; and one row per message that could not be
    validated (or is null), with only ``row`` and ``error`` (the CLI's text).
    A valid message has no row.
    """
    import pyarrow as pa

    columns = (ruleset or _default())._error_columns(
        messages.to_pylist(), jobs=jobs, date=date, external=external
    )
    row_ids = pa.array(columns["row"], pa.int64())
    if ids is not None:
        row_ids = ids.take(row_ids)
        if isinstance(row_ids, pa.ChunkedArray):
            row_ids = row_ids.combine_chunks()
    schema = error_schema(row_ids.type)
    arrays = [row_ids] + [pa.array(columns[f.name], f.type) for f in list(schema)[1:]]
    return pa.Table.from_arrays(arrays, schema=schema)


def validate_series(
    messages: "pandas.Series",
    jobs: Optional[int] = None,
    date: Optional[str] = None,
    external: Optional[Union[str, "os.PathLike[str]"]] = None,
    ruleset: Optional[RuleSet] = None,
) -> "pandas.DataFrame":
    """Validate a pandas Series of messages: ``validate_arrow``'s table as a
    DataFrame, ``row`` holding the Series' index labels."""
    import pyarrow as pa

    table = validate_arrow(
        pa.array(messages.tolist()),
        ids=pa.array(messages.index.tolist()),
        jobs=jobs,
        date=date,
        external=external,
        ruleset=ruleset,
    )
    return table.to_pandas()
