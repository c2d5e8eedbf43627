"""Template tags every app's templates use: JSON-LD blocks and translated fields."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import conditional_escape, format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from modeltranslation.utils import build_localized_fieldname

register = template.Library()

# The same escapes as Django's json_script: nothing in the data can close the
# <script> element or open a comment.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """A schema.org JSON-LD block."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag
def translated(obj, field, block=False, note=True):
    """A translated field, with bokmål marked as such where the translation is missing.

    modeltranslation already falls back to bokmål; this adds lang="nb" so
    screen readers pronounce it right, and a short visible note so readers
    know why the text is in another language. ``block=True`` renders
    paragraphs (for page bodies); ``note=False`` marks the language without
    the note.
    """
    language = get_language()
    value = getattr(obj, field) or ""
    own = getattr(obj, build_localized_fieldname(field, language), None)
    html = linebreaks(value, autoescape=True) if block else conditional_escape(value)
    if language == settings.LANGUAGE_CODE or own or not value:
        return mark_safe(html) if block else html
    if block:
        return format_html(
            '<div lang="{}">{}</div><p class="fallback-note">{}</p>',
            settings.LANGUAGE_CODE,
            mark_safe(html),
            gettext("Denne teksten finnes bare på bokmål."),
        )
    if not note:  # where a note would be noise (a breadcrumb): the language only
        return format_html('<span lang="{}">{}</span>', settings.LANGUAGE_CODE, html)
    return format_html(
        '<span lang="{}">{}</span> <span class="fallback-note">({})</span>',
        settings.LANGUAGE_CODE,
        html,
        gettext("bare på bokmål"),
    )
