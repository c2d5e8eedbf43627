"""Checks on uploaded PDF documents (agreements, the library), and where agreements' are stored."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from core.text import norwegian_slugify

PDF_SIGNATURE = b"%PDF-"


@deconstructible
class PdfValidator:
    """Accept only real PDF files of a sensible size.

    The name's extension is not trusted: the first bytes must be the PDF
    signature, so a renamed HTML or executable file is refused.
    """

    def __call__(self, file):
        max_bytes = settings.AGREEMENT_DOCUMENT_MAX_BYTES
        if file.size > max_bytes:
            raise ValidationError(
                _("Filen er for stor (%(size)s). Største tillatte størrelse er %(max)s."),
                code="file_too_large",
                params={"size": filesizeformat(file.size), "max": filesizeformat(max_bytes)},
            )
        if not str(file.name).lower().endswith(".pdf"):
            raise ValidationError(_("Dokumentet må være en PDF-fil (.pdf)."), code="not_pdf")
        position = file.tell() if hasattr(file, "tell") else 0
        file.seek(0)
        head = file.read(len(PDF_SIGNATURE))
        file.seek(position)
        if head != PDF_SIGNATURE:
            raise ValidationError(
                _("Filen er ikke en gyldig PDF-fil, selv om navnet slutter på .pdf."),
                code="not_pdf",
            )

    def __eq__(self, other):
        return isinstance(other, PdfValidator)


def is_stored(file):
    """True when an uploaded file is set and really in storage (a missing one gets no link)."""
    return bool(file) and file.storage.exists(file.name)


def agreement_document_path(instance, filename):
    """A safe stored name: never the uploader's file name, never a collision."""
    base = norwegian_slugify(instance.municipality.name) if instance.municipality_id else "avtale"
    return f"avtaler/{base}-{uuid.uuid4().hex[:12]}.pdf"
