"""Print preview for ``samizdat serve``: the PDF edition's pages as images, refreshed in place.

Takes the build folder; gives the viewer page, each page's PNG and the list of page
fingerprints the viewer polls after a rebuild. Pages are drawn by pypdfium2 from the PDF
WeasyPrint wrote, so what the editor sees is the file the print shop gets; nothing is laid
out a second time. A rebuilt PDF is drawn once, and the viewer swaps only the pages whose
image changed, so the reader's scroll position stays where it was.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import threading
from dataclasses import dataclass
from pathlib import Path

SCALE = 1.5  # pixels per PDF point: 108 dpi, sharp on a laptop screen, ~40 ms a page
PREFIX = "/__samizdat/print/"  # the viewer: /__samizdat/print/<lang>/<slug>?with=<lang>
PAGES = "/__samizdat/pages/"  # /__samizdat/pages/<lang>/<slug>.json and …/<slug>/<n>.png


@dataclass(frozen=True)
class Drawn:
    digest: str  # of the PDF file
    images: tuple[bytes, ...]  # PNG of each page
    hashes: tuple[str, ...]  # of each page's pixels: a page that looks the same keeps its PNG
    texts: tuple[str, ...]  # each page's text: the image's alternative text


class PageImages:
    """The pages of each PDF as PNG, drawn once per version of the file."""

    def __init__(self, root: Path):
        self.root = root
        self._drawn: dict[Path, Drawn] = {}
        self._lock = threading.Lock()  # pdfium is not thread-safe; requests come from a pool

    def pdf(self, edition: str) -> Path | None:
        """``be/ep-vote-handout`` → its PDF in the build folder, if it is there."""
        path = (self.root / f"{edition}.pdf").resolve()
        return path if path.is_relative_to(self.root.resolve()) and path.is_file() else None

    def drawn(self, edition: str) -> Drawn | None:
        path = self.pdf(edition)
        if path is None:
            return None
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        with self._lock:
            cached = self._drawn.get(path)
            if cached is None or cached.digest != digest:
                cached = _draw(data, digest, cached)
                self._drawn[path] = cached
            return cached


def _draw(data: bytes, digest: str, before: Drawn | None) -> Drawn:
    """Each page's pixels, text and PNG; the PNG is encoded only for a page whose pixels
    changed since ``before`` (an edit usually reflows a page or two, and encoding is most
    of the cost)."""
    import pypdfium2 as pdfium

    known = dict(zip(before.hashes, before.images)) if before else {}
    document = pdfium.PdfDocument(data)
    try:
        images, hashes, texts = [], [], []
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=SCALE, rev_byteorder=True)
            pixels = hashlib.blake2b(bitmap.buffer, digest_size=8).hexdigest()
            if pixels not in known:
                buffer = io.BytesIO()
                bitmap.to_pil().save(buffer, format="PNG", compress_level=1)
                known[pixels] = buffer.getvalue()
            images.append(known[pixels])
            hashes.append(pixels)
            textpage = page.get_textpage()
            texts.append(" ".join(textpage.get_text_range().split()))
            textpage.close()
            page.close()
        return Drawn(digest, tuple(images), tuple(hashes), tuple(texts))
    finally:
        document.close()


def edition_of(path: str, prefix: str) -> str | None:
    """``/__samizdat/print/be/ep-vote-handout`` → ``be/ep-vote-handout`` (two plain names)."""
    parts = path[len(prefix):].split("/")
    return "/".join(parts) if len(parts) == 2 and all(part and not part.startswith(".") for part in parts) else None


def viewer(editions: list[str], languages: list[str], events: str, interface: str) -> bytes:
    """The viewer page: a column of page images per edition (two side by side), a language
    chooser, and a script that follows the build through ``events`` (Server-Sent Events)."""
    slug = editions[0].split("/")[1]
    choose = "".join(f'<option{" selected" if lang == editions[0].split("/")[0] else ""}>{html.escape(lang)}</option>'
                     for lang in languages)
    second = '<option value="">—</option>' + "".join(
        f'<option{" selected" if len(editions) > 1 and lang == editions[1].split("/")[0] else ""}>{html.escape(lang)}</option>'
        for lang in languages)
    columns = "".join(f'<section class="column" data-edition="{html.escape(e)}" aria-label="{html.escape(e)}"></section>'
                      for e in editions)
    config = json.dumps({"editions": editions, "events": events, "pages": PAGES, "slug": slug, "print": PREFIX})
    return f"""<!DOCTYPE html>
