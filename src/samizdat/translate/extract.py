"""Translation workflow on gettext catalogs, built on Babel's ``babel.messages``.

``extract`` writes one POT per document (its segments, with ``content/x.md:LINE``
references), ``templates.pot`` (strings of the Jinja templates and of
``localize/terms``) and ``project.pot`` (samizdat.toml's texts, ``content/project_strings``),
then creates or merges every language's PO with ``Catalog.update``: a changed segment
becomes fuzzy with its previous msgid kept, a new one untranslated, a removed one
obsolete; review marks that no longer match their entry go. Entries left empty are then
offered what the project has translated elsewhere (:mod:`memory`), and the language's
compendium takes every translation. Files are only rewritten when their messages change,
so running it twice leaves git clean.
"""

from __future__ import annotations

import copy
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_file

import samizdat
from samizdat import atomic, theme
from samizdat import model as m
from samizdat.build.plan import select_sources
from samizdat.config import Config
from samizdat.content import load_document, project_strings
from samizdat.localize import pofile
from samizdat.localize.catalogs import PROJECT_DOMAIN, TEMPLATES_DOMAIN, po_path, pot_path, read_catalog
from samizdat.localize.terms import BOX_LABEL
from samizdat.translate import review
from samizdat.translate.memory import COMPENDIUM, Key, Memory, compendium_path, remember, units

FRONT_MATTER = ("title", "subtitle", "summary", "organisation", "author")
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3),
            "N_": None, "NC_": ((1, "c"), 2)}
TERMS_MODULE = Path(samizdat.__file__).parent / "localize" / "terms.py"


@dataclass
class ExtractResult:
    written: list[Path]
    unchanged: list[Path]
    memory: dict[Path, Counter[str]] = field(default_factory=dict)  # catalog → entries the memory filled, by state


def document_template(doc: m.Document, config: Config) -> Catalog:
    """The POT of one document: each segment once, in reading order, with every location."""
    catalog = _new_catalog(config, doc.slug, f"{doc.meta.title.source} ({doc.path})")
    for segment in m.iter_segments(doc):
        if not segment.source or project_strings.is_project(segment):  # in project.pot
            continue
        location = (segment.loc.path, segment.loc.line)
        existing = catalog.get(segment.source, context=segment.context or None)
        if existing is not None:
            existing.locations.append(location)
            continue
        comments = [f"front matter: {segment.context}"] if segment.context in FRONT_MATTER else []
        added = catalog.add(segment.source, locations=[location], context=segment.context or None, auto_comments=comments)
        added.flags.discard("python-format")  # a paragraph's '%' is text, not a placeholder
    return catalog


def templates_template(config: Config) -> Catalog:
    """Interface strings of the Jinja templates and of samizdat's generated terms."""
    catalog = _new_catalog(config, TEMPLATES_DOMAIN, "interface strings of the templates")
    for name, path in sorted(config.theme.files().items()):
        if not name.endswith((".j2", ".html")):
            continue
        where = theme.shown(path, config.root)
        for lineno, message, comments, context in extract_from_file(
            "jinja2.ext:babel_extract", path, keywords=KEYWORDS, options={"trimmed": "true"},
            comment_tags=("TRANSLATORS:",)
        ):
            catalog.add(message, locations=[(where, lineno)], auto_comments=comments, context=context)
    for box in config.theme.boxes.values():
        catalog.add(box.label, locations=[(box.source, box.line)], context=BOX_LABEL,
                    auto_comments=[f"title of a '::: {box.name}' box that has none of its own"])
    for lineno, message, comments, context in extract_from_file("python", TERMS_MODULE, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)):
        comments = [comment.removeprefix("TRANSLATORS:").strip() for comment in comments]  # as the templates' read
        catalog.add(message, locations=[("samizdat/localize/terms.py", lineno)], auto_comments=comments, context=context)
    return catalog


def project_template(config: Config) -> Catalog:
    """samizdat.toml's texts that editions print: translated once, for every document."""
    catalog = _new_catalog(config, PROJECT_DOMAIN, "texts of samizdat.toml that every edition prints")
    for field_name, segment in project_strings.segments(config).items():
        added = catalog.add(segment.source, locations=[(segment.loc.path, segment.loc.line)], context=segment.context,
                            auto_comments=[f"the {field_name} of every document whose front matter names none"])
        added.flags.discard("python-format")
    return catalog


def _new_catalog(config: Config, domain: str, what: str) -> Catalog:
    catalog = Catalog(project=config.name, version=samizdat.__version__, domain=domain, charset="utf-8", fuzzy=False)
    catalog.header_comment = (
        f"# {what}\n"
        "# Translate with Poedit, Weblate or any PO editor.\n"
        "# After the source changes, run 'samizdat translate extract'.\n"
    )
    catalog.msgid_bugs_address = ""
    return catalog


