"""PO files are read as ``msgfmt --check`` reads them, and written in linear time.

``broken_po/`` holds small real catalogs with one mistake each, ``valid_po/`` tricky ones
that gettext accepts. Each is given to GNU msgfmt and to samizdat's reader: samizdat must
refuse exactly the files msgfmt refuses, on the line msgfmt names (either line of a
two-part message such as "nplurals = 3... but some messages have only 2 plural forms"),
except the files in DIFFERENCES, refused on purpose.
"""

from __future__ import annotations

import random
import re
import subprocess
import time
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import normalize as babel_normalize
from hypothesis import given, settings
from hypothesis import strategies as st

from samizdat.localize import pofile

HERE = Path(__file__).parent
BROKEN = sorted((HERE / "broken_po").glob("*.po"))
VALID = sorted((HERE / "valid_po").glob("*.po"))

# samizdat refuses these, msgfmt accepts them (with a warning at most).
DIFFERENCES = {
    "koi8r-declared-utf8-file.po": "UTF-8 text under charset=KOI8-R: every byte is some KOI8-R letter, so msgfmt publishes mojibake",
    "cp1251-declared-utf8-file.po": "the same with CP1251",
    "unknown-charset.po": "non-ASCII text in a charset Python cannot decode (msgfmt copies the bytes, undecoded)",
    "charset-placeholder.po": "non-ASCII text under the POT placeholder charset=CHARSET: nothing says how to decode it",
    "no-charset.po": "non-ASCII text with no charset at all: the same",
    "invalid-utf8-in-comment.po": "msgfmt skips comments unread; samizdat keeps them and writes them back, so they must decode",
    "fuzzy-entry-with-too-many-forms.po": "msgfmt ignores fuzzy entries; writing the catalog back would drop the extra form",
    "plural-forms-not-the-language.po": "a Russian catalog declaring two plural forms: msgfmt does not know the language's rules",
}
# msgfmt names the line after a string that runs into the end of its line (its lexer has
# already read the newline); samizdat names the string's own line.
NEXT_LINE_QUIRK = "end-of-line within string"


def msgfmt(path: Path) -> tuple[bool, set[int]]:
    """Whether ``msgfmt --check`` accepts ``path``, and the lines of its first fatal error."""
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True, check=False)
    lines: set[int] = set()
    continued = False
    for text in result.stderr.splitlines():
        match = re.match(rf"{re.escape(str(path))}:(\d+):(?:\d+:)? (.*)", text)
        if match is None or match.group(2).startswith("warning"):
            continue
        if lines and not continued:
            break
        line = int(match.group(1))
        lines.add(line - 1 if NEXT_LINE_QUIRK in match.group(2) else line)
        continued = match.group(2).endswith("...")
    return result.returncode == 0, lines


def language(data: bytes) -> str | None:
    match = re.search(rb'"Language: ([\w-]+)\\n"', data)
    return match.group(1).decode() if match else None


def samizdat(path: Path) -> list[tuple[int | None, str]]:
    """The problems samizdat's reader reports (none when it reads the file)."""
    data = path.read_bytes()
    try:
        pofile.read(data, language(data))
    except pofile.PoProblems as exc:
        return exc.problems
    return []


def test_the_corpus_is_large_enough() -> None:
    assert len(BROKEN) - len(DIFFERENCES) >= 20 and len(VALID) >= 5
    assert set(DIFFERENCES) <= {p.name for p in BROKEN}


