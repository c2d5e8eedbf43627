"""Agreement documents (programs.documents): PDFs uploaded in the admin, served to the public."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from programs.models import Agreement
from tests.support.admin_forms import admin_post_data, change_url
from tests.support.html import hrefs, page_text, parse

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def drammen():
    return Agreement.objects.get(municipality__slug="drammen")


def upload(client, agreement, file):
    """Submit ``agreement``'s admin form unchanged but for ``file`` as its document."""
    url = change_url(agreement)
    data = admin_post_data(client.get(url))
    data["document"] = file
    return client.post(url, data)


def upload_pdf(client, agreement):
    assert upload(client, agreement, SimpleUploadedFile("avtale.pdf", PDF)).status_code == 302
    agreement.refresh_from_db()
    return agreement


def test_uploaded_pdf_is_linked_and_served_as_a_pdf(client, editor_client, media):
    agreement = upload_pdf(editor_client, drammen())
    link = f"/avtaler/{agreement.pk}/avtale.pdf"
    assert link in hrefs(parse(client.get("/kommuner/drammen/")))
    response = client.get(link)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    response.close()


def test_missing_file_never_shows_as_a_broken_link(client, editor_client, media):
    # Oslo: the library has no document for its agreement to offer instead.
    agreement = upload_pdf(editor_client, Agreement.objects.get(municipality__slug="oslo"))
    (media / agreement.document.name).unlink()
    page = parse(client.get("/kommuner/oslo/"))
    assert not [href for href in hrefs(page) if href.endswith(".pdf")]
    assert "Avtaledokumentet er ikke lagt inn her ennå" in page_text(page)
    assert client.get(f"/avtaler/{agreement.pk}/avtale.pdf").status_code == 404


def test_draft_agreements_document_is_only_for_staff_previewing(
    client, editor_client, media, drafts
):
    agreement = upload_pdf(editor_client, drafts["agreement"])
    assert client.get(f"/avtaler/{agreement.pk}/avtale.pdf").status_code == 404
    preview = editor_client.get(f"/avtaler/{agreement.pk}/avtale.pdf?forhandsvis=1")
    assert preview.status_code == 200
    assert b"".join(preview.streaming_content) == PDF
    preview.close()


def test_upload_that_is_not_a_pdf_is_refused_and_nothing_stored(staff_client, media):
    agreement = drammen()
    fake = SimpleUploadedFile(
        "avtale.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )
    response = upload(staff_client, agreement, fake)
    assert response.status_code == 200
    assert "document" in response.context["adminform"].form.errors
    assert "ikke en gyldig PDF-fil" in page_text(parse(response))
    agreement.refresh_from_db()
    assert not agreement.document
    assert not any(media.rglob("*"))


def test_pdf_upload_is_stored_under_a_safe_name(staff_client, media):
    agreement = drammen()
    odd_name = SimpleUploadedFile(
        "../../etc/Avtale Drammen ÆØÅ.pdf", b"%PDF-1.7\n%%EOF\n", content_type="application/pdf"
    )
    assert upload(staff_client, agreement, odd_name).status_code == 302
    agreement.refresh_from_db()
    assert agreement.document.name.startswith("avtaler/drammen-")
    assert agreement.document.name.endswith(".pdf")
    assert (media / agreement.document.name).read_bytes().startswith(b"%PDF-")
    assert [path.relative_to(media).as_posix() for path in media.rglob("*.pdf")] == [
        agreement.document.name
    ]