def extract(config: Config, documents: list[m.Document]) -> ExtractResult:
    result = ExtractResult([], [])
    langs = list(config.translated)
    slugs = [doc.slug for doc in documents]
    memories = {lang: Memory.load(config, lang, slugs) for lang in langs}  # as on disk, before any merge
    merged: dict[str, list[Catalog]] = {lang: [] for lang in langs}
    templates = [(TEMPLATES_DOMAIN, templates_template(config)), (PROJECT_DOMAIN, project_template(config))]
    templates += [(doc.slug, document_template(doc, config)) for doc in documents]
    published = {doc.slug: doc.meta.publishes for doc in documents}
    for domain, pot in templates:
        _write(pot_path(config, domain), pot, result)
        for lang in langs:
            if domain in published and not published[domain](lang):
                continue  # front matter 'languages': no edition, no catalog
            path = po_path(config, lang, domain)
            catalog = _read_or_new(config, lang, path, domain, pot.header_comment)
            before = {_key(message) for message in [*catalog, *catalog.obsolete.values()] if message.id}
            merge(catalog, pot)
            review.drop_stale(catalog)  # a changed source unmarks its entry
            if domain != TEMPLATES_DOMAIN:  # interface words: placeholders and plural forms, not sentences
                guessed = {key for message in catalog if message.id and message.fuzzy and (key := _key(message)) not in before}
                filled = memories[lang].fill(catalog, guessed)
                if filled:
                    result.memory[path] = filled
                merged[lang].append(catalog)
            _write(path, catalog, result)
    for lang in langs:
        path = compendium_path(config, lang)
        compendium = _read_or_new(config, lang, path, COMPENDIUM, COMPENDIUM_HEADER)
        if remember(compendium, [*(unit for catalog in merged[lang] for unit in units(catalog, "")), *memories[lang].units]):
            _write(path, compendium, result)
        elif path.exists():
            result.unchanged.append(path)
    return result


def _key(message: Message) -> Key:
    return (message.id if isinstance(message.id, str) else message.id[0], message.context)


COMPENDIUM_HEADER = (
    "# Every translation of the project in this language, kept across releases:\n"
    "# 'samizdat translate extract' adds to it and offers it to empty entries.\n"
    "# Poedit and Weblate can use it as a translation memory too.\n"
)


def _read_or_new(config: Config, lang: str, path: Path, domain: str, header_comment: str) -> Catalog:
    catalog = read_catalog(path, lang, config)
    if catalog is not None:
        return catalog
    catalog = Catalog(locale=config.locale_for(lang).split("_")[0], domain=domain, project=config.name, charset="utf-8", fuzzy=False)
    catalog.header_comment = header_comment
    catalog.language_team = f"{lang} <>"
    return catalog


def extract_project(config: Config) -> ExtractResult:
    """What 'samizdat translate extract' does: every document of the project, every language."""
    return extract(config, [load_document(source, config) for source in select_sources(config, [])])


def merge(catalog: Catalog, template: Catalog) -> None:
    """Babel's ``Catalog.update``, keeping the previous msgid of entries still fuzzy.

    Babel rebuilds each message from the template, so an entry made fuzzy by an earlier
    update would lose its ``#| msgid`` the next time; the translator still needs it. It
    also puts the template's own message objects into the catalog for new entries: a copy
    keeps what the memory fills in one language out of the others.
    """
    previous = {_key(m): m.previous_id for m in catalog if m.id and m.previous_id}
    catalog.update(copy.deepcopy(template), update_creation_date=False)
    for message in catalog:
        if message.id and message.fuzzy and not message.previous_id:
            message.previous_id = previous.get(_key(message), [])
    _revive_obsolete(catalog)


def _revive_obsolete(catalog: Catalog) -> None:
    """A segment removed and later restored is live again, and its obsolete entry goes.

    Babel keeps the old obsolete entry beside the new live one: a duplicate, which
    msgfmt (and samizdat's reader) refuse. The obsolete translation is of the very same
    source, so an untranslated live entry takes it back, as msgmerge does.
    """
    for key, old in list(catalog.obsolete.items()):
        live = catalog.get(old.id, context=old.context)
        if live is None:
            continue
        if not any(live.string if isinstance(live.string, (list, tuple)) else [live.string]):
            live.string = old.string
        del catalog.obsolete[key]


# Header lines that change with the clock or the Babel release, not with the messages.
_VOLATILE = (b'"POT-Creation-Date:', b'"PO-Revision-Date:', b'"Generated-By:')


def _write(path: Path, catalog: Catalog, result: ExtractResult) -> None:
    data = pofile.write(catalog)
    if path.exists():
        old = path.read_bytes()
        if _stable(old) == _stable(data):
            result.unchanged.append(path)
            return
    atomic.write_bytes(path, data)
    result.written.append(path)


def _stable(data: bytes) -> list[bytes]:
    return [line for line in data.splitlines() if not line.startswith(_VOLATILE)]
