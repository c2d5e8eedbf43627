class PageMetaMixin:
    """Title and description of a page, for <title>, the description meta tag and Open Graph.

    One value feeds every place it appears, so they never disagree.
    """

    page_title = ""
    page_description = ""

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
        context["page_description"] = self.get_page_description()
        context["crumbs"] = self.get_crumbs()
        return context
