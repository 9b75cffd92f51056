"""What a PDF page paints, read from its content stream with the graphics state.

Takes a pikepdf page; gives the marks a print shop's preflight judges — images with the size
they are placed at, the width of every stroke and of thin filled rectangles, every colour
space a colour, image, shading or transparency group is given, and the fonts text is set
in — in one pass over the page's content, the Form XObjects and tiling patterns it draws
(each with its /Matrix) and the appearances of annotations that print.

Sizes are in PDF points as printed: the current transformation matrix (``q``/``Q``/``cm``)
is applied to every width and placement.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import pikepdf

Matrix = tuple[float, float, float, float, float, float]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in the page's default space
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_DEPTH = 12  # forms inside forms: deeper is a loop or a hostile file, not a design
MAX_STREAMS = 5000  # content streams walked for one page: a page of a real document draws tens
PRINTS = 4  # the Print bit of an annotation's /F flags
PAGE = "the page's content"


def multiply(first: Matrix, then: Matrix) -> Matrix:
    """``first`` applied, then ``then`` (PDF's row-vector convention: first × then)."""
    a, b, c, d, e, f = first
    a2, b2, c2, d2, e2, f2 = then
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def scale(ctm: Matrix) -> float:
    """How much the matrix grows a length, on average over directions (a line width)."""
    return math.sqrt(abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]))


@dataclass(frozen=True)
class Space:
    """A colour space, reduced to what decides whether it is RGB."""

    family: str  # DeviceRGB, DeviceCMYK, DeviceGray, ICCBased, CalRGB, CalGray, Lab, Indexed, Separation, DeviceN, Pattern
    components: int = 0  # of an ICCBased space (its /N)
    base: Space | None = None  # an Indexed or Pattern space's underlying space

    @property
    def rgb(self) -> bool:
        if self.base is not None:
            return self.base.rgb
        return self.family in ("DeviceRGB", "CalRGB") or (self.family == "ICCBased" and self.components == 3)

    def __str__(self) -> str:
        if self.family == "ICCBased":
            return f"ICCBased with {self.components} components"
        return f"{self.family} on {self.base}" if self.base else self.family


@dataclass(frozen=True)
class Placed:
    """An image as drawn: its pixels and its printed size in points."""

    name: str  # the resource name ('/Im3') or 'inline image'
    pixels: tuple[int, int]
    size: tuple[float, float]  # width and height of the placed image, in points
    where: str
    space: Space | None  # None for a stencil mask (painted in the fill colour)


@dataclass(frozen=True)
class Line:
    """A stroke, or a filled shape that is a line: its printed width (and length, for a fill)."""

    width: float  # points; 0 for a stroke of line width 0 (the device's thinnest)
    length: float  # points; math.inf for a stroke (any stroke can be a hairline)
    how: str  # 'stroke (S)', 'filled rectangle', 'border drawn as a fill'
    where: str
    box: Box  # the whole path's extent on the page (x0, y0, x1, y1), to tell marks outside the trim


@dataclass(frozen=True)
class Colour:
    what: str  # 'fill colour (rg)', 'shading /Sh1', 'transparency group'… (images are :class:`Placed`)
    space: Space
    where: str


@dataclass(frozen=True)
class FontUse:
    name: str  # resource name
    font: pikepdf.Object = field(compare=False)
    key: tuple[int, int] | str  # the font object, to name each once
    where: str


@dataclass
class Paint:
    """Everything one page paints (each distinct line, colour and font once)."""

    images: list[Placed] = field(default_factory=list)
    lines: set[Line] = field(default_factory=set)
    colours: set[Colour] = field(default_factory=set)
    fonts: dict[tuple[int, int] | str, FontUse] = field(default_factory=dict)


@dataclass
class _State:
    """The parts of the graphics state ``q`` saves that the checks need."""

    ctm: Matrix
    line_width: float = 1.0

    def copy(self) -> _State:
        return _State(self.ctm, self.line_width)


DEVICE = {"/DeviceRGB": "DeviceRGB", "/DeviceCMYK": "DeviceCMYK", "/DeviceGray": "DeviceGray", "/Pattern": "Pattern",
          "/RGB": "DeviceRGB", "/CMYK": "DeviceCMYK", "/G": "DeviceGray"}  # the last three: inline images' abbreviations