<html lang="{html.escape(interface)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(slug)}: print preview</title>
<style>
body{{margin:0;background:#5b6167;font:15px/1.4 "PT Sans",sans-serif;color:#1b1f24}}
header{{position:sticky;top:0;z-index:2;display:flex;gap:1rem;align-items:center;padding:.5rem 1rem;
  background:#1f4e79;color:#fff}}
header strong{{margin-right:auto}}
main{{display:flex;gap:1.5rem;justify-content:center;padding:1.5rem}}
.column{{display:flex;flex-direction:column;gap:1.5rem;align-items:center}}
.column img{{display:block;max-width:min(100%,893px);background:#fff;box-shadow:0 2px 12px rgba(0,0,0,.35)}}
.column .none{{color:#fff}}
#samizdat-errors{{position:fixed;inset:auto 0 0 0;z-index:3;max-height:50vh;overflow:auto;margin:0;padding:1rem 1.25rem;
  background:#1b1f24;color:#fff;border-top:5px solid #b3261e;font:14px/1.5 "PT Mono",monospace;white-space:pre-wrap}}
</style></head>
<body>
<header><strong>{html.escape(slug)} · print preview</strong>
<label>language <select id="lang">{choose}</select></label>
<label>beside it <select id="with">{second}</select></label></header>
<main>{columns}</main>
<pre id="samizdat-errors" role="alert" hidden></pre>
<script>
(() => {{
  const config = {config};
  const errors = document.getElementById("samizdat-errors");
  const go = () => {{
    const lang = document.getElementById("lang").value, other = document.getElementById("with").value;
    location.href = config.print + lang + "/" + config.slug + (other ? "?with=" + encodeURIComponent(other) : "");
  }};
  document.getElementById("lang").onchange = go;
  document.getElementById("with").onchange = go;
  async function refresh(column) {{
    const edition = column.dataset.edition;
    const response = await fetch(config.pages + edition + ".json", {{cache: "no-store"}});
    const state = await response.json();
    if (!state.pages.length && !column.querySelector("img")) {{
      column.innerHTML = '<p class="none">' + edition + ': not built yet</p>';
      return;
    }}
    column.querySelectorAll(".none").forEach((note) => note.remove());
    state.pages.forEach((hash, index) => {{
      let image = column.querySelectorAll("img")[index];
      if (!image) {{
        image = document.createElement("img");
        column.append(image);
      }}
      image.alt = edition + ", page " + (index + 1) + ": " + state.texts[index];
      if (image.dataset.hash !== hash) {{  // only changed pages are fetched again
        image.dataset.hash = hash;
        const url = config.pages + edition + "/" + (index + 1) + ".png?v=" + hash;
        if (!image.src) image.src = url;
        else {{  // drawn off the page first, then swapped: the page keeps its height, the reader's scroll stays
          const next = new Image();
          next.onload = () => {{ if (image.dataset.hash === hash) image.src = url; }};
          next.src = url;
        }}
      }}
    }});
    [...column.querySelectorAll("img")].slice(state.pages.length).forEach((image) => image.remove());
    column.dataset.version = state.version;
  }}
  const messages = {{}};
  function show() {{
    const all = [...new Set(Object.values(messages).flat())];
    errors.hidden = !all.length;
    errors.textContent = all.length ? "samizdat: the last build failed; the pages are the previous ones\\n" + all.join("\\n") : "";
  }}
  document.querySelectorAll(".column").forEach((column) => {{
    const key = column.dataset.edition + ".pdf";
    const source = new EventSource(config.events + "?page=" + encodeURIComponent(key) + "&version=0");
    let seen = null;
    source.addEventListener("state", (event) => {{
      const state = JSON.parse(event.data);
      messages[key] = state.errors;
      show();
      if (state.page !== seen) {{ seen = state.page; refresh(column); }}
    }});
  }});
}})();
</script>
</body></html>""".encode()


def pages_json(drawn: Drawn | None, version: int) -> bytes:
    return json.dumps({"pages": list(drawn.hashes) if drawn else [], "texts": list(drawn.texts) if drawn else [],
                       "version": version}, ensure_ascii=False).encode()
