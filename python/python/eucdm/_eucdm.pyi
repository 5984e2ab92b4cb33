"""Type stubs of the native module (see ``eucdm``)."""

import os
from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

_Message = Union[bytes, bytearray, str]
_Path = Union[str, "os.PathLike[str]"]

class Error(Exception):
    """Base class of the errors eucdm raises."""

class ReadError(Error):
    """A message that cannot be validated; the text is the CLI's error line."""

class RulesError(Error):
    """A rule directory with errors; the text is the compiler's diagnostics."""

class AnswersError(Error):
    """A file of registry answers that cannot be read or names an unknown hook."""

class CodelistsError(Error):
    """A folder of code lists of the day that cannot be used; every fault as file:line:column."""

class Violation:
    """One error: NCTS's functional error code, where, why, and the value."""

    @property
    def code(self) -> int: ...
    @property
    def pointer(self) -> str: ...
    @property
    def reason(self) -> str: ...
    @property
    def value(self) -> Optional[str]: ...

class Report:
    """The report of one message."""

    @property
    def valid(self) -> bool: ...
    @property
    def message(self) -> str: ...
    @property
    def errors(self) -> List[Violation]: ...
    @property
    def undecided(self) -> List[Tuple[str, str]]:
        """The checks not decided, as ``(pointer, reason)``."""
    @property
    def truncated(self) -> bool: ...
    @property
    def date(self) -> Optional[str]: ...
    def to_json(self, file: Optional[str] = None) -> str:
        """The CLI's JSON line for this report, byte for byte."""
    def to_dict(self, file: Optional[str] = None) -> Dict[str, Any]:
        """``to_json()`` as a dict."""

class RuleSet:
    """A shipped rule set, or a rule directory interpreted at run time."""

    @staticmethod
    def shipped(name: Optional[str] = None) -> "RuleSet":
        """All shipped sets (each message by its type), or "ncts-p5", "uk-ens", "uk-ens-legacy"."""
    @staticmethod
    def from_dir(rules: _Path, codelists: Optional[_Path] = None) -> "RuleSet":
        """A rule directory compiled and interpreted; RulesError when it has errors."""
    def with_codelists(self, dir: _Path) -> "RuleSet":
        """This rule set with the code lists of the day (``--codelists DIR``), each taken as complete."""
    @property
    def name(self) -> str: ...
    @property
    def codelists(self) -> Optional[List[str]]:
        """The ids of the code lists of the day taken, or None."""
    @property
    def codelists_unused(self) -> List[str]:
        """The CSV files of the ``with_codelists`` folder that name no list of the rule set."""
    def validate(
        self,
        message: _Message,
        date: Optional[str] = None,
        external: Optional[_Path] = None,
        movement: Optional[Iterable[_Message]] = None,
    ) -> Report:
        """One message's report (in its ``movement``); ReadError when it cannot be validated."""
    def validate_movement(
        self,
        messages: Iterable[_Message],
        date: Optional[str] = None,
        external: Optional[_Path] = None,
    ) -> List[Tuple[int, Report]]:
        """Each trader message of the movement, ``(index, Report)``, in the order prepared."""
    def validate_many(
        self,
        messages: Iterable[_Message],
        jobs: Optional[int] = None,
        date: Optional[str] = None,
        external: Optional[_Path] = None,
    ) -> List[Union[Report, ReadError]]:
        """Every message's report (or ReadError), in order, on ``jobs`` threads."""
    def _error_columns(
        self,
        messages: Iterable[Optional[_Message]],
        jobs: Optional[int] = None,
        date: Optional[str] = None,
        external: Optional[_Path] = None,
    ) -> Dict[str, List[Any]]:
        """Columns row, message, code, pointer, reason, value, error."""
