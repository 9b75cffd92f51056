"""Belarusian hyphenation: the places a typesetter would break a word, as soft hyphens.

pyphen's Belarusian patterns (``hyph_be_BY``, LibreOffice's hyphen-be) follow the letter of
the 2008 rules, § 41: a consonant cluster between vowels may be split anywhere. So they offer
every split (прэ-зі-дэ-н-там, ту-р-мы, дэ-ма-к-ра-ты-ч-ныя) and WeasyPrint takes whichever
fits the line: «прэзідэ-нтам», «ту-рмы». Here pyphen only says which gaps between two vowels
may take a break; in each gap a rule layer picks the one place a typesetter picks:

- a sonorant (р л м н) closes its syllable, never starting a cluster on the next line:
  тур-мы, прэзідэн-там, боль-шасць;
- the next line starts with the longest cluster that starts Belarusian syllables — a stop or
  fricative before р/л (дэма-кратычныя), с/ш/з before a stop (ся-стра, Ціханоў-ская), -тв-
  and -ств- (мастац-тва, дзяцін-ства) — and otherwise with one consonant (незалеж-насць);
- a break after ’ or a dividing ь, as the rules' own examples do (бур’-ян);
- at the end of a prefix that starts the word: вы-, пры- (not прын-: прынцып), раз-/рас-,
  без-/бяз-/бес-/бяс-, пад-/над- (not before з, ж: па-дзел), экс-, шмат-: вы-значае, пад-лік.

The rules' prohibitions always hold: nothing inside дз or дж, nothing before ў, й, ь or ’,
no consonant torn from the vowel after it. A line keeps at least 2 letters and the next one
gets at least 3 (a carried -ся, -ны reads badly). Words in ``data/hyph-be-exceptions.txt``
(TeX ``\\hyphenation`` style) take the breaks written there. docs/hyphenation-be.md has the
rules, their sources and the measurements.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import pyphen

LEFT_MIN = 2  # letters left on the line: па-, вы-, ад- are fine line ends
RIGHT_MIN = 3  # letters carried to the next line
MIN_WORD = 6  # shorter words are never hyphenated
SOFT_HYPHEN = "\u00ad"

VOWELS = frozenset("аеёіоуыэюя")
APOSTROPHES = "’'ʼ"
_STICKY = frozenset("ўй")  # stay with the vowel before them
_SEPARATORS = frozenset("ь" + APOSTROPHES)  # stay with the consonant before them
_OBSTRUENTS = frozenset("бвгґдзжкпстфхцчш")
_SIBILANT_STOPS = frozenset({"сп", "ст", "ск", "сц", "шп", "шт", "шк", "шч", "зб", "зд", "зг"})
_ONSETS = frozenset({"тв", "цк"})  # -тва, -цкі: мастац-тва, парламен-цкі
_PREFIX = re.compile(r"(?:не)?(?:вы|пры(?!н)|ра[зс]|б[ея][зс]|экс|шмат|(?:па|на)д(?![зж]))(?=[бвгґджзклмнпрстфхцчш])")

_LETTERS = "а-яёіўА-ЯЁІЎ"
_WORD = re.compile(f"[{_LETTERS}]+(?:[{APOSTROPHES}][{_LETTERS}]+)*")
_FOREIGN = re.compile(r"[A-Za-z0-9\u00ad@]|://|\w\.\w")  # URLs, e-mail, numbers, Latin, the author's own soft hyphens


def breaks(word: str, lang: str) -> list[int]:
    """Offsets in ``word`` where a line may break; none for a language other than Belarusian."""
    if lang.replace("-", "_").split("_")[0] != "be":
        return []
    lower = word.lower()
    if lower in _exceptions():
        return [offset for offset in _exceptions()[lower] if offset >= LEFT_MIN and len(word) - offset >= RIGHT_MIN]
    vowels = [index for index, char in enumerate(lower) if char in VOWELS]
    offered = set(_patterns().positions(lower))
    found = []
    for before, after in zip(vowels, vowels[1:]):
        if not any(before < offset <= after for offset in offered):
            continue  # pyphen's patterns keep this gap whole
        for offset in _choices(lower, before + 1, after):
            if offset >= LEFT_MIN and len(word) - offset >= RIGHT_MIN:
                found.append(offset)
                break
    return found


def hyphenate(text: str, lang: str) -> str:
    """``text`` with a soft hyphen at each break of its Belarusian words of ``MIN_WORD`` letters or more.

    Left alone: other languages, abbreviations (two capitals or more), and any run of
    non-blank characters holding a URL, an address, a digit, a Latin letter or a soft hyphen."""
    if lang.replace("-", "_").split("_")[0] != "be":
        return text
    return re.sub(r"\S+", lambda token: token.group(0) if _FOREIGN.search(token.group(0)) else _WORD.sub(_word, token.group(0)), text)


def _word(match: re.Match[str]) -> str:
    word = match.group(0)
    letters = sum(char.isalpha() for char in word)
    if letters < MIN_WORD or sum(char.isupper() for char in word) > 1:
        return word
    out, start = [], 0
    for offset in breaks(word, "be"):
        out += [word[start:offset], SOFT_HYPHEN]
        start = offset
    return "".join(out) + word[start:]


def _choices(word: str, start: int, end: int) -> list[int]:
    """Break offsets in the gap ``word[start:end]`` between two vowels, the typesetter's first."""
    if start == end:
        return [start]  # two vowels: пра-ва-ахоўных, кра-іна
    units = _units(word, start, end)
    first = [end] if word[end - 1] in _SEPARATORS else []  # бур’-ян, міль-ён
    prefix = _PREFIX.match(word)
    if prefix and start <= prefix.end() < end:
        first.append(prefix.end())
    sticky = next((i for i, (begin, _) in enumerate(units) if word[begin] not in _STICKY), len(units))  # ўй, only first
    rest = units[sticky:]
    if not rest:
        return first  # праў|е would tear ў from its vowel's syllable and leave one letter
    keys = [word[a:b].rstrip("ь" + APOSTROPHES) for a, b in rest]
    best = next(k for k in range(len(rest)) if _onset(keys[k:]))
    return first + [a for a, _ in rest[best:]]  # then fewer carried, if one letter would be left: ак-рамя


