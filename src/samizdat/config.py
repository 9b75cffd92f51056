"""Project configuration from ``samizdat.toml``, validated at the edge.

Each table and key is declared once in ``SCHEMA`` with its type and meaning; unknown keys
get a "did you mean", and every problem is collected before aborting.
"""

from __future__ import annotations

import dataclasses
import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError

from samizdat import languages as lang_profiles
from samizdat import writers
from samizdat.errors import Report, SamizdatError, did_you_mean, error
from samizdat.theme import Theme, load_theme

CONFIG_NAME = "samizdat.toml"

# table -> key -> (type, meaning)
SCHEMA: dict[str, dict[str, tuple[type | tuple[type, ...], str]]] = {
    "project": {
        "name": (str, "publication name, shown in running heads when a document has no organisation"),
        "source_language": (str, "language the content files are written in"),
        "languages": (list, "languages to build, source language included"),
        "formats": (list, "output formats: pdf, docx"),
        "content": (str, "folder of content files"),
        "templates": (str, "folder of the project's own templates: files that override or add to the theme's"),
        "theme": (str, "theme under the project's templates: a folder (relative to the project) or an installed package"),
        "locales": (str, "folder of gettext catalogs (<lang>/LC_MESSAGES/<domain>.po)"),
        "output": (str, "folder where outputs are written"),
    },
    "defaults": {
        "template": (str, "template for documents whose front matter names none"),
        "organisation": (str, "organisation for documents whose front matter names none"),
        "author": (str, "author for documents whose front matter names none"),
    },
    "fonts": {
        "serif": (str, "body font family"),
        "sans": (str, "headings and furniture font family"),
        "mono": (str, "code font family"),
    },
    "languages": {},  # free: <lang> = { locale = "be_BY", min_translated = 90 }: LANGUAGE_KEYS
    "profiles": {},  # free: <name> = { paper = "A4", bleed = "3mm", … }
    "pages": {},  # free: <template> = N, the page budget of that template (the theme's default otherwise)
    "fit": {
        "min_type": (float, "smallest type size 'build --fit' may use, as a factor of the design's (0.88 = 88 %)"),
        "min_leading": (float, "smallest line spacing, as a factor of the design's"),
        "min_space": (float, "smallest vertical spacing between blocks, as a factor of the design's"),
    },
    "links": {
        "online": (str, "URL of a document's online version, with {lang} and {slug}; shown as a QR code on handouts"),
    },
    "images": {
        "too_large": (str, ("'error' (default) or 'warning': whether an image over samizdat's size limits "
                            "(MAX_PIXELS, MAX_BYTES in src/samizdat/images.py) stops the build or is only reported")),
    },
}
TOO_LARGE = ("error", "warning")

# A language other than a document's own is published only by an explicit policy: its
# table's min_translated (0 to 100). Below 100 it accepts that the untranslated rest is
# shown in the source language, highlighted; without the key nothing is built in it.
LANGUAGE_KEYS = {
    **{key: (types if len(types) > 1 else types[0], doc) for key, (types, doc) in lang_profiles.KEYS.items()},  # the language itself
    "min_translated": ((int, float), ("the publishing policy: percent of segments that must be translated (not fuzzy) "
                                      "for a document to be built in this language; the rest is shown in the source "
                                      "language, highlighted (100: never); without it the language is not built")),
    "min_reviewed": ((int, float), "percent of segments that must also be marked reviewed ('samizdat translate review')"),
}


PROFILE_KEYS = {
    "paper": (str, "page size: A4, A5 or Letter"),
    "bleed": (str, "bleed around the trimmed page, e.g. '3mm' (print shops ask for 3 mm)"),
    "marks": (str, "printer's marks outside the bleed, any of: 'crop' (crop marks), 'cross' (registration targets), 'slug' (a line naming file, language, profile, date and page)"),
    "pdf_variant": (str, "PDF standard: pdf/ua-1 (accessible), pdf/a-3b (archive), pdf/a-3a, pdf/x-4 (print, needs colour = 'cmyk')… or '' for none"),
    "colour": (str, ("'srgb' (screens) or 'cmyk' (print: the theme's CMYK colours, body text in black ink only, images "
                     "converted, and the output profile embedded as the PDF's output intent)")),
    "output_profile": (str, "CMYK ICC profile of the press, a path in the project (default: samizdat's FOGRA39 coated profile)"),
}
COLOURS = ("srgb", "cmyk")
PAPERS = {"a4": "A4", "a5": "A5", "letter": "letter"}
PDF_VARIANTS = ("pdf/ua-1", "pdf/ua-2", "pdf/a-1b", "pdf/a-2b", "pdf/a-3b", "pdf/a-2u", "pdf/a-3u", "pdf/a-4u",
                "pdf/a-1a", "pdf/a-2a", "pdf/a-3a", "pdf/x-1a", "pdf/x-3", "pdf/x-4")
