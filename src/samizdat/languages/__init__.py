"""Language profiles: what samizdat knows about a language, read from data, in one object.

A :class:`Language` carries the CLDR locale (dates, numbers), the BCP 47 tag of the
outputs, the quotation marks, the dash and no-break rules of typography, the alphabet the
fonts must cover and the hyphenation dictionary. The built-in profiles are
``profiles.toml`` beside this module; a project's ``[languages.<code>]`` table in
samizdat.toml overrides any key or describes a language samizdat does not ship. Other
modules ask a profile; none of them compares language codes.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from samizdat.languages import hyphenation

# samizdat.toml [languages.<code>] keys that describe the language (the others are policy)
KEYS: dict[str, tuple[tuple[type, ...], str]] = {
    "locale": ((str,), "CLDR locale for dates, numbers and the language's name, e.g. 'be_BY'"),
    "name": ((str,), "the language's name in itself, for language switchers, e.g. 'беларуская'"),
    "tag": ((str,), "BCP 47 tag of the outputs (PDF /Lang, DOCX w:lang, HTML lang), e.g. 'be-BY' or 'be-Latn'"),
    "quotes": ((list,), "quotation marks: [outer opening, outer closing, inner opening, inner closing]"),
    "dash": ((str,), "what a spaced hyphen between words becomes, e.g. ' – ' or '\\u00a0— '"),
    "nobreak_letters": ((int,), "words of up to this many letters take a no-break space after them (0: none)"),
    "nobreak_after": ((list,), "further words that must not end a line, e.g. ['на', 'па']"),
    "nobreak_numbers": ((bool,), "a number and the word or unit after it stay on one line ('458 votes', '2026 г.')"),
    "nobreak_initials": ((bool,), "an initial stays with the name after it ('S. Cichanouska')"),
    "min_last_line": ((int,), "a paragraph's last line holds at least this many characters where words can be joined (0: no rule)"),
    "letters": ((str,), "the letters of its words as a regular-expression class, e.g. 'а-яёіўА-ЯЁІЎ' (for nobreak_letters)"),
    "alphabet": ((str,), "letters and marks the fonts must have ('samizdat doctor' checks them)"),
    "date_format": ((str,), "CLDR date pattern of the masthead's date, instead of the locale's long format, e.g. 'd MMMM y'"),
    "hyphenation": ((str,), "hyphenation dictionary (pyphen's name), e.g. 'be_BY'"),
    "derive_from": ((str,), "a derived edition: the language whose translations it is made from, by rule, e.g. 'be'"),
    "transliterate": ((str,), "how a derived edition's text is made from its base's: 'lacinka' (Belarusian Latin)"),
    "hyphenation_rules": ((str,), "samizdat's own hyphenation, written as soft hyphens into the PDF: 'belarusian' or '' (none)"),
}
_GENERIC = {"quotes": ["\u201c", "\u201d", "\u2018", "\u2019"], "dash": " \u2013 ", "nobreak_letters": 0, "alphabet": "",
            "nobreak_numbers": True, "nobreak_initials": True, "min_last_line": 8}


@dataclass(frozen=True)
class Language:
    code: str
    locale: str
    tag: str
    quotes: tuple[str, str, str, str]  # outer open, outer close, inner open, inner close
    dash: str
    nobreak_letters: int = 0
    nobreak_after: tuple[str, ...] = ()
    nobreak_numbers: bool = True
    nobreak_initials: bool = True
    min_last_line: int = 0
    letters: str = ""  # a regular-expression class; empty: any letter
    alphabet: str = ""
    hyphenation: str = ""
    name: str = ""  # in itself: "беларуская"
    date_format: str = ""  # a CLDR pattern; "" is the locale's long format
    derive_from: str = ""  # a derived edition's base language: its catalogs are read, never its own
    transliterate: str = ""  # a name in localize.scripts.TRANSLITERATIONS
    hyphenation_rules: str = ""  # a name in languages.hyphenation.RULES; "" leaves it to the dictionary


@lru_cache(maxsize=1)
def _shipped() -> dict[str, Any]:
    return tomllib.loads(resources.files(__package__).joinpath("profiles.toml").read_text(encoding="utf-8"))


def shipped() -> tuple[str, ...]:
    """The languages samizdat has a profile for."""
    return tuple(code for code, table in _shipped().items() if isinstance(table, dict))


def default_code() -> str:
    """The source language of a project that names none."""
    return str(_shipped()["default"])


def interface_code() -> str:
    """The language of samizdat's own messages and pages."""
    return str(_shipped()["interface"])


def shipped_value(code: str, key: str) -> str | None:
    """A value only samizdat's own profile of ``code`` has (``example_term``…), or None."""
    own = _shipped().get(code)
    value = own.get(key) if isinstance(own, dict) else None
    return str(value) if value is not None else None


