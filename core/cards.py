"""Share cards: the PNG a link preview shows (og:image), drawn on the server with Pillow.

A card is its data (a `Card`); the picture is drawn from that data alone, and kept in the cache
under a key made from it, so it is drawn again exactly when what it shows changes, and never
before. Pages link it with the key in the address, so that a social network that cached the old
picture fetches the new one.
"""

import hashlib
import io
import textwrap
from dataclasses import dataclass, field

from django.core.cache import cache
from django.http import HttpResponse
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 64
INK = "#1a1a1a"
MUTED = "#4d4d4d"
PAPER = "#ffffff"
BAND = "#0b3d91"
# A card is kept until what it shows changes; a month bounds the cache all the same.
KEEP_SECONDS = 30 * 24 * 60 * 60


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    colour: str


@dataclass(frozen=True)
class Card:
    """What a card says, in the order it says it; `alt` is the same in words."""

    title: str
    lines: tuple[str, ...] = ()
    bars: tuple[Bar, ...] = ()
    footer: str = ""
    # Data a card depends on without showing it as such (an update time): part of the key only.
    version: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def alt(self) -> str:
        parts = [self.title, *self.lines]
        if self.bars:
            parts.append(", ".join(f"{bar.label}: {bar.count:,}" for bar in self.bars))
        return ". ".join(part.rstrip(".") for part in parts if part) + "."

    @property
    def key(self) -> str:
        shown = repr((self.title, self.lines, self.bars, self.footer, self.version))
        return hashlib.sha256(shown.encode()).hexdigest()[:20]


def _font(size: int):
    # Pillow's own font (no file on the machine needed): a fresh clone draws the same card.
    return ImageFont.load_default(size=size)


def draw_png(card: Card) -> bytes:
    """The card as a 1200×630 PNG."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, WIDTH, 14], fill=BAND)
    y = MARGIN
    for line in textwrap.wrap(card.title, 34)[:2]:
        draw.text((MARGIN, y), line, font=_font(60), fill=INK)
        y += 72
    y += 12
    for text in card.lines:
        for line in textwrap.wrap(text, 62)[:4]:
            draw.text((MARGIN, y), line, font=_font(32), fill=INK)
            y += 42
        y += 10
        if y > HEIGHT - 200:
            break
    if card.bars:
        total = sum(bar.count for bar in card.bars) or 1
        x, top, width = MARGIN, max(y + 10, HEIGHT - 190), WIDTH - 2 * MARGIN
        for bar in card.bars:
            share = round(width * bar.count / total)
            if share:
                draw.rectangle([x, top, x + share, top + 48], fill=bar.colour)
                x += share
        legend_y = top + 62
        legend_x = MARGIN
        for bar in card.bars:
            label = f"{bar.label}: {bar.count:,}"
            draw.rectangle([legend_x, legend_y + 4, legend_x + 22, legend_y + 26], fill=bar.colour)
            draw.text((legend_x + 30, legend_y), label, font=_font(22), fill=INK)
            legend_x += 40 + int(draw.textlength(label, font=_font(22)))
            if legend_x > WIDTH - 300:
                legend_x, legend_y = MARGIN, legend_y + 32
    if card.footer:
        draw.text((MARGIN, HEIGHT - 52), card.footer, font=_font(24), fill=MUTED)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def card_png(card: Card) -> bytes:
    """The card's PNG, drawn once for each version of what it shows."""
    cache_key = f"share-card:{card.key}"
    png = cache.get(cache_key)
    if png is None:
        png = draw_png(card)
        cache.set(cache_key, png, KEEP_SECONDS)
    return png


def card_response(card: Card) -> HttpResponse:
    response = HttpResponse(card_png(card), content_type="image/png")
    response["ETag"] = f'"{card.key}"'
    return response


class CardResponseMixin:
    """A page's view answering with its share card instead of its HTML: the card is built in
    the page's own get_context_data, from the rows the page shows, never a second read."""

    def render_to_response(self, context, **response_kwargs):
        return card_response(context["share_card"])


def card_url(request, path: str, card: Card) -> str:
    """The card's absolute address, with its version: a new picture is a new address."""
    return request.build_absolute_uri(f"{path}?v={card.key}")
