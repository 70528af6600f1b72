"""Placeholder photos, drawn with Pillow when the demo loads: no network, no committed binaries."""

import hashlib
import io
import zlib
from colorsys import hls_to_rgb

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.utils.file import hash_filelike

COLLECTION_NAME = "演示图片"
SIZE = (960, 600)


def draw_placeholder(*, scene: str, label: str) -> bytes:
    """A simple, recognisable drawing as PNG bytes; the same input always gives the same bytes."""
    seed = zlib.crc32(label.encode())
    hue = seed % 360
    sky = _hsl(hue, 45, 82)
    ground = _hsl((hue + 100) % 360, 35, 55)
    accent = _hsl((hue + 200) % 360, 55, 45)
    width, height = SIZE
    horizon = int(height * 0.68)

    image = PillowImage.new("RGB", SIZE, sky)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, horizon, width, height], fill=ground)
    if scene == "building":
        for i, (x, floors) in enumerate([(120, 9), (330, 14), (560, 11), (760, 7)]):
            top = horizon - floors * 26
            draw.rectangle([x, top, x + 150, horizon], fill=_hsl((hue + 20 * i) % 360, 20, 62))
            for row in range(floors - 1):
                for col in range(4):
                    wx, wy = x + 14 + col * 34, top + 12 + row * 26
                    draw.rectangle([wx, wy, wx + 18, wy + 12], fill=(250, 245, 225))
        draw.rectangle([380, horizon - 60, 500, horizon], fill=accent)  # the service station
    elif scene == "meeting":
        draw.rectangle([160, horizon - 40, 800, horizon + 30], fill=(150, 110, 80))  # the table
        for i in range(7):
            cx = 200 + i * 95
            draw.ellipse([cx - 26, horizon - 150, cx + 26, horizon - 98], fill=(240, 205, 170))
            draw.rectangle([cx - 34, horizon - 96, cx + 34, horizon - 40], fill=accent)
        draw.rectangle([330, 60, 630, 190], fill=(200, 40, 40))  # a banner
    else:
        draw.ellipse([760, 60, 860, 160], fill=(255, 210, 90))  # the sun
        for i in range(6):
            x = 60 + i * 160
            draw.rectangle([x + 28, horizon - 60, x + 40, horizon], fill=(110, 80, 50))
            draw.ellipse([x, horizon - 150, x + 70, horizon - 50], fill=_hsl(120, 40, 38))
        draw.polygon([(380, height), (470, horizon), (500, horizon), (600, height)], fill=accent)

    draw.rectangle([0, height - 56, width, height], fill=(30, 30, 30))
    font = ImageFont.load_default(size=26)
    draw.text((24, height - 44), f"{label} (placeholder)", fill=(255, 255, 255), font=font)

    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def demo_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    return existing or root.add_child(name=COLLECTION_NAME)


def image_ensure(*, title: str, scene: str, label: str, collection: Collection):
    """The demo image with this title, created (or its lost file redrawn) as needed.

    Returns ``(image, created)``. An existing image keeps its id, so pages that show it do not
    change; only a file missing from storage (say, ``media/`` was wiped) is drawn again.
    """
    image_model = get_image_model()
    image = image_model.objects.filter(collection=collection, title=title).first()
    if image is not None and image.file and image.file.storage.exists(image.file.name):
        return image, False

    data = draw_placeholder(scene=scene, label=label)
    filename = f"demo-{hashlib.sha1(title.encode(), usedforsecurity=False).hexdigest()[:12]}.png"
    created = image is None
    if created:
        image = image_model(title=title, description=title, collection=collection)
    else:
        image.renditions.all().delete()
    image.file = ImageFile(io.BytesIO(data), name=filename)
    image.file_size = len(data)
    image.file_hash = hash_filelike(io.BytesIO(data))
    image.save()
    return image, created


def _hsl(hue: int, saturation: int, lightness: int) -> tuple[int, int, int]:
    r, g, b = hls_to_rgb(hue / 360, lightness / 100, saturation / 100)
    return round(r * 255), round(g * 255), round(b * 255)
