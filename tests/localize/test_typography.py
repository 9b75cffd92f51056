from samizdat import model as m
from samizdat.localize.typography import apply


def seg(*inlines: m.Inline) -> m.Segment:
    return m.Segment("", tuple(inlines), m.Loc("x.md", 1))


def test_russian_quotes_nest_and_short_words_stay_with_the_next() -> None:
    out = apply(seg(m.Text('Он сказал "это "шаг" вперёд" и ушёл')), "ru")
    assert out.plain() == "Он сказал «это „шаг“ вперёд» и\u00a0ушёл"


def test_quotes_pair_across_emphasis() -> None:
    out = apply(seg(m.Text('a "'), m.Emph((m.Text("b"),)), m.Text('" c')), "be")
    assert out.plain() == "a «b» c"


def test_code_is_untouched() -> None:
    out = apply(seg(m.Code('"x"')), "ru")
    assert out.inlines == (m.Code('"x"'),)


def test_apostrophe_and_dash() -> None:
    assert apply(seg(m.Text("сям'я - гэта")), "be").plain() == "сям\u2019я\u00a0\u2014 гэта"
    assert apply(seg(m.Text("it's - fine")), "en").plain() == "it\u2019s \u2013 fine"
