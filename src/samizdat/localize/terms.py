"""Words samizdat generates itself (chart labels, page furniture), pandoc's "term tables".

They are extracted into ``templates.pot`` together with the Jinja templates' strings, so a
translator finds every interface word in one catalog. ``N_`` only marks a string.
"""

from __future__ import annotations

from typing import Any


def N_(message: str) -> str:
    return message


CHART_LABELS: dict[str, str] = {
    "for": N_("For"),
    "against": N_("Against"),
    "abstained": N_("Abstained"),
}

PAGE_OF = N_("Page %(page)s of %(pages)s")

BOX_LABEL = "box"  # msgctxt of a box kind's label (theme.toml [boxes.<kind>] label)


def count_votes(ui: Any, n: int) -> str:
    """'458 votes', with the plural form the language needs (be/ru: one, few, many)."""
    return ui.ngettext("%(num)s vote", "%(num)s votes", n, num=ui.number(n))
