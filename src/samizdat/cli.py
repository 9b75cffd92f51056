"""The ``samizdat`` command: parse arguments, call one function per command, map failures to
exit codes. Heavy libraries (WeasyPrint, python-docx) are imported only by the commands
that need them.

Exit codes: 0 success, 1 errors in the user's input, 2 bad command line, 3 the machine
lacks something (fonts, libraries), 70 a bug in samizdat (shown with --debug).
A file that cannot be read or written is reported as ``path: error: cause`` (never 70):
exit 1 when the project's files are in the way (permission denied, a file where a folder
is needed), 3 when the machine's storage fails (disk full, read-only file system, I/O error).
"""

from __future__ import annotations

import argparse
import dataclasses
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from samizdat import __version__, languages
from samizdat.errors import Diagnostic, SamizdatError, UsageError
from samizdat.filesystem import FileSystemError, concerns, explain

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_ENVIRONMENT, EXIT_BUG = 0, 1, 2, 3, 70


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl+C so that the same clean-up runs: workers stopped,
    unfinished files removed."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def _langs(args: argparse.Namespace, config, default: list[str]) -> list[str]:
    """--lang, checked against samizdat.toml."""
    from samizdat.errors import did_you_mean

    langs = _csv(args.lang) if getattr(args, "lang", None) else default
    for lang in langs:
        if lang not in config.languages:
            raise UsageError(f"language '{lang}' is not configured{did_you_mean(lang, config.languages)}; "
                             f"samizdat.toml has: {', '.join(config.languages)}")
    return langs


def _formats(args: argparse.Namespace, default: list[str]) -> list[str]:
    from samizdat import writers
    from samizdat.errors import did_you_mean

    formats = _csv(args.format) if getattr(args, "format", None) else default
    for fmt in formats:
        if fmt not in writers.names():
            raise UsageError(f"unknown format '{fmt}'{did_you_mean(fmt, writers.names())}; samizdat writes {', '.join(writers.names())}")
    return formats


def _out(args: argparse.Namespace, default: Path) -> Path:
    if not getattr(args, "out", None):
        return default  # a file there is the project's problem, reported when the build needs the folder
    out = Path(args.out).resolve()
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {args.out}: is a file, not a folder")
    return out


