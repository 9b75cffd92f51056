"""Shared fixtures: a private copy of the real sample project, and one build of it that many
tests read (building is the slow part; asserting is cheap)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import copy_project, run_cli


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the sample project."""
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample publication built once, all languages and formats, through the CLI."""
    project = copy_project(tmp_path_factory.mktemp("sample"))
    result = run_cli(project, "build", "-q")
    assert result.returncode == 0, result.stderr
    return project / "build"


