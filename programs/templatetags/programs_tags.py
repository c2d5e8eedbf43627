"""Agreements and conferences in templates: status tags, periods, dates (see programs.display)."""

from django import template
from django.utils.html import format_html

from .. import display

register = template.Library()


@register.simple_tag
def status_tag(agreement):
    """An agreement's status today as a Designsystemet tag.

    A tag, not an {% include %}: lists call it for every agreement, and an
    include costs far more per call. The colour never carries meaning alone:
    the words say it.
    """
    return format_html(
        '<span class="ds-tag" data-color="{}" data-size="sm">{}</span>',
        display.status_color(agreement),
        display.status_text(agreement),
    )


register.filter("period_label", display.period_label)
register.filter("period_facts", display.period_facts)
register.filter("agreement_title", display.agreement_title)
register.filter("conference_dates", display.conference_dates)
