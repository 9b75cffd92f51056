"""Themes: the look of a publication, as files and data.

A theme is a folder with a ``theme.toml`` that declares its document templates (HTML
template, stylesheets, DOCX reference document, paper, page budget, starter document),
its box kinds (``::: key-facts``) with their interface labels, its colours (each with a
screen and a print value), and the layouts of the bilingual and web editions. Files are looked up in layers, first match wins:

1. the project's ``templates/`` folder (a designer overrides one file or adds a template);
2. the theme the project chose (``[project] theme = "…"``: a folder, or an installed
   package that ships a ``theme.toml``);
3. samizdat's built-in ``default`` theme.

The ``theme.toml`` tables of all layers are merged the same way, so adding a template or a
box kind is adding its files and a table. This module is the one place that knows
template names and box kinds; everything else asks the :class:`Theme`.
"""

from __future__ import annotations

import importlib.util
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from samizdat.errors import Report, SamizdatError, did_you_mean

THEME_FILE = "theme.toml"
BUILTIN = Path(__file__).parent / "themes" / "default"
PAPERS = ("A4", "A5", "letter")
WIDE_TABLES = ("shrink", "landscape", "refuse")  # see samizdat.render.wide_tables
CHART = "chart"  # the box kind that draws front-matter data: '::: chart votes'
BILINGUAL = "bilingual"  # the layout of side-by-side editions (build --bilingual)


@dataclass(frozen=True)
class Layout:
    """How one kind of page is made: its HTML template and, for print, its stylesheets."""

    html: str
    css: tuple[str, ...] = ()


@dataclass(frozen=True)
class Template(Layout):
    """A document template (``template: handout`` in front matter)."""

    name: str = ""
    description: str = ""
    docx: str = "reference.docx"
    paper: str | None = None  # the design's own paper (a flyer is A5 whatever the profile); None: the profile's
    pages: int | None = None  # default page budget in every language (front matter 'pages:' overrides)
    online_code: bool = False  # prints a QR code of the online edition
    skeleton: str | None = None  # starter document for 'samizdat init' and 'samizdat new'
    wide_tables: str = "shrink"  # a table too wide for the PDF's column: shrink, landscape or refuse (render.wide_tables)
    toc_from_pages: int | None = None  # a document whose PDF takes more pages gets a table of contents


@dataclass(frozen=True)
class BoxKind:
    name: str
    label: str  # interface words for a box without its own title; translated in templates.po
    line: int = 0  # where theme.toml declares it, for translators' references
    source: str = ""  # that theme.toml, as shown in messages and PO references


@dataclass(frozen=True)
class Colour:
    """One named colour: what a screen shows and what the press prints (CMYK percentages).
    Print values are chosen, not converted: text in black ink only, thin rules in one ink."""

    screen: str  # "#rrggbb"
    print: tuple[float, float, float, float]

    def css(self, cmyk: bool) -> str:
        if cmyk:
            return "device-cmyk(" + " ".join(f"{value / 100:g}" for value in self.print) + ")"
        return self.screen


@dataclass(frozen=True)
class Theme:
    layers: tuple[Path, ...]  # folders in lookup order: project templates/, chosen theme, built-in
    templates: dict[str, Template] = field(default_factory=dict)
    boxes: dict[str, BoxKind] = field(default_factory=dict)
    colours: dict[str, Colour] = field(default_factory=dict)
    bilingual: Layout = Layout("bilingual.html.j2", ("print.css", "bilingual.css"))
    web: Layout = Layout("web.html.j2", ("web.css",))

    def find(self, name: str) -> Path | None:
        """The file ``name`` (a path inside the theme) from the first layer that has it."""
        parts = name.replace("\\", "/").split("/")
        if any(part in ("", ".", "..") for part in parts):
            return None
        for layer in self.layers:
            path = layer.joinpath(*parts)
            if path.is_file():
                return path
        return None

    def files(self) -> dict[str, Path]:
        """Every file the theme provides, by its name inside the theme (overrides applied)."""
        found: dict[str, Path] = {}
        for layer in reversed(self.layers):
            if layer.is_dir():
                for path in sorted(layer.rglob("*")):
                    if path.is_file() and "__pycache__" not in path.parts:
                        found[path.relative_to(layer).as_posix()] = path
        return found

    def catalogs(self, lang: str) -> list[Path]:
        """Interface catalogs the theme layers ship for ``lang``, in lookup order
        (``locales/<lang>/LC_MESSAGES/templates.po`` inside each theme folder)."""
        found = [layer / "locales" / lang / "LC_MESSAGES" / "templates.po" for layer in self.layers[1:]]
        return [path for path in found if path.is_file()]

    def template(self, name: str) -> Template:
        return self.templates[name]

    def layout(self, name: str) -> Layout:
        """A document template's layout, or the bilingual edition's for :data:`BILINGUAL`."""
        return self.bilingual if name == BILINGUAL else self.templates[name]

    @property
    def box_kinds(self) -> tuple[str, ...]:
        return (*self.boxes, CHART)

    def palette(self, cmyk: bool) -> dict[str, str]:
        """Every colour as CSS, for SVG templates (``colours.ink``): screen or print values."""
        return {name: colour.css(cmyk) for name, colour in self.colours.items()}

    def palette_css(self, cmyk: bool) -> str:
        """The colours as custom properties (``var(--ink)``), for the print stylesheets."""
        return ":root { " + " ".join(f"--{name}: {value};" for name, value in self.palette(cmyk).items()) + " }"


