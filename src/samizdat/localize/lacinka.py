"""Belarusian Łacinka (be-Latn) from the Belarusian Cyrillic edition, by rule.

A Łacinka edition needs no translator: :func:`to_lacinka` turns a translation written in
the official orthography (2008 rules, as the be catalogs are) into classical Łacinka, the
Latin alphabet of Taraškievič's grammar as Naša Niva and ARCHE print it today. Sources:
the letters as Wikipedia's "Belarusian Latin alphabet" tabulates the 1990s–2000s press;
where je, ie or e stands (jo, ju, ja likewise) as in the 2000/2007 Instruction on
transliterating Belarusian place names; Naša Niva's Łacinka edition for examples. ``docs/lacinka.md`` has the rules, the
sources, and the choices where they differ; in short:

* letters: б b, в v, г h, ґ g, д d, ж ž, з z, й j, к k, м m, н n, п p, р r, с s, т t,
  у u, ў ŭ, ф f, х ch, ц c, ч č, ш š, ы y, э e, а a, о o; дз and дж are d+z, d+ž.
* ь softens the consonant before it and is not written: зь ź, сь ś, ць ć, нь ń, дзь dź,
  ль l (after any other letter it is just dropped).
* л is ł, except before ь, е ё ю я і (ль l, ля la, лі li) and before a soft л (Наталля
  Natalla, вяселле viasielle: a geminate is soft throughout).
* е ё ю я are je jo ju ja at the start of a word, after a vowel, after ў, and after ь or
  the apostrophe (which are then not written: сям’я siamja); ie io iu ia after another
  consonant; e o u a after л. і is i, except ji after ь or the apostrophe (сям’і siamji).
* Softness that the official orthography does not write is not added: Святлана is
  Sviatłana, not the Taraškievica-based Śviatłana (the choice the 2007 Instruction on
  transliteration makes too); парламент is parłamient, Еўропа is Jeŭropa, as written.
* щ (not Belarusian; Belarusian writes шч) is šč. A word with any other Cyrillic letter
  Belarusian does not have (и, ъ, ї, є…) is Russian or Ukrainian: it is left as written.
* A capital stays a capital (Х Ch, Я Ja); an all-capitals word stays one (БЕЛАРУСЬ
  BIEŁARUŚ), and so does a one-letter word beside one.

Only human text changes: the Markdown is cut as :func:`placeholders.split` cuts it for
CAT tools (markdown-it's own parse), so link and image targets, code spans, footnote
calls, cross-reference ids, autolinks and HTML comments come out byte for byte.
"""

from __future__ import annotations

import re
import unicodedata

from samizdat.content.syntax import COMMENT
from samizdat.translate import placeholders

LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "ж": "ž", "з": "z", "й": "j",
    "к": "k", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ў": "ŭ", "ф": "f", "х": "ch", "ц": "c", "ч": "č", "ш": "š", "щ": "šč", "ы": "y", "э": "e",
}
SOFTENED = {"з": "ź", "с": "ś", "ц": "ć", "н": "ń"}  # before ь
IOTATED = {"е": "e", "ё": "o", "ю": "u", "я": "a", "і": "i"}  # each without its j or i
CONSONANTS = frozenset("бвгґджзйклмнпрстфхцчшщ")  # ў is not one here: ўе is ŭje
APOSTROPHES = frozenset("\u2019'\u02bc")  # ’ as typography sets it, ' as typed, ʼ
SOFT_SIGN = "ь"
CYRILLIC = frozenset(LETTERS) | frozenset(IOTATED) | {"л", SOFT_SIGN}

