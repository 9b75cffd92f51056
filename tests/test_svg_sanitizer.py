"""The SVG sanitizer alone: what it keeps, what it removes and names, what it refuses."""

from __future__ import annotations

import lxml.etree
import pytest

from samizdat.svg_sanitizer import MAX_DEPTH, MAX_ELEMENTS, UnsafeSvg, sanitize

NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'


def svg(body: str, attributes: str = "") -> bytes:
    return f"<svg {NS}{attributes}>{body}</svg>".encode()


def clean(data: bytes) -> tuple[lxml.etree._Element, tuple[str, ...]]:
    result = sanitize(data)
    return lxml.etree.fromstring(result.data), result.removed


def attributes(root: lxml.etree._Element) -> dict[str, str]:
    return {f"{lxml.etree.QName(e).localname}@{lxml.etree.QName(k).localname}": v for e in root.iter() for k, v in e.attrib.items()}


@pytest.mark.parametrize(("body", "named"), [
    ('<rect onload="alert(1)" ONCLICK="alert(2)" onMouseOver="x"/>', ("onload=", "ONCLICK=", "onMouseOver=")),
    ("<script>alert(1)</script><script href='x.js'/>", ("<script>",)),
    ('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>', ("<foreignObject>",)),
    ('<a href="#x"><set attributeName="href" to="javascript:alert(1)"/><animate attributeName="href" values="javascript:1"/></a>',
     ("<set>", "<animate>")),
    ('<a xlink:href="javascript:alert(1)"><rect/></a>', ("a reference to 'javascript:alert(1)'",)),
    ('<image href="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJ"/>',
     ("a reference to 'data:image/png;base64,iVBORw0KGgoAAAANS…'",)),
    ('<use xlink:href="other.svg#shape"/><feImage href="http://example.org/x.png"/>',
     ("a reference to 'other.svg#shape'", "a reference to 'http://example.org/x.png'")),
    ('<rect fill="url(http://example.org/x.svg#g)" stroke="u\\72 l(x.svg#g)" filter="url( \'f.svg#f\' )"/>',
     ("a reference to 'http://example.org/x.svg#g'", "a reference to 'x.svg#g'", "a reference to 'f.svg#f'")),
    ('<rect style="fill:red;background:url(x.png);mask:image-set(&quot;m.png&quot; 1x)"/>',
     ("a reference to 'x.png'", "a reference to 'image-set()'")),
    ("<style>@import url(http://x/y.css); @font-face { src: url(f.woff) } .a { cursor: url(c.cur) }</style>",
     ("CSS @import", "CSS @font-face", "a reference to 'c.cur'")),
])
def test_active_and_outside_content_is_removed_and_named(body: str, named: tuple[str, ...]) -> None:
    root, removed = clean(svg(body))
    assert removed == named
    text = lxml.etree.tostring(root).decode()
    for word in ("alert", "javascript", "data:", "http://example", "x.png", "x.svg", "f.svg", "@import", "script", "foreignObject"):
        assert word not in text
    assert not [key for key in attributes(root) if key.split("@")[1].lower().startswith("on")]


def test_what_draws_is_kept() -> None:
    body = ('<defs><linearGradient id="g" xlink:href="#base"><stop offset="0" stop-color="#080"/></linearGradient>'
            '<linearGradient id="base"/><path id="curve" d="M0 0 L10 10"/></defs>'
            '<style>.bar { fill: url(#g) } text > tspan { font-weight: bold }</style>'
            '<g transform="rotate(3)" style="stroke:url(#g);opacity:.5"><rect class="bar" fill="url(#g)" width="10" height="5"/>'
            '<use href="#curve"/><text xml:space="preserve" xml:lang="be">Галасы <tspan>за</tspan> 458'
            '<textPath xlink:href="#curve">a</textPath></text></g><title>Votes</title><desc>A bar chart</desc>')
    root, removed = clean(svg(body, ' width="200" height="100" viewBox="0 0 200 100"'))
    assert removed == ()
    found = attributes(root)
    assert found["linearGradient@href"] == "#base" and found["use@href"] == "#curve" and found["textPath@href"] == "#curve"
    assert found["rect@fill"] == "url(#g)" and found["g@transform"] == "rotate(3)" and "stroke:url(#g)" in found["g@style"]
    assert found["text@space"] == "preserve" and found["text@lang"] == "be" and found["svg@viewBox"] == "0 0 200 100"
    assert "".join(root.find("{*}g/{*}text").itertext()) == "Галасы за 458a"
    assert ".bar{fill:url(#g)}" in root.findtext("{*}style") and "text > tspan{font-weight:bold}" in root.findtext("{*}style")
    assert root.findtext("{*}title") == "Votes"


