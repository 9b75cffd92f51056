"""Starting points: a new project (``samizdat init``) and a new document (``samizdat new``).

Both start from the theme's skeletons (``skeleton = "skeletons/<template>.md"`` in
``theme.toml``) with the title and date filled in, and neither ever overwrites a file:
teams run them in folders that already hold work. A project made by ``init`` builds at
once, in every language, before anything is translated.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale, UnknownLocaleError, localedata
from babel.core import get_global

from samizdat import languages, writers
from samizdat.config import CONFIG_NAME, DEFAULT_FONTS, Config, load_config
from samizdat.content import RESERVED_SLUGS, load_document
from samizdat.errors import Diagnostic, SamizdatError, UsageError, did_you_mean, error
from samizdat.theme import Template, Theme, load_theme, shown
from samizdat.translate.extract import extract_project
from samizdat.translate.glossary import FILENAME as GLOSSARY

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")

# A document for a template whose theme declares no skeleton (it still builds).
MINIMAL = '---\ntitle: "{{title}}"\ndate: {{date}}\ntemplate: %s\n---\n\n# A heading\n\nThe first paragraph.\n'

# Examples for the commented glossary, in the languages the project translates into.


@dataclass
class InitResult:
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # already there, left as they were
    catalogs: list[Path] = field(default_factory=list)
    extract_skipped: bool = False  # locales/ already held files: catalogs left to 'translate extract'


def init_project(folder: Path, languages: list[str], name: str | None = None) -> InitResult:
    """A working project in ``folder``: configuration, one starter document per template that
    has a skeleton, catalogs for every language, a glossary and a .gitignore."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file, not a folder")
    if (folder / CONFIG_NAME).exists():
        raise error(folder / CONFIG_NAME, None, "this folder is already a samizdat project; nothing was written")
    locales = parse_languages(languages)
    name = _one_line(name, "--name") if name else folder.resolve().name
    theme = load_theme(folder / "templates")
    starters = [t for t in theme.templates.values() if t.skeleton]
    documents = {f"content/{t.name}-example.md": starter(theme, t, f"Example {t.name}") for t in starters}
    files = {
        CONFIG_NAME: project_config(name, locales, theme),
        **documents,
        GLOSSARY: glossary_example(list(locales)[1:]),
        ".gitignore": "/build/\n/.venv/\n",
        "templates/README.md": ("Your own templates go here: a file named like one of the theme's (print.css, handout.html.j2, "
                                "reference.docx…) replaces it, and a theme.toml here adds templates and box kinds.\n"),
    }
    result = InitResult()
    for relative, text in files.items():
        path = folder / relative
        (result.written if _create(path, text) else result.kept).append(path)
    config = load_config(folder)
    if config.locales_dir.is_dir() and any(p.is_file() for p in config.locales_dir.rglob("*")):
        result.extract_skipped = True
    else:
        result.catalogs = extract_project(config).written
    return result


def new_document(config: Config, slug: str, template: str | None = None, title: str | None = None) -> Path:
    """``content/<slug>.md`` from the template's skeleton; checked to load before it is kept."""
    if not SLUG.fullmatch(slug):
        hint = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-")
        raise UsageError(f"bad slug '{slug}': use lowercase letters, digits and hyphens" + (f", e.g. '{hint}'" if SLUG.fullmatch(hint) else ""))
    if slug in RESERVED_SLUGS:
        raise UsageError(f"the slug '{slug}' is reserved for {RESERVED_SLUGS[slug]}; choose another")
    theme = config.theme
    name = template or config.defaults.get("template") or next(iter(theme.templates))
    if name not in theme.templates:
        raise UsageError(f"unknown template '{name}'{did_you_mean(name, theme.templates)}; the theme's templates: {', '.join(theme.templates)}")
    for existing in (config.content_dir / f"{slug}.md", config.content_dir / slug / "index.md"):
        if existing.exists():
            raise error(config.rel(existing), None, "already exists; choose another slug or edit that file")
    text = starter(theme, theme.template(name), _one_line(title, "--title") if title else slug.replace("-", " ").capitalize())
    path = config.content_dir / f"{slug}.md"
    if not _create(path, text):
        raise error(config.rel(path), None, "already exists; choose another slug or edit that file")
    try:
        load_document(path, config)
    except SamizdatError as exc:
        path.unlink()  # the theme's skeleton is at fault, not the user: say so and leave nothing behind
        skeleton = theme.find(theme.template(name).skeleton or "")
        blame = Diagnostic(shown(skeleton, config.root) if skeleton else "theme.toml", None,
                           f"the skeleton of template '{name}' makes a document that does not load (above); nothing was written")
        raise SamizdatError([*exc.diagnostics, blame]) from None
    return path