FAMILIES = {"/CalRGB": "CalRGB", "/CalGray": "CalGray", "/Lab": "Lab", "/Separation": "Separation", "/DeviceN": "DeviceN"}
SET_COLOUR = {"rg": "DeviceRGB", "RG": "DeviceRGB", "k": "DeviceCMYK", "K": "DeviceCMYK", "g": "DeviceGray", "G": "DeviceGray"}
STROKES = {"S", "s", "B", "B*", "b", "b*"}
FILLS = {"f", "F", "f*", "B", "B*", "b", "b*"}
PAINTS = STROKES | FILLS | {"n"}
PATH = {"m", "l", "c", "v", "y", "h", "re"}
EPSILON = 0.001  # user-space units: rounding in the writer's numbers, not a shape
Rect = tuple[float, float, float, float]  # x, y, width, height as 're' gives them


@dataclass
class _Path:
    """The path being built: its points (for its extent) and which subpaths are rectangles."""

    points: list[tuple[float, float]] = field(default_factory=list)
    subpaths: int = 0
    rects: list[Rect] = field(default_factory=list)

    def add(self, op: str, numbers: list[float]) -> None:
        if op == "re" and len(numbers) == 4:
            x, y, w, h = numbers
            self.rects.append((x, y, w, h))
            self.points += [(x, y), (x + w, y), (x, y + h), (x + w, y + h)]  # all four: the page may be rotated
            self.subpaths += 1
            return
        if op == "m" or not self.subpaths:
            self.subpaths += 1
        self.points += list(zip(numbers[0::2], numbers[1::2]))  # curves: their control points bound them

    def box(self, ctm: Matrix) -> Box | None:
        """The path's extent in the page's default space (None: an empty path)."""
        if not self.points:
            return None
        a, b, c, d, e, f = ctm
        corners = [(a * x + c * y + e, b * x + d * y + f) for x, y in self.points]
        xs, ys = [p[0] for p in corners], [p[1] for p in corners]
        return (min(xs), min(ys), max(xs), max(ys))


def _ring(rects: list[Rect], sx: float, sy: float) -> list[tuple[float, float]]:
    """The sides of the frame between two nested rectangles (how WeasyPrint draws a border):
    (thickness, length) of each side that has any, printed."""
    first, second = ((min(x, x + w), min(y, y + h), max(x, x + w), max(y, y + h)) for x, y, w, h in rects)
    for outer, inner in ((first, second), (second, first)):
        if min(inner[0] - outer[0], inner[1] - outer[1], outer[2] - inner[2], outer[3] - inner[3]) > -EPSILON:
            across, along = (outer[2] - outer[0]) * sx, (outer[3] - outer[1]) * sy
            sides = [((inner[0] - outer[0]) * sx, along), ((outer[2] - inner[2]) * sx, along),
                     ((inner[1] - outer[1]) * sy, across), ((outer[3] - inner[3]) * sy, across)]
            return [(round(t, 3), round(length, 3)) for t, length in sides if t > EPSILON]
    return []


def space_of(obj: pikepdf.Object | None, resources: pikepdf.Object | None, depth: int = 0) -> Space | None:
    """The colour space ``obj`` names (a device name, a name in /ColorSpace, or an array)."""
    if obj is None or depth > 4:
        return None
    if isinstance(obj, pikepdf.Name):
        name = str(obj)
        if name in DEVICE:
            return Space(DEVICE[name])
        named = _get(_get(resources, "/ColorSpace"), name)
        return space_of(named, resources, depth + 1)
    if isinstance(obj, pikepdf.Array) and len(obj) and isinstance(obj[0], pikepdf.Name):
        family = str(obj[0])
        if family == "/ICCBased" and len(obj) > 1 and isinstance(obj[1], pikepdf.Stream):
            return Space("ICCBased", _int(obj[1].get("/N")))
        if family in ("/Indexed", "/I", "/Pattern") and len(obj) > 1:
            return Space("Indexed" if family != "/Pattern" else "Pattern", base=space_of(obj[1], resources, depth + 1))
        if family in FAMILIES:
            return Space(FAMILIES[family])
        if family in DEVICE:
            return Space(DEVICE[family])
    return None


def _get(obj: pikepdf.Object | None, key: str) -> pikepdf.Object | None:
    if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
        return obj.get(key)
    return None


def _int(obj: object) -> int:
    try:
        return int(obj)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 0


def _numbers(operands: Iterable[object]) -> list[float] | None:
    try:
        return [float(x) for x in operands]  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _matrix(obj: pikepdf.Object | None) -> Matrix:
    """A /Matrix entry; the identity when there is none (or it is not six numbers)."""
    m = _numbers(obj) if isinstance(obj, pikepdf.Array) else None
    return (m[0], m[1], m[2], m[3], m[4], m[5]) if m and len(m) == 6 else IDENTITY


def _key(obj: pikepdf.Object, fallback: str) -> tuple[int, int] | str:
    return obj.objgen if obj.objgen != (0, 0) else fallback


