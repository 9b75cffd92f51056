"""Print colour: theme colours in both spaces, images converted to the press's CMYK, and
the output profile checked (real LittleCMS transforms through Pillow, no mocks)."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageCms

from samizdat.colour import OUTPUT_PROFILE, cmyk_image, profile_problem
from samizdat.theme import BUILTIN, load_theme


def png(mode: str, colour: tuple[int, ...], size: tuple[int, int] = (8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def test_the_theme_names_each_colour_once_in_both_spaces() -> None:
    theme = load_theme(BUILTIN.parent / "none")
    screen, press = theme.palette(False), theme.palette(True)
    assert screen["ink"] == "#1b1f24" and press["ink"] == "device-cmyk(0 0 0 1)"  # body text: black ink only
    assert set(screen) == set(press) >= {"ink", "accent", "navy", "rule", "paper"}
    assert all(value.startswith("device-cmyk(") for value in press.values())
    assert theme.palette_css(True).startswith(":root { --ink: device-cmyk(0 0 0 1);")


def test_an_srgb_image_becomes_cmyk_on_white_paper() -> None:
    red = Image.open(io.BytesIO(cmyk_image(png("RGB", (200, 30, 30)), OUTPUT_PROFILE)))
    assert red.format == "JPEG" and red.mode == "CMYK"
    c, m, y, k = red.getpixel((4, 4))
    assert m > 180 and y > 150 and c < 30  # red is magenta and yellow, hardly cyan
    clear = Image.open(io.BytesIO(cmyk_image(png("RGBA", (0, 0, 255, 0)), OUTPUT_PROFILE)))
    assert max(clear.getpixel((4, 4))) < 8  # transparent: the paper, no ink (not blue)


def test_grey_and_cmyk_images_are_kept_as_they_are() -> None:
    grey = png("L", (128,))
    assert cmyk_image(grey, OUTPUT_PROFILE) == grey  # grey prints on the black plate alone
    buffer = io.BytesIO()
    Image.new("CMYK", (4, 4), (0, 0, 0, 255)).save(buffer, format="JPEG")
    assert cmyk_image(buffer.getvalue(), OUTPUT_PROFILE) == buffer.getvalue()


def test_only_a_cmyk_printer_profile_is_an_output_profile(tmp_path: Path) -> None:
    assert profile_problem(OUTPUT_PROFILE) is None
    srgb = tmp_path / "srgb.icc"
    srgb.write_bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    assert "describes RGB colour" in (profile_problem(srgb) or "")
    text = tmp_path / "notes.icc"
    text.write_text("not a profile")
    assert "is not an ICC profile" in (profile_problem(text) or "")
