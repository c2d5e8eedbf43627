"""Uploaded PDFs (agreements, the library): served from storage with the right type,
never as a broken link, drafts only to staff previewing them."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from core.text import norwegian_slugify

from .models import Agreement, Document


def pdf_response(file, filename):
    response = FileResponse(file.open("rb"), content_type="application/pdf", filename=filename)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def agreement_document(request, pk):
    agreement = get_object_or_404(
        Agreement.objects.visible(request).select_related("municipality"), pk=pk
    )
    if not agreement.has_document_file():
        raise Http404("no document")
    filename = (
        f"{agreement.kind}-{norwegian_slugify(agreement.municipality.name)}-{agreement.pk}.pdf"
    )
    return pdf_response(agreement.document, filename)


def document_file(request, slug):
    document = get_object_or_404(Document.objects.visible(request), slug=slug)
    if not document.has_file():
        raise Http404("no file")
    return pdf_response(document.file, f"{document.slug}.pdf")