@pytest.mark.parametrize("path", BROKEN + VALID, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_refuses_exactly_what_msgfmt_refuses_on_its_line(path: Path) -> None:
    accepted, lines = msgfmt(path)
    problems = samizdat(path)
    if path.name in DIFFERENCES:
        assert accepted and problems, f"a deliberate difference no longer differs: {problems}"
        return
    assert accepted == (path.parent.name == "valid_po"), "the corpus file is not what its folder says"
    assert accepted == (not problems), problems
    if lines:
        assert problems[0][0] in lines, f"msgfmt: {sorted(lines)}, samizdat: {problems}"


def test_the_reported_unterminated_string_is_refused_not_truncated() -> None:
    problems = samizdat(HERE / "broken_po" / "unterminated-msgstr.po")
    assert problems == [(22, 'invalid PO file: the string has no closing quote (")')]


def test_declared_charsets_are_honoured() -> None:
    koi8 = pofile.read((HERE / "valid_po" / "koi8r.po").read_bytes(), "ru")
    assert koi8.get("Languages").string == "Языки"
    cp1251 = pofile.read((HERE / "valid_po" / "cp1251.po").read_bytes(), "be")
    assert cp1251.get("Languages").string == "Мовы і пераклады"
    assert pofile.write(cp1251).decode("utf-8").count("charset=utf-8") == 1  # written back as UTF-8, declared so
    assert samizdat(HERE / "broken_po" / "koi8r-declared-utf8-file.po")[0] == (
        11, "the header declares charset=KOI8-R, but the text is UTF-8 (it would read as mojibake); declare charset=UTF-8"
    )
    assert samizdat(HERE / "broken_po" / "invalid-utf8.po") == [(16, "not valid UTF-8 (byte 0xc7); save the file as UTF-8")]


def test_escapes_previous_msgids_and_obsolete_entries_are_read_as_gettext_reads_them() -> None:
    escapes = pofile.read((HERE / "valid_po" / "escapes.po").read_bytes(), "be")
    assert escapes.get('Tab\there, "quoted", back\\slash, bell\a').string == 'Табуляцыя\tтут, "у двукоссі", адваротная\\рыска, званок\a'
    assert escapes.get("Hex A and octal A").string == "А А"  # \xd0\x90 and \320\220: the bytes of UTF-8 "А"
    catalog = pofile.read((HERE / "valid_po" / "obsolete-and-previous.po").read_bytes(), "be")
    assert catalog.get("Six demands", context="heading").previous_id == ["Five demands"]
    assert {m.id: m.string for m in catalog.obsolete.values()} == {"Old heading": "Стары загаловак", "Old": "Стары"}
    spaced = pofile.read((HERE / "valid_po" / "multi-line-and-odd-spacing.po").read_bytes(), "be")
    assert spaced.get("A clear majority", context="heading").string == "Упэўненая большасць"
    assert spaced.get("Notes").string == "Заўвагі"


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_files_round_trip_and_msgfmt_accepts_what_is_written(path: Path, tmp_path: Path) -> None:
    data = path.read_bytes()
    written = pofile.write(pofile.read(data, language(data)))
    assert pofile.write(pofile.read(written, language(data))) == written
    out = tmp_path / path.name
    out.write_bytes(written)
    assert msgfmt(out) == (True, set())


def test_writing_is_linear_in_the_length_of_a_string(tmp_path: Path) -> None:
    random.seed(7)
    words = ["Беларусь", "палітвязні", "рэзалюцыя", "Еўрапарламент", "—", "458", "(ЕС)"]
    long_text = " ".join(random.choice(words) for _ in range(22_000))[:200_000]
    token = "".join(random.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(30_000))
    catalog = Catalog(locale="be", charset="utf-8")
    catalog.add("A long paragraph", long_text)
    catalog.add("A long token", token)
    catalog.add("A long hyphenated token", "-".join([token[:15_000], token[15_000:]]), context="paragraph")
    started = time.perf_counter()
    written = pofile.write(catalog)
    elapsed = time.perf_counter() - started
    assert elapsed < 5, f"writing took {elapsed:.1f} s"  # Babel's writer: half a minute for 40,000 characters

    again = pofile.read(written, "be")
    assert again.get("A long paragraph").string == long_text
    assert again.get("A long token").string == token
    assert pofile.write(again) == written
    path = tmp_path / "long.po"
    path.write_bytes(written)
    assert msgfmt(path) == (True, set())


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("aZ9_-.,!?'\"& \t\n\rжЎ—%()")), max_size=120),
    st.sampled_from(["", "#~ ", "#| "]),
    st.sampled_from([76, 20]),
)
def test_wrapping_is_babels_wrapping(text: str, prefix: str, width: int) -> None:
    assert pofile.normalize(text, prefix=prefix, width=width) == babel_normalize(text, prefix=prefix, width=width)
