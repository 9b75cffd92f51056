"""What ``msgfmt --check`` verifies once a PO file has parsed, on the line msgfmt names.

Duplicate entries (obsolete ones included); the header's ``Plural-Forms`` (a number, an
expression gettext can evaluate, values below nplurals, no division by zero) against the
entries' plural forms and against the language; and, for every translated, non-fuzzy
entry, newlines at the start and end matching the source and python-format placeholders
(gettext's rules: a plural form used for infinitely many numbers must keep them all).
Untranslated and fuzzy entries are not published, so msgfmt does not check them; nor do
we, except that an entry may never hold more plural forms than the language has (writing
the catalog back would drop them).
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable

from babel.core import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural

from samizdat.localize import pyformat
from samizdat.localize.posyntax import Entry

Problems = list[tuple[int | None, str]]
_NPLURALS = re.compile(r"nplurals=[ \t\n\r\f\v]*([0-9]*)")
_PLURAL = re.compile(r"plural=([^;\n]*)")
_OFTEN = 5  # gettext: a form taken 5 times for n = 0…1000 is taken infinitely often
_GERMANIC = [False, True]  # gettext's default, plural=(n != 1): form 0 is for 1 only


def is_header(entry: Entry) -> bool:
    return entry.msgid == "" and entry.context is None and not entry.obsolete


def flags(entry: Entry) -> set[str]:
    return {flag.strip() for comment in entry.comments if comment.startswith(",") for flag in comment[1:].split(",")}


def published(entry: Entry) -> bool:
    """What msgfmt compiles: live, translated (first form non-empty), not fuzzy."""
    return not entry.obsolete and bool(entry.strings[0]) and "fuzzy" not in flags(entry) and entry.msgid != ""


def duplicates(entries: list[Entry]) -> Problems:
    first: dict[tuple[str | None, str], Entry] = {}
    problems: Problems = []
    for entry in entries:
        key = (entry.context, entry.msgid)
        if key in first:
            what = f"'{entry.msgid[:50]}' is translated" if entry.msgid or entry.context else 'the header (msgid "") appears'
            where = "obsolete, " if first[key].obsolete or entry.obsolete else ""
            problems.append((entry.line, f"{what} twice in this file ({where}the first on line {first[key].line})"))
        else:
            first[key] = entry
    return problems


def plural_forms(entries: list[Entry], header: Entry | None, lang: str | None) -> tuple[Problems, list[bool] | None]:
    """Plural-Forms against itself, the entries and the language; and which forms are
    taken infinitely often (None when unknown), for the placeholder checks."""
    plurals = [e for e in entries if e.plural is not None and not e.obsolete]
    live = [e for e in plurals if published(e)]
    default = _language_count(lang) or 2
    if header is None:
        if live:
            return [(live[0].msgstr_line, "plural forms without a header entry declaring Plural-Forms")], None
        return _too_many(plurals, default, lang), _GERMANIC
    text = header.strings[0]
    nplurals_match, plural_match = _NPLURALS.search(text), _PLURAL.search(text)
    line = header.msgstr_line  # msgfmt names the header entry
    if nplurals_match is None or plural_match is None:
        if live:
            missing = "plural=EXPRESSION" if plural_match is None else "nplurals=INTEGER"
            return [(live[0].msgstr_line, f"plural forms, but the header's Plural-Forms lacks {missing}")], None
        return _too_many(plurals, default, lang), _GERMANIC
    if not nplurals_match.group(1):
        return [(line, "invalid Plural-Forms: nplurals is not a number")], None
    nplurals = int(nplurals_match.group(1))
    expression = plural_match.group(1)
    try:
        evaluate = gettext.c2py(expression)
    except (ValueError, RecursionError) as exc:
        return [(line, f"invalid Plural-Forms: plural={expression.strip()} is not a valid expression ({exc})")], None
    often, problem = _distribution(evaluate, nplurals)
    if problem:
        return [(line, f"invalid Plural-Forms: {problem}")], None
    problems: Problems = []
    expected = _language_count(lang)
    if expected is not None and expected != nplurals:
        problems.append((line, f"Plural-Forms declares nplurals={nplurals}, but '{lang}' has {expected} plural forms ({_language_plural(lang)})"))
    counts = [(len(e.strings), e) for e in live]
    fewest = min(counts, key=lambda c: c[0], default=None)
    most = max(counts, key=lambda c: c[0], default=None)
    if fewest and fewest[0] < nplurals:
        problems.append((fewest[1].msgstr_line, f"plural forms: form {fewest[0]} of '{fewest[1].msgid[:50]}' is missing; the header's Plural-Forms says nplurals={nplurals}"))
    elif most and most[0] > nplurals:
        problems.append((most[1].msgstr_line, _more_than(most[1], nplurals, lang)))
    problems += _too_many([e for e in plurals if not published(e)], nplurals, lang)
    return problems, often


def _too_many(entries: list[Entry], nplurals: int, lang: str | None) -> Problems:
    return [(e.msgstr_line, _more_than(e, nplurals, lang)) for e in entries if len(e.strings) > nplurals]


def _more_than(entry: Entry, nplurals: int, lang: str | None) -> str:
    return f"invalid PO file: more plural forms than '{lang or 'the language'}' has (Plural-Forms: nplurals={nplurals})"


def _language_count(lang: str | None) -> int | None:
    plural = _language_plural(lang)
    return plural[0] if plural else None


def _language_plural(lang: str | None) -> tuple[int, str] | None:
    if not lang:
        return None
    try:
        plural = get_plural(Locale.parse(lang))
    except (UnknownLocaleError, ValueError):
        return None
    return plural.num_plurals, plural.plural_expr


def _distribution(evaluate: Callable[[int], int], nplurals: int) -> tuple[list[bool], str | None]:
    """gettext's ``check_plural_eval``: values for n = 0…1000 within range, and how often each."""
    seen = [0] * nplurals
    for n in range(1001):
        try:
            value = evaluate(n)
        except ZeroDivisionError:
            return [], "plural= can divide by zero"
        if value < 0:
            return [], "plural= can produce negative values"
        if value >= nplurals:
            return [], f"nplurals={nplurals}, but plural= can produce {value}"
        seen[value] += 1
    return [count >= _OFTEN for count in seen], None


