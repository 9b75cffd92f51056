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


CHART_LABELS: dict[str, tuple[str, str]] = {
    # TRANSLATORS: legend of the vote chart, beside a coloured square; one short word (at most 14 characters)
    "for": NC_("vote chart, legend", "For"),
    # TRANSLATORS: legend of the vote chart, beside a coloured square; one short word (at most 14 characters)
    "against": NC_("vote chart, legend", "Against"),
    # TRANSLATORS: legend of the vote chart (those who abstained), beside a coloured square; at most 14 characters
    "abstained": NC_("vote chart, legend", "Abstained"),
}

# TRANSLATORS: beside the QR code on the back of a handout, above the address; at most about 30 characters
ONLINE_LABEL = NC_("handout, beside the QR code", "Read this handout online")

# TRANSLATORS: the footer of every PDF and DOCX page, right-aligned; keep both placeholders
PAGE_OF = NC_("page footer", "Page %(page)s of %(pages)s")

BOX_LABEL = "box"  # msgctxt of a box kind's label (theme.toml [boxes.<kind>] label)

# TRANSLATORS: the heading above a table of contents (PDF, Word, web page); one word if your language allows
CONTENTS = NC_("table of contents, heading", "Contents")

# Numbered captions; the caption's own text comes last.
CAPTIONS = {
    # TRANSLATORS: the label before a numbered figure's caption, then the caption itself
    "fig": NC_("caption", "Figure %(num)s. %(caption)s"),
    # TRANSLATORS: the label before a numbered table's caption, then the caption itself
    "tbl": NC_("caption", "Table %(num)s. %(caption)s"),
}

# What @fig:votes and @tbl:groups read as in running text, per grammatical case: a
# translator of a document writes @fig:votes{gen} where the sentence needs the genitive
# ("паводле малюнка 2"), and the words for each case are translated once, here.
REFERENCES = {
    # TRANSLATORS: a figure named in running text, written '@fig:id' (the nominative); lower case unless your language capitalises it
    ("fig", ""): NC_("cross-reference", "Figure %(num)s"),
    # TRANSLATORS: a figure named in running text, written '@fig:id{gen}'; lower case unless your language capitalises it
    ("fig", "gen"): NC_("cross-reference, genitive", "Figure %(num)s"),
    # TRANSLATORS: a figure named in running text, written '@fig:id{dat}'; lower case unless your language capitalises it
    ("fig", "dat"): NC_("cross-reference, dative", "Figure %(num)s"),
    # TRANSLATORS: a figure named in running text, written '@fig:id{acc}'; lower case unless your language capitalises it
    ("fig", "acc"): NC_("cross-reference, accusative", "Figure %(num)s"),
    # TRANSLATORS: a figure named in running text, written '@fig:id{ins}'; lower case unless your language capitalises it
    ("fig", "ins"): NC_("cross-reference, instrumental", "Figure %(num)s"),
    # TRANSLATORS: a figure named in running text, written '@fig:id{loc}'; lower case unless your language capitalises it
    ("fig", "loc"): NC_("cross-reference, locative (prepositional)", "Figure %(num)s"),
    # TRANSLATORS: a table named in running text, written '@tbl:id' (the nominative); lower case unless your language capitalises it
    ("tbl", ""): NC_("cross-reference", "Table %(num)s"),
    # TRANSLATORS: a table named in running text, written '@tbl:id{gen}'; lower case unless your language capitalises it
    ("tbl", "gen"): NC_("cross-reference, genitive", "Table %(num)s"),
    # TRANSLATORS: a table named in running text, written '@tbl:id{dat}'; lower case unless your language capitalises it
    ("tbl", "dat"): NC_("cross-reference, dative", "Table %(num)s"),
    # TRANSLATORS: a table named in running text, written '@tbl:id{acc}'; lower case unless your language capitalises it
    ("tbl", "acc"): NC_("cross-reference, accusative", "Table %(num)s"),
    # TRANSLATORS: a table named in running text, written '@tbl:id{ins}'; lower case unless your language capitalises it
    ("tbl", "ins"): NC_("cross-reference, instrumental", "Table %(num)s"),
    # TRANSLATORS: a table named in running text, written '@tbl:id{loc}'; lower case unless your language capitalises it
    ("tbl", "loc"): NC_("cross-reference, locative (prepositional)", "Table %(num)s"),
    # TRANSLATORS: a section named in running text by its heading ('@sec:id'); use your language's quotation marks
    ("sec", ""): NC_("cross-reference", "\u201c%(title)s\u201d"),
}


def count_votes(ui: Any, n: int) -> str:
    """'458 votes', with the plural form the language needs (be/ru: one, few, many)."""
    # TRANSLATORS: under a bar of the vote chart: '458 votes'; the number is already formatted
    return ui.npgettext("vote chart, count", "%(num)s vote", "%(num)s votes", n, num=ui.number(n))