def _units(word: str, start: int, end: int) -> list[tuple[int, int]]:
    """The consonants of a gap as (start, end) spans: дз and дж one sound, ь and ’ kept with the letter before."""
    units: list[tuple[int, int]] = []
    index = start
    while index < end:
        stop = index + 2 if word[index] == "д" and index + 1 < end and word[index + 1] in "зж" else index + 1
        while stop < end and word[stop] in _SEPARATORS:
            stop += 1
        units.append((index, stop))
        index = stop
    return units


def _onset(keys: list[str]) -> bool:
    """Whether the consonants ``keys`` may start the next line's syllable."""
    if len(keys) == 1:
        return True
    pair = "".join(keys[:2])
    if len(keys) == 2:
        return pair in _SIBILANT_STOPS or pair in _ONSETS or keys[0] in _OBSTRUENTS and keys[1] in "рл"
    return len(keys) == 3 and pair in _SIBILANT_STOPS and keys[2] in "рлв"


@cache
def _patterns() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="be_BY", left=1, right=1)


@cache
def _exceptions() -> dict[str, list[int]]:
    """The exceptions list: one word a line with hyphens where it may break, ``#`` for comments."""
    text = resources.files("samizdat.localize").joinpath("data/hyph-be-exceptions.txt").read_text(encoding="utf-8")
    words: dict[str, list[int]] = {}
    for line in text.splitlines():
        entry = line.split("#")[0].strip().lower()
        if entry:
            parts = entry.split("-")
            words["".join(parts)] = [sum(len(part) for part in parts[:i]) for i in range(1, len(parts))]
    return words
