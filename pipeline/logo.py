"""A customer's logo: what check accepts and the bytes every artifact embeds, decided in one place.

The deck (python-pptx) and the documents (python-docx) read images with
different code; PNG, JPEG and GIF are what both place the same way, so check
accepts a logo by its real format (read from its bytes, whatever its name
says), refuses one too large to be a logo, and every artifact embeds
:func:`fit` of it: the same bytes for the deck and the document, downscaled
deterministically when it is larger than it is ever shown.
"""

from __future__ import annotations

import io

SUFFIXES = (".png", ".jpg", ".jpeg", ".gif")
FORMATS = {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif"}
MAX_BYTES = 10 * 1024 * 1024
MAX_SIDE = 10_000  # pixels: beyond this a file is not a logo (and Pillow's bomb guard would stop it)
# The largest a logo is shown is 4 cm in the reference and about 2 in on a
# cover; 1,200 pixels on the long side is over 300 dpi for both.
SHOWN_SIDE = 1200


def problem(data: bytes, name: str) -> tuple[str, str] | None:
    """Return (message, code) saying why ``data`` (the file ``name``) cannot be a logo, or None when it can."""
    from PIL import Image  # python-pptx's own image reader; imported only when there is a logo

    if len(data) > MAX_BYTES:
        return (f"{name} is {len(data) / 1048576:.1f} MiB; a logo must be at most {MAX_BYTES // 1048576} MiB: "
                f"export it at about {SHOWN_SIDE} pixels wide", "asset.too-large")
    try:
        # From bytes, so Pillow's messages do not carry this machine's paths.
        with Image.open(io.BytesIO(data)) as im:
            kind, size = im.format, im.size
            im.verify()
    except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds for broken files
        why = str(exc).split(" <")[0] or type(exc).__name__
        return f"{name} cannot be read as an image ({why}); export it again as PNG or JPEG", "asset.unreadable"
    if kind not in FORMATS:
        return (f"{name} is in {kind} format, whatever its name says; decks and documents take PNG, JPEG or GIF: "
                f"export it again as PNG or JPEG", "asset.format")
    if max(size) > MAX_SIDE:
        return (f"{name} is {size[0]} × {size[1]} pixels; a logo must be at most {MAX_SIDE} pixels on a side: "
                f"export it at about {SHOWN_SIDE} pixels wide", "asset.too-large")
    return None


def fit(data: bytes) -> bytes:
    """Return the logo as embedded: ``data`` itself, or downscaled to SHOWN_SIDE pixels on its long side.

    Deterministic: the same file gives the same bytes (fixed filter and
    encoder settings, no metadata), so builds stay byte-identical.
    """
    from PIL import Image

    with Image.open(io.BytesIO(data)) as im:
        if max(im.size) <= SHOWN_SIDE:
            return data
        kind = im.format
        scale = SHOWN_SIDE / max(im.size)
        size = (max(1, round(im.width * scale)), max(1, round(im.height * scale)))
        im = im.convert("RGBA" if kind != "JPEG" else "RGB")
        small = im.resize(size, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if kind == "JPEG":
        small.save(out, "JPEG", quality=90, optimize=False, progressive=False)
    else:
        small.save(out, "PNG", optimize=False, compress_level=9)
    return out.getvalue()
