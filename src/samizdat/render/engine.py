"""WeasyPrint, imported once per process and only by the commands that lay out pages.

A plain ``import weasyprint``: samizdat does not alter how its dependencies load. (Why
the import takes a third of a second on Linux, and what WeasyPrint could change about it,
is written up in ``docs/weasyprint-import-proposal.md``.)
"""

from __future__ import annotations

from types import ModuleType


def load() -> ModuleType:
    """``weasyprint``, imported on the first call."""
    import weasyprint

    return weasyprint
