"""Live preview: build the web edition, serve it on this machine, rebuild on change, reload.

Takes a configuration; gives an HTTP server on a loopback address over the build folder
until ``stop`` is set. Four parts, each a small piece:

- :func:`affected` maps changed files to what they change: a content file → its document;
  ``locales/<lang>/LC_MESSAGES/<slug>.po`` → that document in that language;
  ``templates.po`` → every document in that language; templates or ``samizdat.toml`` →
  everything. The builder calls :func:`samizdat.build.build` with just that.
- :class:`State` counts builds and remembers, per page, the build that last wrote it, and
  the errors of the latest build.
- The request handler serves the build folder and nothing outside it; a path that cannot
  name a file there (NUL, a broken %-escape, not UTF-8, '..', too long) is answered 400.
  Into every ``.html`` response (never the file on disk) it injects a small script that
  listens to ``/__samizdat/events`` (Server-Sent Events): the server says whether the page
  is stale and which errors the last build had; the page reloads itself, or shows the
  errors in an overlay until they are fixed. Connections are handled by a bounded pool
  (``samizdat.connections``): idle ones hold no thread and time out. An event stream only
  writes, so the read timeout never ends it; it holds a handler for as long as its page is
  open, hence at most ``STREAMS`` of them, leaving handlers for the pages' other requests.
- Two ``watchfiles`` threads (the content, templates and locales folders; the project
  folder itself, for ``samizdat.toml``) feed a queue; one builder thread drains it, so
  builds never overlap and a burst of saves becomes one rebuild.

A failed build is printed as ``file:line: error: …`` and shown in the open pages; the
server keeps running and the next change tries again, together with what failed before.
"""

from __future__ import annotations

import functools
import html
import http.server
import ipaddress
import json
import queue
import re
import socket
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

from samizdat import languages, printview, writers
from samizdat.config import CONFIG_NAME, Config, load_config
from samizdat.connections import BoundedHTTPServer
from samizdat.errors import SamizdatError, error
from samizdat.filesystem import FileSystemError
from samizdat.localize.catalogs import PROJECT_DOMAIN, TEMPLATES_DOMAIN

EVENTS = "/__samizdat/events"
PING_SECONDS = 15.0  # a comment line on idle event streams, so dead connections are noticed
MAX_PATH = 2048  # characters in a request path: the build folder's are far shorter
Log = Callable[[str], None]


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- what a change affects -----------------------------------------------------------


@dataclass
class Plan:
    """Documents and languages to rebuild; ``None`` means all of them."""

    sources: set[Path] | None = field(default_factory=set)
    langs: set[str] | None = field(default_factory=set)
    reload_config: bool = False
    reasons: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.sources is not None and not self.sources and not self.reload_config

    def add(self, sources: set[Path] | None, langs: set[str] | None, reason: str, reload_config: bool = False) -> None:
        self.merge(Plan(sources, langs, reload_config, [reason]))

    def merge(self, other: Plan) -> None:
        self.sources = None if self.sources is None or other.sources is None else self.sources | other.sources
        self.langs = None if self.langs is None or other.langs is None else self.langs | other.langs
        self.reload_config = self.reload_config or other.reload_config
        self.reasons += [reason for reason in other.reasons if reason not in self.reasons]


def _inside(path: Path, folder: Path) -> Path | None:
    """``path`` relative to ``folder`` when it lies inside it."""
    try:
        return path.resolve().relative_to(folder.resolve())
    except ValueError:
        return None


def _sources_by_slug(config: Config) -> dict[str, Path]:
    from samizdat.content import discover, slug_of

    try:
        return {slug_of(path): path for path in discover(config)}
    except SamizdatError:
        return {}


