"""Checks on the images registrants upload with an initiative: by content,
size and type, never by the file name or the browser's word."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from partners.validators import read_image

IMAGE_MAX_BYTES = 5 * 1024 * 1024
IMAGE_MAX_PIXELS = 6000
# Raster formats only: an SVG can carry script.
IMAGE_FORMATS = {"PNG", "JPEG", "WEBP"}


def validate_initiative_image(file) -> None:
    if file.size > IMAGE_MAX_BYTES:
        raise ValidationError(
            _("The image is %(size)s; it may be at most %(limit)s."),
            code="file_too_large",
            params={
                "size": filesizeformat(file.size),
                "limit": filesizeformat(IMAGE_MAX_BYTES),
            },
        )
    image_format, width, height = read_image(
        file, unreadable=_("The image is not one we can read.")
    )
    if image_format not in IMAGE_FORMATS:
        raise ValidationError(
            _("The image must be a PNG, JPEG or WebP file."), code="invalid_format"
        )
    if max(width, height) > IMAGE_MAX_PIXELS:
        raise ValidationError(
            _("The image may be at most %(limit)s pixels wide and high."),
            code="too_many_pixels",
            params={"limit": IMAGE_MAX_PIXELS},
        )
