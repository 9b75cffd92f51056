"""Locale typography: quotation marks, apostrophes, dashes and no-break spaces per language,
and text the author wants as typed (escapes, code, raw HTML shown as text) left alone."""

from pathlib import Path

import pytest

from samizdat import model as m
from samizdat.content.markdown import parse_inlines
from samizdat.languages import profile
from samizdat.localize.typography import apply
from tests.support import copy_project, pdf_text, run_cli, write_doc


def seg(*inlines: m.Inline) -> m.Segment:
    return m.Segment("", tuple(inlines), m.Loc("x.md", 1))


def test_russian_quotes_nest_and_short_words_stay_with_the_next() -> None:
    out = apply(seg(m.Text('Он сказал "это "шаг" вперёд" и ушёл')), profile("ru"))
    assert out.plain() == "Он сказал «это „шаг“ вперёд» и\u00a0ушёл"


def test_quotes_pair_across_emphasis() -> None:
    out = apply(seg(m.Text('a "'), m.Emph((m.Text("b"),)), m.Text('" c')), profile("be"))
    assert out.plain() == "a «b» c"


def test_code_is_untouched() -> None:
    out = apply(seg(m.Code('"x"')), profile("ru"))
    assert out.inlines == (m.Code('"x"'),)


def test_apostrophe_and_dash() -> None:
    assert apply(seg(m.Text("сям'я - гэта")), profile("be")).plain() == "сям\u2019я\u00a0\u2014 гэта"
    assert apply(seg(m.Text("it's - fine")), profile("en")).plain() == "it\u2019s \u2013 fine"


# --- from Markdown, as the loader and the translations give it -----------------------


def typeset(markdown: str, lang: str) -> str:
    return apply(seg(*parse_inlines(markdown, set())), profile(lang)).plain()


@pytest.mark.parametrize("lang", ["en", "be", "ru"])
def test_escaped_quotes_and_hyphens_stay_as_typed(lang: str) -> None:
    assert typeset(r'a \"c\" b', lang) == 'a "c" b'
    assert typeset(r"a \'c\' b", lang) == "a 'c' b"
    assert typeset(r"a \-- b and c -\- d", lang) == "a -- b and c -- d"


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "\u2018A\u2019 and \u201cB\u201d"),
    ("be", "\u00abA\u00bb and \u00abB\u00bb"),
    ("ru", "\u00abA\u00bb and \u00abB\u00bb"),
])
def test_single_quotes_open_and_close(lang: str, expected: str) -> None:
    assert typeset("'A' and \"B\"", lang) == expected


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "\u201cHe said \u2018no\u2019 twice\u201d, didn\u2019t he"),
    ("be", "\u00abHe said \u201eno\u201c twice\u00bb, didn\u2019t he"),
    ("ru", "\u00abHe said \u201eno\u201c twice\u00bb, didn\u2019t he"),
])
def test_nested_quotes_take_the_languages_inner_marks(lang: str, expected: str) -> None:
    assert typeset("\"He said 'no' twice\", didn't he", lang) == expected


def test_apostrophes_inside_and_after_words() -> None:
    assert typeset("the students' union and O'Brien in the '90s", "en") == "the students\u2019 union and O\u2019Brien in the \u201990s"
    assert typeset("з'езд і сям'я", "be") == "з\u2019езд і\u00a0сям\u2019я"


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_raw_html_shown_as_text_is_untouched(lang: str) -> None:
    out = typeset('see <a href="x - y" title=\'t\'> and "q"', lang)
    assert out.startswith('see <a href="x - y" title=\'t\'> and ')
    assert '"q"' not in out


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One document written in English and one in Russian, each built in its own language."""
    project = copy_project(tmp_path_factory.mktemp("typography"))
    for lang in ("en", "ru"):
        write_doc(project, f"quotes-{lang}.md", f"---\ntitle: Quotes\nlang: {lang}\n---\n\n"
                  "Escaped \\\"as typed\\\" and \\-- kept; 'single' and \"double 'inner'\"; `\"code\"` and <b class=\"x\">.\n")
        result = run_cli(project, "build", f"content/quotes-{lang}.md", "--lang", lang, "--format", "pdf")
        assert result.returncode == 0, result.stderr
    return project / "build"


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "Escaped \"as typed\" and -- kept; \u2018single\u2019 and \u201cdouble \u2018inner\u2019\u201d; \"code\" and <b class=\"x\">."),
    ("ru", "Escaped \"as typed\" and -- kept; \u00absingle\u00bb and \u00abdouble \u201einner\u201c\u00bb; \"code\" and <b class=\"x\">."),
])
def test_the_pdf_prints_what_typography_gives(built: Path, lang: str, expected: str) -> None:
    assert expected in pdf_text(built / lang / f"quotes-{lang}.pdf")
