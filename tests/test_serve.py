"""``samizdat serve``: what a change rebuilds, the HTTP side (build folder only, live-reload
script, events), and a real headless Chromium that follows a language link, sees an edit
appear without a manual reload, and shows a build error in the page."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import struct
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from samizdat.config import load_config
from samizdat.serve import EVENTS, Plan, affected, serve
from tests.support import squash
from tests.test_print import grow_translation

HANDOUT = "content/ep-vote-handout.md"
BRIEFING = "content/ep-resolution-briefing/index.md"
OLD = "The European Parliament adopted its resolution on Belarus"
NEW = "The European Parliament passed its resolution on Belarus"
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
WAIT = 15  # seconds: every wait in this module is bounded


# --- what a change rebuilds ------------------------------------------------------------


def test_a_change_rebuilds_only_what_it_affects(project: Path) -> None:
    config = load_config(project)

    def plan(*names: str) -> Plan:
        return affected(config, [project / name for name in names])

    handout, briefing = project / HANDOUT, project / BRIEFING
    assert (plan(HANDOUT).sources, plan(HANDOUT).langs) == ({handout}, None)
    assert plan("content/ep-resolution-briefing/hemicycle.png").sources == {briefing}
    po = plan("locales/be/LC_MESSAGES/ep-vote-handout.po")
    assert (po.sources, po.langs) == ({handout}, {"be"})
    interface = plan("locales/ru/LC_MESSAGES/templates.po")
    assert (interface.sources, interface.langs) == (None, {"ru"})
    assert plan("templates/web.css").sources is None and not plan("templates/web.css").reload_config
    toml = plan("samizdat.toml")
    assert toml.sources is None and toml.langs is None and toml.reload_config
    both = plan(HANDOUT, "locales/be/LC_MESSAGES/ep-resolution-briefing.po")
    assert (both.sources, both.langs) == ({handout, briefing}, None)
    for ignored in ("locales/ep-vote-handout.pot", "build/en/ep-vote-handout.html", "README.md",
                    "locales/be/LC_MESSAGES/no-such-document.po"):
        assert plan(ignored).empty, ignored


# --- a running preview -----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def preview(project: Path) -> Iterator[SimpleNamespace]:
    """serve() on the sample project, in a thread, on a free port of 127.0.0.1."""
    config = load_config(project)
    port = free_port()
    ready, stop = threading.Event(), threading.Event()
    logs: list[str] = []
    failures: list[BaseException] = []

    def run() -> None:
        try:
            serve(config, "127.0.0.1", port, ready=ready, stop=stop, log=logs.append)
        except BaseException as exc:  # surfaced by the assertion below, not lost in the thread
            failures.append(exc)
            ready.set()

    thread = threading.Thread(target=run, name="serve", daemon=True)
    thread.start()
    assert ready.wait(60) and not failures, (failures, logs)
    yield SimpleNamespace(project=project, port=port, url=f"http://127.0.0.1:{port}", logs=logs)
    stop.set()
    thread.join(WAIT)
    assert not thread.is_alive(), "serve() stops when asked"
    assert not failures, failures


def get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


class Events:
    """The event stream one page listens to."""

    def __init__(self, port: int, page: str, version: int):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT)
        self.conn.request("GET", f"{EVENTS}?page={page}&version={version}")
        self.response = self.conn.getresponse()
        assert self.response.status == 200
        assert self.response.getheader("Content-Type").startswith("text/event-stream")

    def next(self) -> dict:
        event = None
        while True:
            line = self.response.fp.readline().decode("utf-8")
            assert line, "the stream ended"
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and event == "state":
                state = json.loads(line.split(":", 1)[1])
                assert state.pop("page") <= state["version"]  # the page's own build, for the print view
                return state

    def until(self, wanted) -> dict:
        """The first state ``wanted`` accepts (an edit may take more than one build)."""
        while not wanted(state := self.next()):
            pass
        return state

    def at(self, version: int) -> dict:
        return self.until(lambda state: state["version"] >= version)

    def close(self) -> None:
        self.conn.close()


def test_pages_are_served_with_the_reload_script_files_stay_clean(preview: SimpleNamespace) -> None:
    status, body = get(preview.port, "/be/ep-vote-handout.html")
    assert status == 200
    page = body.decode("utf-8")
    assert '<html lang="be-BY">' in page and 'id="samizdat-live"' in page and EVENTS in page
    assert page.index('id="samizdat-live"') < page.index("</body>")
    on_disk = (preview.project / "build" / "be" / "ep-vote-handout.html").read_text(encoding="utf-8")
    assert "samizdat-live" not in on_disk and "<script" not in on_disk
    status, index = get(preview.port, "/")
    assert status == 200 and b'href="/be/ep-vote-handout.html"' in index
    status, image = get(preview.port, "/en/" + next((preview.project / "build" / "en" / "assets").iterdir()).relative_to(
        preview.project / "build" / "en").as_posix())
    assert status == 200 and image.startswith(b"\x89PNG")


def test_nothing_outside_the_build_folder_is_served(preview: SimpleNamespace) -> None:
    (preview.project / "build" / "en" / "leak.toml").symlink_to(preview.project / "samizdat.toml")
    for path, expected in (("/../samizdat.toml", 400), ("/%2e%2e/samizdat.toml", 400), ("/en/../../samizdat.toml", 400),
                           ("/..%2fsamizdat.toml", 400), ("/en/leak.toml", 404), ("//etc/passwd", 404)):
        status, body = get(preview.port, path)
        assert status == expected and b"[project]" not in body and b"root:" not in body, path
    status, _ = get(preview.port, "/en/ep-vote-handout.html", {"Host": "attacker.example"})
    assert status == 403, "other host names are refused (DNS rebinding)"


def test_an_edit_rebuilds_its_page_and_errors_are_reported_without_stopping(preview: SimpleNamespace) -> None:
    source = preview.project / HANDOUT
    original = source.read_text(encoding="utf-8")
    en = Events(preview.port, "en/ep-vote-handout.html", 1)
    briefing = Events(preview.port, "en/ep-resolution-briefing.html", 1)
    try:
        assert en.next() == {"stale": False, "errors": [], "version": 1}
        assert briefing.next()["stale"] is False
        source.write_text(original.replace(OLD, NEW), encoding="utf-8")
        state = en.until(lambda state: state["stale"])
        assert not state["errors"]
        assert briefing.at(state["version"])["stale"] is False, "another document's page is left alone"
        assert NEW in get(preview.port, "/en/ep-vote-handout.html")[1].decode("utf-8")

        source.write_text(original.replace("title: Europe stands", "title: [Europe stands"), encoding="utf-8")
        state = en.until(lambda state: state["errors"])
        assert [e for e in state["errors"] if e.startswith(f"{HANDOUT}:3: error: invalid YAML")], state
        assert any(line.startswith(f"{HANDOUT}:3: error:") for line in preview.logs), "errors are printed as file:line"
        assert get(preview.port, "/en/ep-vote-handout.html")[0] == 200, "the server keeps serving the last good page"

        source.write_text(original, encoding="utf-8")
        assert en.until(lambda state: not state["errors"])["stale"]
    finally:
        en.close()
        briefing.close()


def test_a_translation_rebuilds_its_language_and_a_broken_config_is_retried(preview: SimpleNamespace) -> None:
    po = preview.project / "locales" / "be" / "LC_MESSAGES" / "ep-vote-handout.po"
    toml = preview.project / "samizdat.toml"
    config_text = toml.read_text(encoding="utf-8")
    be = Events(preview.port, "be/ep-vote-handout.html", 1)
    en = Events(preview.port, "en/ep-vote-handout.html", 1)
    try:
        be.next(), en.next()
        po.write_text(po.read_text(encoding="utf-8").replace("Пяць патрабаванняў", "Пяць выразных патрабаванняў"), encoding="utf-8")
        state = be.until(lambda state: state["stale"])
        assert not en.at(state["version"])["stale"], "only the Belarusian page is rebuilt"
        assert "Пяць выразных патрабаванняў" in get(preview.port, "/be/ep-vote-handout.html")[1].decode("utf-8")

        toml.write_text(config_text + "\n[nonsense]\n", encoding="utf-8")
        state = be.until(lambda state: state["errors"])
        assert any(e.startswith("samizdat.toml:") and "unknown table [nonsense]" in e for e in state["errors"]), state
        toml.write_text(config_text + "\n# reviewed\n", encoding="utf-8")
        state = en.until(lambda state: not state["errors"])
        assert state["stale"], "a configuration change rebuilds everything"
    finally:
        be.close()
        en.close()


def test_a_broken_document_does_not_hold_back_the_others(preview: SimpleNamespace) -> None:
    briefing, handout = preview.project / BRIEFING, preview.project / HANDOUT
    events = Events(preview.port, "en/ep-vote-handout.html", 1)
    try:
        events.next()
        briefing.write_text(briefing.read_text(encoding="utf-8").replace("::: chart votes", "::: chart seats"), encoding="utf-8")
        state = events.until(lambda state: state["errors"])
        assert not state["stale"] and all(e.startswith(f"{BRIEFING}:") for e in state["errors"]), state
        handout.write_text(handout.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
        state = events.until(lambda state: state["stale"])
        assert state["errors"], "the briefing is still broken, and still reported"
        assert NEW in get(preview.port, "/en/ep-vote-handout.html")[1].decode("utf-8")
    finally:
        events.close()


def raw_request(port: int, data: bytes) -> bytes:
    """What the server answers to ``data`` sent as is (http.client would refuse to send some)."""
    with socket.create_connection(("127.0.0.1", port), timeout=WAIT) as sock:
        sock.sendall(data)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
        return answer


def no_traceback_for(capfd: pytest.CaptureFixture[str], seconds: float = 2.0) -> str:
    """stderr over ``seconds`` (the server's threads run on): what a failing handler would print."""
    deadline = time.monotonic() + seconds
    err = ""
    while time.monotonic() < deadline and "Traceback" not in err:
        err += capfd.readouterr().err
        time.sleep(0.1)
    return err


@pytest.mark.parametrize("path", ["/%00", "/en/%00.html", "/%zz", "/%e2%28%a1.html", "/%", "/" + "x" * 300,
                                  "/" + "a/" * 3000, "/en/%2e%2e/%2e%2e/samizdat.toml"])
def test_a_bad_path_is_answered_400_without_a_traceback(preview: SimpleNamespace, capfd: pytest.CaptureFixture[str],
                                                        path: str) -> None:
    capfd.readouterr()
    answer = raw_request(preview.port, f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode("ascii"))
    assert answer.startswith(b"HTTP/1.0 400 "), answer[:200]
    err = no_traceback_for(capfd)
    assert "Traceback" not in err and "Exception" not in err, err
    assert get(preview.port, "/en/ep-vote-handout.html")[0] == 200, "the server goes on"


def test_clients_that_hang_up_are_not_tracebacks(preview: SimpleNamespace, capfd: pytest.CaptureFixture[str]) -> None:
    capfd.readouterr()
    reset = struct.pack("ii", 1, 0)  # SO_LINGER on, 0 s: close() sends a reset, as a crashed client does
    for request in (b"GET /en/ep-vote-handout.html HTTP/1.1\r\nHost: 127.0.0.1\r\n",  # half a request
                    b"GET /en/ep-vote-handout.html HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n"):  # gone before the answer
        for linger in (None, reset):
            sock = socket.create_connection(("127.0.0.1", preview.port), timeout=WAIT)
            if linger:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
            sock.sendall(request)
            sock.close()
    err = no_traceback_for(capfd)
    assert "Traceback" not in err and "Exception" not in err, err
    assert get(preview.port, "/en/ep-vote-handout.html")[0] == 200


def test_idle_connections_hold_no_thread_and_time_out(preview: SimpleNamespace) -> None:
    from samizdat.serve import PreviewServer

    before = threading.active_count()
    idle: list[socket.socket] = []
    try:
        for _ in range(300):
            idle.append(socket.create_connection(("127.0.0.1", preview.port), timeout=WAIT))
        status, _ = get(preview.port, "/en/ep-vote-handout.html")
        assert status == 200, "a request is answered while 300 connections sit idle"
        assert threading.active_count() <= before + PreviewServer.HANDLERS, threading.active_count()
        idle[0].settimeout(PreviewServer.IDLE_SECONDS + WAIT)
        assert idle[0].recv(1) == b"", "an idle connection is closed by the server"
    finally:
        for sock in idle:
            sock.close()


def test_serve_refuses_to_listen_beyond_this_machine(project: Path) -> None:
    from samizdat.errors import SamizdatError

    with pytest.raises(SamizdatError, match="loopback"):
        serve(load_config(project), "0.0.0.0", free_port())


def test_a_taken_port_is_an_input_error_not_a_crash(project: Path) -> None:
    from samizdat.errors import SamizdatError

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(SamizdatError, match="cannot listen on 127.0.0.1"):
            serve(load_config(project), "127.0.0.1", taken.getsockname()[1])


# --- in a real browser -----------------------------------------------------------------


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    """Headless Chromium through chromedriver, both from Debian; nothing is downloaded."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.is_file()]
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing.append("selenium")
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests must run in CI, but {', '.join(missing)} is missing")
        pytest.skip(f"no {', '.join(missing)}")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="chromium-", dir=tmp_path)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", f"--user-data-dir={profile}", "--window-size=1200,900",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"):  # 127.0.0.1 only
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(WAIT)
    driver.set_script_timeout(WAIT)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def test_browser_follows_language_links_and_sees_edits_live(preview: SimpleNamespace, browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    driver = browser
    wait = WebDriverWait(driver, WAIT)
    driver.get(f"{preview.url}/en/ep-vote-handout.html")
    assert driver.title == "Europe stands with the people of Belarus"
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en-GB"

    driver.find_element(By.CSS_SELECTOR, "nav.languages a[hreflang='be-BY']").click()
    wait.until(EC.url_to_be(f"{preview.url}/be/ep-vote-handout.html"))
    wait.until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "be-BY")
    assert driver.title == "Еўропа на\u00a0баку народа Беларусі"  # no break after "на"
    for width in (375, 1200):
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"no sideways scrolling at {width} px"
        assert driver.save_screenshot(str(tmp_path / f"be-handout-{width}.png"))
        if os.environ.get("SAMIZDAT_SCREENSHOTS"):  # for looking at the design by eye
            shutil.copy(tmp_path / f"be-handout-{width}.png", Path(os.environ["SAMIZDAT_SCREENSHOTS"]))
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    driver.back()
    wait.until(EC.url_to_be(f"{preview.url}/en/ep-vote-handout.html"))
    wait.until(lambda d: d.execute_script("return !!document.getElementById('samizdat-live')"))
    driver.execute_script("window.notReloaded = true")
    source = preview.project / HANDOUT
    original = source.read_text(encoding="utf-8")
    source.write_text(original.replace(OLD, NEW), encoding="utf-8")
    wait.until(lambda d: NEW in d.find_element(By.TAG_NAME, "main").text)
    assert driver.execute_script("return window.notReloaded === undefined"), "the page reloaded itself"

    source.write_text(original.replace("title: Europe stands", "title: [Europe stands"), encoding="utf-8")
    overlay = wait.until(EC.visibility_of_element_located((By.ID, "samizdat-errors")))
    assert f"{HANDOUT}:3: error: invalid YAML" in overlay.text
    assert NEW in driver.find_element(By.TAG_NAME, "main").text, "the last good page stays underneath"

    source.write_text(original, encoding="utf-8")
    wait.until(lambda d: OLD in d.find_element(By.TAG_NAME, "main").text)
    assert not driver.find_elements(By.ID, "samizdat-errors")


def test_print_preview_shows_each_save_and_an_overflow_in_place(preview: SimpleNamespace, browser) -> None:
    """The printed page, as the PDF edition draws it: an edit appears on the page without a
    reload, scrolled where the reader was; a translation that breaks the page budget shows
    its error over the last good pages."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    driver = browser
    wait = WebDriverWait(driver, WAIT)
    driver.get(f"{preview.url}/__samizdat/print/en/ep-vote-handout?with=be")
    columns = driver.find_elements(By.CSS_SELECTOR, "section.column")
    assert [c.get_attribute("data-edition") for c in columns] == ["en/ep-vote-handout", "be/ep-vote-handout"]

    def page_text(edition: str) -> str:
        images = driver.find_elements(By.CSS_SELECTOR, f"section[data-edition='{edition}'] img")
        return " ".join(image.get_attribute("alt") or "" for image in images)

    wait.until(lambda d: squash("A clear majority") in squash(page_text("en/ep-vote-handout")))
    wait.until(lambda d: squash("Пераканаўчая большасць") in squash(page_text("be/ep-vote-handout")))
    first = driver.find_element(By.CSS_SELECTOR, "section[data-edition='en/ep-vote-handout'] img")
    wait.until(lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 800", first))
    driver.execute_script("window.notReloaded = true; window.scrollTo(0, document.body.scrollHeight)")
    scrolled = driver.execute_script("return window.scrollY")
    assert scrolled > 50

    source = preview.project / HANDOUT
    original = source.read_text(encoding="utf-8")
    source.write_text(original.replace(OLD, NEW), encoding="utf-8")
    wait.until(lambda d: squash(NEW) in squash(page_text("en/ep-vote-handout")))
    assert driver.execute_script("return window.notReloaded"), "refreshed in place, not reloaded"
    assert driver.execute_script("return window.scrollY") == scrolled, "the reader's scroll position stays"
    assert driver.find_element(By.CSS_SELECTOR, "section[data-edition='en/ep-vote-handout'] img") == first, "the same page element"

    po = preview.project / "locales" / "be" / "LC_MESSAGES" / "ep-vote-handout.po"
    text = po.read_text(encoding="utf-8")
    source.write_text(original, encoding="utf-8")
    wait.until(lambda d: squash(OLD) in squash(page_text("en/ep-vote-handout")))
    grow_translation(preview.project, "be", 6)
    overlay = wait.until(EC.visibility_of_element_located((By.ID, "samizdat-errors")))
    wait.until(lambda d: "over its budget of 2" in overlay.text)
    assert "content/ep-vote-handout.md: error: the 'be' edition (A4) takes" in overlay.text
    assert squash("Пераканаўчая большасць") in squash(page_text("be/ep-vote-handout")), "the last good pages stay underneath"

    po.write_text(text, encoding="utf-8")
    wait.until(lambda d: not d.find_element(By.ID, "samizdat-errors").is_displayed())