_HIDDEN = "\ufdd0"  # stands for an HTML comment while the rest is cut (a noncharacter, not met in text)
_NOTE_CALL = re.compile(r"\[\^([^\]\s]+)\]")
_WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+(?:[\u2019'\u02bc](?:[^\W\d_]|[\u0300-\u036f])+)*")


def to_lacinka(text: str) -> str:
    """``text`` (inline Markdown, Belarusian Cyrillic) in Łacinka, its markup as it was."""
    comments = COMMENT.findall(text) if _HIDDEN not in text else []
    masked = COMMENT.sub(_HIDDEN, text) if comments else text
    pieces = placeholders.split(masked, set(_NOTE_CALL.findall(masked)))
    reading = ""  # the text a reader reads, where the letters' neighbours are
    spans: list[tuple[int, int]] = []
    for piece in pieces:
        if isinstance(piece, str):
            piece = unicodedata.normalize("NFC", piece)  # й, ў, ё as one character each
            spans.append((len(reading), len(reading) + len(piece)))
            reading += piece
        elif piece.role == placeholders.SOLO:
            reading += " "  # a note call, code, a reference: the word ends there
    letters = _transliterate(reading)
    out, texts = [], iter(spans)
    for piece in pieces:
        if isinstance(piece, str):
            start, end = next(texts)
            out.append(unicodedata.normalize("NFC", "".join(letters[start:end])))
        else:
            out.append(piece.markdown)  # emphasis and link markers join words: **Бел**арусь
    hidden = iter(comments)
    return re.sub(_HIDDEN, lambda match: next(hidden), "".join(out)) if comments else "".join(out)


def _transliterate(text: str) -> list[str]:
    """What each character of plain ``text`` becomes (ь and the apostrophe: nothing)."""
    words = list(_WORD.finditer(text))
    shouted, foreign = _shouted(text, words), _foreign(text, words)
    out = []
    for index, char in enumerate(text):
        latin = None if foreign[index] else _letter(text, index)
        if latin is None:
            out.append(char)
        elif char.isupper():
            out.append(latin.upper() if shouted[index] else latin[:1].upper() + latin[1:])
        else:
            out.append(latin)
    return out


def _letter(text: str, index: int) -> str | None:
    """The Łacinka of the Cyrillic letter at ``index`` (lower case), None for anything else."""
    char = text[index].lower()
    following = _neighbour(text, index, 1)
    if char in APOSTROPHES:
        return "" if _separates(text, index) else None
    if char not in CYRILLIC:
        return None
    if char == SOFT_SIGN:
        return ""
    if char == "л":
        geminate = _lower(text, following) == "л" and _softens(text, _neighbour(text, following, 1))
        return "l" if _softens(text, following) or geminate else "ł"
    if char in SOFTENED and _lower(text, following) == SOFT_SIGN:
        return SOFTENED[char]
    if char in IOTATED:
        return _vowel(text, index, char)
    return LETTERS[char]


def _vowel(text: str, index: int, char: str) -> str:
    vowel = IOTATED[char]
    previous = _neighbour(text, index, -1)
    before = _lower(text, previous)
    if before == "л":
        return vowel
    if before == SOFT_SIGN or before in APOSTROPHES and previous is not None and _separates(text, previous):
        return "j" + vowel
    if char == "і":
        return vowel
    return ("i" if before in CONSONANTS else "j") + vowel


def _softens(text: str, index: int | None) -> bool:
    """Whether the letter at ``index`` makes the consonant before it soft (ь, е ё ю я і)."""
    after = _lower(text, index)
    return after == SOFT_SIGN or after in IOTATED


def _separates(text: str, index: int) -> bool:
    """Whether the apostrophe at ``index`` is the Belarusian one (сям’я), not a quotation mark."""
    return _lower(text, _neighbour(text, index, -1)) in CYRILLIC and _lower(text, _neighbour(text, index, 1)) in IOTATED


def _neighbour(text: str, index: int | None, step: int) -> int | None:
    """The index of the next character in direction ``step``, over combining marks (stress: а́)."""
    if index is None:
        return None
    index += step
    while 0 <= index < len(text) and unicodedata.category(text[index]) == "Mn":
        index += step
    return index if 0 <= index < len(text) else None


def _lower(text: str, index: int | None) -> str:
    return "" if index is None else text[index].lower()


def _shouted(text: str, words: list[re.Match[str]]) -> list[bool]:
    """For each character: whether it is in a word written in capitals (ЕС, БЕЛАРУСЬ), or in
    a one-capital word whose nearest longer word on either side is one ("Я І ТЫ")."""
    kinds = [_capitals(word.group(0)) for word in words]
    shouted = [False] * len(text)
    for number, word in enumerate(words):
        if kinds[number] == "one":
            before = next((kind for kind in reversed(kinds[:number]) if kind != "one"), "")
            after = next((kind for kind in kinds[number + 1:] if kind != "one"), "")
            loud = "all" in (before, after)
        else:
            loud = kinds[number] == "all"
        if loud:
            shouted[word.start():word.end()] = [True] * (word.end() - word.start())
    return shouted


def _foreign(text: str, words: list[re.Match[str]]) -> list[bool]:
    """For each character: whether it is in a word with a Cyrillic letter Belarusian does
    not have (и, ъ, ї, є…): Russian or Ukrainian, left as written rather than half-converted."""
    foreign = [False] * len(text)
    for word in words:
        if any(_is_cyrillic(char) and char.lower() not in CYRILLIC for char in word.group(0)):
            foreign[word.start():word.end()] = [True] * (word.end() - word.start())
    return foreign


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def _capitals(word: str) -> str:
    """"all" for a word of capitals, "one" for a single capital letter, else ""."""
    cased = [char for char in word if char.isupper() or char.islower()]
    if not cased or not all(char.isupper() for char in cased):
        return ""
    return "all" if len(cased) > 1 else "one"
