"""Belarusian Łacinka by rule (docs/lacinka.md): every word of lacinka_words.tsv, whose
Łacinka forms were written and checked by hand against the rules and published examples;
whole translations of the sample with their Markdown; markup, Latin text and foreign
words left as written; and the theme's fonts drawing every letter Łacinka adds."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from fontTools.ttLib import TTFont

from samizdat.localize.lacinka import to_lacinka
from samizdat.translate.placeholders import Code, split
from samizdat.verify.fonts import family_files
from tests.support import ROOT

WORDS_FILE = Path(__file__).with_name("lacinka_words.tsv")
LACINKA_LETTERS = "ŁłŚśŹźĆćŃńČčŠšŽžŬŭ"
BELARUSIAN_CYRILLIC = set("абвгґдеёжзійклмнопрстуўфхцчшщыьэюя’")


def _words() -> list[tuple[int, str, str]]:
    rows = []
    for number, line in enumerate(WORDS_FILE.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            cyrillic, latin = line.split("\t")
            rows.append((number, cyrillic, latin))
    return rows


WORDS = _words()


def test_the_word_list_covers_enough_words() -> None:
    assert len(WORDS) >= 200
    assert len({cyrillic for _, cyrillic, _ in WORDS}) == len(WORDS), "a word is listed twice"


@pytest.mark.parametrize(("line", "cyrillic", "latin"), WORDS, ids=[f"{n}-{c}" for n, c, _ in WORDS])
def test_word(line: int, cyrillic: str, latin: str) -> None:
    assert to_lacinka(cyrillic) == latin, f"lacinka_words.tsv:{line}"


@pytest.mark.parametrize(("line", "cyrillic", "latin"), WORDS, ids=[f"{n}-{c}" for n, c, _ in WORDS])
def test_word_in_capitals(line: int, cyrillic: str, latin: str) -> None:
    """Written in capitals, a word comes out in capitals: Х is CH there, Я is JA."""
    assert to_lacinka(cyrillic.upper()) == latin.upper(), f"lacinka_words.tsv:{line}"


LOWER = [(n, c, la) for n, c, la in WORDS if c == c.lower()]


@pytest.mark.parametrize(("line", "cyrillic", "latin"), LOWER, ids=[f"{n}-{c}" for n, c, _ in LOWER])
def test_word_starting_a_sentence(line: int, cyrillic: str, latin: str) -> None:
    """With a capital first letter, only the first Latin letter is a capital: Хата Chata."""
    assert to_lacinka(cyrillic[0].upper() + cyrillic[1:]) == latin[0].upper() + latin[1:], f"lacinka_words.tsv:{line}"


# --- whole translations of the sample -------------------------------------------------

SAMPLE = [
    (  # ep-vote-handout.po, the paragraph under "A clear majority": strong emphasis and a note call
        "Еўрапейскі парламент прыняў рэзалюцыю па Беларусі **458 галасамі супраць 18 (84 дэпутаты "
        "ўстрымаліся)**. Парламент лічыць, што Аляксандр Лукашэнка не з’яўляецца легітымным прэзідэнтам "
        "Беларусі, і падтрымлівае дэмакратычныя сілы на чале са Святланай Ціханоўскай.[^winner]",
        "Jeŭrapiejski parłamient pryniaŭ rezalucyju pa Biełarusi **458 hałasami suprać 18 (84 deputaty "
        "ŭstrymalisia)**. Parłamient ličyć, što Alaksandr Łukašenka nie zjaŭlajecca lehitymnym prezidentam "
        "Biełarusi, i padtrymlivaje demakratyčnyja siły na čale sa Sviatłanaj Cichanoŭskaj.[^winner]",
    ),
    (  # ep-resolution-briefing.po, "The vote at a glance": a cross-reference with its case
        "На лістападаўскай пленарнай сесіі ў Страсбургу Еўрапейскі парламент пераканаўчай большасцю прыняў "
        "рэзалюцыю па Беларусі. Дэпутаты з розных палітычных груп падтрымалі тэкст, які асуджае рэпрэсіі "
        "рэжыму і вызначае, што Еўрапейскаму саюзу варта рабіць далей. Як яны галасавалі, паказана на "
        "@fig:votes{loc}.",
        "Na listapadaŭskaj plenarnaj siesii ŭ Strasburhu Jeŭrapiejski parłamient pierakanaŭčaj bolšasciu pryniaŭ "
        "rezalucyju pa Biełarusi. Deputaty z roznych palityčnych hrup padtrymali tekst, jaki asudžaje represii "
        "režymu i vyznačaje, što Jeŭrapiejskamu sajuzu varta rabić dalej. Jak jany hałasavali, pakazana na "
        "@fig:votes{loc}.",
    ),
    (  # ep-vote-handout.po, the last paragraph: two links, one with Latin text
        "Чытайце рэзалюцыю на [сайце Еўрапейскага парламента](https://www.europarl.europa.eu/) і сачыце за "
        "дзейнасцю дэмакратычных сіл на [tsikhanouskaya.org](https://tsikhanouskaya.org/).",
        "Čytajcie rezalucyju na [sajcie Jeŭrapiejskaha parłamienta](https://www.europarl.europa.eu/) i sačycie za "
        "dziejnasciu demakratyčnych sił na [tsikhanouskaya.org](https://tsikhanouskaya.org/).",
    ),
]


def _catalog_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "locales" / "be" / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle):
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                texts += [text for text in strings if message.id and text]
    return texts


@pytest.mark.parametrize(("cyrillic", "latin"), SAMPLE)
def test_sample_translation(cyrillic: str, latin: str) -> None:
    assert cyrillic in _catalog_texts(), "the sample's translation changed: update this test"
    assert to_lacinka(cyrillic) == latin


def _codes(text: str) -> list[str]:
    return [piece.markdown for piece in split(text, {"winner", "election", "transnational"}) if isinstance(piece, Code)]


def test_every_translation_of_the_sample_keeps_its_markup_and_leaves_no_cyrillic() -> None:
    texts = _catalog_texts()
    assert len(texts) > 50
    for text in texts:
        latin = to_lacinka(text)
        assert _codes(latin) == _codes(text), text
        assert not BELARUSIAN_CYRILLIC & set(latin.lower()), (text, latin)


# --- markup, Latin text and other languages -------------------------------------------


@pytest.mark.parametrize(("cyrillic", "latin"), [
    ("Глядзі [тут](https://be.wikipedia.org/wiki/Беларусь) і [^нота]",
     "Hladzi [tut](https://be.wikipedia.org/wiki/Беларусь) i [^нота]"),
    ("`код Беларусь` і ``двайны ` код``", "`код Беларусь` i ``двайны ` код``"),
    ("паказана на @fig:галасы{loc} і @sec:патрабаванні", "pakazana na @fig:галасы{loc} i @sec:патрабаванні"),
    ("<https://be.wikipedia.org/wiki/Мінск> і https://be.wikipedia.org/wiki/Мінск",
     "<https://be.wikipedia.org/wiki/Мінск> i https://be.wikipedia.org/wiki/Мінск"),
    ("![Сцяг](сцяг.png)", "![Sciah](сцяг.png)"),
    ("Мінск <!-- заўвага: Мінск --> і Ліда", "Minsk <!-- заўвага: Мінск --> i Lida"),
    ("[тэкст <!-- c --> яшчэ](https://x.by/Мінск)", "[tekst <!-- c --> jašče](https://x.by/Мінск)"),
    ("\\*Беларусь\\* &amp; ~~Мінск~~ ^Ліда^ ~Гродна~ *Брэст* __Гомель__", "\\*Biełaruś\\* &amp; ~~Minsk~~ ^Lida^ ~Hrodna~ *Brest* __Homiel__"),
    ("радок\\\nрадок", "radok\\\nradok"),
    ("Малюнак %(num)s. %(caption)s", "Malunak %(num)s. %(caption)s"),
    ("**Бел**арусь", "**Bieł**aruś"),  # emphasis inside a word: л still before а
])
def test_only_human_text_changes(cyrillic: str, latin: str) -> None:
    assert to_lacinka(cyrillic) == latin


@pytest.mark.parametrize("text", [
    "", "Europe stands with the people of Belarus.", "458 / 18 / 84 (2020) — 3,5 % …",
    "**[tsikhanouskaya.org](https://tsikhanouskaya.org/)**[^1] @fig:votes{loc} `code`",
    "Biełaruś, Łukašenka, Cichanoŭskaja", "«„…“» — ‘’ ' \"",
])
def test_text_without_belarusian_letters_is_unchanged(text: str) -> None:
    assert to_lacinka(text) == text


@pytest.mark.parametrize(("cyrillic", "latin"), [
    ("Ён заклікае неадкладна вызваліць усіх палітычных вязняў.", "Jon zaklikaje nieadkładna vyzvalić usich palityčnych viazniaŭ."),
    ("ЖЫВЕ БЕЛАРУСЬ!", "ŽYVIE BIEŁARUŚ!"),
    ("Я І ТЫ", "JA I TY"),
    ("Я і ты", "Ja i ty"),
    ("У ЕС і НАТА", "U JES i NATA"),
    ("Яна сказала: «Я — за!»", "Jana skazała: «Ja — za!»"),
])
def test_sentences_keep_their_capitals(cyrillic: str, latin: str) -> None:
    assert to_lacinka(cyrillic) == latin


@pytest.mark.parametrize(("cyrillic", "latin"), [
    ("‘Беларусь’ і 'Мінск'", "‘Biełaruś’ i 'Minsk'"),  # quotation marks, not apostrophes
    ("сям'я, сям’я, сямʼя", "siamja, siamja, siamja"),
    ("Белару́сь, сяля́нін", "Biełarúś, sialánin"),  # a stress mark does not hide the next letter
    ("сям\u0313’я", "siam\u0313ja"),
    ("Мінск і Ліда", "Minsk i Lida"),
])
def test_apostrophes_and_combining_marks(cyrillic: str, latin: str) -> None:
    assert to_lacinka(cyrillic) == latin


def test_words_in_another_cyrillic_language_are_left_as_written() -> None:
    """и, ъ, ї, є are not Belarusian letters: such a word is Russian or Ukrainian, and a
    Belarusian rule would half-convert it (Russkиj)."""
    assert to_lacinka("Ён сказаў: «Мы никому не отдадим». Україна, объект.") == \
        "Jon skazaŭ: «My никому nie отдадим». Україна, объект."


def test_decomposed_letters_are_read_as_one() -> None:
    assert to_lacinka("Магіле\u0308у\u0306 і и\u0306") == "Mahiloŭ i j"


# --- fonts ----------------------------------------------------------------------------


@pytest.mark.parametrize("family", ["PT Sans", "PT Serif"])
def test_the_theme_fonts_draw_lacinka(family: str) -> None:
    """Every style fontconfig gives for the family (fonts-paratype here) has every letter
    Łacinka adds to the basic Latin alphabet."""
    files = family_files(family)
    assert len(files) == 4, f"fc-match finds {files} for {family}: install fonts-paratype"
    for path in files:
        cmap = TTFont(path, lazy=True).getBestCmap()
        missing = [char for char in LACINKA_LETTERS if ord(char) not in cmap]
        assert not missing, f"{path} lacks {missing}"
