"""An SVG from a partner, made safe to publish: an allow-list of what draws.

An SVG is a document, not a picture. Opened from the web edition's own site it runs
``<script>``, event handlers (``onload=…``), HTML inside ``<foreignObject>`` and animations
that rewrite links; the PDF writer follows its ``href`` and CSS ``url()`` to other files;
XML entities can expand a kilobyte into gigabytes, and ``<use>`` elements that repeat each
other ten times over a few levels keep a renderer busy for hours. So every writer embeds
the copy made here (:func:`sanitize`):

- parsed with defusedxml: entity declarations and external entities are refused, never
  expanded; malformed XML, a root other than ``<svg>``, nesting deeper than ``MAX_DEPTH``
  and more than ``MAX_ELEMENTS`` drawn elements (each ``<use>`` counted as what it
  repeats) are refused too;
- kept: SVG elements that draw (shapes, text, gradients, patterns, masks, filters…) with
  their attributes, CSS rules and declarations, and references inside the document
  (``href="#id"``, ``url(#id)``);
- removed: scripts and event handlers, ``<foreignObject>``, animations, every reference to
  another file or a ``data:`` URL (a picture inside an SVG would escape the pixel limit:
  place it as its own image), CSS at-rules (``@import``, ``@font-face``), comments, the
  DOCTYPE, editor metadata and any other namespace (Inkscape, Illustrator).

What a reader could notice missing is listed in :attr:`Sanitized.removed`, for a warning.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import defusedxml
import defusedxml.ElementTree
import tinycss2  # type: ignore[import-untyped]
from tinycss2.serializer import serialize_identifier  # type: ignore[import-untyped]

MIME = "image/svg+xml"
SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"

MAX_DEPTH = 64  # Illustrator and Inkscape nest groups a dozen deep; renderers recurse per level
MAX_ELEMENTS = 20_000  # the PDF writer draws about 2,500 a second: 8 s at most

DRAWING = frozenset({
    "svg", "g", "defs", "symbol", "use", "switch", "a", "title", "desc", "view", "style", "image",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
    "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
    "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix",
    "feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB",
    "feFuncG", "feFuncR", "feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology", "feOffset",
    "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
})
ACTIVE = frozenset({  # removed like any element not in DRAWING, but named in the warning
    "script", "handler", "listener", "foreignObject", "iframe", "embed", "object", "audio", "video", "canvas",
    "animate", "animateColor", "animateMotion", "animateTransform", "set", "discard",
})
NEEDS_HREF = frozenset({"image", "feImage", "use", "textPath"})  # nothing to draw once a reference out is removed
URL_FUNCTIONS = frozenset({"url", "src", "image", "image-set", "-webkit-image-set", "cross-fade", "element"})


class UnsafeSvg(ValueError):
    """An SVG that cannot be made safe; the message completes "'chart.svg' …"."""


@dataclass(frozen=True)
class Sanitized:
    data: bytes  # UTF-8 XML, standalone
    removed: tuple[str, ...]  # what a reader could notice missing: "<script>", "onload=", "a reference to 'x.png'"


@lru_cache(maxsize=8)  # keyed by content: the load check and every writer share one result
def sanitize(data: bytes) -> Sanitized:
    """The SVG in ``data`` with only what draws; raises :class:`UnsafeSvg`."""
    root = parse(data)
    check_depth(root)
    namespace, name = split(root.tag)
    if name != "svg" or namespace not in (SVG, None):
        raise UnsafeSvg(f"is not an SVG image: its root element is <{name}>")
    removed: dict[str, None] = {}  # an ordered set
    clean(root, removed)
    count(root)
    root.set("xmlns", SVG)  # every element kept is SVG, written without a prefix
    return Sanitized(ET.tostring(root, encoding="utf-8", xml_declaration=True), tuple(removed))


def parse(data: bytes) -> ET.Element:
    try:
        return defusedxml.ElementTree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.EntitiesForbidden as exc:
        raise UnsafeSvg(f"declares the XML entity '{exc.name}'; samizdat does not expand entities (a few lines of them "
                        "can expand to gigabytes): export the SVG without a DOCTYPE") from None
    except defusedxml.DefusedXmlException as exc:
        raise UnsafeSvg(f"refers to a file outside it in its DOCTYPE ({exc}): export the SVG without a DOCTYPE") from None
    except ET.ParseError as exc:
        line, column = exc.position
        reason = str(exc).split(":")[0]
        raise UnsafeSvg(f"is not well-formed XML: {reason} at line {line}, column {column + 1}") from None


def check_depth(root: ET.Element) -> None:
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise UnsafeSvg(f"nests elements more than {MAX_DEPTH} levels deep")
        stack.extend((child, depth + 1) for child in element)


def split(tag: str) -> tuple[str | None, str]:
    """``{namespace}name`` → (namespace, name)."""
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return None, tag


def clean(element: ET.Element, removed: dict[str, None]) -> None:
    """Keep ``element`` (known to draw) with its safe attributes and drawing children."""
    element.tag = split(element.tag)[1]  # SVG, written with the xmlns a browser needs (an SVG may lack it)
    clean_attributes(element, removed)
    if element.tag == "style":
        element.text = clean_stylesheet(element.text or "", removed)
    previous: ET.Element | None = None
    for child in list(element):
        namespace, name = split(child.tag)
        if namespace in (SVG, None) and name in DRAWING:
            clean(child, removed)
            if name not in NEEDS_HREF or "href" in child.attrib:
                previous = child
                continue
        if namespace in (SVG, None) and name in ACTIVE:
            removed[f"<{name}>"] = None
        if child.tail:  # the text after a removed element stays (inside <text>, it is read)
            if previous is None:
                element.text = (element.text or "") + child.tail
            else:
                previous.tail = (previous.tail or "") + child.tail
        element.remove(child)


def clean_attributes(element: ET.Element, removed: dict[str, None]) -> None:
    for key, value in list(element.attrib.items()):
        namespace, name = split(key)
        if name == "href" and namespace in (None, XLINK):
            keep = False
            if value.strip().startswith("#"):
                element.set("href", value.strip())  # as SVG 2's plain href: no xlink prefix to declare
                keep = namespace is None
            else:
                removed[f"a reference to {shorten(value)}"] = None
        elif namespace == XML:
            keep = name in ("space", "lang")
        elif namespace is not None:
            keep = False  # editor data: inkscape:label, sodipodi:…, i:extraneous
        elif name.lower().startswith("on"):
            keep = False
            removed[f"{name}="] = None
        elif name == "style":
            cleaned = clean_declarations(value, removed)
            keep = bool(cleaned)
            if keep:
                element.set(key, cleaned)
        else:
            keep = safe_value(value, removed)
        if not keep:
            del element.attrib[key]


def safe_value(value: str, removed: dict[str, None]) -> bool:
    """A presentation attribute (``fill="url(#g)"``) refers to nothing outside the document."""
    if "(" not in value and "\\" not in value:  # no CSS function, no escape: nothing to look at
        return True
    outside = [ref for ref in references(tinycss2.parse_component_value_list(value)) if not ref.startswith("#")]
    for ref in outside:
        removed[f"a reference to {shorten(ref)}"] = None
    return not outside


def clean_stylesheet(css: str, removed: dict[str, None]) -> str:
    """A ``<style>`` element's CSS with its rules' safe declarations; no at-rules."""
    out = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule":
            removed[f"CSS @{rule.lower_at_keyword}"] = None
        elif rule.type == "qualified-rule":
            declarations = clean_declarations(tinycss2.serialize(rule.content or []), removed)
            out.append(f"{tinycss2.serialize(rule.prelude).strip()}{{{declarations}}}")
    return "\n".join(out)


def clean_declarations(css: str, removed: dict[str, None]) -> str:
    """``fill:url(#g);background:url(x.png)`` → ``fill:url(#g)``."""
    kept = []
    for item in tinycss2.parse_blocks_contents(css, skip_comments=True, skip_whitespace=True):
        if item.type == "declaration":
            outside = [ref for ref in references(item.value) if not ref.startswith("#")]
            for ref in outside:
                removed[f"a reference to {shorten(ref)}"] = None
            if not outside:
                kept.append(f"{serialize_identifier(item.name)}:{tinycss2.serialize(item.value).strip()}{' !important' if item.important else ''}")
        elif item.type in ("at-rule", "qualified-rule"):
            removed[f"CSS @{item.lower_at_keyword}" if item.type == "at-rule" else "nested CSS rules"] = None
    return ";".join(kept)


def references(tokens: Iterable[tinycss2.ast.Node]) -> Iterator[str]:
    """Every URL the CSS values name; a function that loads something by other means
    (``image-set("x.png" 1x)``) counts as a reference to itself."""
    for token in tokens:
        if token.type == "url":
            yield token.value
        elif token.type == "function":
            if token.lower_name == "url":
                yield "".join(arg.value for arg in token.arguments if arg.type == "string").strip()
            elif token.lower_name in URL_FUNCTIONS:
                yield f"{token.lower_name}()"
            yield from references(token.arguments)
        elif token.type in ("() block", "[] block", "{} block"):
            yield from references(token.content)


def count(root: ET.Element) -> None:
    """Refuse an SVG that draws more than ``MAX_ELEMENTS`` elements, each ``<use>`` counted
    as the element it repeats (ten uses of ten uses of… multiply), whose uses loop, or
    that nests deeper than ``MAX_DEPTH`` once its uses are followed."""
    by_id = {element.get("id"): element for element in root.iter() if element.get("id")}
    drawn: dict[int, tuple[int, int]] = {}  # element → (elements drawn, levels), uses followed
    pending: set[int] = set()

    def measure(element: ET.Element, depth: int) -> tuple[int, int]:
        key = id(element)
        if key in pending:
            raise UnsafeSvg("has a <use> that repeats itself (a loop of references)")
        if key not in drawn:
            if depth > MAX_DEPTH:
                raise UnsafeSvg(f"nests elements more than {MAX_DEPTH} levels deep, counting what each <use> repeats")
            pending.add(key)
            parts = [measure(child, depth + 1) for child in element]
            if element.tag == "use":
                target = by_id.get((element.get("href") or "")[1:])
                if target is not None:
                    parts.append(measure(target, depth + 1))
            drawn[key] = (1 + sum(n for n, _ in parts), 1 + max((levels for _, levels in parts), default=0))
            pending.discard(key)
        elements, levels = drawn[key]
        if elements > MAX_ELEMENTS:
            raise UnsafeSvg(f"draws more than {MAX_ELEMENTS:,} elements (counting what each <use> repeats)")
        if depth + levels - 1 > MAX_DEPTH:
            raise UnsafeSvg(f"nests elements more than {MAX_DEPTH} levels deep, counting what each <use> repeats")
        return drawn[key]

    measure(root, 1)


def shorten(value: str) -> str:
    value = " ".join(value.split())
    return repr(value if len(value) <= 40 else value[:39] + "…")
