"""Translation workflow on gettext catalogs, built on Babel's ``babel.messages``.

``extract`` writes one POT per document (its segments, with ``content/x.md:LINE``
references) and ``templates.pot`` (strings of the Jinja templates and of
``localize/terms``), then creates or merges every language's PO with
``Catalog.update``: a changed segment becomes fuzzy with its previous msgid kept, a new
one untranslated, a removed one obsolete; review marks that no longer match their entry go.
Files are only rewritten when their messages change, so running it twice leaves git clean.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file

import samizdat
from samizdat import atomic, theme
from samizdat import model as m
from samizdat.build.plan import select_sources
from samizdat.config import Config
from samizdat.content import load_document
from samizdat.localize import pofile
from samizdat.localize.catalogs import TEMPLATES_DOMAIN, po_path, pot_path, read_catalog
from samizdat.localize.terms import BOX_LABEL
from samizdat.translate import review

FRONT_MATTER = ("title", "subtitle", "summary", "organisation")
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3),
            "N_": None, "NC_": ((1, "c"), 2)}
TERMS_MODULE = Path(samizdat.__file__).parent / "localize" / "terms.py"


@dataclass
class ExtractResult:
    written: list[Path]
    unchanged: list[Path]


def document_template(doc: m.Document, config: Config) -> Catalog:
    """The POT of one document: each segment once, in reading order, with every location."""
    catalog = _new_catalog(config, doc.slug, f"{doc.meta.title.source} ({doc.path})")
    for segment in m.iter_segments(doc):
        if not segment.source:
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
    templates = [(TEMPLATES_DOMAIN, templates_template(config))]
    templates += [(doc.slug, document_template(doc, config)) for doc in documents]
    for domain, pot in templates:
        _write(pot_path(config, domain), pot, result)
        for lang in config.languages:
            if lang == config.source_language:
                continue
            path = po_path(config, lang, domain)
            catalog = read_catalog(path, lang, config)
            if catalog is None:
                catalog = Catalog(locale=config.locale_for(lang).split("_")[0], domain=domain, project=config.name, charset="utf-8", fuzzy=False)
                catalog.header_comment = pot.header_comment
                catalog.language_team = f"{lang} <>"
            merge(catalog, pot)
            review.drop_stale(catalog)  # a changed source unmarks its entry
            _write(path, catalog, result)
    return result


def extract_project(config: Config) -> ExtractResult:
    """What 'samizdat translate extract' does: every document of the project, every language."""
    return extract(config, [load_document(source, config) for source in select_sources(config, [])])


def merge(catalog: Catalog, template: Catalog) -> None:
    """Babel's ``Catalog.update``, keeping the previous msgid of entries still fuzzy.

    Babel rebuilds each message from the template, so an entry made fuzzy by an earlier
    update would lose its ``#| msgid`` the next time; the translator still needs it.
    """
    previous = {(m.id if isinstance(m.id, str) else m.id[0], m.context): m.previous_id for m in catalog if m.id and m.previous_id}
    catalog.update(template, update_creation_date=False)
    for message in catalog:
        if message.id and message.fuzzy and not message.previous_id:
            message.previous_id = previous.get((message.id if isinstance(message.id, str) else message.id[0], message.context), [])
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