def affected(config: Config, changed: Iterable[Path]) -> Plan:
    """What rebuilding the changed (or added, or deleted) files asks for."""
    plan = Plan()
    for path in sorted(set(changed)):
        rel = config.rel(path)
        if path.name.startswith(".") or _inside(path, config.output_dir) is not None:
            continue  # editors' temporary files, our own outputs
        if path.name == CONFIG_NAME and path.parent.resolve() == config.root.resolve():
            plan.add(None, None, f"{rel} changed", reload_config=True)
        elif _inside(path, config.templates_dir) is not None:
            plan.add(None, None, f"{rel} changed")
        elif (inner := _inside(path, config.locales_dir)) is not None:
            parts = inner.parts  # <lang>/LC_MESSAGES/<domain>.po
            if len(parts) != 3 or parts[1] != "LC_MESSAGES" or path.suffix != ".po":
                continue  # POT files and the like change no output
            lang, domain = parts[0], path.stem
            if domain in (TEMPLATES_DOMAIN, PROJECT_DOMAIN):  # words every document shows
                plan.add(None, {lang}, f"{rel} changed")
            elif domain in (sources := _sources_by_slug(config)):
                plan.add({sources[domain]}, {lang}, f"{rel} changed")
        elif (inner := _inside(path, config.content_dir)) is not None:
            if len(inner.parts) == 1 and path.suffix == ".md":
                source = path  # content/<slug>.md
            elif len(inner.parts) > 1 and (config.content_dir / inner.parts[0] / "index.md").is_file():
                source = config.content_dir / inner.parts[0] / "index.md"  # anything in content/<slug>/
            else:  # a shared file: the documents the manifest says use it, else every one
                plan.merge(recorded(config, rel) or Plan(None, None, reasons=[f"{rel} changed"]))
                continue
            if source.is_file():
                used = recorded(config, rel)  # an image: only the editions that show it
                plan.merge(used if used is not None and source.name != path.name else Plan({source}, None, reasons=[f"{rel} changed"]))
    return plan


def recorded(config: Config, rel: str) -> Plan | None:
    """The editions whose manifest entries list ``rel`` among their inputs, or None when
    none does (a new file: the caller decides by where it lies)."""
    from samizdat.build.manifest import Manifest

    users = [name for name, entry in Manifest(config.output_dir).read().items() if rel in entry.inputs]
    if not users:
        return None
    sources, plan = _sources_by_slug(config), Plan()
    for name in users:
        *_, lang, file = name.split("/")  # be/x.pdf, print/be/x.pdf
        if (source := sources.get(Path(file).stem)) is not None:
            plan.add({source}, {lang}, f"{rel} changed")
    return plan


# --- build state, shared by the builder and the request threads ---------------------


class State:
    """The build counter, the build that last wrote each page, and the latest errors."""

    def __init__(self, root: Path):
        self.root = root
        self.version = 0
        self.errors: list[str] = []
        self.pages: dict[str, int] = {}  # "be/x.html" → version that wrote it
        self.closing = False
        self._changed = threading.Condition()

    def page_key(self, path: Path) -> str | None:
        inner = _inside(path, self.root)
        return inner.as_posix() if inner is not None else None

    def published(self, written: Iterable[Path], errors: list[str]) -> None:
        with self._changed:
            self.version += 1
            for path in written:
                if (key := self.page_key(path)) is not None:
                    self.pages[key] = self.version
            self.errors = list(errors)
            self._changed.notify_all()

    def page_version(self, key: str) -> int:
        with self._changed:
            return self.version if key == "" else self.pages.get(key, 0)

    def wait(self, seen: int, timeout: float) -> int:
        """The build counter, once it passes ``seen`` or ``timeout`` seconds have gone."""
        with self._changed:
            self._changed.wait_for(lambda: self.version != seen or self.closing, timeout)
            return self.version

    def view(self, key: str, page_version: int) -> dict:
        with self._changed:
            current = self.version if key == "" else self.pages.get(key, 0)
            return {"stale": current > page_version, "errors": list(self.errors), "version": self.version, "page": current}

    def close(self) -> None:
        with self._changed:
            self.closing = True
            self._changed.notify_all()


# --- HTTP ------------------------------------------------------------------------------

CLIENT = """<script id="samizdat-live">
(() => {
  const source = new EventSource(%(url)s);
  let box = null;
  function show(errors) {
    if (!box) {
      box = document.createElement("div");
      box.setAttribute("role", "alert");
      box.id = "samizdat-errors";
      box.style.cssText = "position:fixed;inset:auto 0 0 0;z-index:2147483647;max-height:60vh;overflow:auto;" +
        "margin:0;padding:1rem 1.25rem;background:#1b1f24;color:#fff;border-top:5px solid #b3261e;" +
        "font:14px/1.5 'PT Mono',Menlo,Consolas,monospace;box-shadow:0 -4px 24px rgba(0,0,0,.3)";
      const title = document.createElement("strong");
      title.textContent = "samizdat: the last build failed; the page shows the previous one";
      title.style.cssText = "display:block;color:#ffb4ab;margin-bottom:.5rem;font-family:'PT Sans',sans-serif";
      const text = document.createElement("pre");
      text.style.cssText = "margin:0;padding:0;background:none;color:#fff;font:inherit;white-space:pre-wrap";
      box.append(title, text);
      document.body.append(box);
    }
    box.lastChild.textContent = errors.join("\\n");
  }
  source.addEventListener("state", (event) => {
    const state = JSON.parse(event.data);
    if (state.stale) { source.close(); location.reload(); }  // rebuilt: errors elsewhere show after the reload
    else if (state.errors.length) show(state.errors);
    else if (box) { box.remove(); box = null; }
  });
})();
</script>
"""


