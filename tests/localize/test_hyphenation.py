"""Belarusian hyphenation against a hand-marked list of words (hyphenation_be.tsv): the breaks
samizdat offers must be ones a typesetter accepts, and must never break the 2008 rules' bans.
pyphen's patterns alone are measured on the same list, for comparison (docs/hyphenation-be.md)."""

import glob
import re
from pathlib import Path

import pyphen
import pytest
from babel.messages.pofile import read_po

from samizdat.languages import profile
from samizdat.languages.hyphenation import SOFT_HYPHEN, breaks, hyphenate, hyphenator

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
VOWELS = set("аеёіоуыэюя")


def marked(hyphenated: str) -> set[int]:
    """The offsets of the hyphens in ``hyphenated``, counted in the word without them."""
    return {index - number for number, index in enumerate(m.start() for m in re.finditer("-", hyphenated))}


def read_list() -> list[tuple[str, set[int], str]]:
    rows = []
    lines = [line for line in (HERE / "hyphenation_be.tsv").read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert lines[0].split("\t")[:2] == ["word", "breaks"]
    for line in lines[1:]:
        word, hyphenated, *note = line.split("\t")
        assert hyphenated.replace("-", "") == word, line
        rows.append((word, marked(hyphenated), "".join(note)))
    return rows


WORDS = read_list()


def banned(word: str, offset: int) -> str | None:
    """Which prohibition of the 2008 rules (§ 41) a break at ``offset`` breaks, if any."""
    left, right = word[:offset].lower(), word[offset:].lower()
    if left[-1:] == "д" and right[:1] in ("з", "ж"):
        return "inside дз/дж"
    if right[:1] in ("ў", "й", "ь", "’", "'", "ʼ"):
        return f"before {right[0]}"
    if len(left) < 2 or len(right) < 2:
        return "one letter"
    if not VOWELS & set(left) or not VOWELS & set(right):
        return "a part without a vowel"
    if left[-1] not in VOWELS | {"ь", "’", "'", "ʼ"} and right[0] in VOWELS:
        return "consonant torn from its vowel"
    return None


def score(offer) -> tuple[int, int, int, list[str]]:
    """(breaks offered, of them accepted, accepted breaks in the list, offered breaks that break a ban)."""
    offered = good = wanted = 0
    bans = []
    for word, accepted, _ in WORDS:
        offsets = set(offer(word))
        offered += len(offsets)
        good += len(offsets & accepted)
        wanted += len(accepted)
        bans += [f"{word}@{offset}: {banned(word, offset)}" for offset in sorted(offsets) if banned(word, offset)]
    return offered, good, wanted, bans


def test_the_list_is_hand_marked_by_the_rules() -> None:
    assert len(WORDS) >= 300
    assert len({word for word, _, _ in WORDS}) == len(WORDS)
    for word, accepted, note in WORDS:
        for offset in accepted:
            problem = banned(word, offset)
            assert problem is None or (problem == "inside дз/дж" and "prefix" in note), f"{word}@{offset}: {problem}"


def test_breaks_are_ones_a_typesetter_accepts() -> None:
    offered, good, wanted, bans = score(lambda word: breaks(word))
    base = pyphen.Pyphen(lang="be_BY")  # what WeasyPrint's hyphens: auto uses (2 letters each side)
    p_offered, p_good, _, p_bans = score(base.positions)
    same_limits = pyphen.Pyphen(lang="be_BY", left=2, right=3)
    s_offered, s_good, _, _ = score(same_limits.positions)
    print(f"\n{len(WORDS)} words, {wanted} accepted breaks")
    print(f"samizdat: {good}/{offered} offered breaks acceptable = {good / offered:.1%}, {good / wanted:.1%} of the accepted ones found")
    print(f"pyphen:   {p_good}/{p_offered} = {p_good / p_offered:.1%} (with samizdat's 2/3 letter limits: {s_good}/{s_offered} = {s_good / s_offered:.1%})")
    print(f"bans broken: samizdat {len(bans)}, pyphen {len(p_bans)}")
    assert bans == []
    assert good / offered >= 0.95


def test_the_brief_s_examples() -> None:
    def shown(word: str) -> str:
        return hyphenate(word).replace(SOFT_HYPHEN, "-")

    assert shown("прэзідэнтам") == "прэ-зі-дэн-там"
    assert shown("Ціханоўская") == "Ці-ха-ноў-ская"
    assert shown("дэмакратычныя") == "дэ-ма-кра-тыч-ныя"
    assert shown("турмах") == "тур-мах"
    assert shown("турмы") == "турмы"  # 5 letters: short words are not hyphenated
    assert breaks("турмы") == []  # тур-мы would carry two letters, ту-рмы is not a typesetter's break


def test_no_ban_is_broken_in_the_sample_catalogs() -> None:
    words = set()
    for path in glob.glob(str(ROOT / "locales" / "be" / "LC_MESSAGES" / "*.po")):
        with open(path, "rb") as handle:
            for message in read_po(handle):
                strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
                words |= set(re.findall(r"[а-яёіўА-ЯЁІЎ]+(?:[’'][а-яёіўА-ЯЁІЎ]+)*", " ".join(strings)))
    assert len(words) > 300
    problems = [f"{word}@{offset}: {banned(word, offset)}" for word in sorted(words) for offset in breaks(word) if banned(word, offset)]
    assert problems == []


def test_the_exceptions_keep_the_bans() -> None:
    text = (ROOT / "src" / "samizdat" / "languages" / "data" / "hyph-be-exceptions.txt").read_text(encoding="utf-8")
    entries = [line.split("#")[0].strip() for line in text.splitlines() if line.split("#")[0].strip()]
    assert entries
    for entry in entries:
        word = entry.replace("-", "")
        assert all(banned(word, offset) is None for offset in marked(entry)), entry
        assert set(breaks(word)) <= marked(entry)


@pytest.mark.parametrize(("text", "expected"), [
    ("Святлана Ціханоўская падзякавала.", "Свя-тлана Ці-ха-ноў-ская па-дзя-ка-вала."),
    ("«Еўрапарламент» (рэзалюцыя)", "«Еў-ра-пар-ла-мент» (рэ-за-лю-цыя)"),
    ("сям’я, бур’ян і Лукашэнка", "сям’я, бур’ян і Лу-ка-шэнка"),  # under 6 letters; the last 3 stay together
])
def test_soft_hyphens_go_at_the_breaks(text: str, expected: str) -> None:
    out = hyphenate(text)
    assert out.replace(SOFT_HYPHEN, "-") == expected
    assert out.replace(SOFT_HYPHEN, "") == text


@pytest.mark.parametrize("text", [
    "https://www.europarl.europa.eu/дакументы/рэзалюцыя",
    "пішыце на info@прыклад.бел",
    "прыклад.бел/дакументы",
    "COVID-19-пандэмія",
    "2026-га",
    "АМАП, ЦВК і БелТА",
    "пра\u00adтэсты ўжо з мяккімі пераносамі",
])
def test_addresses_numbers_latin_and_abbreviations_are_left_alone(text: str) -> None:
    words = text.split()
    out = hyphenate(text).split()
    for word, done in zip(words, out):
        if re.search(r"[A-Za-z0-9\u00ad@.]", word) or sum(char.isupper() for char in word) > 1:
            assert done == word


def test_the_profiles_choose_the_rules() -> None:
    belarusian = hyphenator(profile("be").hyphenation_rules)
    assert belarusian is not None and belarusian("дэмакратычныя") != "дэмакратычныя"
    assert hyphenator(profile("ru").hyphenation_rules) is None  # WeasyPrint's own dictionary serves Russian
    assert hyphenator(profile("en").hyphenation_rules) is None


def test_a_russian_quotation_in_belarusian_text_is_left_alone() -> None:
    assert hyphenate("«Демократические силы» — дэмакратычныя").startswith("«Демократические силы» — ")
