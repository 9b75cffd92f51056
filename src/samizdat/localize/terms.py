"""Words samizdat generates itself (chart labels, page furniture), pandoc's "term tables".

They are extracted into ``templates.pot`` together with the Jinja templates' strings, so a
translator finds every interface word in one catalog. ``N_`` only marks a string.
"""

from __future__ import annotations

from typing import Any


def N_(message: str) -> str:
    return message


def NC_(context: str, message: str) -> tuple[str, str]:
    """A string with its msgctxt: where it appears, or the grammatical case it is in."""
    return context, message


CHART_LABELS: dict[str, str] = {
    "for": N_("For"),
    "against": N_("Against"),
    "abstained": N_("Abstained"),
}

PAGE_OF = N_("Page %(page)s of %(pages)s")

BOX_LABEL = "box"  # msgctxt of a box kind's label (theme.toml [boxes.<kind>] label)

CONTENTS = N_("Contents")  # the heading of a table of contents

# Numbered captions; the caption's own text comes last.
CAPTIONS = {
    "fig": NC_("caption", "Figure %(num)s. %(caption)s"),
    "tbl": NC_("caption", "Table %(num)s. %(caption)s"),
}

# What @fig:votes and @tbl:groups read as in running text, per grammatical case: a
# translator of a document writes @fig:votes{gen} where the sentence needs the genitive
# ("паводле малюнка 2"), and the words for each case are translated once, here.
REFERENCES = {
    # TRANSLATORS: '@fig:id' in a sentence, in the case the msgctxt names ('@fig:id{gen}', dat, acc, ins, loc); English has one form
    ("fig", ""): NC_("cross-reference", "Figure %(num)s"),
    ("fig", "gen"): NC_("cross-reference, genitive", "Figure %(num)s"),
    ("fig", "dat"): NC_("cross-reference, dative", "Figure %(num)s"),
    ("fig", "acc"): NC_("cross-reference, accusative", "Figure %(num)s"),
    ("fig", "ins"): NC_("cross-reference, instrumental", "Figure %(num)s"),
    ("fig", "loc"): NC_("cross-reference, locative (prepositional)", "Figure %(num)s"),
    # TRANSLATORS: '@tbl:id' in a sentence, in the grammatical case the msgctxt names (see 'Figure %(num)s').
    ("tbl", ""): NC_("cross-reference", "Table %(num)s"),
    ("tbl", "gen"): NC_("cross-reference, genitive", "Table %(num)s"),
    ("tbl", "dat"): NC_("cross-reference, dative", "Table %(num)s"),
    ("tbl", "acc"): NC_("cross-reference, accusative", "Table %(num)s"),
    ("tbl", "ins"): NC_("cross-reference, instrumental", "Table %(num)s"),
    ("tbl", "loc"): NC_("cross-reference, locative (prepositional)", "Table %(num)s"),
    # TRANSLATORS: @sec:id, a reference to a section by its heading; put your language's quotation marks.
    ("sec", ""): NC_("cross-reference", "\u201c%(title)s\u201d"),
}


def count_votes(ui: Any, n: int) -> str:
    """'458 votes', with the plural form the language needs (be/ru: one, few, many)."""
    return ui.ngettext("%(num)s vote", "%(num)s votes", n, num=ui.number(n))
