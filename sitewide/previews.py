"""Link previews: the picture a chat or social site shows beside a shared link.

Every page names one in its Open Graph and Twitter tags (templates/base.html,
through ``preview_tags``). A municipality's picture shows its name, each
published agreement's status today and its place on the map of Norway; every
other page shares the site's picture: the site's name and the map with every
municipality. They are drawn here with Pillow, from the same outline and
projection as the front page's map (``sitewide.maps``), in the page's language.

The address carries a token of what is drawn, so it changes when the picture
does: a municipality's token is a hash of the picture's contents (name,
statuses today, position), the site picture's a hash of the content version.
The view answers an outdated token with a redirect to the current one, so the
picture at an address never changes and may be cached for a year. The PNG
itself is kept in Django's cache under a hash of what it shows: drawn once
per change, whichever app server is asked.
"""

import functools
import hashlib
import io
import json
import logging
import re
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from core import clock, versions
from core.release import release_id
from programs import display

from . import maps

logger = logging.getLogger(__name__)

WIDTH, HEIGHT = 1200, 630
# Drawn this many times larger and scaled down: smooth edges on the outline,
# the markers and the text.
SUPERSAMPLE = 2
# Bump when the drawing changes in a way the tokens would not notice.
DRAWING_VERSION = "1"
CACHE_SECONDS = 60 * 60 * 24 * 30
# Browsers and proxies: the token names what is drawn, so an address never shows anything else.
IMMUTABLE_SECONDS = 60 * 60 * 24 * 365
# A municipality's picture lists this many agreements, the latest first.
MAX_AGREEMENTS = 3

FONT_FOLDER = settings.BASE_DIR / "build" / "static" / "vendor" / "inter"
FONT_FILES = {"regular": "inter-latin-400-normal.woff2", "bold": "inter-latin-600-normal.woff2"}

# Designsystemet's light theme (build/static/vendor/designsystemet/digdir.css).
BACKGROUND = "#ffffff"
PANEL = "#eef4fa"  # accent background tinted
TEXT = "#1f2c3d"  # neutral text default
TEXT_SUBTLE = "#545e6b"
ACCENT = "#0062ba"
ACCENT_TEXT = "#002c54"
LAND = "#dde3e8"
COAST = "#717a84"
# Status tags as on the pages (display.STATUS_COLORS): surface tinted, text and border.
TAG_COLORS = {
    "success": ("#daeddd", "#023409", "#108c22"),
    "info": ("#dcebf6", "#042d4d", "#1f7dc5"),
    "neutral": ("#e7e9ea", "#1f2c3d", "#717a84"),
    "warning": ("#fae6c6", "#3c2807", "#a56d13"),
}


@dataclass
class Status:
    agreement: str  # «Samarbeidsavtale 2023–2030»
    status: str  # «Aktiv til 2030»
    color: str  # a key of TAG_COLORS


@dataclass
class Picture:
    """Everything drawn, and nothing else: its hash names the PNG."""

    language: str
    title: str
    kicker: str = ""
    lines: list = field(default_factory=list)
    statuses: list = field(default_factory=list)
    # Latitude and longitude of the markers, as text (Decimal in the database).
    points: list = field(default_factory=list)
    highlight: bool = False
    legend: str = ""

    def digest(self):
        data = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(f"{DRAWING_VERSION}|{data}".encode()).hexdigest()


def _point(place):
    if place.latitude is None or place.longitude is None:
        return None
    return [str(place.latitude), str(place.longitude)]


def _latest_first(agreements):
    return sorted(
        agreements,
        key=lambda a: (a.period_start is not None, a.period_start or 0, a.pk),
        reverse=True,
    )


