"""The project glossary (``glossary.yaml``): approved renderings and forbidden variants.

Belarusian and Russian inflect names (Ціханоўская, Ціханоўскай, Ціханоўскую), so a
letter-for-letter term match is useless. A rendering here is a pattern in which ``*``
stands for any word ending, matched case-insensitively at word boundaries; ``re:`` starts
a raw regular expression for anything else.

    terms:
      - term: Tsikhanouskaya      # found in the source's text (whole word, as written)
        be: Ціханоўск*            # the translation must contain a match
        ru: Тихановск*
    forbidden:
      ru:
        - use: Беларусь           # shown in the message
          not: [Белорусси*]       # any match in a translation is an error
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from samizdat.errors import error

FILENAME = "glossary.yaml"


@dataclass(frozen=True)
class Pattern:
    text: str  # as written, for messages
    regex: re.Pattern[str]

    def found_in(self, text: str) -> bool:
        return bool(self.regex.search(text))

    def shown(self) -> str:
        return self.text.replace("*", "…")


@dataclass(frozen=True)
class Term:
    source: Pattern
    renderings: dict[str, Pattern]


@dataclass(frozen=True)
class Forbidden:
    pattern: Pattern
    use: str


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...] = ()
    forbidden: dict[str, tuple[Forbidden, ...]] = field(default_factory=dict)


def compile_pattern(text: str, ignore_case: bool = True) -> Pattern:
    flags = re.UNICODE | (re.IGNORECASE if ignore_case else 0)
    if text.startswith("re:"):
        return Pattern(text, re.compile(text[3:], flags))
    body = r"\w*".join(re.escape(part) for part in text.split("*"))
    return Pattern(text, re.compile(rf"(?<!\w){body}(?!\w)", flags))


def load(root: Path) -> Glossary:
    """The glossary of the project, or an empty one when there is no file."""
    path = root / FILENAME
    if not path.is_file():
        return Glossary()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise error(FILENAME, mark.line + 1 if mark else None, f"invalid YAML: {getattr(exc, 'problem', exc)}") from None
    except UnicodeDecodeError:
        raise error(FILENAME, None, "not valid UTF-8") from None
    if not isinstance(data, dict):
        raise error(FILENAME, 1, "the glossary must be a mapping with 'terms' and 'forbidden'")
    terms = []
    for number, item in enumerate(data.get("terms") or [], 1):
        if not isinstance(item, dict) or not isinstance(item.get("term"), str):
            raise error(FILENAME, None, f"term #{number} needs 'term: <source text>' and one '<lang>: <pattern>' per language")
        renderings = {str(k): compile_pattern(str(v)) for k, v in item.items() if k != "term"}
        terms.append(Term(compile_pattern(item["term"], ignore_case=False), renderings))
    forbidden: dict[str, tuple[Forbidden, ...]] = {}
    for lang, items in (data.get("forbidden") or {}).items():
        rules = []
        for item in items or []:
            if not isinstance(item, dict) or not isinstance(item.get("not"), list):
                raise error(FILENAME, None, f"forbidden.{lang}: each rule needs 'use: <approved>' and 'not: [<pattern>, …]'")
            rules += [Forbidden(compile_pattern(str(p)), str(item.get("use", ""))) for p in item["not"]]
        forbidden[str(lang)] = tuple(rules)
    return Glossary(tuple(terms), forbidden)