def _csv(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def _project(args: argparse.Namespace):
    from samizdat.config import find_root, load_config

    return load_config(find_root(Path(args.project) if args.project else Path.cwd()))


def _in_project(args: argparse.Namespace) -> bool:
    from samizdat.config import find_root

    try:
        find_root(Path(args.project) if args.project else Path.cwd())
    except SamizdatError:
        return False
    return True


def _print(diagnostics: Sequence[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    from samizdat import console, writers
    from samizdat.build import build, default_workers, parse_shard
    from samizdat.build.plan import profile_folder
    from samizdat.errors import did_you_mean

    config = _project(args)
    langs = _langs(args, config, list(config.languages))
    formats = _formats(args, list(config.formats))
    pairs: list[tuple[str, str]] = []
    for spec in _csv(args.bilingual or ""):
        pair = tuple(spec.split("+"))
        if len(pair) != 2 or pair[0] == pair[1] or not all(lang in config.languages for lang in pair):
            print(f"samizdat: error: --bilingual takes two configured languages joined by '+', e.g. en+be (got '{spec}')", file=sys.stderr)
            return EXIT_USAGE
        pairs.append((pair[0], pair[1]))
    if pairs:
        langs = list(dict.fromkeys(lang for pair in pairs for lang in pair))
        formats = [f for f in formats if f in writers.bilingual()] or list(writers.bilingual()[:1])  # side-by-side editions
    if args.profile and args.profile not in config.profiles:
        print(f"samizdat: error: unknown profile '{args.profile}'{did_you_mean(args.profile, config.profiles)}; "
              f"samizdat.toml has: {', '.join(config.profiles)}", file=sys.stderr)
        return EXIT_USAGE
    profile = config.profile(args.profile)
    if args.pdf_variant is not None:
        from samizdat.config import variant_problem

        if problem := variant_problem(args.pdf_variant, profile.colour):
            print(f"samizdat: error: --pdf-variant: {problem}", file=sys.stderr)
            return EXIT_USAGE
        profile = dataclasses.replace(profile, pdf_variant=args.pdf_variant)
    out = _out(args, config.output_dir) if args.out else profile_folder(config.output_dir, profile)
    try:
        part = parse_shard(args.shard) if args.shard else None
    except ValueError as exc:
        print(f"samizdat: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    with console.progress(console.interactive(args.quiet)) as (on_start, on_done):
        result = build(
            config, [Path(p) for p in args.paths], langs, formats, out, strict=args.strict, pairs=pairs,
            profile=profile, fit=args.fit, docx_pages=args.docx_pages, workers=args.jobs or default_workers(),
            part=part, wait=not args.no_wait, on_start=on_start, on_done=on_done,
            on_wait=lambda message: print(f"samizdat: {message}", file=sys.stderr, flush=True),
        )
    console.summary(result, config, args.quiet)
    return EXIT_INPUT if result.errors else EXIT_OK


def cmd_translate_extract(args: argparse.Namespace) -> int:
    from samizdat.translate.extract import extract_project

    config = _project(args)
    result = extract_project(config)
    for path in result.written:
        filled = result.memory.get(path)
        print(f"wrote {config.rel(path)}" + (f" (from memory: {filled['translated']} translated, {filled['fuzzy']} fuzzy)" if filled else ""))
    print(f"{len(result.written)} catalogs written, {len(result.unchanged)} unchanged")
    return EXIT_OK


def _catalogues(args: argparse.Namespace, config):
    from samizdat.build import select_sources
    from samizdat.content import load_document
    from samizdat.translate.entries import catalogue

    langs = _langs(args, config, list(config.translated))
    documents = [load_document(source, config) for source in select_sources(config, [Path(p) for p in args.paths])]
    return [catalogue(doc, lang, config) for doc in documents for lang in langs if lang != doc.lang and doc.meta.publishes(lang)]


def cmd_translate_status(args: argparse.Namespace) -> int:
    from rich.console import Console

    from samizdat.translate.status import project_lines, show, verdicts

    config = _project(args)
    results = verdicts(config, _catalogues(args, config))
    show(results, Console(highlight=False, width=None if sys.stdout.isatty() else 160))
    for line in project_lines(config, _langs(args, config, list(config.translated))):
        print(line)
    failing = [v for v in results if not v.ok]
    if args.check and failing:
        _print(list(dict.fromkeys(verdict.diagnostic() for verdict in failing)))
        return EXIT_INPUT
    return EXIT_OK


def cmd_translate_check(args: argparse.Namespace) -> int:
    from samizdat.translate import glossary
    from samizdat.translate.checks import check_all

    config = _project(args)
    findings = check_all(config, _catalogues(args, config), glossary.load(config.root, config.languages))
    problems = findings.errors()
    _print(problems)
    for line in findings.waived_lines():
        print(line)
    waived = f", {len(findings.waived)} waived" if findings.waived else ""
    print(f"{len(problems)} problems{waived}" if problems else f"translations are consistent with their sources{waived}")
    return EXIT_INPUT if problems else EXIT_OK


def cmd_translate_review(args: argparse.Namespace) -> int:
    from samizdat.build import select_sources
    from samizdat.content import load_document
    from samizdat.translate.review import review

    config = _project(args)
    langs = _langs(args, config, [])
    documents = [load_document(source, config) for source in select_sources(config, [Path(p) for p in args.paths])]
    for lang in langs:
        for doc in documents:
            if lang == doc.lang:
                continue
            done = review(config, doc, lang)
            print(f"{config.rel(done.po)}: {done.marked} entries marked reviewed, {done.already} already were")
    return EXIT_OK


def cmd_translate_export(args: argparse.Namespace) -> int:
    from samizdat.build import select_sources
    from samizdat.content import load_document
    from samizdat.translate.wordexchange import export_docx
    from samizdat.translate.xliff import export_xliff

    config = _project(args)
    documents = [load_document(source, config) for source in select_sources(config, [Path(p) for p in args.paths])]
    out = Path(args.out).resolve() if args.out else config.output_dir / "translations"
    langs = _langs(args, config, [])
    if len(langs) != 1:
        raise UsageError("translate export takes one language: --lang be")
    lang = langs[0]
    export = export_xliff if args.format == "xliff" else export_docx
    for path in export(config, documents, lang, out):
        print(f"wrote {config.rel(path)}")
    return EXIT_OK


def cmd_translate_import(args: argparse.Namespace) -> int:
    from samizdat.translate.wordexchange import import_docx
    from samizdat.translate.xliff import import_xliff

    config = _project(args)
    failed = False
    for name in args.files:  # one bad attachment does not stop the others
        path = Path(name).resolve()
        try:
            result = (import_xliff if path.suffix.lower() in (".xlf", ".xliff") else import_docx)(config, path)
        except SamizdatError as exc:
            _print(exc.diagnostics)
            failed = True
            continue
        _print(result.diagnostics)
        conflicts = len(result.conflicts)
        failed = failed or bool(result.refused or conflicts)
        print(f"{config.rel(result.po)}: {result.updated} updated, {result.unchanged} unchanged, "
              f"{result.skipped} empty, {result.refused} refused, {conflicts} conflict{'' if conflicts == 1 else 's'}")
        if result.conflicts_file:
            print(f"{conflicts} conflict{'' if conflicts == 1 else 's'} added to {config.rel(result.conflicts_file)}")
    return EXIT_INPUT if failed else EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from samizdat import writers
    from samizdat.build import select_sources
    from samizdat.content import load_document
    from samizdat.errors import Report
    from samizdat.localize import localize
    from samizdat.verify import Output, verify

    config = _project(args)
    langs = _langs(args, config, list(config.languages))
    formats = [f for f in _formats(args, list(config.formats)) if writers.get(f).read_text]  # those check can read back
    out = _out(args, config.output_dir)
    outputs = []
    for source in select_sources(config, [Path(p) for p in args.paths]):
        doc = load_document(source, config)
        for lang in (lang for lang in langs if doc.meta.publishes(lang)):
            localized = localize(doc, lang, config, Report())
            outputs += [Output(localized, fmt, out / lang / f"{doc.slug}.{fmt}") for fmt in formats]
    problems = verify(outputs, config)
    _print(problems)
    print(f"{len(outputs)} outputs checked, {len(problems)} problems")
    return EXIT_INPUT if problems else EXIT_OK


def cmd_preflight(args: argparse.Namespace) -> int:
    from samizdat.build.plan import profile_folder
    from samizdat.config import DEFAULT_PROFILES
    from samizdat.errors import did_you_mean
    from samizdat.verify import print_job
    from samizdat.verify.preflight import Expect

    files = [Path(name) for name in args.files]
    config = _project(args) if not files or _in_project(args) else None  # named files need no project: the built-in profiles
    profiles = config.profiles if config else DEFAULT_PROFILES
    name = args.profile or "print"
    if name not in profiles:
        where = "samizdat.toml has" if config else "outside a project the profiles are"
        raise UsageError(f"unknown profile '{name}'{did_you_mean(name, profiles)}; {where}: {', '.join(profiles)}")
    profile = profiles[name]
    if files:  # a bare file may be trimmed to any paper samizdat prints
        checks = [(path, str(path), Expect(bleed=profile.bleed, cmyk=profile.cmyk)) for path in files]
    else:
        assert config is not None
        built = print_job.built(config, profile)
        if not built:
            folder = config.rel(profile_folder(config.output_dir, profile))
            raise SamizdatError(Diagnostic(folder, None, f"no PDFs of the '{name}' profile here: run 'samizdat build --profile {name}' first, or name the files"))
        checks = [(file.path, config.rel(file.path), print_job.expect(config, profile, file.template, file.docs)) for file in built]
    problems = [d for path, shown, expected in checks for d in print_job.check(path, shown, expected)]
    _print(problems)
    errors = sum(d.severity.value == "error" for d in problems)
    print(f"{len(checks)} PDF{'' if len(checks) == 1 else 's'} checked for the '{name}' profile: "
          f"{errors} errors, {len(problems) - errors} warnings")
    return EXIT_INPUT if errors else EXIT_OK


def cmd_pack(args: argparse.Namespace) -> int:
    from samizdat.pack import build_pack

    config = _project(args)
    result = build_pack(config, Path(args.spec).resolve(), Path(args.out).resolve() if args.out else None)
    _print(result.diagnostics)
    for file in result.files:
        sheets = sum(row.total_sheets for row in result.rows if row.file == file.name)
        print(f"{config.rel(file.path)}: {file.pages} pages, {sheets:,} {file.sheet} sheets to print")
    print(f"{config.rel(result.cover)}, {config.rel(result.manifest_pdf)}, {config.rel(result.manifest_csv)}")
    print("total: " + ", ".join(f"{lang} {' + '.join(f'{n:,} {s}' for s, n in by.items())}" for lang, by in result.totals.items()))
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from samizdat.serve import serve

    config = _project(args)
    langs = _langs(args, config, []) or None
    formats = _formats(args, []) or None
    serve(config, host=args.host, port=args.port, langs=langs, formats=formats)
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    from samizdat.scaffold import init_project

    folder = Path(args.project or ".") / args.dir
    result = init_project(folder, _csv(args.languages), args.name)
    for path in result.written + result.catalogs:
        print(f"wrote {path}")
    for path in result.kept:
        print(f"kept {path} (already there)")
    if result.extract_skipped:
        print("locales/ already holds files: run 'samizdat translate extract' to merge the starter documents into them")
    print("next: samizdat build" if folder.resolve() == Path.cwd() else f"next: cd {folder} && samizdat build")
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from samizdat.scaffold import new_document

    config = _project(args)
    path = new_document(config, args.slug, args.template, args.title)
    print(f"wrote {config.rel(path)}")
    print("next: run 'samizdat translate extract' to add it to the catalogs, then 'samizdat build'")
    return EXIT_OK


def cmd_doctor(args: argparse.Namespace) -> int:
    from samizdat.config import find_root
    from samizdat.doctor import run

    try:
        find_root(Path(args.project) if args.project else Path.cwd())
    except SamizdatError:  # outside a project (just installed): the machine and the default fonts
        return EXIT_OK if run(None) else EXIT_ENVIRONMENT
    return EXIT_OK if run(_project(args)) else EXIT_ENVIRONMENT


def _file_system_error(exc: FileSystemError) -> int:
    print(exc, file=sys.stderr)
    return EXIT_ENVIRONMENT if exc.machine else EXIT_INPUT


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="samizdat", description="Publish Markdown as PDF briefings and DOCX handouts in several languages.")
    top.add_argument("--version", action="version", version=f"samizdat {__version__}")
    top.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    top.add_argument("-C", "--project", metavar="DIR", help="project folder (default: the one holding samizdat.toml above the current folder)")
    commands = top.add_subparsers(dest="command", metavar="COMMAND")

    init = commands.add_parser("init", help="start a project: samizdat.toml, starter documents, catalogs, glossary")
    init.add_argument("dir", nargs="?", default=".", help="folder to create or fill (default: the current one); existing files are kept")
    init.add_argument("--languages", default=languages.default_code(), help="comma-separated language codes, the source language first (default: en), e.g. en,be,ru,uk")
    init.add_argument("--name", help="organisation name, for samizdat.toml and running heads (default: the folder's name)")
    init.set_defaults(func=cmd_init)

    new = commands.add_parser("new", help="start a document: content/SLUG.md from a template's skeleton")
    new.add_argument("slug", help="file name and output name: lowercase letters, digits and hyphens, e.g. strasbourg-vote")
    new.add_argument("--template", help="one of the theme's templates (default: samizdat.toml [defaults] template)")
    new.add_argument("--title", help="the document's title (default: made from the slug)")
    new.set_defaults(func=cmd_new)

    build = commands.add_parser("build", help="build PDF and DOCX outputs")
    build.add_argument("paths", nargs="*", help="content files to build (default: all)")
    build.add_argument("--lang", help="comma-separated languages (default: all configured)")
    build.add_argument("--format", help="comma-separated formats: pdf,docx,html (default: samizdat.toml formats)")
    build.add_argument("--out", help="output folder (default: build/)")
    build.add_argument("-q", "--quiet", action="store_true", help="print errors and the summary only")
    build.add_argument("--bilingual", metavar="A+B", help="side-by-side editions instead, e.g. en+be or en+be,en+ru (into build/en+be/)")
    build.add_argument("--profile", help="PDF profile from samizdat.toml [profiles]: screen (default), print, … (one with a bleed or CMYK colour is preflighted)")
    build.add_argument("--pdf-variant", help="PDF standard for this build: pdf/ua-1, pdf/a-3b, … ('' for none)")
    build.add_argument("--fit", action="store_true",
                       help="shrink type, leading and spacing (within samizdat.toml [fit]) to meet page budgets, in PDF and DOCX")
    build.add_argument("--docx-pages", action=argparse.BooleanOptionalAction, default=True,
                       help="count DOCX pages in LibreOffice, held to the PDF's and the budget (the default; --no-docx-pages skips)")
    build.add_argument("-j", "--jobs", type=int, help="worker processes (default: the number of cores)")
    build.add_argument("--shard", metavar="I/N", help="build only share I of N of the jobs (for a CI matrix)")
    build.add_argument("--strict", action="store_true",
                       help="refuse also any language with a missing or fuzzy translation or any failed 'translate check'")
    build.add_argument("--no-wait", action="store_true",
                       help="fail at once (exit 1) when another build is running in the build folder, instead of waiting for it")
    build.set_defaults(func=cmd_build)

    translate = commands.add_parser("translate", help="work with translation catalogs")
    sub = translate.add_subparsers(dest="translate_command", metavar="ACTION")
    extract = sub.add_parser("extract", help="write POT files and create or update every language's PO files")
    extract.set_defaults(func=cmd_translate_extract)
    update = sub.add_parser("update", help="same as extract")
    update.set_defaults(func=cmd_translate_extract)
    status = sub.add_parser("status", help="translated, reviewed, fuzzy and untranslated segments and words per document and language")
    status.add_argument("paths", nargs="*", help="content files (default: all)")
    status.add_argument("--lang", help="comma-separated languages (default: all but the source)")
    status.add_argument("--check", action="store_true",
                        help="exit 1 if a language has no policy, is below min_translated or min_reviewed, or has fuzzy entries")
    status.set_defaults(func=cmd_translate_status)
    check = sub.add_parser("check", help="check translations: links, footnotes, numbers, markup, placeholders, plural forms, glossary")
    check.add_argument("paths", nargs="*", help="content files (default: all)")
    check.add_argument("--lang", help="comma-separated languages (default: all but the source)")
    check.set_defaults(func=cmd_translate_check)
    review = sub.add_parser("review", help="mark every translated, non-fuzzy entry reviewed (an edit or a source change unmarks it)")
    review.add_argument("paths", nargs="*", help="content files (default: all)")
    review.add_argument("--lang", required=True, help="comma-separated languages, e.g. be")
    review.set_defaults(func=cmd_translate_review)
    export = sub.add_parser("export", help="write a bilingual table for translators in Word, or XLIFF 1.2 for CAT tools")
    export.add_argument("paths", nargs="*", help="content files (default: all)")
    export.add_argument("--lang", required=True, help="target language, e.g. be")
    export.add_argument("--format", choices=["docx", "xliff"], default="docx",
                        help="docx (a table for Word, the default) or xliff (XLIFF 1.2 for Trados, memoQ, Phrase…)")
    export.add_argument("--out", help="folder (default: build/translations/)")
    export.set_defaults(func=cmd_translate_export)
    import_ = sub.add_parser("import", help="write the translations of filled-in Word tables or XLIFF files back into the PO files")
    import_.add_argument("files", nargs="+", help="exported .docx or .xlf files")
    import_.set_defaults(func=cmd_translate_import)

    pack = commands.add_parser("pack", help="print files, cover sheet and manifest for an event (events/<name>.yaml)")
    pack.add_argument("spec", help="event pack file, e.g. events/strasbourg-2026-11.yaml")
    pack.add_argument("--out", help="folder (default: build/packs/<name>/)")
    pack.set_defaults(func=cmd_pack)

    serve = commands.add_parser("serve", help="preview the web edition on localhost, rebuilding and reloading on every change")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000; 0: any free port)")
    serve.add_argument("--host", default="127.0.0.1", help="loopback address to listen on (default 127.0.0.1)")
    serve.add_argument("--lang", help="comma-separated languages (default: all)")
    serve.add_argument("--format", help="formats to keep built while serving (default: html)")
    serve.set_defaults(func=cmd_serve)

    check = commands.add_parser("check", help="verify built PDF and DOCX files: every segment present, no missing glyphs, links resolve")
    check.add_argument("paths", nargs="*", help="content files (default: all)")
    check.add_argument("--lang", help="comma-separated languages (default: all)")
    check.add_argument("--format", help="pdf, docx or both (default: both)")
    check.add_argument("--out", help="build folder to check (default: build/)")
    check.set_defaults(func=cmd_check)

    preflight = commands.add_parser(
        "preflight", help="check print PDFs as a print shop's preflight does: fonts, page boxes, image resolution, "
                          "RGB in a CMYK job, hairlines, output intent")
    preflight.add_argument("files", nargs="*", help="PDF files (default: those the profile's last build wrote)")
    preflight.add_argument("--profile", help="the print job they are for, from samizdat.toml [profiles] (default: print)")
    preflight.set_defaults(func=cmd_preflight)

    doctor = commands.add_parser("doctor", help="check Python packages, Pango, fonts and HarfBuzz")
    doctor.set_defaults(func=cmd_doctor)
    return top


def _reader_gone() -> int:
    """Whoever read the output stopped (``samizdat build | head``): end quietly, as Unix tools
    do, with SIGPIPE's status. Outputs already written are complete (each is renamed into place)."""
    import os

    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # Python's last flush has nowhere to fail
    return 128 + signal.SIGPIPE


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        parser().print_help()
        return EXIT_USAGE
    on_sigterm = signal.signal(signal.SIGTERM, _terminate)
    try:
        code = func(args)
        sys.stdout.flush()  # a closed pipe is found here, not at the interpreter's exit
        return code
    except BrokenPipeError:
        return _reader_gone()
    except SamizdatError as exc:
        _print(exc.diagnostics)
        return EXIT_INPUT
    except UsageError as exc:
        print(f"samizdat: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except FileSystemError as exc:
        return _file_system_error(exc)
    except KeyboardInterrupt as exc:
        print("samizdat: interrupted; finished outputs are complete, unfinished ones were not written", file=sys.stderr)
        return 128 + (signal.SIGTERM if isinstance(exc, Terminated) else signal.SIGINT)
    except Exception as exc:  # a bug, not bad input: say so plainly
        if isinstance(exc, OSError) and concerns(exc):  # a file no code path explained: still not a bug
            return _file_system_error(explain(exc))
        if args.debug:
            raise
        print(f"samizdat: internal error: {type(exc).__name__}: {exc} (run with --debug for a traceback)", file=sys.stderr)
        return EXIT_BUG
    finally:
        signal.signal(signal.SIGTERM, on_sigterm)