def municipality_picture(municipality, agreements, today=None):
    """The picture of ``municipality`` with ``agreements`` (the published ones), in the active
    language."""
    today = today or clock.today()
    statuses = [
        Status(
            agreement=f"{agreement.get_kind_display()} {display.period_label(agreement)}",
            status=str(display.status_text(agreement, today)),
            color=display.status_color(agreement, today),
        )
        for agreement in _latest_first(agreements)
    ][:MAX_AGREEMENTS]
    point = _point(municipality)
    lines = [municipality.county] if municipality.county else []
    if not statuses:
        lines.append(_("Ingen avtale er publisert ennå."))
    return Picture(
        language=get_language(),
        kicker=_("Områdesatsinger"),
        title=municipality.name,
        lines=lines,
        statuses=statuses,
        points=[point] if point else [],
        highlight=True,
    )


def site_picture(municipalities):
    return Picture(
        language=get_language(),
        title=_("Områdesatsinger"),
        lines=[
            _(
                "Staten og kommunene samarbeider om bedre tjenester og nærmiljø i områder "
                "med levekårsutfordringer."
            )
        ],
        points=[p for p in map(_point, municipalities) if p],
        legend=_("Kommuner med områdesatsing"),
    )


def municipality_alt(picture):
    """The picture in words, for og:image:alt: what a reader who cannot see it would miss."""
    if picture.statuses:
        statuses = " ".join(f"{s.agreement}: {s.status}." for s in picture.statuses)
    else:
        statuses = _("Ingen avtale er publisert ennå.")
    return _("%(name)s på kartet over Norge. %(statuses)s") % {
        "name": picture.title,
        "statuses": statuses,
    }


def site_alt():
    return _("%(site)s: kart over Norge med kommunene som har områdesatsing.") % {
        "site": _("Områdesatsinger")
    }


# Tokens: what the address carries, 16 hex digits (the URL's hex16), checked by the view.


def _token(*parts):
    text = "|".join([DRAWING_VERSION, release_id(), *map(str, parts)])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def municipality_token(picture):
    return _token("municipality", picture.digest())


def site_token():
    """From the content version, known without a query: every page can name the picture."""
    version, changed_at = versions.current()
    return _token("site", get_language(), version, changed_at.isoformat())


def municipality_url(municipality, picture):
    return reverse(
        "preview_municipality",
        kwargs={"slug": municipality.slug, "token": municipality_token(picture)},
    )


def site_url():
    return reverse("preview_site", kwargs={"token": site_token()})


# Drawing.


@functools.cache
def _font_path(weight):
    path = FONT_FOLDER / FONT_FILES[weight]
    if not path.exists():
        raise ImproperlyConfigured(
            f"{path} is missing: run scripts/setup (it copies the Inter font into build/); "
            "the link-preview pictures are drawn with it."
        )
    return str(path)


@functools.cache
def font(weight, size):
    return ImageFont.truetype(
        _font_path(weight), size * SUPERSAMPLE, layout_engine=ImageFont.Layout.BASIC
    )


@functools.cache
def _outline_polygons():
    """The outline's rings as lists of (x, y) in the map's own coordinates."""
    rings = []
    for part in re.findall(r"M[^M]+", maps.outline()["path"]):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", part)]
        ring = list(zip(numbers[0::2], numbers[1::2], strict=True))
        if len(ring) >= 3:
            rings.append(ring)
    return rings


def _text_width(draw, text, typeface):
    return draw.textlength(text, font=typeface)


def _wrap(draw, text, typeface, width):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and _text_width(draw, candidate, typeface) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def _fitted_title(draw, text, width, sizes=(88, 80, 72, 64, 56)):
    """The title's font, size and lines: one line if it fits at 64 px or more, else the
    largest size at which it fits on two (cut after two at the smallest)."""
    for size in sizes[:4]:
        typeface = font("bold", size)
        if _text_width(draw, text, typeface) <= width:
            return typeface, size, [text]
    for size in sizes:
        typeface = font("bold", size)
        lines = _wrap(draw, text, typeface, width)
        if len(lines) <= 2 and all(_text_width(draw, line, typeface) <= width for line in lines):
            return typeface, size, lines
    return typeface, sizes[-1], lines[:2]