# Standards a file may not claim, because samizdat cannot make it meet them; WeasyPrint would
# write the claim into the metadata all the same. PDF/X-1a and X-3 forbid transparency, which
# WeasyPrint uses for images with alpha and for opacity.
REFUSED_VARIANTS = ("pdf/x-1a", "pdf/x-3")
CMYK_VARIANTS = ("pdf/x-4",)  # need CMYK colour and an output intent with an embedded profile


def variant_problem(variant: str, colour: str = "srgb") -> str | None:
    """Why ``variant`` cannot be asked for in ``colour`` (unknown, or a claim the file would not keep)."""
    if not variant:
        return None
    if variant not in PDF_VARIANTS:
        return f"unknown PDF variant '{variant}'{did_you_mean(variant, PDF_VARIANTS)}"
    if variant in REFUSED_VARIANTS:
        return (f"{variant} is refused: it forbids transparency, which samizdat's PDFs use (images with alpha, opacity), "
                f"so the file would claim a standard it does not meet; use pdf/x-4 with colour = 'cmyk'")
    if variant.startswith("pdf/a") and colour == "cmyk":
        return (f"{variant} is refused in CMYK colour: samizdat's PDF/A files carry an sRGB output intent, which "
                f"CMYK colour would contradict; archive the screen profile's file instead")
    if variant in CMYK_VARIANTS and colour != "cmyk":
        return (f"{variant} is refused in sRGB colour: it needs CMYK colour and an output intent with an embedded ICC "
                f"profile, so the file would claim a standard it does not meet; build a profile with colour = 'cmyk' "
                f"(the built-in 'print' profile has it)")
    return None


@dataclass(frozen=True)
class Profile:
    """How PDFs are made for one use: the screen (tagged, accessible) or a print shop."""

    name: str
    paper: str = "A4"
    bleed: str = ""
    marks: str = ""
    pdf_variant: str = ""
    colour: str = "srgb"  # or "cmyk"
    output_profile: str = ""  # the press's CMYK ICC profile, relative to the project; "": samizdat's FOGRA39

    @property
    def cmyk(self) -> bool:
        return self.colour == "cmyk"

    def press(self, root: Path) -> Path:
        """The CMYK output profile a ``cmyk`` profile converts to and embeds."""
        from samizdat.colour import OUTPUT_PROFILE

        return root / self.output_profile if self.output_profile else OUTPUT_PROFILE

    def page_css(self, paper: str | None = None) -> str:
        """The @page rule: the profile's paper (or a design's own, e.g. an A5 flyer) and bleed.
        The marks are samizdat's (:mod:`samizdat.render.marks`): WeasyPrint's lie in the bleed."""
        rules = [f"size: {paper or self.paper}"]
        if self.bleed:
            rules.append(f"bleed: {self.bleed}")
        return "@page { " + "; ".join(rules) + " }"


DEFAULT_FONTS = {"serif": "PT Serif", "sans": "PT Sans", "mono": "PT Mono"}  # Latin and Cyrillic, free, packaged everywhere

FIT_FLOORS = {"min_type": 0.88, "min_leading": 0.9, "min_space": 0.5}

DEFAULT_PROFILES = {
    "screen": Profile("screen", pdf_variant="pdf/ua-1"),
    "print": Profile("print", bleed="3mm", marks="crop cross slug", pdf_variant="pdf/x-4", colour="cmyk"),
}