def load_theme(project_templates: Path, chosen: str | None = None, root: Path | None = None,
         report: Report | None = None, config_name: str = "samizdat.toml") -> Theme:
    """The theme of a project: its ``templates/`` over the chosen theme over the built-in one.

    Problems (a chosen theme that does not exist, a bad ``theme.toml``) are added to
    ``report`` when one is given, else raised.
    """
    own = report or Report()
    layers = [project_templates]
    if chosen:
        folder = _theme_folder(chosen, root or project_templates.parent)
        if folder is None:
            own.error(config_name, None, f"theme '{chosen}' not found: give a folder (relative to the project) or an installed "
                                   f"package that ships a {THEME_FILE}")
        else:
            layers.append(folder)
    layers.append(BUILTIN)
    theme = Theme(tuple(layers))
    for layer in reversed(theme.layers):
        theme = _merge(theme, layer, root, own)
    if report is None:
        own.raise_errors()
    return theme


def _theme_folder(chosen: str, root: Path) -> Path | None:
    folder = (root / chosen).resolve()
    if (folder / THEME_FILE).is_file():
        return folder
    spec = importlib.util.find_spec(chosen) if chosen.replace("_", "").replace(".", "").isalnum() else None
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            if (Path(location) / THEME_FILE).is_file():
                return Path(location)
    return None


def _merge(theme: Theme, layer: Path, root: Path | None, report: Report) -> Theme:
    """``theme`` with the declarations of ``layer/theme.toml`` added over it."""
    path = layer / THEME_FILE
    if not path.is_file():
        return theme
    where = shown(path, root)
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        report.error(where, getattr(exc, "lineno", None), f"invalid TOML: {exc}")
        return theme
    templates = dict(theme.templates)
    for name, table in _tables(data, "templates", where, text, report).items():
        made = _template(name, table, templates.get(name), where, _line(text, f"[templates.{name}]"), report)
        if made is not None:
            templates[name] = made
    boxes = dict(theme.boxes)
    for name, table in _tables(data, "boxes", where, text, report).items():
        line = _line(text, f"[boxes.{name}]")
        if name == CHART:
            report.error(where, line, f"'{CHART}' is the built-in box for charts; choose another name")
            continue
        label = table.get("label", boxes[name].label if name in boxes else name.replace("-", " ").capitalize())
        if not isinstance(label, str):
            report.error(where, line, f"boxes.{name}.label must be text")
            continue
        boxes[name] = BoxKind(name, label, line or 0, where)
    colours = dict(theme.colours)
    for name, table in _tables(data, "colours", where, text, report).items():
        if (colour := _colour(name, table, where, _line(text, name), report)) is not None:
            colours[name] = colour
    for key in data:
        if key not in TABLES:
            report.error(where, _line(text, key), f"unknown table '{key}' in {THEME_FILE}{did_you_mean(key, TABLES[:5])}")
    bilingual, web = (_layout(data[key], getattr(theme, key), where, _line(text, f"[{key}]"), report)
                      if isinstance(data.get(key), dict) else getattr(theme, key) for key in ("bilingual", "web"))
    return replace(theme, templates=templates, boxes=boxes, colours=colours, bilingual=bilingual, web=web)


TABLES = ("templates", "boxes", "colours", "bilingual", "web", "name", "description")


def _colour(name: str, table: dict[str, Any], shown: str, line: int | None, report: Report) -> Colour | None:
    """``ink = { screen = "#1b1f24", print = [0, 0, 0, 100] }``, checked."""
    screen, cmyk = table.get("screen"), table.get("print")
    if not re.fullmatch(r"[a-z][a-z0-9]*", name):
        report.error(shown, line, f"colour name '{name}' must be lowercase letters and digits (it becomes var(--{name}))")
    elif set(table) - {"screen", "print"}:
        report.error(shown, line, f"colours.{name}: only 'screen' and 'print' may be given")
    elif not isinstance(screen, str) or not re.fullmatch(r"#[0-9a-fA-F]{6}", screen):
        report.error(shown, line, f"colours.{name}.screen must be an sRGB colour like \"#1b1f24\"")
    elif (not isinstance(cmyk, list) or len(cmyk) != 4
          or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 100 for v in cmyk)):
        report.error(shown, line, f"colours.{name}.print must be four CMYK percentages like [0, 0, 0, 100]")
    else:
        return Colour(screen.lower(), (float(cmyk[0]), float(cmyk[1]), float(cmyk[2]), float(cmyk[3])))
    return None