def test_editor_data_goes_without_a_word_and_the_text_around_it_stays() -> None:
    data = (b'<?xml version="1.0" standalone="no"?>\n'
            b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
            b'<!-- Generator: Adobe Illustrator -->\n'
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
            b'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" inkscape:version="1.3">'
            b'<sodipodi:namedview pagecolor="#fff"/><metadata><rdf xmlns="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>'
            b'<text>one <flowRoot>two</flowRoot>three</text><?xpacket begin="x"?></svg>')
    result = sanitize(data)
    assert result.removed == ()
    assert result.data == (b"<?xml version='1.0' encoding='utf-8'?>\n"
                           b'<svg xmlns="http://www.w3.org/2000/svg"><text>one three</text></svg>')


def test_an_svg_without_its_namespace_gets_it() -> None:
    root, _ = clean(b'<svg width="10" height="10"><rect width="10" height="10"/></svg>')
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root[0].tag == "{http://www.w3.org/2000/svg}rect"


def test_default_attributes_from_the_dtd_are_cleaned_like_written_ones() -> None:
    root, removed = clean(b'<!DOCTYPE svg [<!ATTLIST rect onclick CDATA "alert(1)">]>'
                          b'<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>')
    assert removed == ("onclick=",) and not root[0].attrib


def test_sanitizing_twice_changes_nothing_more() -> None:
    once = sanitize(svg('<script/><rect onclick="x" fill="url(#g)"/><text>a<foreignObject/>b</text>'))
    twice = sanitize(once.data)
    assert twice.data == once.data and twice.removed == ()


@pytest.mark.parametrize(("data", "message"), [
    (b'<!DOCTYPE svg [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg">&b;</svg>',
     "declares the XML entity 'a'; samizdat does not expand entities"),
    (b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
     "declares the XML entity 'x'"),
    (b'<html xmlns="http://www.w3.org/1999/xhtml"/>', "is not an SVG image: its root element is <html>"),
    (b'<svg xmlns="http://www.w3.org/2000/svg">\n<g>\n</svg>', "is not well-formed XML: mismatched tag at line 3, column 3"),
    (svg("<g>" * MAX_DEPTH + "</g>" * MAX_DEPTH), f"nests elements more than {MAX_DEPTH} levels deep"),
    (svg("<g>" * 100_000 + "</g>" * 100_000), f"nests elements more than {MAX_DEPTH} levels deep"),
    (svg('<g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g>'), "has a <use> that repeats itself"),
    (svg("<defs>" + "".join(f'<g id="c{i}"><use href="#c{i + 1}"/></g>' for i in range(MAX_DEPTH)) + f'<g id="c{MAX_DEPTH}"/></defs>'),
     f"nests elements more than {MAX_DEPTH} levels deep, counting what each <use> repeats"),
    (svg('<rect id="l0"/>' + "".join(f'<g id="l{i}">' + f'<use href="#l{i - 1}"/>' * 10 + "</g>" for i in range(1, 6))),
     f"draws more than {MAX_ELEMENTS:,} elements"),
    (svg("<rect/>" * MAX_ELEMENTS), f"draws more than {MAX_ELEMENTS:,} elements"),
])
def test_what_cannot_be_made_safe_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(UnsafeSvg) as refused:
        sanitize(data)
    assert message in str(refused.value)


def test_limits_leave_room_for_real_drawings() -> None:
    deep = svg("<g>" * (MAX_DEPTH - 2) + "<rect/>" + "</g>" * (MAX_DEPTH - 2))  # with <svg>: MAX_DEPTH levels
    many = svg('<rect id="r"/>' + '<use href="#r"/>' * (MAX_ELEMENTS // 2 - 2))
    assert sanitize(deep).removed == () and sanitize(many).removed == ()