def translations(entries: list[Entry], often: list[bool] | None, lang: str | None) -> Problems:
    """Newlines and python-format placeholders of every published entry."""
    problems: Problems = []
    for entry in entries:
        if not published(entry):
            continue
        source = entry.plural if entry.plural is not None else entry.msgid
        labels = [f"form {j} of" for j in range(len(entry.strings))] if entry.plural is not None else ["translation of"]
        shown = entry.msgid[:50]
        texts = [("msgid_plural", entry.plural)] if entry.plural is not None else []
        texts += [(f"msgstr[{j}]" if entry.plural is not None else "msgstr", s) for j, s in enumerate(entry.strings)]
        for end, test in (("begin", str.startswith), ("end", str.endswith)):
            for name, text in texts:
                if test(text, "\n") != test(entry.msgid, "\n"):
                    problems.append((entry.msgstr_line, f"newlines: msgid and {name} of '{shown}' do not both {end} with a line break (\\n)"))
        flagged = flags(entry)
        if flagged & {"python-format", "possible-python-format"}:
            problems += _placeholders(entry, source, labels, often, lang)
    return problems


def _placeholders(entry: Entry, source: str, labels: list[str], often: list[bool] | None, lang: str | None) -> Problems:
    try:
        want = pyformat.parse(source)
    except pyformat.InvalidFormat:
        return []  # msgfmt checks translations only against a valid source
    problems: Problems = []
    shown = entry.msgid[:50]
    several = entry.plural is not None and len(entry.strings) > 1
    for index, (label, string) in enumerate(zip(labels, entry.strings)):
        if several and not string:
            problems.append((entry.msgstr_line, f"plural forms: {label} '{shown}' is empty; {lang or 'the language'} needs {len(entry.strings)} forms"))
            continue
        try:
            got = pyformat.parse(string)
        except pyformat.InvalidFormat as exc:
            reason = "has a stray '%' (write '%%' for a percent sign)" if "stray" in str(exc) or "ends the string" in str(exc) else f"is not a valid python-format string: {exc}"
            problems.append((entry.msgstr_line, f"placeholders: {label} '{shown}' {reason}"))
            continue
        strict = not several or (often is not None and index < len(often) and often[index])
        problems += [(entry.msgstr_line, f"placeholders: {label} '{shown}' {why}") for why in pyformat.mismatches(want, got, strict)]
    return problems