TEMPLATE_KEYS: dict[str, tuple[type | tuple[type, ...], str]] = {
    "description": (str, "what the template is for (shown by 'samizdat new --help')"),
    "html": (str, "the page template, e.g. 'handout.html.j2'"),
    "css": (list, "print stylesheets in order, e.g. ['print.css', 'handout.css']"),
    "docx": (str, "the DOCX reference document"),
    "paper": (str, "the design's own paper (A4, A5, letter); default: the profile's"),
    "pages": (int, "default page budget in every language (0: none)"),
    "online_code": (bool, "print a QR code of the online edition"),
    "skeleton": (str, "starter document for 'samizdat init' and 'samizdat new'"),
    "wide_tables": (str, "what the PDF does with a table too wide for its column: shrink, landscape or refuse"),
    "toc_from_pages": (int, "a page count: a document whose PDF is longer gets a table of contents (front matter 'toc:' overrides)"),
}


def _template(name: str, table: dict[str, Any], base: Template | None, shown: str, line: int | None,
              report: Report) -> Template | None:
    ok = True
    for key, value in table.items():
        if key not in TEMPLATE_KEYS:
            report.error(shown, line, f"templates.{name}: unknown key '{key}'{did_you_mean(key, TEMPLATE_KEYS)}")
            ok = False
        elif not isinstance(value, TEMPLATE_KEYS[key][0]) or (key in ("pages", "toc_from_pages") and isinstance(value, bool)):
            report.error(shown, line, f"templates.{name}.{key} must be {TEMPLATE_KEYS[key][1]}")
            ok = False
    if isinstance(table.get("wide_tables"), str) and table["wide_tables"] not in WIDE_TABLES:
        report.error(shown, line, f"templates.{name}.wide_tables: '{table['wide_tables']}' is not one of {', '.join(WIDE_TABLES)}"
                                  f"{did_you_mean(table['wide_tables'], WIDE_TABLES)}")
        ok = False
    if "paper" in table and table["paper"] not in PAPERS:
        report.error(shown, line, f"templates.{name}.paper: '{table['paper']}' is not one of {', '.join(PAPERS)}")
        ok = False
    if not ok:
        return None
    made = base or Template(html=f"{name}.html.j2", css=("print.css", f"{name}.css"), name=name)
    values: dict[str, Any] = {key: tuple(str(v) for v in value) if key == "css" else value for key, value in table.items()}
    if values.get("pages") == 0:
        values["pages"] = None
    return replace(made, name=name, **values)


def _layout(table: dict[str, Any], base: Layout, shown: str, line: int | None, report: Report) -> Layout:
    html, css = table.get("html", base.html), table.get("css", list(base.css))
    if not isinstance(html, str) or not isinstance(css, list):
        report.error(shown, line, "a layout needs html = '<file>' and css = ['<file>', …]")
        return base
    return Layout(html, tuple(str(c) for c in css))


def _tables(data: dict[str, Any], key: str, shown: str, text: str, report: Report) -> dict[str, dict[str, Any]]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        report.error(shown, _line(text, key), f"'{key}' must be a table of tables")
        return {}
    out = {}
    for name, table in value.items():
        if isinstance(table, dict):
            out[name] = table
        else:
            report.error(shown, _line(text, f"{key}.{name}"), f"[{key}.{name}] must be a table")
    return out


def _line(text: str, needle: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip().startswith(needle):
            return number
    return None


def shown(path: Path, root: Path | None) -> str:
    """A theme file as messages and PO references name it: the built-in theme's files as
    ``samizdat:themes/default/…`` wherever samizdat is installed, others project-relative."""
    resolved = path.resolve()
    if resolved.is_relative_to(BUILTIN.parent.resolve()):
        return "samizdat:themes/" + resolved.relative_to(BUILTIN.parent.resolve()).as_posix()
    if root is not None and resolved.is_relative_to(root.resolve()):
        return resolved.relative_to(root.resolve()).as_posix()
    return str(path)


__all__ = ["Theme", "Template", "Layout", "BoxKind", "load_theme", "shown", "BUILTIN", "CHART", "SamizdatError"]
