"""The link-preview picture of the page being rendered, for base.html's og:image tags."""

from django import template

from municipalities.views import MunicipalityDetailView

from .. import previews
from ..context_processors import absolute_url

register = template.Library()


@register.simple_tag(takes_context=True)
def preview_image(context):
    """{"url": absolute address, "alt": the picture in words} for this page.

    A municipality's page has its own picture, made from what the page already
    loaded (no query); every other page shares the site's.
    """
    request = context.get("request")
    view = context.get("view")
    if isinstance(view, MunicipalityDetailView) and getattr(view, "object", None) is not None:
        municipality = view.object
        agreements = [a for a in municipality.agreements.all() if a.is_published]
        picture = previews.municipality_picture(municipality, agreements)
        path = previews.municipality_url(municipality, picture)
        alt = previews.municipality_alt(picture)
    else:
        path = previews.site_url()
        alt = previews.site_alt()
    return {"url": absolute_url(request, path) if request else path, "alt": alt}