@dataclass(frozen=True)
class Config:
    root: Path
    name: str = "samizdat"
    source_language: str = field(default_factory=lang_profiles.default_code)
    languages: tuple[str, ...] = field(default_factory=lambda: (lang_profiles.default_code(),))
    formats: tuple[str, ...] = writers.DEFAULT_FORMATS
    content_dir: Path = Path("content")
    templates_dir: Path = Path("templates")
    locales_dir: Path = Path("locales")
    output_dir: Path = Path("build")
    locales: dict[str, str] = field(default_factory=dict)  # the locales samizdat.toml sets
    described: dict[str, dict[str, Any]] = field(default_factory=dict)  # [languages.<code>] keys that describe the language
    min_translated: dict[str, float] = field(default_factory=dict)  # a language's publishing policy; none: not built
    min_reviewed: dict[str, float] = field(default_factory=dict)
    languages_line: int | None = None  # of 'languages =' in samizdat.toml, for messages about a language
    fonts: dict[str, str] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)
    profiles: dict[str, Profile] = field(default_factory=lambda: dict(DEFAULT_PROFILES))
    page_budgets: dict[str, int] = field(default_factory=dict)  # template → pages (the theme's, then [pages])
    theme: Theme = field(default_factory=lambda: load_theme(Path("templates")))
    fit_floors: dict[str, float] = field(default_factory=lambda: dict(FIT_FLOORS))
    online_url: str = ""  # pattern with {lang} and {slug}
    digest: str = ""  # SHA-256 of the samizdat.toml bytes this configuration was read from
    too_large_images: str = "error"  # or "warning": [images] too_large
    lines: dict[str, int] = field(default_factory=dict)  # "defaults.organisation" → its line, for messages about texts written here

    def profile(self, name: str | None) -> Profile:
        return self.profiles[name or "screen"]

    def language(self, lang: str) -> lang_profiles.Language:
        """The profile of ``lang``: samizdat's own with this project's [languages.<code>] keys on top."""
        return lang_profiles.profile(lang, self.described.get(lang))

    def catalog_language(self, lang: str) -> str:
        """Whose catalogs ``lang`` reads: its own, or a derived edition's base language's."""
        return self.language(lang).derive_from or lang

    @property
    def translated(self) -> tuple[str, ...]:
        """The languages translators write catalogs for: not the source, not derived editions."""
        return tuple(lang for lang in self.languages if lang != self.source_language and not self.language(lang).derive_from)

    def locale_for(self, lang: str) -> str:
        """The CLDR locale of a language: configured, else its profile's, else Babel's likely one."""
        return self.language(lang).locale

    def bcp47(self, lang: str) -> str:
        """``be`` → ``be-BY``: the tag Word, PDF readers and browsers expect."""
        return self.language(lang).tag

    def rel(self, path: Path) -> str:
        """A path as users see it in messages: relative to the project when inside it."""
        try:
            return str(path.resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)


def _type_name(types: type | tuple[type, ...]) -> str:
    names = {"str": "text", "list": "a list", "int": "a number", "float": "a number", "dict": "a table", "bool": "true/false"}
    types = types if isinstance(types, tuple) else (types,)
    return " or ".join(dict.fromkeys(names.get(t.__name__, t.__name__) for t in types))


def find_root(start: Path) -> Path:
    for folder in [start.resolve(), *start.resolve().parents]:
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise error(start, None, f"no {CONFIG_NAME} here or in any parent folder")


def _output_profile(given: str, root: Path, report: Report, line: int | None) -> str:
    """A profile's ``output_profile``, checked: a CMYK printer profile inside the project."""
    from samizdat.colour import profile_problem

    path = (root / given).resolve()
    if not path.is_relative_to(root.resolve()):
        report.error(CONFIG_NAME, line, f"output_profile '{given}' is outside the project")
    elif not path.is_file():
        report.error(CONFIG_NAME, line, f"output_profile '{given}' does not exist")
    elif problem := profile_problem(path):
        report.error(CONFIG_NAME, line, f"output_profile '{given}' {problem}")
    else:
        return given
    return ""


def _line_of(text: str, needle: str, table: str | None = None) -> int | None:
    """The line of ``needle`` (a key, or '[table'), inside ``[table]`` when one is named."""
    inside = table is None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if table is not None and stripped.startswith("["):
            inside = stripped.strip("[] ") == table
            continue
        if inside and (stripped.startswith(needle + " ") or stripped.startswith(needle + "=") or stripped.startswith(needle)):
            return number
    return _line_of(text, needle) if table is not None else None


