"""Checks on what registrants upload: by content, size and type, never by the
file name or the browser's word."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_PIXELS = 4000
# Raster formats only: an SVG can carry script.
LOGO_FORMATS = {"PNG", "JPEG", "WEBP"}


def validate_logo(file) -> None:
    if file.size > LOGO_MAX_BYTES:
        raise ValidationError(
            _("The logo is %(size)s; it may be at most %(limit)s."),
            code="file_too_large",
            params={
                "size": filesizeformat(file.size),
                "limit": filesizeformat(LOGO_MAX_BYTES),
            },
        )
    image_format, width, height = read_image(
        file, unreadable=_("The logo is not an image we can read.")
    )
    if image_format not in LOGO_FORMATS:
        raise ValidationError(
            _("The logo must be a PNG, JPEG or WebP image."), code="invalid_format"
        )
    if max(width, height) > LOGO_MAX_PIXELS:
        raise ValidationError(
            _("The logo may be at most %(limit)s pixels wide and high."),
            code="too_many_pixels",
            params={"limit": LOGO_MAX_PIXELS},
        )


def read_image(file, *, unreadable: str) -> tuple[str, int, int]:
    """The format, width and height Pillow reads in ``file``; ``unreadable``
    is the error when it reads no image."""
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            image.verify()
            return image.format, image.width, image.height
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError(unreadable, code="invalid_image") from error
    finally:
        file.seek(position)