class TooComplex(ValueError):
    """A page that draws forms inside forms without end (a hostile file): it cannot be checked."""


class _Walk:
    """One page's walk; :meth:`stream` is called again for every form, pattern and appearance."""

    def __init__(self) -> None:
        self.paint = Paint()
        self.patterns: set[tuple[int, int] | str] = set()
        self.streams = 0

    def stream(self, content: pikepdf.Page | pikepdf.Object, resources: pikepdf.Object | None, ctm: Matrix,
               where: str, depth: int = 0, group: pikepdf.Object | None = None) -> None:
        self.streams += 1
        if depth > MAX_DEPTH:
            return
        if self.streams > MAX_STREAMS:
            raise TooComplex(f"it draws more than {MAX_STREAMS:,} forms, patterns and appearances")
        if (cs := space_of(_get(group, "/CS"), resources)) is not None:
            self.paint.colours.add(Colour("transparency group", cs, where))
        state, stack = _State(ctm), []
        path = _Path()
        for instruction in pikepdf.parse_content_stream(content):
            op = str(instruction.operator)
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                self.inline_image(instruction.iimage, resources, state, where)
                continue
            operands = instruction.operands
            if op == "q":
                stack.append(state.copy())
            elif op == "Q":
                state = stack.pop() if stack else state
            elif op == "cm":
                if (m := _numbers(operands)) and len(m) == 6:
                    state.ctm = multiply((m[0], m[1], m[2], m[3], m[4], m[5]), state.ctm)
            elif op == "w":
                if (m := _numbers(operands)) and len(m) == 1:
                    state.line_width = m[0]
            elif op == "gs" and operands:
                width = _get(_get(_get(resources, "/ExtGState"), str(operands[0])), "/LW")
                if width is not None and (m := _numbers([width])):
                    state.line_width = m[0]
            elif op in PATH:
                path.add(op, _numbers(operands) or [])
            elif op in PAINTS:
                self.painted(op, path, state, where)
                path = _Path()
            elif op in SET_COLOUR:
                self.colour(f"{'fill' if op.islower() else 'stroke'} colour ({op})", Space(SET_COLOUR[op]), where)
            elif op in ("cs", "CS") and operands and (named := space_of(operands[0], resources)) is not None:
                self.colour(f"{'fill' if op == 'cs' else 'stroke'} colour space ({op} {operands[0]})", named, where)
            elif op in ("scn", "SCN") and operands and isinstance(operands[-1], pikepdf.Name):
                self.pattern(str(operands[-1]), resources, ctm, where, depth)
            elif op == "sh" and operands:
                shading = _get(_get(resources, "/Shading"), str(operands[0]))
                if (shaded := space_of(_get(shading, "/ColorSpace"), resources)) is not None:
                    self.colour(f"shading {operands[0]}", shaded, where)
            elif op == "Tf" and operands:
                font = _get(_get(resources, "/Font"), str(operands[0]))
                if isinstance(font, pikepdf.Dictionary):
                    key = _key(font, f"{where} {operands[0]}")
                    self.paint.fonts.setdefault(key, FontUse(str(operands[0]), font, key, where))
            elif op == "Do" and operands:
                self.xobject(str(operands[0]), resources, state, where, depth)

    def colour(self, what: str, space: Space, where: str) -> None:
        self.paint.colours.add(Colour(what, space, where))

    def painted(self, op: str, path: _Path, state: _State, where: str) -> None:
        ctm = state.ctm
        box = path.box(ctm)
        if box is None:
            return
        if op in STROKES:
            self.paint.lines.add(Line(round(state.line_width * scale(ctm), 3), math.inf, f"stroke ({op})", where, box))
        if op not in FILLS or not path.rects or len(path.rects) > 2 or len(path.rects) < path.subpaths:
            return
        sx, sy = math.hypot(ctm[0], ctm[1]), math.hypot(ctm[2], ctm[3])  # a user-space unit along x and y, printed
        if len(path.rects) == 1:
            x, y, w, h = path.rects[0]
            width, height = round(abs(w) * sx, 3), round(abs(h) * sy, 3)
            if min(width, height) > 0:
                self.paint.lines.add(Line(min(width, height), max(width, height), "filled rectangle", where, box))
        elif op.endswith("*") or (path.rects[0][2] * path.rects[0][3]) * (path.rects[1][2] * path.rects[1][3]) < 0:
            for thickness, length in _ring(path.rects, sx, sy):  # even-odd, or wound both ways: a frame
                self.paint.lines.add(Line(thickness, length, "border drawn as a fill", where, box))

    def xobject(self, name: str, resources: pikepdf.Object | None, state: _State, where: str, depth: int) -> None:
        xobject = _get(_get(resources, "/XObject"), name)
        if not isinstance(xobject, pikepdf.Stream):
            return
        subtype = str(xobject.get("/Subtype", ""))
        if subtype == "/Image":
            self.image(name, xobject, resources, state.ctm, where)
        elif subtype == "/Form":
            ctm = multiply(_matrix(xobject.get("/Matrix")), state.ctm)
            self.stream(xobject, xobject.get("/Resources", resources), ctm, f"form {name}", depth + 1, xobject.get("/Group"))

    def image(self, name: str, image: pikepdf.Object, resources: pikepdf.Object | None, ctm: Matrix, where: str) -> None:
        pixels = (_int(image.get("/Width")), _int(image.get("/Height")))
        space = None if image.get("/ImageMask", False) else space_of(image.get("/ColorSpace"), resources)
        self.paint.images.append(Placed(name, pixels, (math.hypot(ctm[0], ctm[1]), math.hypot(ctm[2], ctm[3])), where, space))

    def inline_image(self, image: pikepdf.PdfInlineImage, resources: pikepdf.Object | None, state: _State, where: str) -> None:
        self.image("inline image", image.obj, resources, state.ctm, where)

    def pattern(self, name: str, resources: pikepdf.Object | None, base: Matrix, where: str, depth: int) -> None:
        """A pattern colour: a shading's colour space, or a tiling pattern's cell walked once a page."""
        pattern = _get(_get(resources, "/Pattern"), name)
        if pattern is None:
            return
        key = _key(pattern, f"{where} {name}")
        if key in self.patterns:
            return
        self.patterns.add(key)
        ctm = multiply(_matrix(pattern.get("/Matrix")), base)
        if isinstance(pattern, pikepdf.Stream):  # tiling: a cell drawn like a form, in the pattern's space
            self.stream(pattern, pattern.get("/Resources", resources), ctm, f"pattern {name}", depth + 1)
        elif (space := space_of(_get(pattern.get("/Shading"), "/ColorSpace"), resources)) is not None:
            self.colour(f"shading pattern {name}", space, where)

    def annotations(self, page: pikepdf.Page) -> None:
        for annotation in page.obj.get("/Annots", pikepdf.Array()):
            if not isinstance(annotation, pikepdf.Dictionary) or not _int(annotation.get("/F", 0)) & PRINTS:
                continue
            normal = _get(annotation.get("/AP"), "/N")
            states = [normal] if isinstance(normal, pikepdf.Stream) else list(normal.values()) if isinstance(normal, pikepdf.Dictionary) else []
            rect = _numbers(annotation.get("/Rect", pikepdf.Array()))
            for appearance in states:
                if isinstance(appearance, pikepdf.Stream) and rect and len(rect) == 4:
                    where = f"the appearance of a {str(annotation.get('/Subtype', '/Annot'))[1:]} annotation"
                    self.stream(appearance, appearance.get("/Resources"), _fit(appearance, rect), where, 1, appearance.get("/Group"))


