"""Files for the sample content, made on this machine: nothing is downloaded.

Pictures are coloured rectangles with simple shapes, labelled in Chinese
when a CJK font is installed. The same arguments always give the same
bytes, so a picture drawn twice has the same SHA-256.
"""

import hashlib
import io
import math
import random
import struct
import wave
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

PICTURE_SIZE = (480, 360)
PORTRAIT_SIZE = (270, 360)

CJK_FONT_PATHS = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
]

# Warm reds, ochres, greens and blues of folk prints.
PALETTE = [
    (166, 27, 27),
    (196, 98, 45),
    (214, 162, 62),
    (74, 110, 64),
    (46, 94, 120),
    (92, 62, 110),
    (140, 60, 70),
    (60, 120, 110),
]
ACCENTS = [(245, 222, 160), (250, 240, 220), (235, 190, 90), (230, 120, 90), (200, 225, 210)]


@lru_cache(maxsize=8)
def cjk_font(size):
    """A CJK TrueType font of ``size`` pixels, or None when none is installed."""
    for path in CJK_FONT_PATHS:
        if Path(path).exists():
            try:
                return ImageFont.truetype(path, size)
            except OSError:
                continue
    return None


def _rng(seed):
    return random.Random(hashlib.sha256(seed.encode()).hexdigest())


def _label(draw, size, text, font_size):
    """Draw ``text`` centred on a band at the bottom; skipped without a CJK font."""
    font = cjk_font(font_size)
    if font is None or not text:
        return
    width, height = size
    band = font_size * 2
    draw.rectangle((0, height - band, width, height), fill=(30, 24, 20))
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    x = max(8, (width - (right - left)) // 2)
    y = height - band + (band - (bottom - top)) // 2 - top
    draw.text((x, y), text, font=font, fill=(250, 240, 220))


def _sample_badge(draw):
    """A small 示例 badge in the top-left corner: the picture itself says it is sample."""
    font = cjk_font(16)
    if font is None:
        return
    draw.rectangle((10, 10, 58, 34), fill=(30, 24, 20))
    draw.text((34, 22), "示例", font=font, fill=(250, 240, 220), anchor="mm")


def _encode(image, image_format):
    buffer = io.BytesIO()
    if image_format == "JPEG":
        image.save(buffer, "JPEG", quality=82)
    else:
        image.save(buffer, image_format)
    return buffer.getvalue()


def draw_picture(seed, label="", size=PICTURE_SIZE, image_format="JPEG"):
    """A picture of circles, bands and diamonds in colours chosen by ``seed``."""
    rng = _rng(seed)
    background = rng.choice(PALETTE)
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    width, height = size
    for _index in range(rng.randint(3, 6)):
        colour = rng.choice(ACCENTS + PALETTE)
        shape = rng.choice(["circle", "band", "diamond", "rectangle"])
        x, y = rng.randint(0, width), rng.randint(0, height)
        extent = rng.randint(min(size) // 8, min(size) // 3)
        if shape == "circle":
            draw.ellipse((x - extent, y - extent, x + extent, y + extent), fill=colour)
        elif shape == "band":
            draw.rectangle((0, y, width, y + extent // 3), fill=colour)
        elif shape == "diamond":
            draw.polygon(
                [(x, y - extent), (x + extent, y), (x, y + extent), (x - extent, y)], fill=colour
            )
        else:
            draw.rectangle((x - extent, y - extent // 2, x + extent, y + extent // 2), fill=colour)
    draw.rectangle((6, 6, width - 7, height - 7), outline=(250, 240, 220), width=3)
    _label(draw, size, label, max(18, width // 22))
    _sample_badge(draw)
    return _encode(image, image_format)


def draw_portrait(seed, label=""):
    """A head-and-shoulders silhouette on a plain ground: portraits of sample people."""
    rng = _rng(seed)
    width, height = PORTRAIT_SIZE
    image = Image.new("RGB", PORTRAIT_SIZE, rng.choice(ACCENTS))
    draw = ImageDraw.Draw(image)
    # Not the ochre of the palette: it would vanish into the light grounds.
    figure = rng.choice([colour for colour in PALETTE if colour != (214, 162, 62)])
    draw.ellipse((width * 0.12, height * 0.55, width * 0.88, height * 1.25), fill=figure)
    draw.ellipse((width * 0.3, height * 0.18, width * 0.7, height * 0.55), fill=figure)
    _label(draw, PORTRAIT_SIZE, label, 22)
    _sample_badge(draw)
    return _encode(image, "JPEG")


def draw_logo(text="安次区文化馆"):
    """The site logo: a red seal with 安 beside the name (shapes only without a CJK font)."""
    size = (480, 120)
    image = Image.new("RGB", size, (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((10, 10, 110, 110), radius=14, fill=(166, 27, 27))
    seal_font, name_font = cjk_font(72), cjk_font(48)
    if seal_font is not None and name_font is not None:
        draw.text((60, 60), "安", font=seal_font, fill=(255, 255, 255), anchor="mm")
        draw.text((130, 60), text, font=name_font, fill=(166, 27, 27), anchor="lm")
    else:
        draw.ellipse((35, 35, 85, 85), outline=(255, 255, 255), width=6)
        for index in range(5):
            x = 140 + index * 64
            draw.rectangle((x, 35, x + 48, 85), fill=(166, 27, 27))
    return _encode(image, "PNG")


def make_pdf(title, lines):
    """A one-page A5 PDF (150 dpi) showing ``title`` and ``lines``, made with Pillow."""
    size = (874, 1240)
    page = Image.new("RGB", size, (255, 255, 255))
    draw = ImageDraw.Draw(page)
    draw.rectangle((0, 0, size[0], 160), fill=(166, 27, 27))
    title_font, text_font = cjk_font(48), cjk_font(28)
    if title_font is not None and text_font is not None:
        draw.text((60, 80), title, font=title_font, fill=(255, 255, 255), anchor="lm")
        for index, line in enumerate(lines):
            draw.text((60, 230 + index * 56), line, font=text_font, fill=(40, 30, 30))
    else:
        for index in range(len(lines) + 4):
            draw.rectangle((60, 230 + index * 56, 60 + 700 - (index % 3) * 120, 250 + index * 56),
                           fill=(200, 190, 180))  # fmt: skip
    buffer = io.BytesIO()
    page.save(buffer, "PDF", resolution=150.0, title=title)
    return buffer.getvalue()


def make_wav(seed, seconds=2.0, sample_rate=8000):
    """A short mono 16-bit WAV of a few pentatonic notes; returns (bytes, duration)."""
    rng = _rng(seed)
    # Gong-shang-jiao-zhi-yu (宫商角徵羽) on C.
    scale = [261.63, 293.66, 329.63, 392.0, 440.0, 523.25]
    notes = [rng.choice(scale) for _index in range(4)]
    frames_per_note = int(sample_rate * seconds / len(notes))
    samples = bytearray()
    for frequency in notes:
        for frame in range(frames_per_note):
            fade = min(1.0, frame / 200, (frames_per_note - frame) / 200)
            value = int(9000 * fade * math.sin(2 * math.pi * frequency * frame / sample_rate))
            samples += struct.pack("<h", value)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as output:
        output.setnchannels(1)
        output.setsampwidth(2)
        output.setframerate(sample_rate)
        output.writeframes(bytes(samples))
    return buffer.getvalue(), frames_per_note * len(notes) / sample_rate
