"""Every link in the admin works for the editor who sees it (issue 14, part 1)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from municipalities.models import Area, Municipality
from programs.models import Agreement, FocusArea
from tests.support.admin_forms import admin_post_data, change_url
from tests.support.html import hrefs, one, parse

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n%%EOF\n"


def view_on_site(client, obj):
    return one(parse(client.get(change_url(obj))), "a.viewsitelink")["href"]


@pytest.mark.parametrize("published", [True, False], ids=["published", "draft"])
def test_the_current_document_link_opens_the_pdf(editor_client, settings, tmp_path, published):
    settings.MEDIA_ROOT = tmp_path
    agreement = Agreement.objects.get(municipality__slug="drammen")
    if not published:
        agreement.unpublish()
    data = admin_post_data(editor_client.get(change_url(agreement)))
    data["document"] = SimpleUploadedFile("avtale.pdf", PDF)
    assert editor_client.post(change_url(agreement), data).status_code == 302

    form = parse(editor_client.get(change_url(agreement)))
    [link] = hrefs(form, "p.file-upload a")
    response = editor_client.get(link)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    response.close()


def test_a_document_whose_file_is_gone_is_not_offered_as_current(editor_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agreement = Agreement.objects.get(municipality__slug="drammen")
    data = admin_post_data(editor_client.get(change_url(agreement)))
    data["document"] = SimpleUploadedFile("avtale.pdf", PDF)
    editor_client.post(change_url(agreement), data)
    agreement.refresh_from_db()
    (tmp_path / agreement.document.name).unlink()
    assert parse(editor_client.get(change_url(agreement))).select("p.file-upload") == []


@pytest.mark.parametrize(
    "child",
    [
        lambda: Area.objects.create(
            municipality=Municipality.objects.create(name="Molde", slug="molde"),
            name="Sentrum",
            slug="sentrum",
        ),
        lambda: FocusArea.objects.create(
            agreement=Agreement.objects.create(
                municipality=Municipality.objects.get(slug="drammen"), end_year=2031
            ),
            order=1,
            title="Utkast",
            title_nb="Utkast",
        ),
    ],
    ids=["area of a draft municipality", "focus area of a draft agreement"],
)
def test_view_on_site_of_a_part_of_a_draft_opens_its_preview(editor_client, child):
    child = child()
    link = view_on_site(editor_client, child)
    assert "forhandsvis=1" in link
    assert editor_client.get(link).status_code == 200


def test_an_editor_sees_who_changed_what_as_text_an_administrator_as_a_link(
    editor_client, staff_client, staff_user
):
    drammen = Municipality.objects.get(slug="drammen")
    drammen._history_user = staff_user
    drammen.description_nb = "Endret av en administrator."
    drammen.save()
    history = f"/admin/municipalities/municipality/{drammen.pk}/history/"

    for_editor = one(parse(editor_client.get(history)), "#change-history")
    assert staff_user.username in for_editor.get_text()
    assert not [href for href in hrefs(for_editor) if "/admin/auth/user/" in href]

    for_administrator = one(parse(staff_client.get(history)), "#change-history")
    user_links = [href for href in hrefs(for_administrator) if "/admin/auth/user/" in href]
    assert user_links == [f"/admin/auth/user/{staff_user.pk}/change/"]
    assert staff_client.get(user_links[0]).status_code == 200