def draw(picture):
    """The PNG of ``picture``, 1200×630."""
    s = SUPERSAMPLE
    image = Image.new("RGB", (WIDTH * s, HEIGHT * s), BACKGROUND)
    pen = ImageDraw.Draw(image)

    # The map on the right, on a tinted panel, as tall as the picture allows.
    panel_left = 700
    pen.rectangle([panel_left * s, 0, WIDTH * s, HEIGHT * s], fill=PANEL)
    outline = maps.outline()
    margin = 28
    scale = min(
        (WIDTH - panel_left - 2 * margin) / outline["width"],
        (HEIGHT - 2 * margin) / outline["height"],
    )
    offset_x = panel_left + (WIDTH - panel_left - outline["width"] * scale) / 2
    offset_y = (HEIGHT - outline["height"] * scale) / 2

    def at(x, y):
        return ((offset_x + x * scale) * s, (offset_y + y * scale) * s)

    for ring in _outline_polygons():
        pen.polygon([at(x, y) for x, y in ring], fill=LAND, outline=COAST, width=max(1, s))

    radius = 17 if picture.highlight else 9
    for latitude, longitude in picture.points:
        x, y = at(*maps.project(latitude, longitude))
        if picture.highlight:
            halo = radius * 2.2 * s
            pen.ellipse([x - halo, y - halo, x + halo, y + halo], outline=ACCENT, width=3 * s)
        r = radius * s
        pen.ellipse([x - r, y - r, x + r, y + r], fill=ACCENT, outline="#ffffff", width=3 * s)

    # The text on the left.
    left, width = 64, panel_left - 64 - 48
    y = 64
    # A bar in the accent colour: the site's mark.
    pen.rectangle([left * s, y * s, (left + 72) * s, (y + 8) * s], fill=ACCENT)
    y += 36
    if picture.kicker:
        pen.text((left * s, y * s), picture.kicker, font=font("bold", 32), fill=ACCENT_TEXT)
        y += 56
    typeface, size, title_lines = _fitted_title(pen, picture.title, width * s)
    for line in title_lines:
        pen.text((left * s, y * s), line, font=typeface, fill=TEXT)
        y += int(size * 1.15)
    y += 8 if picture.kicker else 28
    body = font("regular", 32)
    for text in picture.lines:
        for line in _wrap(pen, text, body, width * s)[:4]:
            pen.text((left * s, y * s), line, font=body, fill=TEXT_SUBTLE)
            y += 44
    y += 20

    label_font, tag_font = font("regular", 28), font("bold", 30)
    for status in picture.statuses:
        if y + 88 > HEIGHT - 24:  # no room left: the alt text still names every one
            break
        pen.text((left * s, y * s), status.agreement, font=label_font, fill=TEXT)
        y += 40
        surface, ink, border = TAG_COLORS[status.color]
        tag_width = _text_width(pen, status.status, tag_font) / s + 32
        pen.rounded_rectangle(
            [left * s, y * s, (left + tag_width) * s, (y + 48) * s],
            radius=8 * s,
            fill=surface,
            outline=border,
            width=2 * s,
        )
        pen.text(((left + 16) * s, (y + 7) * s), status.status, font=tag_font, fill=ink)
        y += 72

    if picture.legend:
        y = HEIGHT - 64 - 36
        r = 9 * s
        cx, cy = (left + 9) * s, (y + 20) * s
        pen.ellipse([cx - r, cy - r, cx + r, cy + r], fill=ACCENT, outline="#ffffff", width=2 * s)
        pen.text(((left + 30) * s, y * s), picture.legend, font=font("regular", 30), fill=TEXT)

    image = image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def png(picture):
    """The PNG of ``picture``, from the cache when it was drawn before."""
    key = f"preview:{release_id()}:{picture.digest()}"
    try:
        stored = cache.get(key)
    except Exception:  # a shared cache that is down: draw it
        logger.warning("preview cache unavailable (read)", exc_info=True)
        stored = None
    if stored is not None:
        return stored
    data = draw(picture)
    try:
        cache.set(key, data, CACHE_SECONDS)
    except Exception:
        logger.warning("preview cache unavailable (write)", exc_info=True)
    return data