def _fit(appearance: pikepdf.Object, rect: list[float]) -> Matrix:
    """The matrix that puts an appearance (its /BBox through its /Matrix) onto the
    annotation's /Rect, as a viewer does; the form's /Matrix itself comes first."""
    own = _matrix(appearance.get("/Matrix"))
    box = _numbers(appearance.get("/BBox", pikepdf.Array()))
    if not box or len(box) != 4:
        return own
    corners = [multiply((1, 0, 0, 1, x, y), own)[4:] for x in box[0::2] for y in box[1::2]]
    x0, y0 = min(c[0] for c in corners), min(c[1] for c in corners)
    x1, y1 = max(c[0] for c in corners), max(c[1] for c in corners)
    left, bottom, right, top = min(rect[0], rect[2]), min(rect[1], rect[3]), max(rect[0], rect[2]), max(rect[1], rect[3])
    sx = (right - left) / (x1 - x0) if x1 > x0 else 1.0
    sy = (top - bottom) / (y1 - y0) if y1 > y0 else 1.0
    return multiply(own, (sx, 0, 0, sy, left - x0 * sx, bottom - y0 * sy))


def paint(page: pikepdf.Page) -> Paint:
    """What ``page`` paints. Raises :class:`pikepdf.PdfError` (or TypeError) for a content
    stream that cannot be parsed, :class:`TooComplex` for a page no real document makes."""
    walk = _Walk()
    walk.stream(page, page.obj.get("/Resources"), IDENTITY, PAGE, group=page.obj.get("/Group"))
    walk.annotations(page)
    return walk.paint
