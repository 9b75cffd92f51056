"""Waivers: a translator comment that accepts one check's finding on one PO entry.

    # samizdat-allow: link — the Russian edition links to the Russian page
    msgctxt "paragraph"
    msgid "… [tsikhanouskaya.org](https://tsikhanouskaya.org/)."
    msgstr "… [tsikhanouskaya.org](https://tsikhanouskaya.org/ru/)."

A translator comment (``# ``), not a flag (``#, ``): the translator or editor types it in
Poedit's comment field, and gettext's msgmerge, Babel's update, Poedit and Weblate all keep
translator comments (Weblate shows them beside the string, and stores no flags of its own
in PO files); the words after the check names say why, for the next reader. Several
checks: ``samizdat-allow: link, number``. A name samizdat does not know is an error on the
entry, so a typo never leaves a problem unreported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel.messages.catalog import Message

from samizdat.errors import did_you_mean

MARK = "samizdat-allow:"

# check → what it compares; the names a waiver may give
CHECKS = {
    "link": "link targets",
    "footnote": "footnote calls",
    "reference": "cross-references (@fig:…)",
    "markup": "emphasis, code spans, images and markup shown as text",
    "number": "the numbers of the source",
    "glossary": "approved renderings and forbidden variants (glossary.yaml)",
}
_NAMES = re.compile(r"\s*([\w-]+(?:\s*,\s*[\w-]+)*)")


@dataclass(frozen=True)
class Waivers:
    """The checks one entry's comments accept, and the unknown names they give."""

    checks: frozenset[str]
    unknown: tuple[str, ...]  # messages, one per unknown name


def of(message: Message | None) -> Waivers:
    checks: set[str] = set()
    unknown: list[str] = []
    for comment in message.user_comments if message is not None else ():
        if not comment.startswith(MARK):
            continue
        found = _NAMES.match(comment, len(MARK))
        names = [name.strip() for name in found.group(1).split(",")] if found else []
        if not names:
            unknown.append(f"'# {comment}' names no check; name one of: {', '.join(CHECKS)}")
        for name in names:
            if name in CHECKS:
                checks.add(name)
            else:
                unknown.append(f"unknown check '{name}' in '# {comment}'{did_you_mean(name, CHECKS)}; "
                               f"a waiver names one of: {', '.join(CHECKS)}")
    return Waivers(frozenset(checks), tuple(unknown))
