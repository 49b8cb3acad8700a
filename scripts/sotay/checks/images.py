"""Check `images`: the screenshot pipeline's checks of a guide's images (sotay/images/image_checks.py):
missing files, alt text, size budget, metadata, images.yml up to date."""
from __future__ import annotations

from ..images.image_checks import check_guide_images
from .base import GuideContext

ID = "images"
TITLE = "Ảnh của hướng dẫn (tệp, mô tả, dung lượng, images.yml)"


def check(ctx: GuideContext):
    return check_guide_images(ctx.guide)
