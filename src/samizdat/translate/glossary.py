"""The project glossary (``glossary.yaml``): approved renderings and forbidden variants.

Belarusian and Russian inflect names (Ціханоўская, Ціханоўскай, Ціханоўскую), so a
letter-for-letter term match is useless. A rendering here is a pattern in which ``*``
stands for any word ending, matched case-insensitively at word boundaries; ``re:`` starts
a raw regular expression for anything else.

    terms:
      - term: Tsikhanouskaya      # found in the source's text (whole word, as written)
        be: Ціханоўск*            # the translation must contain a match
        ru: [Тихановск*, Тсихановск*]   # or of any of a list: variants allowed in one language
    forbidden:
      ru:
        - use: Беларусь           # shown in the message
          not: [Белорусси*]       # any match in a translation is an error…
          allow: [Правда Белоруссии]   # …except inside a match of these (a name, a title)

One entry that must differ anyway carries a waiver in its PO file (``waivers``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from samizdat import inputs, yamlfile
from samizdat import languages as lang_profiles
from samizdat.errors import Report, did_you_mean, error

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
    renderings: dict[str, tuple[Pattern, ...]]  # any one of them will do


@dataclass(frozen=True)
class Forbidden:
    pattern: Pattern
    use: str
    allow: tuple[Pattern, ...] = ()  # phrases that may contain the variant

    def search(self, text: str) -> re.Match[str] | None:
        """The first match in ``text`` outside every allowed phrase."""
        spans = [match.span() for allowed in self.allow for match in allowed.regex.finditer(text)]
        return next((match for match in self.pattern.regex.finditer(text)
                     if not any(start <= match.start() and match.end() <= end for start, end in spans)), None)


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


def load(root: Path, languages: tuple[str, ...] | None = None) -> Glossary:
    """The glossary of the project, or an empty one when there is no file.

    Every problem is collected and raised at once, each on its line of glossary.yaml.
    """
    path = root / FILENAME
    try:
        text = inputs.read_bytes(path).decode("utf-8")
    except (FileNotFoundError, IsADirectoryError):
        return Glossary()
    except UnicodeDecodeError:
        raise error(FILENAME, None, "not valid UTF-8") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        line, message = yamlfile.explain(exc, text=text)
        raise error(FILENAME, line, f"invalid YAML: {message}") from None
    report = Report()
    lines = _lines(node)
    for line, key in yamlfile.duplicate_keys(node):
        report.error(FILENAME, line, f"'{key}' is given twice")
    if not isinstance(data, dict):
        raise error(FILENAME, 1, "the glossary must be a mapping with 'terms:' and 'forbidden:'")
    for key in data:
        if key not in ("terms", "forbidden"):
            report.error(FILENAME, lines.get((str(key),)), f"unknown key '{key}'{did_you_mean(str(key), ('terms', 'forbidden'))}")

    def pattern(text: object, where: tuple, ignore_case: bool = True) -> Pattern | None:
        try:
            return compile_pattern(str(text), ignore_case)
        except re.error as exc:
            report.error(FILENAME, lines.get(where), f"pattern {str(text)!r} is not a valid regular expression: {exc.msg}")
            return None

    def check_lang(lang: str, where: tuple) -> None:
        """A language the project builds, or one samizdat knows (a glossary may be ready
        before its language is listed); anything else is a typo."""
        if languages is not None and lang not in languages and lang not in lang_profiles.shipped():
            report.error(FILENAME, lines.get(where), f"'{lang}' is not a language of samizdat.toml ({', '.join(languages)}){did_you_mean(lang, languages)}")

    terms = []
    raw_terms = data.get("terms") or []
    if not isinstance(raw_terms, list):
        report.error(FILENAME, lines.get(("terms",)), "'terms' must be a list of '- term: …' entries")
        raw_terms = []
    for number, item in enumerate(raw_terms):
        where = ("terms", number)
        if not isinstance(item, dict) or not isinstance(item.get("term"), str):
            report.error(FILENAME, lines.get(where), "each term needs 'term: <source text>' and one '<lang>: <pattern>' per language")
            continue
        renderings = {}
        for lang, value in item.items():
            if lang == "term":
                continue
            check_lang(str(lang), (*where, str(lang)))
            variants = value if isinstance(value, list) else [value]
            accepted = [pattern(variant, (*where, str(lang))) for variant in variants]
            if not variants:
                report.error(FILENAME, lines.get((*where, str(lang))), f"'{lang}' of '{item['term']}' lists no rendering")
            renderings[str(lang)] = tuple(c for c in accepted if c)
        source = pattern(item["term"], (*where, "term"), ignore_case=False)
        if source:
            terms.append(Term(source, renderings))
    forbidden: dict[str, tuple[Forbidden, ...]] = {}
    raw_forbidden = data.get("forbidden") or {}
    if not isinstance(raw_forbidden, dict):
        report.error(FILENAME, lines.get(("forbidden",)), "'forbidden' must map languages to lists of '- use: …  not: […]' rules")
        raw_forbidden = {}
    for lang, items in raw_forbidden.items():
        check_lang(str(lang), ("forbidden", str(lang)))
        rules = []
        for number, item in enumerate(items if isinstance(items, list) else [items]):
            rule_at = ("forbidden", str(lang), number)
            if not isinstance(item, dict) or not isinstance(item.get("not"), list) or not isinstance(item.get("allow", []), list):
                report.error(FILENAME, lines.get(rule_at) or lines.get(("forbidden", str(lang))),
                             f"forbidden.{lang}: each rule needs 'use: <approved>' and 'not: [<pattern>, …]' "
                             "(and may have 'allow: [<pattern>, …]')")
                continue
            allowed = tuple(c for c in (pattern(phrase, (*rule_at, "allow")) for phrase in item.get("allow", [])) if c)
            for variant in item["not"]:
                compiled = pattern(variant, (*rule_at, "not"))
                if compiled:
                    rules.append(Forbidden(compiled, str(item.get("use", "")), allowed))
        forbidden[str(lang)] = tuple(rules)
    report.raise_errors()
    return Glossary(tuple(terms), forbidden)


def _lines(node: yaml.Node | None, path: tuple = ()) -> dict[tuple, int]:
    """1-based line of every mapping key and list item, addressed by its path."""
    found: dict[tuple, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            found[(*path, str(key.value))] = key.start_mark.line + 1
            found.update(_lines(value, (*path, str(key.value))))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            found[(*path, index)] = item.start_mark.line + 1
            found.update(_lines(item, (*path, index)))
    return found
