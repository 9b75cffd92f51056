"""Diagnostics: every problem names a file and a line, and the CLI prints them as
``path:line: error: message`` (the format compilers and editors understand).

Stages collect diagnostics and raise :class:`SamizdatError` once, so a user sees every
error in a file at the same time rather than one per run.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int | None
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity.value}: {self.message}"


class SamizdatError(Exception):
    """One or more errors in the user's input; never a bug in samizdat."""

    def __init__(self, diagnostics: Iterable[Diagnostic] | Diagnostic):
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def error(path: str | Path, line: int | None, message: str) -> SamizdatError:
    return SamizdatError(Diagnostic(str(path), line, message))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean …?)' suffix when a close match exists, else ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class UsageError(Exception):
    """A bad command line (an unknown option value, a malformed name): the CLI prints
    'samizdat: error: …' and exits 2."""


class Report:
    """Collects diagnostics from one stage; raise with :meth:`raise_errors`."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def error(self, path: str | Path, line: int | None, message: str) -> None:
        self.items.append(Diagnostic(str(path), line, message, Severity.ERROR))

    def warning(self, path: str | Path, line: int | None, message: str) -> None:
        self.items.append(Diagnostic(str(path), line, message, Severity.WARNING))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.WARNING]

    def raise_errors(self) -> None:
        if self.errors:
            raise SamizdatError(self.errors)
