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
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

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
_FOREIGN = re.compile(r"[A-Za-z0-9\u00ad@иИщЩъЪ]|://|\w\.\w")  # URLs, e-mail, numbers, Latin, Russian, the author's own soft hyphens


def breaks(word: str) -> list[int]:
    """Offsets in the Belarusian ``word`` where a line may break."""
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


def hyphenate(text: str) -> str:
    """``text`` with a soft hyphen at each break of its Belarusian words of ``MIN_WORD`` letters or more.

    Left alone: words of other scripts, abbreviations (two capitals or more), and any run of
    non-blank characters holding a URL, an address, a digit, a Latin letter or a soft hyphen."""
    return re.sub(r"\S+", lambda token: token.group(0) if _FOREIGN.search(token.group(0)) else _WORD.sub(_word, token.group(0)), text)


def _word(match: re.Match[str]) -> str:
    word = match.group(0)
    letters = sum(char.isalpha() for char in word)
    if letters < MIN_WORD or sum(char.isupper() for char in word) > 1:
        return word
    out, start = [], 0
    for offset in breaks(word):
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
def _patterns() -> Any:
    import pyphen  # loaded when a Belarusian word is first hyphenated, not by every command

    return pyphen.Pyphen(lang="be_BY", left=1, right=1)


@cache
def _exceptions() -> dict[str, list[int]]:
    """The exceptions list: one word a line with hyphens where it may break, ``#`` for comments."""
    text = resources.files(__package__).joinpath("data/hyph-be-exceptions.txt").read_text(encoding="utf-8")
    words: dict[str, list[int]] = {}
    for line in text.splitlines():
        entry = line.split("#")[0].strip().lower()
        if entry:
            parts = entry.split("-")
            words["".join(parts)] = [sum(len(part) for part in parts[:i]) for i in range(1, len(parts))]
    return words






# Belarusian in Łacinka breaks where the same word in Cyrillic does: each Latin sound is
# read back as its Cyrillic letters, the Cyrillic word is hyphenated, and the breaks are
# carried over at the boundaries of the sounds (never inside ch, dz, dž or ia).
_LATIN_SOUNDS = re.compile(r"ch|dž|dź|dz|[jl][aeiou]|i[aeou]|[a-zćčłńśšźžŭ]")
_LATIN_LETTERS = "a-zA-ZćčłńśšźžŭĆČŁŃŚŠŹŽŬ"
_LATIN_WORD = re.compile(f"[{_LATIN_LETTERS}]+")
_PLAIN = dict(zip("abvhgdžzkmnprstfcčšyŭłeou", "абвгґджзкмнпрстфцчшыўлэоу", strict=True))
_SOFT = {"ć": "ць", "ń": "нь", "ś": "сь", "ź": "зь", "dź": "дзь", "ch": "х", "dz": "дз", "dž": "дж"}
_IOTATED = {"a": "я", "e": "е", "o": "ё", "u": "ю", "i": "і"}


def hyphenate_lacinka(text: str) -> str:
    """``text`` in Belarusian Łacinka with soft hyphens at the breaks of its Cyrillic reading."""
    return re.sub(r"\S+", lambda token: token.group(0) if re.search(r"[0-9\u00ad@]|://|\w\.\w", token.group(0))
                  else _LATIN_WORD.sub(_latin_word, token.group(0)), text)


def _latin_word(match: re.Match[str]) -> str:
    word = match.group(0)
    if sum(char.isupper() for char in word) > 1:
        return word
    cyrillic, starts = "", {}  # Cyrillic offset of each sound's start → its Latin offset
    for sound in _sounds(word.lower()):
        starts[len(cyrillic)] = sound.start()
        cyrillic += _cyrillic(sound.group(0), after_vowel=not cyrillic or cyrillic[-1] in VOWELS | _STICKY)
    if sum(char.isalpha() for char in cyrillic) < MIN_WORD:
        return word  # siamja is сям'я: too short, as in Cyrillic
    out, start = [], 0
    for offset in breaks(cyrillic):
        if offset in starts:
            out += [word[start:starts[offset]], SOFT_HYPHEN]
            start = starts[offset]
    return "".join(out) + word[start:]


def _sounds(word: str) -> list[re.Match[str]]:
    """``word`` cut into sounds: a vowel takes the j, i or l that softens it (ja, ie, la)."""
    found, index = [], 0
    while index < len(word):
        sound = _LATIN_SOUNDS.match(word, index)
        if sound is None:
            return []
        found.append(sound)
        index = sound.end()
    return found


def _cyrillic(sound: str, after_vowel: bool) -> str:
    if sound in _SOFT:
        return _SOFT[sound]
    if len(sound) == 1:
        return "і" if sound == "i" else "й" if sound == "j" else "ль" if sound == "l" else _PLAIN.get(sound, sound)
    lead, vowel = sound[0], sound[-1]
    if lead == "l":
        return "л" + _IOTATED[vowel]
    if lead == "j" and not after_vowel:
        return "’" + _IOTATED[vowel]  # siamja: сям’я
    return _IOTATED[vowel] if vowel != "i" or lead == "j" else "і"


RULES: dict[str, Callable[[str], str]] = {"belarusian": hyphenate, "belarusian-lacinka": hyphenate_lacinka}
"""The rule sets a language profile may name as its ``hyphenation_rules``."""


def hyphenator(rules: str) -> Callable[[str], str] | None:
    """The soft-hyphen writer a profile's ``hyphenation_rules`` names; None for "" (the
    typesetter's own dictionary, by the language tag, is enough)."""
    return RULES[rules] if rules else None
