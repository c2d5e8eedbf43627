from .text import meta_description


class PageMetaMixin:
    """Title and description of a page, for <title>, the description meta tag and Open Graph.

    One value feeds every place it appears, so they never disagree.
    """

    page_title = ""
    page_description = ""
    # On detail pages, the object's translated field the title comes from: the
    # breadcrumb then marks a bokmål fallback with lang="nb", as the h1 does.
    title_field = None

    def get_page_title(self):
        return self.page_title

    def get_page_description(self):
        return self.page_description

    def get_crumbs(self):
        """Breadcrumbs between the front page and this page: [(url, label), …]."""
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = self.get_page_title()
        # Trimmed at a word: an editor's long text must not become a long meta tag.
        context["page_description"] = meta_description(self.get_page_description())
        context["crumbs"] = self.get_crumbs()
        if self.title_field:
            context["title_object"] = self.object
            context["title_field"] = self.title_field
        return context