def profile(code: str, overrides: Mapping[str, Any] | None = None) -> Language:
    """The profile of ``code``: samizdat's own (if it ships one), with ``overrides`` (a
    project's ``[languages.<code>]`` keys) on top; a language samizdat does not know gets
    Babel's locale and tag and neutral typography. Made once per description: renderers
    ask for it on every page."""
    frozen = tuple(sorted((key, tuple(value) if isinstance(value, list) else value)
                          for key, value in (overrides or {}).items() if key in KEYS))
    return _profile(code, frozen)


@lru_cache(maxsize=64)
def _profile(code: str, overrides: tuple[tuple[str, Any], ...]) -> Language:
    own = _shipped().get(code)
    values = {**_GENERIC, **(own if isinstance(own, dict) else {}), **dict(overrides)}
    locale = str(values.get("locale") or _likely_locale(code))
    quotes = [str(mark) for mark in values["quotes"]]
    return Language(code=code, locale=locale, tag=str(values.get("tag") or _tag(locale, code)),
                    quotes=(quotes[0], quotes[1], quotes[2], quotes[3]), dash=str(values["dash"]),
                    nobreak_letters=int(values["nobreak_letters"]), nobreak_numbers=bool(values["nobreak_numbers"]),
                    nobreak_initials=bool(values["nobreak_initials"]), min_last_line=int(values["min_last_line"]),
                    nobreak_after=tuple(str(word) for word in values.get("nobreak_after", ())), letters=str(values.get("letters", "")),
                    alphabet=str(values["alphabet"]), hyphenation=str(values.get("hyphenation") or locale),
                    hyphenation_rules=str(values.get("hyphenation_rules", "")),
                    derive_from=str(values.get("derive_from", "")), transliterate=str(values.get("transliterate", "")),
                    name=str(values.get("name") or _own_name(locale, code)), date_format=str(values.get("date_format", "")))


def problems(code: str, overrides: Mapping[str, Any]) -> list[tuple[str, str]]:
    """What is wrong with a project's description of ``code``: (key, message) pairs."""
    found = []
    quotes = overrides.get("quotes")
    if quotes is not None and (len(quotes) != 4 or not all(isinstance(mark, str) and mark for mark in quotes)):
        found.append(("quotes", f"quotes for '{code}' must be four marks: outer opening, outer closing, inner opening, inner closing"))
    words = overrides.get("nobreak_after")
    if words is not None and not all(isinstance(word, str) and word.strip() for word in words):
        found.append(("nobreak_after", f"nobreak_after for '{code}' must be a list of words"))
    letters = overrides.get("letters")
    if letters is not None:
        try:
            re.compile(f"[{letters}]")
        except re.error as exc:
            found.append(("letters", f"letters for '{code}' is not a character class: {exc}"))
    rules = overrides.get("hyphenation_rules")
    if rules and rules not in hyphenation.RULES:
        found.append(("hyphenation_rules", f"hyphenation_rules for '{code}' must be one of: {', '.join(repr(name) for name in ['', *hyphenation.RULES])}"))
    pattern = overrides.get("date_format")
    if pattern:
        from babel.dates import format_date  # only a project that sets one pays for the import

        try:
            format_date(date(2026, 11, 24), format=str(pattern), locale=interface_code())
        except (ValueError, KeyError, AttributeError) as exc:
            found.append(("date_format", f"date_format for '{code}' is not a CLDR date pattern: {exc}"))
    from samizdat.localize import scripts  # the localize stage knows the transliterations

    name = overrides.get("transliterate")
    if name and name not in scripts.TRANSLITERATIONS:
        found.append(("transliterate", f"transliterate for '{code}' must be one of: {', '.join(map(repr, scripts.TRANSLITERATIONS))}"))
    own = _shipped().get(code)
    merged = {**(own if isinstance(own, dict) else {}), **overrides}
    if bool(merged.get("derive_from")) != bool(merged.get("transliterate")):
        found.append(("derive_from", f"a derived edition ('{code}') needs both derive_from and transliterate"))
    return found


def _parsed(locale: str) -> Locale | None:
    try:
        return Locale.parse(locale)
    except (ValueError, UnknownLocaleError):
        return None


def _own_name(locale: str, code: str) -> str:
    parsed = _parsed(locale)
    return (parsed.get_language_name(parsed) if parsed else None) or code


def _likely_locale(code: str) -> str:
    parsed = _parsed(code.replace("-", "_"))
    return str(parsed) if parsed else code


def _tag(locale: str, code: str) -> str:
    """``be_BY`` → ``be-BY``; a locale without a territory takes CLDR's likely one."""
    parsed = _parsed(locale)
    if parsed is None:
        return code
    parts = [parsed.language, *([parsed.script] if parsed.script else [])]
    territory = parsed.territory or get_global("likely_subtags").get(parsed.language, "").split("_")[-1]
    return "-".join([*parts, territory] if territory and territory != parsed.language else parts)
