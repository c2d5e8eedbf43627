"""Agreement documents: served from storage with the right type, never as a broken link."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from omradesatsing.text import norwegian_slugify

from .models import Agreement


def document_available(agreement):
    """True when the uploaded PDF is really in storage (a missing file gets no link)."""
    return bool(agreement.document) and agreement.document.storage.exists(agreement.document.name)


def agreement_document(request, pk):
    agreement = get_object_or_404(
        Agreement.objects.visible(request).select_related("municipality"), pk=pk
    )
    if not document_available(agreement):
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
