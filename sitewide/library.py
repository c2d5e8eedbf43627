"""The document library at /dokumenter/, filtered by ?type=, ?kommune= and ?aar=.

The filters are checked server-side, and their choices are what the visitor
may see: every type, the municipalities that have documents, the years
documents are from. A value outside them (a hand-edited or outdated address)
is an error on that filter, answered with status 400 and the list's own page,
in the visitor's language.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.meta import PageMetaMixin
from core.paging import paginate
from municipalities.models import Municipality
from programs.models import Document

# The query parameters, in the order the form shows them; kept by the pager.
PARAMETERS = ("type", "kommune", "aar")


# A value outside the choices: a hand-edited or outdated address.
NOT_A_CHOICE = {"invalid_choice": _("«%(value)s» finnes ikke i listen. Velg et av valgene.")}


class DocumentFilterForm(forms.Form):
    type = forms.ChoiceField(label=_("Type"), required=False, error_messages=NOT_A_CHOICE)
    kommune = forms.ChoiceField(label=_("Kommune"), required=False, error_messages=NOT_A_CHOICE)
    aar = forms.ChoiceField(label=_("År"), required=False, error_messages=NOT_A_CHOICE)

    def __init__(self, data, *, documents, municipalities):
        """``documents``: what the visitor may see; ``municipalities``: likewise."""
        super().__init__(data)
        self.documents = documents
        self.fields["type"].choices = [("", _("Alle typer")), *Document.Kind.choices]
        concerned = (
            municipalities.filter(
                Q(documents__in=documents) | Q(agreements__documents__in=documents)
            )
            .distinct()
            .only("id", "name", "slug")
            .order_by("name")
        )
        self.municipalities = {m.slug: m for m in concerned}
        self.fields["kommune"].choices = [
            ("", _("Alle kommuner")),
            *((slug, m.name) for slug, m in self.municipalities.items()),
        ]
        self.fields["aar"].choices = [
            ("", _("Alle år")),
            *((str(year), str(year)) for year in documents.years()),
        ]

    def filtered(self):
        """The documents the valid filters choose (all of them when the form is invalid)."""
        documents = self.documents
        if not self.is_valid():
            return documents
        data = self.cleaned_data
        if data["type"]:
            documents = documents.filter(kind=data["type"])
        if data["kommune"]:
            documents = documents.concerning(self.municipalities[data["kommune"]])
        if data["aar"]:
            documents = documents.filter(year=int(data["aar"]))
        return documents

    def chosen(self):
        """[(label, value label)] of the filters in use, for the heading over the results."""
        if not self.is_valid():
            return []
        chosen = []
        for name in PARAMETERS:
            value = self.cleaned_data[name]
            if value:
                chosen.append((self.fields[name].label, dict(self.fields[name].choices)[value]))
        return chosen


class DocumentListView(PageMetaMixin, TemplateView):
    """The library: every document the visitor may see, filtered and paged server-side."""

    template_name = "programs/document_list.html"
    page_title = _("Dokumenter")
    page_description = _(
        "Avtaler, handlingsprogrammer, rapporter, evalueringer, stortingsmeldinger og "
        "budsjettproposisjoner om områdesatsingene, med hvor du finner dem."
    )

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        # A filter value that does not exist is the visitor's error, said on the page.
        status = 400 if context["form"].errors else 200
        return self.render_to_response(context, status=status)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = DocumentFilterForm(
            self.request.GET,
            documents=Document.objects.visible(self.request),
            municipalities=Municipality.objects.visible(self.request),
        )
        page = paginate(self.request, form.filtered().select_related("ministry"), keep=PARAMETERS)
        context.update(form=form, documents=list(page), page_obj=page, chosen=form.chosen())
        return context