def _client(key: str, version: int) -> bytes:
    url = f"{EVENTS}?page={_quote(key)}&version={version}"
    return (CLIENT % {"url": json.dumps(url).replace("</", "<\\/")}).encode("utf-8")


def _quote(text: str) -> str:
    return quote(text, safe="/")


def inject(page: bytes, script: bytes) -> bytes:
    """``page`` with ``script`` just before ``</body>`` (at the end when there is none)."""
    at = page.lower().rfind(b"</body>")
    return page + script if at < 0 else page[:at] + script + page[at:]


def _loopback(host: str) -> bool:
    try:
        return all(ipaddress.ip_address(str(info[4][0]).split("%")[0]).is_loopback
                   for info in socket.getaddrinfo(host, None))
    except (OSError, ValueError):
        return False


_BROKEN_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def bad_path(target: str) -> str | None:
    """Why a request target cannot name a file in the build folder (answered 400), or None."""
    path = urlsplit(target).path
    if len(path) > MAX_PATH:
        return "path too long"
    if _BROKEN_ESCAPE.search(path):
        return "invalid percent-encoding in the path"
    try:
        names = unquote(path, errors="strict").split("/")
    except UnicodeDecodeError:
        return "the path is not UTF-8"
    if any("\0" in name for name in names):
        return "NUL in the path"
    if ".." in names:
        return "'..' in the path"
    if any(len(name.encode()) > 255 for name in names):
        return "a name in the path is too long"
    return None


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the build folder (only), live-reload script included in HTML pages."""

    server: PreviewServer
    timeout = BoundedHTTPServer.IDLE_SECONDS  # for each read of a request (StreamRequestHandler)

    def log_message(self, format: str, *args) -> None:  # one line per request is noise here
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def do_GET(self) -> None:
        self.respond(body=True)

    def do_HEAD(self) -> None:
        self.respond(body=False)

    def respond(self, body: bool) -> None:
        if (problem := bad_path(self.path)) is not None:
            self.send_error(400, problem)
            return
        if not self.host_allowed():
            self.send_error(403, "this preview answers requests for localhost only")
            return
        url = urlsplit(self.path)
        if url.path.startswith((printview.PREFIX, printview.PAGES)):
            self.print_preview(url.path, parse_qs(url.query), body)
            return
        if url.path == EVENTS:
            if not self.server.streams.acquire(blocking=False):
                self.send_error(503, "too many pages open on this preview")
                return
            try:
                self.events(parse_qs(url.query))
            finally:
                self.server.streams.release()
            return
        root = Path(self.directory).resolve()
        target = Path(self.translate_path(self.path))
        real = target.resolve()
        if not real.is_relative_to(root):
            self.send_error(404, "not in the build folder")
            return
        if url.path == "/":
            self.page(self.index(root), "", self.server.state.page_version(""), body)
        elif real.is_file() and real.suffix.lower() in (".html", ".htm"):
            key = real.relative_to(root).as_posix()
            version = self.server.state.page_version(key)  # before reading: a newer file only reloads once more
            self.page(real.read_bytes(), key, version, body)
        elif not real.exists() and url.path.endswith((".html", ".htm")):
            key = unquote(url.path).lstrip("/")
            self.page(self.missing(key), key, self.server.state.page_version(key), body, status=404)
        elif body:
            super().do_GET()
        else:
            super().do_HEAD()

    def print_preview(self, path: str, query: dict[str, list[str]], body: bool) -> None:
        """The print preview of an edition (``PREFIX<lang>/<slug>``, ``?with=<lang>`` for a
        second one beside it), the fingerprints of its pages, or one page as PNG."""
        server = self.server
        if path.startswith(printview.PREFIX):
            edition = printview.edition_of(unquote(path), printview.PREFIX)
            if edition is None or edition.split("/")[0] not in server.languages():
                self.send_error(404, "no such edition; the address is /__samizdat/print/<lang>/<slug>")
                return
            editions = [edition] + [f"{lang}/{edition.split('/')[1]}" for lang in query.get("with", [])[:1] if lang in server.languages()]
            for shown in editions:
                server.want_print(shown)
            self.reply(printview.viewer(editions, server.languages(), EVENTS, languages.interface_code()), "text/html; charset=utf-8", body)
            return
        rest = unquote(path)[len(printview.PAGES):]
        if rest.endswith(".json") and (edition := printview.edition_of(printview.PAGES + rest[:-5], printview.PAGES)):
            drawn = server.images.drawn(edition)
            self.reply(printview.pages_json(drawn, server.state.page_version(f"{edition}.pdf")), "application/json", body)
            return
        head, _, number = rest.rpartition("/")
        edition = printview.edition_of(printview.PAGES + head, printview.PAGES)
        drawn = server.images.drawn(edition) if edition and number.endswith(".png") else None
        index = int(number[:-4]) - 1 if number[:-4].isdigit() else -1
        if drawn is None or not 0 <= index < len(drawn.images):
            self.send_error(404, "no such page")
            return
        self.reply(drawn.images[index], "image/png", body)

    def reply(self, data: bytes, kind: str, body: bool) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def host_allowed(self) -> bool:
        """Refuse other host names (DNS rebinding): only loopback names reach the preview."""
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]").lower()
        return host in ("localhost", "127.0.0.1", "::1", self.server.host.strip("[]").lower())

    def page(self, content: bytes, key: str, version: int, body: bool, status: int = 200) -> None:
        data = inject(content, _client(key, version))
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def events(self, query: dict[str, list[str]]) -> None:
        key = query.get("page", [""])[0].lstrip("/")
        try:
            version = int(query.get("version", ["0"])[0])
        except ValueError:
            version = 0
        state = self.server.state
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.end_headers()
        seen, idle = -1, 0.0
        try:
            self.wfile.write(b"retry: 1000\n\n")
            while not state.closing:
                current = state.wait(seen, timeout=0.5)
                if current != seen:
                    seen, idle = current, 0.0
                    payload = json.dumps(state.view(key, version), ensure_ascii=False)
                    self.wfile.write(f"event: state\ndata: {payload}\n\n".encode())
                else:
                    idle += 0.5
                    if idle >= PING_SECONDS:
                        idle = 0.0
                        self.wfile.write(b": ping\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError):
            pass  # the page went away

    def index(self, root: Path) -> bytes:
        """A list of the built web pages, by language, for the address without a path."""
        rows = []
        for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
            pages = sorted(p.relative_to(root).as_posix() for p in folder.glob("*.html"))
            if pages:
                links = "".join(f'<li><a href="/{html.escape(_quote(p))}">{html.escape(p)}</a></li>' for p in pages)
                rows.append(f"<h2>{html.escape(folder.name)}</h2><ul>{links}</ul>")
        listing = "".join(rows) or "<p>Nothing built yet.</p>"
        return (f'<!DOCTYPE html><html lang="{languages.interface_code()}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, '
                f'initial-scale=1"><title>samizdat preview</title><style>body{{font:18px/1.5 "PT Sans",sans-serif;'
                f"max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}}h1{{border-top:5px solid #b3261e;"
                f"padding-top:.5rem}}h2{{color:#1f4e79}}a{{color:#1f4e79}}</style></head><body><h1>samizdat preview</h1>"
                f"{listing}</body></html>").encode()

    def missing(self, key: str) -> bytes:
        return (f'<!DOCTYPE html><html lang="{languages.interface_code()}"><head><meta charset="utf-8"><title>Not built yet</title></head>'
                f'<body style="font:18px/1.5 sans-serif;max-width:40rem;margin:2rem auto"><h1>Not built yet</h1>'
                f"<p>{html.escape(key)} is not in the build folder (yet). This page reloads when it is built."
                f' <a href="/">All pages</a></p></body></html>').encode()


class PreviewServer(BoundedHTTPServer):
    STREAMS = BoundedHTTPServer.HANDLERS - 8  # open pages' event streams, each holding a handler

    def __init__(self, host: str, port: int, root: Path, state: State, log: Log = _stderr):
        self.host, self.state = host, state
        self.images = printview.PageImages(root)
        self.want_print: Callable[[str], None] = lambda edition: None  # the preview builds what a print view shows
        self.languages: Callable[[], list[str]] = lambda: []
        self.streams = threading.BoundedSemaphore(self.STREAMS)
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host.strip("[]"), port), functools.partial(Handler, directory=str(root)), log)


# --- the preview ---------------------------------------------------------------------


class Preview:
    """Builder, watchers and server of one preview; :func:`serve` runs one until stopped."""

    def __init__(self, config: Config, host: str = "127.0.0.1", port: int = 8000, langs: list[str] | None = None,
                 formats: list[str] | None = None, debounce: float = 0.02, log: Log = _stderr):
        if not _loopback(host):
            raise error("--host", None, f"'{host}' is not a loopback address; the preview serves this machine only (use 127.0.0.1)")
        self.config, self.langs, self.formats = config, langs, list(formats or [writers.WEB])
        self.out = config.output_dir
        self.debounce, self.log = debounce, log
        self.state = State(self.out)
        self.stopping = threading.Event()
        self.changes: queue.Queue[set[Path] | Plan] = queue.Queue()  # saved files, or a print view's request
        self.written: list[Path] = []  # by the rebuild under way
        self.errors: list[str] = []
        self.printed: set[str] = set()  # editions open in a print view ("be/ep-vote-handout"): built first, as PDF
        self.failed = Plan()  # what the last failed build was asked for: retried with the next change
        self.out.mkdir(parents=True, exist_ok=True)
        try:
            self.server = PreviewServer(host, port, self.out, self.state, log)
        except OSError as exc:  # most often: the port is taken by another server
            raise error("--port", None, f"cannot listen on {host}:{port}: {exc.strerror or exc}; choose another --port (0: any free one)") from None
        self.server.want_print = self.want_print
        self.server.languages = lambda: list(self.langs or self.config.languages)
        self.threads: list[threading.Thread] = []
        self.serving = False

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        name = host.decode() if isinstance(host, bytes) else str(host)
        return f"http://{f'[{name}]' if ':' in name else name}:{port}/"

    def start(self) -> None:
        """Watch, build everything once, then serve and rebuild in background threads."""
        self.watch()
        self.rebuild(Plan(None, None, reasons=["start"]))
        self.spawn(self.server.serve_forever, "samizdat-http")
        self.serving = True
        self.spawn(self.builder, "samizdat-builder")

    def close(self) -> None:
        self.stopping.set()
        self.state.close()
        if self.serving:  # shutdown() would wait forever for a loop that never ran
            self.server.shutdown()
        self.server.server_close()
        for thread in self.threads:
            thread.join(timeout=5)

    def spawn(self, target: Callable[[], None], name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self.threads.append(thread)

    # watching

    def watch(self) -> None:
        folders = [d for d in (self.config.content_dir, self.config.templates_dir, self.config.locales_dir) if d.is_dir()]
        root = self.config.root
        self.spawn(lambda: self.watch_paths(folders, recursive=True), "samizdat-watch")
        self.spawn(lambda: self.watch_paths([root], recursive=False, only=CONFIG_NAME), "samizdat-watch-config")

    def watch_paths(self, paths: list[Path], recursive: bool, only: str | None = None) -> None:
        import watchfiles

        if not paths:
            return
        default = watchfiles.DefaultFilter()

        def wanted(change: watchfiles.Change, path: str) -> bool:
            return (only is None or Path(path).name == only) and default(change, path)

        try:
            for batch in watchfiles.watch(*paths, watch_filter=wanted, recursive=recursive, debounce=int(self.debounce * 1000),
                                          step=20, stop_event=self.stopping, raise_interrupt=False):
                self.changes.put({Path(path) for _, path in batch})
        except Exception as exc:  # a watcher that dies must say so; the server goes on
            self.log(f"samizdat: error: watching {', '.join(self.config.rel(p) for p in paths)} stopped: {exc}")

    # building

    def want_print(self, edition: str) -> None:
        """A print view opened ``edition``: from now on its PDF is built, before anything else."""
        lang, slug = edition.split("/")
        self.printed.add(edition)
        if (source := _sources_by_slug(self.config).get(slug)) is not None:
            self.changes.put(Plan({source}, {lang}, reasons=[f"print preview of {edition}"]))

    def builder(self) -> None:
        while not self.stopping.is_set():
            try:
                first = self.changes.get(timeout=0.2)
            except queue.Empty:
                continue
            items = [first]
            deadline = time.monotonic() + self.debounce  # let a burst of saves settle into one build
            while (left := deadline - time.monotonic()) > 0:
                try:
                    items.append(self.changes.get(timeout=left))
                except queue.Empty:
                    break
            plan = affected(self.config, {path for item in items if isinstance(item, set) for path in item})
            for item in items:
                if isinstance(item, Plan):
                    plan.merge(item)
            if not plan.empty:
                self.rebuild(plan)

    def rebuild(self, plan: Plan) -> None:
        """Build what ``plan`` asks (and what failed last time): first the PDFs open in a
        print view, published at once, then the rest. A broken document or translation is
        reported and the others are still built (``build`` isolates them)."""
        from samizdat.build import default_workers
        from samizdat.content import discover, slug_of

        if not self.failed.empty:
            plan.merge(self.failed)
        started = time.monotonic()
        self.written, self.errors, self.failed = [], [], Plan()
        try:
            if plan.reload_config:
                self.config = load_config(self.config.root)
            langs = [lang for lang in (self.langs or self.config.languages) if plan.langs is None or lang in plan.langs]
            sources = discover(self.config) if plan.sources is None else sorted(p for p in plan.sources if p.is_file())
        except SamizdatError as exc:  # samizdat.toml or the content folder: retry everything next time
            sources, langs = [], []
            self.errors = [str(d) for d in exc.diagnostics]
            self.failed = Plan(None, None, plan.reload_config, plan.reasons)
        by_slug = {slug_of(source): source for source in sources}
        for edition in sorted(self.printed):
            lang, slug = edition.split("/")
            if lang in langs and slug in by_slug:
                self.build_pass([by_slug[slug]], [lang], [writers.PRINT], 1)
                self.state.published(self.written, self.errors)  # the print view shows it now
        if sources:
            self.build_pass(sources, langs, self.formats, default_workers())
        for message in self.errors:
            self.log(message)
        self.state.published(self.written, self.errors)
        took = time.monotonic() - started
        why = "; ".join(plan.reasons[:3]) + (" …" if len(plan.reasons) > 3 else "")
        status = f"{len(self.errors)} errors" if self.errors else "ok"
        self.log(f"samizdat: built {len(self.written)} files in {took:.1f} s ({why}): {status}")

    def build_pass(self, sources: list[Path], langs: list[str], formats: list[str], workers: int) -> None:
        """One isolated build; what failed is retried with the next change."""
        from samizdat.build import build

        try:
            result = build(self.config, sources, langs, formats, self.out, workers=workers,
                           on_wait=lambda message: self.log(f"samizdat: {message}"))
            self.written += result.written
            for diagnostic in result.warnings:
                self.log(str(diagnostic))
            problems = [str(d) for d in result.errors]
        except SamizdatError as exc:
            problems = [str(d) for d in exc.diagnostics]
        except FileSystemError as exc:  # the build folder cannot be written: say which, keep serving
            problems = [str(exc)]
        except Exception as exc:  # a bug or a template error: report it, keep serving
            problems = [self.describe(exc)]
        if problems:
            self.errors += [p for p in problems if p not in self.errors]
            self.failed.add(set(sources), set(langs), "failed before")

    def describe(self, exc: Exception) -> str:
        """``file:line: error: …`` for an exception, pointing into a template when it comes from one."""
        where = ""
        templates = self.config.templates_dir.resolve()
        lineno = getattr(exc, "lineno", None)
        filename = getattr(exc, "filename", None)
        if filename and lineno:
            where = f"{self.config.rel(Path(filename))}:{lineno}"
        else:
            for frame in traceback.extract_tb(exc.__traceback__):
                path = Path(frame.filename)
                if path.is_absolute() and path.resolve().is_relative_to(templates):
                    where = f"{self.config.rel(path)}:{frame.lineno}"
        message = getattr(exc, "message", None) or str(exc)
        return f"{where or 'samizdat'}: error: {type(exc).__name__}: {message}"


def serve(config: Config, host: str = "127.0.0.1", port: int = 8000, langs: list[str] | None = None,
          formats: list[str] | None = None, ready: threading.Event | None = None, stop: threading.Event | None = None,
          log: Log = _stderr) -> None:
    """Build the web edition, serve the build folder on ``host:port`` and rebuild on change.

    Blocks until ``stop`` is set (or Ctrl+C). ``ready`` is set once the first build is done
    and the server answers. ``formats`` defaults to ``["html"]``; add ``"pdf"``/``"docx"``
    to rebuild those too. ``port=0`` picks a free port (printed).
    """
    stop = stop or threading.Event()
    preview = Preview(config, host, port, langs, formats, log=log)
    try:
        preview.start()
        log(f"samizdat: serving {preview.url} (the build folder {config.rel(preview.out)}/); Ctrl+C stops")
        if ready is not None:
            ready.set()
        while not stop.wait(0.25):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        preview.close()
