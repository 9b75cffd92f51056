"""Images from partners are untrusted: what the bad-input corpus cannot check.

An SVG with a script is published without it (the web edition serves its copy from the
site's own origin, as image/svg+xml), still shows what it draws, and fetches no other file
in the PDF; an image over the pixel limit is refused from its header, in little memory;
the limit can be made a warning in samizdat.toml.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import lxml.etree
import lxml.html
import pikepdf

from samizdat import images
from tests.image_files import write_png
from tests.support import SAMIZDAT, pdf_text, run_cli, write_doc

HOSTILE_SVG = """<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="100"
     onload="alert(document.cookie)">
  <script>alert(document.domain)</script>
  <style>@import url(http://127.0.0.1:9/steal.css); .bar { fill: url(#green) }</style>
  <linearGradient id="green"><stop offset="0" stop-color="#080"/></linearGradient>
  <rect class="bar" width="120" height="40" onclick="alert(1)"/>
  <a xlink:href="javascript:alert(2)"><text x="0" y="80">Seats by group</text></a>
  <foreignObject width="10" height="10"><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://example.org/"/></foreignObject>
  <set attributeName="href" to="javascript:alert(3)"/>
  <image href="samizdat-asset:content/ep-resolution-briefing/hemicycle.png" width="50" height="50"/>
  <image xlink:href="ep-resolution-briefing/hemicycle.png" x="60" width="50" height="50"/>
</svg>
"""


def test_svg_is_published_without_what_could_run_or_fetch(project: Path) -> None:
    (project / "content" / "chart.svg").write_text(HOSTILE_SVG, encoding="utf-8")
    write_doc(project, "chart.md", "---\ntitle: T\n---\n\n![Seats](chart.svg)\n")
    result = run_cli(project, "build", "--format", "html,pdf", "--lang", "en", "content/chart.md")
    assert result.returncode == 0, result.stderr
    assert ("content/chart.md:5: warning: 'chart.svg': removed from the published copy: onload=, <script>, CSS @import, "
            "onclick=, a reference to 'javascript:alert(2)', <foreignObject>, <set>, a reference to") in result.stderr

    page = lxml.html.fromstring((project / "build" / "en" / "chart.html").read_bytes())
    (src,) = page.xpath("//figure/img/@src")
    published = (project / "build" / "en" / src).read_bytes()
    assert b"alert" not in published and b"http" not in published.replace(b"http://www.w3.org/2000/svg", b"")
    svg = lxml.etree.fromstring(published)
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    everything = list(svg.iter())
    assert {lxml.etree.QName(e).localname for e in everything} == {"svg", "style", "linearGradient", "stop", "rect", "a", "text"}
    assert not [name for e in everything for name in e.attrib if lxml.etree.QName(name).localname.startswith("on")]
    assert not [value for e in everything for name, value in e.attrib.items() if name.endswith("href")]
    assert svg.find("{*}rect").get("class") == "bar" and "url(#green)" in svg.findtext("{*}style")
    assert svg.findtext(".//{*}text") == "Seats by group"

    pdf = project / "build" / "en" / "chart.pdf"
    assert "Seats by group" in pdf_text(pdf)  # the PDF draws the same sanitized copy…
    with pikepdf.open(pdf) as opened:  # …and so fetched neither of the project pictures it named
        assert not [obj for obj in opened.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]


def peak_memory(project: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], int]:
    """Run samizdat from a fresh process and give its result and the peak RSS, in bytes, of
    samizdat and its workers (RUSAGE_CHILDREN of that process counts nothing else)."""
    script = (
        "import json, resource, subprocess, sys\n"
        "run = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024\n"
        "print(json.dumps([run.returncode, run.stdout, run.stderr, peak]))\n"
    )
    wrapper = subprocess.run([sys.executable, "-c", script, *SAMIZDAT, "-C", str(project), *args],
                             capture_output=True, text=True, cwd=project, timeout=600, check=True)
    code, stdout, stderr, peak = json.loads(wrapper.stdout)
    return subprocess.CompletedProcess(args, code, stdout, stderr), peak


def test_over_the_pixel_limit_is_refused_from_the_header_in_little_memory(project: Path) -> None:
    """9400×9400 pixels, 1 MB on disk: building its PDF took 750 MB before the limit."""
    write_png(project / "content" / "poster.png", 9_400, 9_400, colour_type=2, bit_depth=8)
    write_doc(project, "poster.md", "---\ntitle: T\n---\n\nText.\n\n![Poster](poster.png)\n")
    result, peak = peak_memory(project, "build", "--strict", "--format", "pdf,docx,html", "--lang", "en", "content/poster.md")
    assert result.returncode == 1, result.stderr
    assert ("content/poster.md:7: error: 'poster.png' is 9,400×9,400 pixels (88.4 megapixels); the limit is 25 megapixels: "
            'scale it down (or allow it in samizdat.toml: [images] too_large = "warning")') in result.stderr
    assert not (project / "build").exists()
    assert peak < 250_000_000, f"peak memory {peak / 1e6:.0f} MB"


def test_the_limit_can_be_a_warning(project: Path) -> None:
    config = project / "samizdat.toml"
    config.write_text(config.read_text(encoding="utf-8") + '\n[images]\ntoo_large = "warning"\n', encoding="utf-8")
    picture = write_png(project / "content" / "scan.png", 6_000, 5_000)
    write_doc(project, "scan.md", "---\ntitle: T\n---\n\n![Scan](scan.png)\n")
    result = run_cli(project, "build", "--format", "html", "--lang", "en", "content/scan.md")
    assert result.returncode == 0, result.stderr
    assert ("content/scan.md:5: warning: 'scan.png' is 6,000×5,000 pixels (30 megapixels); the limit is 25 megapixels: "
            "scale it down\n") in result.stderr
    (copy,) = (project / "build" / "en" / "assets").glob("scan-*.png")
    assert copy.read_bytes() == picture.read_bytes()


def test_the_pixel_limit_takes_a_full_bleed_a4_page_at_300_ppi_and_a_camera_photo() -> None:
    assert images.MAX_PIXELS >= 2551 * 3579 and images.MAX_PIXELS >= 6000 * 4000
