"""Long lists in pages of PER_PAGE, at ?side=N: small pages at national scale.

With the 14 municipalities of today every list fits on one page and nothing
changes; with all 357 (scripts/benchmark's data set) a list page would
otherwise be far over the page weight budget and slow to render.
A page number that does not exist is a 404, in the visitor's language.
"""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, QueryDict
from django.utils.translation import gettext as _

from .middleware import PreviewMiddleware

PAGE_PARAM = "side"
PER_PAGE = 50


def _query(request, keep, number):
    """'?…' for page ``number`` with the parameters in ``keep``; '' for a bare page 1."""
    query = QueryDict(mutable=True)
    for name in keep:
        if request.GET.get(name):
            query[name] = request.GET[name]
    if number > 1:
        query[PAGE_PARAM] = str(number)
    return f"?{query.urlencode()}" if query else ""


def _prepare(request, page, keep):
    """Links for the pager, and the query the canonical and hreflang links name."""
    request.page_query = _query(request, keep, page.number)
    # Staff previewing drafts stay in the preview from page to page; the
    # canonical address never names it.
    if getattr(request, "preview", False):
        keep = (*keep, PreviewMiddleware.parameter)

    def href(number):
        return request.path + _query(request, keep, number)

    page.links = [
        (number, None if number == page.paginator.ELLIPSIS else href(number))
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]
    page.previous_href = href(page.number - 1) if page.has_previous() else None
    page.next_href = href(page.number + 1) if page.has_next() else None
    return page


def paginate(request, items, per_page=PER_PAGE, keep=()):
    """The page of ``items`` that ?side= asks for; Http404 when there is none.

    ``keep``: query parameters that choose the list (a filter), kept in the
    pager's links and in the canonical address.
    """
    paginator = Paginator(items, per_page)
    try:
        page = paginator.page(request.GET.get(PAGE_PARAM) or 1)
    except InvalidPage:
        raise Http404(_("Siden finnes ikke.")) from None
    return _prepare(request, page, keep)


class PagedListMixin:
    """ListView in pages of PER_PAGE at ?side=N (page_obj and paginator in the context).

    The page comes from paginate(), so every paged list answers a bad number
    and builds its links the same way.
    """

    paginate_by = PER_PAGE

    def paginate_queryset(self, queryset, page_size):
        page = paginate(self.request, queryset, page_size)
        return page.paginator, page, page.object_list, page.has_other_pages()
