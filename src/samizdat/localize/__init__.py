"""Localize stage: a source-language document → the same document in another language.

Takes a :class:`model.Document` and a language; gives a new Document whose segments are
translated from ``locales/<lang>/LC_MESSAGES/<slug>.po`` (fuzzy and empty entries are
never used: the source text stands in and a warning names it), with locale typography,
chart labels and a :class:`Localizer` for interface words and CLDR formatting.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations

from samizdat import doclinks, theme
from samizdat import model as m
from samizdat.config import Config
from samizdat.content import crossref as content_crossref
from samizdat.content import notes as footnotes
from samizdat.content import project_strings
from samizdat.content.markdown import parse_inlines
from samizdat.errors import Diagnostic, Report, SamizdatError
from samizdat.localize import crossref, scripts, terms, typography
from samizdat.localize.catalogs import PROJECT_DOMAIN, TEMPLATES_DOMAIN, po_path, read_catalog, translations_for, usable


class Localizer:
    """Interface words (templates.po) and Babel formatting, bound to one locale."""

    def __init__(self, lang: str, locale: str, translations: NullTranslations,
                 script: Callable[[str], str] | None = None, date_format: str = ""):
        self.lang, self.locale, self._t = lang, locale, translations
        self._long_date = date_format or "long"  # the profile's pattern, else CLDR's long format
        self._script = script or scripts.transliteration("")  # a derived edition's transliteration of its base's words

    def gettext(self, message: str, **variables: Any) -> str:
        text = self._script(self._t.ugettext(message) if hasattr(self._t, "ugettext") else self._t.gettext(message))
        return text % variables if variables else text

    def pgettext(self, context: str, message: str) -> str:
        """A word whose msgctxt says where it appears (a box label and a heading may differ)."""
        return self._script(str(self._t.pgettext(context, message)))

    def ngettext(self, singular: str, plural: str, n: int, **variables: Any) -> str:
        text = self._t.ungettext(singular, plural, n) if hasattr(self._t, "ungettext") else self._t.ngettext(singular, plural, n)
        return self._script(text) % {"num": n, **variables}

    def npgettext(self, context: str, singular: str, plural: str, n: int, **variables: Any) -> str:
        """A plural with its msgctxt (where the words appear)."""
        return self._script(str(self._t.npgettext(context, singular, plural, n))) % {"num": n, **variables}

    def date(self, value: date, format: str = "long") -> str:
        pattern = self._long_date if format == "long" else format
        return self._script(_spaces(format_date(value, format=pattern, locale=self.locale)))

    def number(self, value: float) -> str:
        return _spaces(format_decimal(value, locale=self.locale))

    def percent(self, value: float) -> str:
        return _spaces(format_percent(value, locale=self.locale))

    def list(self, items: list[str]) -> str:
        return self._script(format_list(list(items), locale=self.locale))


def _spaces(text: str) -> str:
    """CLDR's narrow no-break space (U+202F, e.g. in "2026 г.") is missing from many text
    fonts, PT Serif and PT Sans among them; a plain no-break space keeps the same meaning."""
    return text.replace("\u202f", "\u00a0")


def localizer(config: Config, lang: str, report: Report | None = None) -> Localizer:
    """Interface words of ``lang``: the project's ``templates.po``, then the catalogs its
    theme ships for the words it does not translate (so a new project's be or ru edition
    says "Старонка 1 з 2" at once). Entries that would break a page are left out and reported."""
    language = config.language(lang)
    script = scripts.transliteration(language.transliterate)
    if lang == config.source_language:
        return Localizer(lang, config.locale_for(lang), translations_for(None), date_format=language.date_format)
    paths = [po_path(config, lang, TEMPLATES_DOMAIN), *config.theme.catalogs(config.catalog_language(lang))]
    chain: NullTranslations | None = None
    for path in paths:
        catalog = read_catalog(path, lang, config)
        if catalog is None:
            continue
        catalog, warnings = usable(catalog, lang, theme.shown(path, config.root))
        if report is not None and path == paths[0]:
            report.items.extend(warnings)
        translations = translations_for(catalog)
        if chain is None:
            chain = translations
        else:
            chain.add_fallback(translations)
    return Localizer(lang, config.locale_for(lang), chain or translations_for(None), script, language.date_format)


def localize(doc: m.Document, lang: str, config: Config, report: Report) -> m.Document:
    """``doc`` in ``lang``. Missing translations are reported as warnings, not errors."""
    ui = localizer(config, lang, report)
    language, own_language = config.language(lang), config.language(doc.lang)
    translate = _segment_translator(doc, lang, config, report)
    note_labels = set(doc.notes)
    translated: dict[tuple[m.Loc, str], Translation] = {}  # where each translation is written, for messages
    problems: list[Diagnostic] = []
    targets = set(content_crossref.ids(doc))

    def localize_segment(segment: m.Segment) -> m.Segment:
        target = translate(segment)
        if target is not None:
            translated[segment.loc, segment.context] = target
            literal: list[str] = []
            inlines = parse_inlines(target.text, note_labels, literal=literal)
            if literal:
                _report_literal(segment, literal, target, note_labels, report)
            for ref in content_crossref.references(m.Segment(target.text, inlines, segment.loc)):
                if ref.target not in targets:
                    problems.append(Diagnostic(target.po, target.line, f"translation: @{ref.target} refers to nothing in {doc.path} ({segment.loc})"))
            segment = dataclasses.replace(segment, inlines=inlines, fallback=False)
            problems.extend(Diagnostic(target.po, target.line, f"translation: {message} ({segment.loc})")
                            for message in doclinks.problems(segment, doc.path, config))
            return typography.apply(segment, language)
        if lang != doc.lang:
            segment = dataclasses.replace(segment, fallback=True)
        return typography.apply(segment, own_language)

    meta = m.map_segments(doc.meta, localize_segment)
    blocks = _label_boxes(_label_charts(m.map_segments(doc.blocks, localize_segment), ui), ui, config)
    notes = {label: m.map_segments(blocks_, localize_segment) for label, blocks_ in doc.notes.items()}

    def place(segment: m.Segment) -> tuple[str, int | None]:
        target = translated.get((segment.loc, segment.context))
        return (target.po, target.line) if target else (segment.loc.path, segment.loc.line)

    problems.extend(footnotes.check(notes, place))  # the source has none: a translation's calls closed them
    if problems:
        raise SamizdatError(problems)
    return crossref.resolve(dataclasses.replace(
        doc, meta=meta, blocks=blocks, notes=notes, note_order=footnotes.reading_order((meta, blocks), notes), lang=lang,
        locale=config.locale_for(lang), bcp47=config.bcp47(lang), ui=ui,
    ))


@dataclass(frozen=True)
class Translation:
    text: str  # inline Markdown
    po: str  # where it is written: the catalog and the entry's line
    line: int | None


def _report_literal(segment: m.Segment, literal: list[str], target: Translation, labels: set[str], report: Report) -> None:
    """Warn at the PO entry about markup a translator typed that readers will see as text
    (the source's own was reported when it was loaded)."""
    in_source: list[str] = []
    parse_inlines(segment.source, labels, literal=in_source)
    for what in dict.fromkeys(literal):
        if what not in in_source:
            report.warning(target.po, target.line, f"translation: {what} ({segment.loc})")


def _segment_translator(doc: m.Document, lang: str, config: Config, report: Report) -> Callable[[m.Segment], Translation | None]:
    """A function segment → its translation, or None to keep the source. samizdat.toml's
    texts are translated in project.po, the document's own in its catalog."""
    if lang == doc.lang:
        return lambda segment: None
    own_path, shared_path = po_path(config, lang, doc.slug), po_path(config, lang, PROJECT_DOMAIN)
    own, shared = read_catalog(own_path, lang, config), read_catalog(shared_path, lang, config)
    script = scripts.transliteration(config.language(lang).transliterate)
    if own is None:
        report.warning(config.rel(own_path), None, f"no catalog: {doc.path} is built in '{doc.lang}' text for '{lang}'; run 'samizdat translate extract'")

    def translate(segment: m.Segment) -> Translation | None:
        if not segment.source:
            return None
        shared_text = project_strings.is_project(segment)
        if own is None and not shared_text:
            return None  # said once above
        catalog, path = (shared, shared_path) if shared_text else (own, own_path)
        rel = config.rel(path)
        message = catalog.get(segment.source, context=segment.context or None) if catalog is not None else None
        if message is None or not message.string:
            state = "missing"
        elif message.fuzzy:
            state = "fuzzy"
        else:
            return Translation(script(str(message.string)), rel, message.lineno)
        report.warning(str(segment.loc.path), segment.loc.line, f"{state} translation in {rel}, using the source text: {_excerpt(segment.source)}")
        return None

    return translate


def _excerpt(text: str, width: int = 60) -> str:
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def _label_boxes(blocks: tuple[m.Block, ...], ui: Localizer, config: Config) -> tuple[m.Block, ...]:
    """A box without a title of its own shows its kind's label from the theme, translated."""

    def label(block: m.Block) -> m.Block:
        if not isinstance(block, m.Callout) or block.title is not None or block.kind not in config.theme.boxes:
            return block
        return dataclasses.replace(block, label=ui.pgettext(terms.BOX_LABEL, config.theme.boxes[block.kind].label))

    return m.map_blocks(blocks, label)


def _label_charts(blocks: tuple[m.Block, ...], ui: Localizer) -> tuple[m.Block, ...]:
    """Give every chart, wherever it stands, its labels and values in the language."""

    def label(block: m.Block) -> m.Block:
        if not isinstance(block, m.Chart):
            return block
        bars = tuple(
            m.Bar(str(key), float(value), _chart_label(ui, str(key)), terms.count_votes(ui, int(value)))
            for key, value in block.data.items()
        )
        return dataclasses.replace(block, bars=bars)

    return m.map_blocks(blocks, label)


def _chart_label(ui: Localizer, key: str) -> str:
    """A vote chart's bar label: the translated word for 'for', 'against', 'abstained',
    else the data's own key."""
    label = terms.CHART_LABELS.get(key)
    return ui.pgettext(*label) if label else key
