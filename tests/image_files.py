"""Image files for tests, made on the spot rather than stored in git: decompression bombs
(huge, of one colour, tiny on disk) and damaged copies of the sample picture."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

SAMPLE_PNG = Path(__file__).resolve().parents[1] / "content" / "ep-resolution-briefing" / "hemicycle.png"
CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}  # PNG colour type → samples a pixel: grey, RGB, grey+alpha, RGBA


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def write_png(path: Path, width: int, height: int, colour_type: int = 0, bit_depth: int = 1) -> Path:
    """A valid PNG of one colour (black), compressed a megabyte of rows at a time so that
    neither this process nor the file gets big: 30000×30000 grey pixels of one bit are
    0.5 MB on disk and 0.3 s to make."""
    row = b"\0" * (1 + (width * CHANNELS[colour_type] * bit_depth + 7) // 8)  # filter byte, then the samples
    rows_a_time = max(1, (1 << 20) // len(row))
    compressor = zlib.compressobj(1)
    parts, done = [], 0
    while done < height:
        count = min(rows_a_time, height - done)
        parts.append(compressor.compress(row * count))
        done += count
    parts.append(compressor.flush())
    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"".join(parts)) + chunk(b"IEND", b""))
    return path