def starter(theme: Theme, template: Template, title: str) -> str:
    """The template's skeleton with ``{{title}}`` and ``{{date}}`` filled in. A quoted
    ``"{{title}}"`` (front matter) becomes a YAML string whatever the title holds."""
    if template.skeleton:
        path = theme.find(template.skeleton)
        if path is None:
            raise error("theme.toml", None, f"templates.{template.name}.skeleton: '{template.skeleton}' is in no layer of the theme")
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise error(shown(path, None), None, "not valid UTF-8; save the skeleton as UTF-8") from None
    else:
        text = MINIMAL % template.name
    text = text.replace('"{{title}}"', json.dumps(title, ensure_ascii=False)).replace("{{title}}", title)
    return text.replace("{{date}}", dt.date.today().isoformat())


def parse_languages(codes: list[str]) -> dict[str, str]:
    """Language code → CLDR locale, the first being the source language: be → be_BY,
    uk → uk_UA (Babel's likely subtags); pt_BR keeps its territory."""
    if not codes:
        raise UsageError("--languages needs at least one language, e.g. en,be,ru")
    locales: dict[str, str] = {}
    for code in codes:
        lang = code.replace("-", "_").partition("_")[0]
        try:
            locale = Locale.parse(code.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            locale = None
        if locale is None or locale.language != lang:
            raise UsageError(f"unknown language code '{code}'{_suggest(code)}; give ISO 639 codes such as en, be, ru, uk")
        if lang in locales:
            raise UsageError(f"language '{lang}' is given twice")
        if not locale.territory:
            likely = get_global("likely_subtags")
            locale = Locale.parse(likely.get(str(locale)) or likely.get(lang) or lang)  # zh_Hant → zh_Hant_TW
        locales[lang] = f"{locale.language}_{locale.territory}" if locale.territory else locale.language
    return locales


def _suggest(code: str) -> str:
    """A ' (did you mean …?)' for a language code: bel → be, iw → he, Belarusian → be."""
    try:
        return f" (did you mean '{Locale.parse(code.replace('-', '_')).language}'?)"
    except (UnknownLocaleError, ValueError):
        pass
    known = {identifier for identifier in localedata.locale_identifiers() if "_" not in identifier}
    names = {str(english).casefold(): lang for lang, english in Locale(languages.interface_code()).languages.items() if lang in known}
    close = difflib.get_close_matches(code.casefold(), names, n=1, cutoff=0.75)
    if close:
        return f" (did you mean '{names[close[0]]}' for {Locale(languages.interface_code()).languages[names[close[0]]]}?)"
    return did_you_mean(code.lower(), known)


def project_config(name: str, locales: dict[str, str], theme: Theme) -> str:
    """A commented samizdat.toml. Every language builds from the start, by an explicit
    policy (min_translated = 0) the user raises once translators are at work: without one a
    language is never built."""
    source, *targets = locales
    quoted = lambda text: json.dumps(text, ensure_ascii=False)  # a TOML basic string (no control characters here)
    default = next((t.name for t in theme.templates.values() if t.skeleton), next(iter(theme.templates)))
    lines = [
        "# samizdat project configuration. 'samizdat doctor' checks that this machine can build it.",
        "",
        "[project]",
        f"name = {quoted(name)}",
        f"source_language = {quoted(source)}  # the language content/*.md are written in",
        f"languages = [{', '.join(quoted(lang) for lang in locales)}]",
        'formats = ["pdf", "docx", "html", "md"]  # samizdat writes: ' + ', '.join(writers.names()),
        "",
        "# One table per language: its CLDR locale sets dates, numbers and the DOCX language tags.",
        "# min_translated, the publishing policy of a translation: below this percent of translated",
        "# (non-fuzzy) segments a document is not built in that language, and 'samizdat translate",
        "# status --check' fails; above it the rest shows in the source text, highlighted. 0 builds",
        "# every document at once: raise it (90, or 100) once translators are at work. A language",
        "# without min_translated is never built. min_reviewed asks for 'samizdat translate review'.",
    ]
    for lang, locale in locales.items():
        lines += ["", f"[languages.{lang}]", f"locale = {quoted(locale)}"]
        if lang in targets:
            lines.append("min_translated = 0")
    lines += [
        "",
        "# For documents whose front matter does not say. The theme's templates:",
        *(f"#   {t.name}: {t.description}" if t.description else f"#   {t.name}" for t in theme.templates.values()),
        "[defaults]",
        f"template = {quoted(default)}",
        f"organisation = {quoted(name)}",
        "",
        "# Font families, installed on the machine that builds. PT Serif, Sans and Mono cover Latin",
        "# and Cyrillic; for other scripts name families that cover them ('samizdat doctor' checks).",
        "[fonts]",
        *(f"{role} = {quoted(family)}" for role, family in DEFAULT_FONTS.items()),
        "",
        "# PDF profiles, chosen with 'samizdat build --profile NAME'. 'screen' (the default) makes",
        "# tagged, accessible PDF/UA-1 files; 'print' makes PDF/X-4 files for a print shop: CMYK colour",
        "# with the FOGRA39 output intent (output_profile = 'press.icc' for the shop's own), 3 mm bleed,",
        "# and marks outside the bleed.",
        "[profiles.screen]",
        'paper = "A4"',
        'pdf_variant = "pdf/ua-1"',
        "",
        "[profiles.print]",
        'paper = "A4"',
        'bleed = "3mm"',
        'marks = "crop cross slug"',
        'colour = "cmyk"',
        'pdf_variant = "pdf/x-4"',
        "",
        "[links]",
        "# The online edition of each document; handouts print it as a QR code. Put your site here.",
        'online = "https://example.org/{lang}/{slug}/"',
        "",
    ]
    return "\n".join(lines)


def glossary_example(targets: list[str]) -> str:
    """A glossary.yaml that is all comments: an empty glossary, showing its form."""
    renderings = [f"#     {lang}: {languages.shipped_value(lang, 'example_term') or '<approved rendering>*'}" for lang in targets]
    examples = [*targets, *languages.shipped()]  # the project's languages first, else samizdat's with examples
    if not renderings:
        renderings = [next(f"#     {lang}: {term}" for lang in examples if (term := languages.shipped_value(lang, "example_term")))]
    forbidden = next(lang for lang in examples if languages.shipped_value(lang, "example_forbidden"))
    return "\n".join([
        "# Approved renderings of names and terms, checked by 'samizdat translate check' and every",
        "# build (a violation holds that edition back). A '*' stands for any word ending, so",
        "# inflected forms pass (Ціханоўск* accepts Ціханоўская, Ціханоўскай, Ціханоўскую).",
        "# Uncomment and adapt:",
        "#",
        "# terms:",
        "#   - term: Strasbourg          # as the source writes it",
        *renderings,
        "#",
        "# forbidden:                    # variants a translation must not use",
        f"#   {forbidden}:",
        "#     - use: Беларусь",
        f"#       not: [{languages.shipped_value(forbidden, 'example_forbidden')}]",
        "",
    ])


def _one_line(value: str, option: str) -> str:
    if not value.strip() or not value.isprintable():
        raise UsageError(f"{option} must be one line of printable text")
    return value.strip()


def _create(path: Path, text: str) -> bool:
    """Write a new file; False (and nothing written) when one is already there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        return False
    return True


__all__ = ["init_project", "new_document", "parse_languages", "InitResult"]
