"""The document library's model and admin (programs.models.documents): what a document is,
which municipalities it concerns, and how an editor adds, uploads and publishes one."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from municipalities.models import Municipality
from programs.models import Agreement, Document, Ministry
from tests.support.admin_forms import admin_post_data, change_url
from tests.support.html import hrefs, page_text, parse

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n%%EOF\n"
ADD_URL = reverse("admin:programs_document_add")


def add_form(client, **changes):
    """The add form as an editor fills it in: a report about Drammen, no address yet."""
    data = admin_post_data(client.get(ADD_URL))
    data.update(
        title_nb="Årsrapport 2024 for Strømsø",
        kind=Document.Kind.ANNUAL_REPORT,
        year="2024",
        publisher_nb="Drammen kommune",
        municipalities=[str(Municipality.objects.get(slug="drammen").pk)],
        agreements=[],
    )
    data.update(changes)
    return data


def test_a_document_concerns_its_municipalities_and_those_of_its_agreements():
    drammen = Municipality.objects.get(slug="drammen")
    about_drammen = set(Document.objects.concerning(drammen).values_list("slug", flat=True))
    # The agreement, through Drammen's agreement, and the city's own page, directly.
    assert about_drammen == {
        "samarbeidsavtalen-mellom-drammen-kommune-og-staten",
        "drammen-kommunens-side",
    }
    white_paper = Document.objects.get(slug="meld-st-28-2022-2023")
    assert white_paper not in Document.objects.concerning(drammen)


def test_years_are_the_documents_years_newest_first_without_the_unknown():
    Document.objects.filter(slug="drammen-kommunens-side").update(year=2019)
    assert Document.objects.years() == [2023, 2019]


def test_the_publisher_is_the_ministry_or_the_other_publisher():
    budget = Document.objects.get(reference="Prop. 1 S (2023–2024)")
    assert budget.publisher_name == "Kommunal- og distriktsdepartementet"
    page = Document.objects.get(slug="oslo-kommunens-side")
    assert page.publisher_name == "Oslo kommune"
    agreement = Document.objects.get(slug="samarbeidsavtalen-mellom-drammen-kommune-og-staten")
    assert agreement.publisher_name == ""


def test_the_source_documents_are_in_the_library_with_nothing_invented():
    documents = Document.objects.published()
    assert documents.count() == 18
    # The source links eight agreements and eight «read more» pages, titles only.
    assert documents.filter(kind=Document.Kind.AGREEMENT).count() == 8
    assert documents.filter(kind=Document.Kind.WEB_PAGE).count() == 8
    for document in documents.filter(url=""):
        assert document.where_to_find_nb, document
        assert document.where_to_find_en, document
    # Years only where the source gives them: Prop. 1 S for 2024, Skien's signed 2023.
    assert set(documents.exclude(year=None).values_list("slug", "year")) == {
        ("prop-1-s-2023-2024", 2023),
        ("samarbeidsavtalen-mellom-skien-kommune-og-staten", 2023),
    }


def test_an_editor_adds_a_document_as_a_draft(editor_client):
    response = editor_client.post(ADD_URL, add_form(editor_client))
    assert response.status_code == 302
    document = Document.objects.get(title="Årsrapport 2024 for Strømsø")
    assert document.slug == "arsrapport-2024-for-stromso"
    assert not document.is_published
    assert document.history.count() == 1


def test_a_ministry_and_another_publisher_at_once_is_an_error_on_the_field(editor_client):
    kdd = Ministry.objects.get(abbreviation="KDD")
    response = editor_client.post(ADD_URL, add_form(editor_client, ministry=str(kdd.pk)))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["ministry"]
    assert "ikke begge" in errors["ministry"][0]
    assert not Document.objects.filter(title="Årsrapport 2024 for Strømsø").exists()


def test_a_reference_is_unique_when_given_and_may_be_left_empty(editor_client):
    response = editor_client.post(
        ADD_URL, add_form(editor_client, reference="Prop. 1 S (2023–2024)")
    )
    assert response.status_code == 200
    assert "Et annet dokument har allerede denne betegnelsen." in page_text(parse(response))
    assert not Document.objects.filter(title="Årsrapport 2024 for Strømsø").exists()
    # Most documents have no reference: many empty ones are fine.
    assert Document.objects.filter(reference="").count() > 1
    assert editor_client.post(ADD_URL, add_form(editor_client)).status_code == 302


def test_an_uploaded_pdf_is_served_and_linked_once_published(client, editor_client):
    data = add_form(editor_client, file=SimpleUploadedFile("rapport.pdf", PDF))
    assert editor_client.post(ADD_URL, data).status_code == 302
    document = Document.objects.get(title="Årsrapport 2024 for Strømsø")
    assert document.file.name.startswith("dokumenter/arsrapport-2024-for-stromso-")
    file_url = f"/dokumenter/{document.slug}/dokument.pdf"
    assert client.get(file_url).status_code == 404  # a draft's file is private
    preview = editor_client.get(f"{file_url}?forhandsvis=1")
    assert preview.status_code == 200
    # Read to the end, the test client closes the file itself; closing the
    # response again would also close the database connection.
    assert b"".join(preview.streaming_content) == PDF

    document.publish(None)
    response = client.get(file_url)
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    assert file_url in hrefs(parse(client.get(document.get_absolute_url())))
    assert file_url in hrefs(parse(client.get("/kommuner/drammen/")))


def test_a_pdf_missing_from_storage_is_no_link_and_no_error(client, editor_client, settings):
    data = add_form(editor_client, file=SimpleUploadedFile("rapport.pdf", PDF))
    editor_client.post(ADD_URL, data)
    document = Document.objects.get(title="Årsrapport 2024 for Strømsø")
    document.publish(None)
    document.file.storage.delete(document.file.name)
    page = parse(client.get(document.get_absolute_url()))
    assert not [href for href in hrefs(page) if href.endswith(".pdf")]
    assert "Vi har ikke adressen til dokumentet" in page_text(page)
    assert client.get(f"/dokumenter/{document.slug}/dokument.pdf").status_code == 404


def test_a_file_that_is_not_a_pdf_is_refused_and_nothing_saved(editor_client):
    fake = SimpleUploadedFile("rapport.pdf", b"<html></html>", content_type="application/pdf")
    response = editor_client.post(ADD_URL, add_form(editor_client, file=fake))
    assert response.status_code == 200
    assert "file" in response.context["adminform"].form.errors
    assert not Document.objects.filter(title="Årsrapport 2024 for Strømsø").exists()


def test_linking_an_agreement_is_recorded_in_the_documents_history(editor_client):
    document = Document.objects.get(slug="oslo-kommunens-side")
    before = document.history.count()
    url = change_url(document)
    data = admin_post_data(editor_client.get(url))
    data["agreements"] = [str(Agreement.objects.get(municipality__slug="oslo").pk)]
    assert editor_client.post(url, data).status_code == 302
    assert document.history.count() == before + 1
    assert document.agreements.count() == 1


def test_a_renamed_document_keeps_its_old_address(client):
    document = Document.objects.get(slug="oslo-kommunens-side")
    document.slug = "oslo-kommunes-side-om-satsingen"
    document.save()
    response = client.get("/dokumenter/oslo-kommunens-side/")
    assert response.status_code == 301
    assert response["Location"] == "/dokumenter/oslo-kommunes-side-om-satsingen/"
