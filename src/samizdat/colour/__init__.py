"""Colour for print: the theme's colours in the profile's colour space, and images in CMYK.

A theme names each colour once, with its screen value (sRGB) and its print value (CMYK
percentages); stylesheets and SVG templates use the name. A ``colour = "cmyk"`` profile
renders the print values with CSS ``device-cmyk()``, converts raster images from sRGB to the
press's profile with LittleCMS (Pillow's ImageCms) and gives WeasyPrint that profile as
``@color-profile device-cmyk``, which WeasyPrint embeds as the PDF's output intent.
Body text is pure black ink (``0 0 0 100``): rich black would need four plates to register
on every letter.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

OUTPUT_PROFILE = Path(__file__).parent / "data" / "samizdat-fogra39.icc"  # see data/README.md
# The print condition the built-in profile describes, by its ICC registry name: a print
# shop's RIP may use its own characterization of it.
CONDITION = "FOGRA39"
REGISTRY = "http://www.color.org"
CONDITION_INFO = "Coated FOGRA39 (ISO 12647-2:2004/Amd 1, offset, coated paper)"
JPEG_QUALITY = 95  # CMYK images travel as JPEG: WeasyPrint embeds CMYK only from JPEG


def profile_problem(path: Path) -> str | None:
    """Why ``path`` cannot be a press's output profile (not ICC, not CMYK, not for output)."""
    from PIL import ImageCms

    try:
        profile = ImageCms.ImageCmsProfile(str(path))
    except (OSError, ImageCms.PyCMSError):
        return "is not an ICC profile LittleCMS can read"
    space, kind = profile.profile.xcolor_space.strip(), profile.profile.device_class
    if space != "CMYK":
        return f"describes {space} colour; a press's output profile describes CMYK"
    if kind != "prtr":
        return f"is a '{kind}' profile; an output intent needs a printer ('prtr') profile"
    return None


def description(path: Path) -> str:
    from PIL import ImageCms

    return str(ImageCms.ImageCmsProfile(str(path)).profile.profile_description or path.stem)


@lru_cache(maxsize=16)
def _to_press(path: Path, source: bytes | None) -> object:
    """sRGB (or the image's own embedded profile) → the press, as a print shop's RIP would."""
    from PIL import ImageCms

    origin = ImageCms.ImageCmsProfile(io.BytesIO(source)) if source else ImageCms.createProfile("sRGB")
    return ImageCms.buildTransform(origin, ImageCms.ImageCmsProfile(str(path)), "RGB", "CMYK",
                                   renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
                                   flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)


def cmyk_image(data: bytes, press: Path) -> bytes:
    """A raster image (PNG, JPEG, GIF, WebP) in the press's CMYK, as JPEG. Transparent parts
    are laid on white first, the colour of the paper. CMYK and greyscale images are returned
    as they are: grey prints on the black plate alone."""
    from PIL import Image, ImageCms

    with Image.open(io.BytesIO(data)) as image:
        if image.mode in ("CMYK", "L", "LA", "1"):
            return data
        source = image.info.get("icc_profile") or None
        if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
            rgba = image.convert("RGBA")
            flat = Image.new("RGB", rgba.size, "white")
            flat.paste(rgba, mask=rgba.getchannel("A"))
        else:
            flat = image.convert("RGB")
        try:
            transform = _to_press(press, source)
        except ImageCms.PyCMSError:  # an embedded profile LittleCMS cannot use: the web's default, sRGB
            transform = _to_press(press, None)
        converted = ImageCms.applyTransform(flat, transform)  # type: ignore[arg-type]
        assert converted is not None
        buffer = io.BytesIO()
        converted.save(buffer, format="JPEG", quality=JPEG_QUALITY, subsampling=0, dpi=image.info.get("dpi", (72, 72)))
        return buffer.getvalue()
