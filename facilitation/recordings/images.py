"""Turning an uploaded file into an image that is safe to store and serve, or refusing it.

Nothing of the upload is kept but its pixels: the file is decoded by Pillow (PNG, JPEG and WebP only, so
SVG, HTML and every other active format are refused), checked against size and pixel limits before any
pixel is decoded (a decompression bomb never expands), turned upright from its EXIF orientation, then
copied pixel by pixel into a fresh image and re-encoded. EXIF, GPS, ICC, XMP and text chunks, and whatever
a polyglot hid after or around the image, are gone; the content type comes from what was decoded.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from facilitation.kernel.errors import Invalid

MAX_UPLOAD_BYTES = 12 * 1024 * 1024
MAX_PIXELS = 50_000_000  # a 50-megapixel photo of a paper board; a 20,000 x 20,000 bomb is 400 million
MAX_STORED_SIDE = 6000  # larger images are scaled down: a projector shows 1920 pixels across
DECODED_FORMATS = ("PNG", "JPEG", "WEBP")
ACTIVE_MARKERS = (b"<svg", b"<?xml", b"<!doctype", b"<html", b"<script")


@dataclass(frozen=True)
class CleanImage:
    content: bytes
    extension: str
    mimetype: str
    width: int
    height: int


def _refuse(message: str, code: str) -> Invalid:
    return Invalid(message, code=code)


def clean_image(data: bytes) -> CleanImage:
    """The upload re-encoded from its pixels alone, or Invalid with why it was refused."""
    if not data:
        raise _refuse("The file is empty.", "empty_file")
    if len(data) > MAX_UPLOAD_BYTES:
        raise _refuse(f"Images are limited to {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.", "file_too_large")
    head = data[:512].lstrip().lower()
    if any(head.startswith(marker) for marker in ACTIVE_MARKERS):
        raise _refuse(
            "SVG, HTML and other active formats are not accepted; upload a PNG, JPEG or WebP.", "active_format"
        )
    with warnings.catch_warnings():
        # Above MAX_IMAGE_PIXELS Pillow only warns; a warning here is a refusal.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=list(DECODED_FORMATS))
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise _refuse(
                    f"The image is {width} x {height} pixels; at most {MAX_PIXELS:,} pixels are accepted.",
                    "too_many_pixels",
                )
            decoded_format = image.format
            image.load()
            image = ImageOps.exif_transpose(image)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _refuse(
                f"The image has too many pixels; at most {MAX_PIXELS:,} are accepted.", "too_many_pixels"
            ) from None
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
            raise _refuse("That is not a PNG, JPEG or WebP image Pillow can read.", "not_an_image") from None
    return _reencoded(image, decoded_format)


def _reencoded(image: Image.Image, decoded_format: str) -> CleanImage:
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    mode = "RGBA" if has_alpha else "RGB"
    pixels = image.convert(mode)
    # A fresh image from the pixels alone: no info dictionary, so no metadata can ride along.
    fresh = Image.frombytes(mode, pixels.size, pixels.tobytes())
    if max(fresh.size) > MAX_STORED_SIDE:
        fresh.thumbnail((MAX_STORED_SIDE, MAX_STORED_SIDE), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    if decoded_format == "JPEG" and not has_alpha:
        fresh.save(buffer, "JPEG", quality=88, optimize=True)
        extension, mimetype = "jpg", "image/jpeg"
    else:
        fresh.save(buffer, "PNG", optimize=True)
        extension, mimetype = "png", "image/png"
    return CleanImage(buffer.getvalue(), extension, mimetype, fresh.width, fresh.height)
