"""Reproducible packaging: the same DOCX bytes for the same document, every time.

Takes the bytes of a saved ``.docx`` (a ZIP) and a timestamp; gives the same package
rewritten with fixed entry timestamps, permissions and creator system, in a stable entry
order (``[Content_Types].xml`` first, as Office writes it, then by name). python-docx
stamps each entry with the current time, which alone would make every build differ.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from datetime import date

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a ZIP entry can hold


def zip_timestamp(day: date | None) -> tuple[int, int, int, int, int, int]:
    """Midnight of ``day`` as a ZIP date-time, or 1980-01-01 when there is no usable date."""
    if day is None or day.year < 1980 or day.year > 2107:
        return ZIP_EPOCH
    return (day.year, day.month, day.day, 0, 0, 0)


def _order(name: str) -> tuple[int, str]:
    first = {"[Content_Types].xml": 0, "_rels/.rels": 1}
    return (first.get(name, 2), name)


def reproducible(data: bytes, timestamp: tuple[int, int, int, int, int, int] = ZIP_EPOCH,
                 replace: Mapping[str, bytes] | None = None) -> bytes:
    """``data`` repackaged deterministically; entries named in ``replace`` get new content."""
    replace = dict(replace or {})
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    entries.update(replace)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in sorted(entries, key=_order):
            info = zipfile.ZipInfo(name, date_time=timestamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, entries[name], compresslevel=6)
    return out.getvalue()
