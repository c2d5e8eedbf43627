"""Agreement documents: served from storage with the right type, never as a broken link."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from core.text import norwegian_slugify

from .models import Agreement


def agreement_document(request, pk):
    agreement = get_object_or_404(
        Agreement.objects.visible(request).select_related("municipality"), pk=pk
    )
    if not agreement.has_document_file():
        raise Http404("no document")
    filename = (
        f"{agreement.kind}-{norwegian_slugify(agreement.municipality.name)}-{agreement.pk}.pdf"
    )
    response = FileResponse(
        agreement.document.open("rb"), content_type="application/pdf", filename=filename
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
