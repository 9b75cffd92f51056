from pathlib import Path

import pytest

from samizdat.config import load_config
from samizdat.content import load_document
from samizdat.errors import SamizdatError
from tests.support import write_doc


def load(project: Path, text: str):
    config = load_config(project)
    return load_document(write_doc(project, "x.md", text), config)


def messages(project: Path, text: str) -> list[str]:
    with pytest.raises(SamizdatError) as info:
        load(project, text)
    return [str(d) for d in info.value.diagnostics]


def test_valid_front_matter(project: Path) -> None:
    doc = load(project, "---\ntitle: Hello\ndate: 2026-11-24\ntemplate: handout\ndata:\n  votes: {for: 1}\n---\nBody.\n")
    assert doc.meta.title.source == "Hello"
    assert doc.meta.date.isoformat() == "2026-11-24"
    assert doc.meta.template == "handout"
    assert doc.meta.lang == "en"
    assert doc.meta.data == {"votes": {"for": 1}}
    assert doc.meta.organisation.source == "Belarus Briefings"  # default from samizdat.toml


def test_unknown_key_names_line_and_suggests(project: Path) -> None:
    assert messages(project, "---\ntitle: T\nsubtitel: S\n---\n") == [
        "content/x.md:3: error: unknown front-matter key 'subtitel' (did you mean 'subtitle'?)"
    ]


def test_bad_date(project: Path) -> None:
    (message,) = messages(project, "---\ntitle: T\ndate: 24.11.2026\n---\n")
    assert message.startswith("content/x.md:3: error: bad date '24.11.2026'")


def test_impossible_date(project: Path) -> None:
    (message,) = messages(project, "---\ntitle: T\ndate: 2026-13-01\n---\n")
    assert "content/x.md:3: error: bad date '2026-13-01'" in message


def test_missing_title(project: Path) -> None:
    assert messages(project, "---\nsubtitle: S\n---\n") == ["content/x.md:2: error: missing required front-matter key 'title'"]


def test_wrong_type(project: Path) -> None:
    (message,) = messages(project, "---\ntitle: [a, b]\n---\n")
    assert message == "content/x.md:2: error: 'title' must be text, not a list"


def test_broken_yaml_reports_its_line(project: Path) -> None:
    (message,) = messages(project, "---\ntitle: T\nsubtitle: \"open\n---\n")
    assert message.startswith("content/x.md:")
    assert "invalid YAML" in message


def test_unknown_template_suggests(project: Path) -> None:
    (message,) = messages(project, "---\ntitle: T\ntemplate: handuot\n---\n")
    assert "unknown template 'handuot' (did you mean 'handout'?)" in message


def test_collects_every_error(project: Path) -> None:
    assert len(messages(project, "---\ntitle: T\nsubtitel: S\ndate: soon\nauthr: me\n---\n")) == 3


def test_missing_front_matter(project: Path) -> None:
    (message,) = messages(project, "# Just a heading\n")
    assert message.startswith("content/x.md:1: error: missing front matter")