def load_config(root: Path) -> Config:
    path = root / CONFIG_NAME
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
    except FileNotFoundError:
        raise error(path, None, "file not found") from None
    except UnicodeDecodeError as exc:
        raise error(path, None, f"not valid UTF-8 ({exc.reason} at byte {exc.start})") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        import re

        found = re.search(r"\(at line (\d+), column \d+\)", str(exc))  # Python 3.11 has no .lineno
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise error(CONFIG_NAME, int(found.group(1)) if found else None, f"invalid TOML: {message}") from None

    report = Report()

    def check_table(table: str, values: Any, schema: dict[str, tuple[Any, str]], where: str) -> dict:
        if not isinstance(values, dict):
            report.error(CONFIG_NAME, _line_of(text, f"[{where}"), f"[{where}] must be a table")
            return {}
        for key, value in values.items():
            if key not in schema:
                report.error(
                    CONFIG_NAME,
                    _line_of(text, key, where),
                    f"unknown key '{key}' in [{where}]{did_you_mean(key, schema)}",
                )
            elif not isinstance(value, schema[key][0]):
                report.error(
                    CONFIG_NAME,
                    _line_of(text, key, where),
                    f"'{key}' in [{where}] must be {_type_name(schema[key][0])}, not {_type_name(type(value))}",
                )
        return values

    for table, values in raw.items():
        if table not in SCHEMA:
            report.error(CONFIG_NAME, _line_of(text, f"[{table}"), f"unknown table [{table}]{did_you_mean(table, SCHEMA)}")
        elif table not in ("languages", "profiles", "pages"):  # free tables, checked entry by entry below
            check_table(table, values, SCHEMA[table], table)

    project = raw.get("project", {}) if isinstance(raw.get("project"), dict) else {}
    languages = tuple(project.get("languages", [project.get("source_language", lang_profiles.default_code())]))
    locales: dict[str, str] = {}
    described: dict[str, dict[str, Any]] = {}
    thresholds: dict[str, dict[str, float]] = {"min_translated": {}, "min_reviewed": {}}
    for lang, table in (raw.get("languages") or {}).items():
        checked = check_table(f"languages.{lang}", table, LANGUAGE_KEYS, f"languages.{lang}")
        if isinstance(checked.get("locale"), str):
            locales[lang] = checked["locale"]
        described[lang] = {key: value for key, value in checked.items() if key in lang_profiles.KEYS
                           and isinstance(value, lang_profiles.KEYS[key][0])
                           and (bool in lang_profiles.KEYS[key][0] or not isinstance(value, bool))}
        for key, problem in lang_profiles.problems(lang, described[lang]):
            report.error(CONFIG_NAME, _line_of(text, key, f"languages.{lang}"), problem)
            described[lang].pop(key, None)
        for key, by_lang in thresholds.items():
            threshold = checked.get(key)
            if isinstance(threshold, (int, float)) and not isinstance(threshold, bool):
                if not 0 <= threshold <= 100:
                    report.error(CONFIG_NAME, _line_of(text, key, f"languages.{lang}"), f"{key} for '{lang}' must be a percent from 0 to 100")
                by_lang[lang] = float(threshold)
        if "min_reviewed" in checked and "min_translated" not in checked:
            report.error(CONFIG_NAME, _line_of(text, "min_reviewed", f"languages.{lang}"),
                         f"min_reviewed for '{lang}' needs min_translated beside it: the share that may be published at all")
    for lang in languages:
        try:
            Locale.parse(lang_profiles.profile(lang, described.get(lang)).locale)
        except (UnknownLocaleError, ValueError, TypeError):
            report.error(CONFIG_NAME, _line_of(text, "languages"), f"unknown language or locale '{locales.get(lang, lang)}'")
    profiles = dict(DEFAULT_PROFILES)
    for name, table in (raw.get("profiles") or {}).items():
        checked = check_table(f"profiles.{name}", table, PROFILE_KEYS, f"profiles.{name}")
        values = {k: v for k, v in checked.items() if k in PROFILE_KEYS and isinstance(v, str)}
        if "paper" in values:
            paper = PAPERS.get(values["paper"].lower())
            if paper is None:
                report.error(CONFIG_NAME, _line_of(text, "paper"), f"unknown paper '{values['paper']}'{did_you_mean(values['paper'], ['A4', 'A5', 'Letter'])}; use A4, A5 or Letter")
            values["paper"] = paper or "A4"
        base = DEFAULT_PROFILES.get(name, Profile(name))
        if values.get("colour", base.colour) not in COLOURS:
            report.error(CONFIG_NAME, _line_of(text, "colour", f"profiles.{name}"),
                         f"colour must be 'srgb' or 'cmyk', not '{values['colour']}'{did_you_mean(values['colour'], COLOURS)}")
            values.pop("colour")
        if icc := values.get("output_profile"):
            values["output_profile"] = _output_profile(icc, root, report, _line_of(text, "output_profile", f"profiles.{name}"))
        if refusal := variant_problem(values.get("pdf_variant", base.pdf_variant), values.get("colour", base.colour)):
            report.error(CONFIG_NAME, _line_of(text, "pdf_variant", f"profiles.{name}"), f"pdf_variant: {refusal}")
        profiles[name] = dataclasses.replace(base, **values)
    links = raw.get("links", {}) if isinstance(raw.get("links"), dict) else {}
    image_table = raw.get("images", {}) if isinstance(raw.get("images"), dict) else {}
    too_large = image_table.get("too_large", "error")
    if isinstance(too_large, str) and too_large not in TOO_LARGE:
        report.error(CONFIG_NAME, _line_of(text, "too_large", "images"),
                     f"too_large in [images] must be 'error' or 'warning', not '{too_large}'{did_you_mean(too_large, TOO_LARGE)}")
    formats = tuple(project.get("formats", writers.DEFAULT_FORMATS))
    for fmt in formats:
        if fmt not in writers.names():
            report.error(CONFIG_NAME, _line_of(text, "formats"), f"unknown format '{fmt}'{did_you_mean(str(fmt), writers.names())}; "
                                                                 f"samizdat writes {', '.join(writers.names())}")
    templates_dir = root / project.get("templates", "templates")
    chosen = project.get("theme") if isinstance(project.get("theme"), str) else None
    look = load_theme(templates_dir, chosen, root, report)
    budgets: dict[str, Any] = raw["pages"] if isinstance(raw.get("pages"), dict) else {}
    for name, value in budgets.items():
        if name not in look.templates:
            report.error(CONFIG_NAME, _line_of(text, name, "pages"),
                         f"[pages] names no template of the theme: '{name}'{did_you_mean(name, look.templates)}; "
                         f"templates: {', '.join(look.templates)}")
        elif not isinstance(value, int) or isinstance(value, bool) or value < 0:
            report.error(CONFIG_NAME, _line_of(text, name, "pages"), f"'{name}' in [pages] must be a whole number of pages (0: no budget)")
    report.raise_errors()

    source = project.get("source_language", lang_profiles.default_code())
    if source not in languages:
        languages = (source, *languages)
    return Config(
        root=root,
        digest=hashlib.sha256(data).hexdigest(),
        name=project.get("name", "samizdat"),
        source_language=source,
        languages=languages,
        formats=formats,
        content_dir=root / project.get("content", "content"),
        templates_dir=templates_dir,
        theme=look,
        locales_dir=root / project.get("locales", "locales"),
        output_dir=root / project.get("output", "build"),
        locales=locales,
        described=described,
        min_translated=thresholds["min_translated"],
        min_reviewed=thresholds["min_reviewed"],
        languages_line=_line_of(text, "languages", "project"),
        fonts={**DEFAULT_FONTS, **raw.get("fonts", {})},
        defaults=dict(raw.get("defaults", {})),
        profiles=profiles,
        page_budgets={**{name: t.pages for name, t in look.templates.items() if t.pages},
                      **{k: v for k, v in budgets.items() if isinstance(v, int) and not isinstance(v, bool)}},
        fit_floors={**FIT_FLOORS, **{k: float(v) for k, v in (raw.get("fit") or {}).items() if isinstance(v, (int, float))}},
        online_url=links.get("online", ""),
        too_large_images=too_large if too_large in TOO_LARGE else "error",
        lines={f"{table}.{key}": _line_of(text, key, table) or 1
               for table in ("project", "defaults") if isinstance(raw.get(table), dict) for key in raw[table]},
    )


__all__ = ["Config", "load_config", "find_root", "SamizdatError", "CONFIG_NAME"]
