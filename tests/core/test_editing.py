"""Safe editing: roles, drafts and preview, publishing, history and restore, no lost edits."""

import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.roles import ADMINISTRATOR, EDITOR
from municipalities.models import Area, Municipality
from pages.models import Page
from programs.models import Agreement, Conference, FocusArea, Grant
from tests.support.admin_forms import admin_post_data, change_url

pytestmark = pytest.mark.django_db

PASSWORD = "korrekt-hest-batteri-stift"


def make_user(django_user_model, username, group=None, **extra):
    user = django_user_model.objects.create_user(
        username=username, password=PASSWORD, is_staff=True, **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(django_user_model):
    return make_user(django_user_model, "redaktor", EDITOR, first_name="Rita", last_name="Redaktør")


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


# --- roles ------------------------------------------------------------------------


def test_roles_are_created_by_migration():
    editor = Group.objects.get(name=EDITOR)
    administrator = Group.objects.get(name=ADMINISTRATOR)
    editor_perms = {f"{p.content_type.app_label}.{p.codename}" for p in editor.permissions.all()}
    assert "programs.change_agreement" in editor_perms
    assert "programs.publish_agreement" in editor_perms
    assert "pages.publish_page" in editor_perms
    assert not any(p.startswith(("auth.", "admin.", "sessions.")) for p in editor_perms)
    assert administrator.permissions.filter(codename="change_user").exists()
    assert administrator.permissions.count() > editor.permissions.count()


def test_editor_cannot_reach_user_admin(editor_client):
    assert editor_client.get("/admin/auth/user/").status_code == 403
    assert editor_client.get("/admin/auth/group/").status_code == 403
    assert editor_client.get("/admin/programs/agreement/").status_code == 200
    assert "/admin/auth/" not in editor_client.get("/admin/").content.decode()


def test_staff_without_a_role_can_change_nothing(django_user_model):
    make_user(django_user_model, "uten-rolle")
    client = Client()
    client.force_login(django_user_model.objects.get(username="uten-rolle"))
    agreement = Agreement.objects.get(municipality__slug="drammen")
    assert client.get(change_url(agreement)).status_code == 403
    response = client.post(change_url(agreement), {"purpose_nb": "Endret uten lov"})
    assert response.status_code == 403
    agreement.refresh_from_db()
    assert agreement.purpose_nb != "Endret uten lov"
    assert client.get("/admin/programs/agreement/add/").status_code == 403


def test_administrator_can_manage_users(django_user_model):
    make_user(django_user_model, "administrator", ADMINISTRATOR)
    client = Client()
    client.force_login(django_user_model.objects.get(username="administrator"))
    assert client.get("/admin/auth/user/").status_code == 200


# --- drafts are invisible to the public -------------------------------------------


@pytest.fixture
def drafts():
    """A draft municipality, a draft agreement in a published one, a draft conference and page."""
    alesund = Municipality.objects.create(
        name="Ålesund", slug="alesund", latitude=62.47, longitude=6.15
    )
    Area.objects.create(municipality=alesund, name="Hemmelig område", slug="hemmelig-omrade")
    drammen = Municipality.objects.get(slug="drammen")
    agreement = Agreement.objects.create(
        municipality=drammen, kind="intensjonsavtale", start_year=2031, purpose_nb="Hemmelig formål"
    )
    agreement.ministries.add(1)
    focus = FocusArea.objects.create(
        agreement=agreement, order=1, title_nb="Hemmelig innsats", title="Hemmelig innsats"
    )
    focus.themes.add(5)
    conference = Conference.objects.create(
        title="Hemmelig konferanse",
        title_nb="Hemmelig konferanse",
        slug="hemmelig-konferanse",
        start_date="2027-05-01",
        end_date="2027-05-02",
        place="Ålesund",
    )
    page = Page.objects.create(
        title="Hemmelig side", title_nb="Hemmelig side", slug="hemmelig-side", summary="x", body="y"
    )
    return {"municipality": alesund, "agreement": agreement, "conference": conference, "page": page}


PUBLIC_SURFACES = [
    "/",
    "/kommuner/",
    "/kommuner/drammen/",
    "/avtaler/",
    "/tema/",
    "/tema/arbeid/",
    "/departementer/",
    "/konferanser/",
    "/om/",
    "/sitemap.xml",
    "/endringer.atom",
    "/data/kommuner.json",
    "/data/omrader.csv",
    "/data/avtaler.json",
    "/data/innsatsomrader.csv",
    "/data/konferanser.json",
    "/data/tilskudd.csv",
    "/konferanser/kalender.ics",
    "/en/kommuner/",
]
SECRETS = ["Ålesund", "alesund", "Hemmelig", "hemmelig"]


def test_drafts_appear_nowhere_in_public(client, drafts):
    for path in PUBLIC_SURFACES:
        response = client.get(path)
        assert response.status_code == 200, path
        text = response.content.decode()
        for secret in SECRETS:
            assert secret not in text, f"{secret!r} on {path}"
    for query in ("hemmelig", "Ålesund"):
        html = client.get("/sok/", {"q": query}).content.decode()
        assert "0 treff" in html, query
    for path in [
        "/kommuner/alesund/",
        "/konferanser/hemmelig-konferanse/",
        "/konferanser/hemmelig-konferanse/kalender.ics",
        "/om/hemmelig-side/",
        "/data/kommuner/alesund.json",
    ]:
        assert client.get(path).status_code == 404, path


def test_drafts_are_not_counted_in_lists_and_matrices(client, editor_client, drafts):
    # A draft agreement in Tromsø (which has no focus areas of its own) serving
    # a theme, and the fixture's draft in Drammen with KDD as party: neither is
    # counted by the public theme matrix or the bodies page; both are in preview.
    tromso = Municipality.objects.get(slug="tromso")
    draft = Agreement.objects.create(municipality=tromso, kind="intensjonsavtale", end_year=2031)
    FocusArea.objects.create(agreement=draft, order=1, title="Utkast", title_nb="Utkast")
    draft.focus_areas.get().themes.add(5)
    kdd = drafts["agreement"].ministries.get()
    published = Agreement.objects.published().filter(ministries=kdd).count()

    def matrix_rows(html):
        return re.findall(r'<th scope="row"><a class="ds-link" href="/kommuner/([^/]+)/"', html)

    public = client.get("/tema/").content.decode()
    assert "tromso" not in matrix_rows(public)
    preview = editor_client.get("/tema/?forhandsvis=1").content.decode()
    assert "tromso" in matrix_rows(preview)
    assert f"Part i {published} avtaler" in client.get("/departementer/").content.decode()
    preview = editor_client.get("/departementer/?forhandsvis=1").content.decode()
    assert f"Part i {published + 1} avtaler" in preview


def test_preview_parameter_does_nothing_for_the_public(client, drafts):
    assert client.get("/kommuner/alesund/?forhandsvis=1").status_code == 404
    html = client.get("/kommuner/drammen/?forhandsvis=1").content.decode()
    assert "Hemmelig formål" not in html


def test_staff_preview_shows_drafts_as_they_will_look(editor_client, drafts):
    response = editor_client.get("/kommuner/alesund/?forhandsvis=1")
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"<h1[^>]*>Ålesund</h1>", html)
    assert "Utkast – ikke publisert" in html
    assert "Forhåndsvisning" in html
    assert response["Cache-Control"] == "private, no-store"
    drammen = editor_client.get("/kommuner/drammen/?forhandsvis=1").content.decode()
    assert "Hemmelig formål" in drammen
    assert "Hemmelig innsats" in drammen
    # Without the parameter, staff see the public page.
    assert "Hemmelig formål" not in editor_client.get("/kommuner/drammen/").content.decode()


def test_draft_agreement_in_a_draft_municipality_stays_hidden_when_published(client, drafts):
    agreement = Agreement.objects.create(municipality=drafts["municipality"], end_year=2030)
    agreement.publish(None)
    assert "Ålesund" not in client.get("/avtaler/").content.decode()


# --- publishing ---------------------------------------------------------------------


def test_new_content_from_the_admin_is_a_draft(editor_client):
    url = reverse("admin:municipalities_municipality_add")
    data = admin_post_data(editor_client.get(url))
    data.update({"name": "Molde", "slug": "", "description_nb": "Ny."})
    assert editor_client.post(url, data).status_code == 302
    molde = Municipality.objects.get(slug="molde")
    assert molde.published_at is None
    assert Client().get("/kommuner/molde/").status_code == 404


def test_publishing_is_an_explicit_act_recorded_with_who_and_when(editor_client, editor, drafts):
    municipality = drafts["municipality"]
    url = change_url(municipality)
    data = admin_post_data(editor_client.get(url))
    data["_publish"] = "Lagre og publiser"
    before = timezone.now()
    assert editor_client.post(url, data).status_code == 302
    municipality.refresh_from_db()
    assert municipality.published_by == editor
    assert municipality.published_at >= before
    latest = municipality.history.order_by("-history_date").first()
    assert latest.history_user == editor
    assert latest.published_at is not None
    assert Client().get("/kommuner/alesund/").status_code == 200
    entries = Client().get("/endringer.atom").content.decode()
    assert "Ålesund: publisert" in entries


def test_publish_and_unpublish_actions(editor_client, editor, drafts):
    conference = drafts["conference"]
    changelist = reverse("admin:programs_conference_changelist")
    response = editor_client.post(
        changelist, {"action": "publish_selected", "_selected_action": [conference.pk]}
    )
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.published_by == editor
    assert Client().get("/konferanser/hemmelig-konferanse/").status_code == 200
    editor_client.post(
        changelist, {"action": "unpublish_selected", "_selected_action": [conference.pk]}
    )
    assert Client().get("/konferanser/hemmelig-konferanse/").status_code == 404


def test_staff_without_publish_permission_cannot_publish(django_user_model, drafts):
    user = make_user(django_user_model, "skribent")
    codenames = ["view_municipality", "change_municipality", "view_area", "change_area", "add_area"]
    user.user_permissions.set(
        apps.get_model("auth", "Permission").objects.filter(codename__in=codenames)
    )
    client = Client()
    client.force_login(user)
    municipality = drafts["municipality"]
    data = admin_post_data(client.get(change_url(municipality)))
    data["_publish"] = "Lagre og publiser"
    client.post(change_url(municipality), data)
    municipality.refresh_from_db()
    assert municipality.published_at is None


# --- history and restore ----------------------------------------------------------


def test_every_change_is_recorded_and_can_be_restored(editor_client, editor):
    drammen = Municipality.objects.get(slug="drammen")
    original = drammen.description_nb
    drammen.save()  # the version before the edit
    url = change_url(drammen)
    data = admin_post_data(editor_client.get(url))
    data["description_nb"] = "En feilaktig endring."
    assert editor_client.post(url, data).status_code == 302
    history = list(drammen.history.order_by("-history_date"))
    assert history[0].description_nb == "En feilaktig endring."
    assert history[0].history_user == editor
    history_page = editor_client.get(
        reverse("admin:municipalities_municipality_history", args=[drammen.pk])
    )
    assert history_page.status_code == 200
    assert "redaktor" in history_page.content.decode()
    # Restore the earlier version through the admin's own restore view.
    old = history[1]
    restore_url = reverse(
        "admin:municipalities_municipality_simple_history", args=[drammen.pk, old.history_id]
    )
    restore_data = admin_post_data(editor_client.get(restore_url))
    assert editor_client.post(restore_url, restore_data).status_code == 302
    drammen.refresh_from_db()
    assert drammen.description_nb == original
    assert drammen.version > history[0].version  # versions only go up


def test_restoring_a_version_keeps_the_current_publication(django_user_model):
    # Publishing has its own permission: restoring a version from before an
    # unpublish must not publish again (nor a draft-era version unpublish).
    user = make_user(django_user_model, "bare-endre")
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_conference", "view_conference"])
    )
    client = Client()
    client.force_login(user)
    conference = Conference.objects.published().first()
    conference.save()  # a version recorded while published
    published_version = conference.history.order_by("-history_id").first()
    conference.unpublish()

    restore_url = reverse(
        "admin:programs_conference_simple_history",
        args=[conference.pk, published_version.history_id],
    )
    assert client.post(restore_url, admin_post_data(client.get(restore_url))).status_code == 302

    conference.refresh_from_db()
    assert conference.published_at is None
    assert Client().get(conference.get_absolute_url()).status_code == 404


def test_last_change_date_matches_the_history(client):
    drammen = Municipality.objects.get(slug="drammen")
    drammen.description_nb = "Endret i dag."
    drammen.save()
    record = drammen.history.order_by("-history_date").first()
    assert abs(record.history_date - drammen.updated_at).total_seconds() < 1
    html = client.get("/kommuner/drammen/").content.decode()
    assert drammen.last_modified().date().isoformat() in html


# --- no lost edits ------------------------------------------------------------------


def test_second_concurrent_save_is_refused_naming_what_changed(django_user_model):
    first_user = make_user(django_user_model, "anne", EDITOR, first_name="Anne", last_name="Aas")
    second_user = make_user(django_user_model, "bjorn", EDITOR)
    first, second = Client(), Client()
    first.force_login(first_user)
    second.force_login(second_user)
    agreement = Agreement.objects.get(municipality__slug="drammen")
    url = change_url(agreement)
    agreement.save()  # a recorded version both start from
    first_data = admin_post_data(first.get(url))
    second_data = admin_post_data(second.get(url))

    first_data["purpose_nb"] = "Annes formål."
    assert first.post(url, first_data).status_code == 302

    second_data["programme_note_nb"] = "Bjørns merknad."
    response = second.post(url, second_data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ikke lagret" in html
    assert "Anne Aas" in html
    assert "Formål" in html
    assert "Bjørns merknad." in html  # the second editor's text is still in the form
    agreement.refresh_from_db()
    assert agreement.purpose_nb == "Annes formål."
    assert agreement.programme_note_nb != "Bjørns merknad."

    # Saving again after the warning is a deliberate overwrite.
    again = admin_post_data(response)
    assert second.post(url, again).status_code == 302
    agreement.refresh_from_db()
    assert agreement.programme_note_nb == "Bjørns merknad."


def test_editing_alone_is_never_refused(editor_client):
    agreement = Agreement.objects.get(municipality__slug="drammen")
    url = change_url(agreement)
    for text in ("Første.", "Andre.", "Tredje."):
        data = admin_post_data(editor_client.get(url))
        data["purpose_nb"] = text
        assert editor_client.post(url, data).status_code == 302
    agreement.refresh_from_db()
    assert agreement.purpose_nb == "Tredje."


# --- documents --------------------------------------------------------------------


def upload_pdf(client, agreement, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    url = change_url(agreement)
    data = admin_post_data(client.get(url))
    data["document"] = SimpleUploadedFile("avtale.pdf", b"%PDF-1.7\n1 0 obj\n%%EOF\n")
    assert client.post(url, data).status_code == 302
    agreement.refresh_from_db()
    return agreement


def test_uploaded_pdf_is_served_with_the_right_type(client, editor_client, settings, tmp_path):
    agreement = upload_pdf(
        editor_client, Agreement.objects.get(municipality__slug="drammen"), settings, tmp_path
    )
    html = client.get("/kommuner/drammen/").content.decode()
    link = f"/avtaler/{agreement.pk}/avtale.pdf"
    assert f'href="{link}"' in html
    response = client.get(link)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    response.close()


def test_missing_file_never_shows_as_a_broken_link(client, editor_client, settings, tmp_path):
    agreement = upload_pdf(
        editor_client, Agreement.objects.get(municipality__slug="drammen"), settings, tmp_path
    )
    (tmp_path / agreement.document.name).unlink()
    html = client.get("/kommuner/drammen/").content.decode()
    assert f"/avtaler/{agreement.pk}/avtale.pdf" not in html
    assert "Avtaledokumentet er ikke lagt inn her ennå" in html
    assert client.get(f"/avtaler/{agreement.pk}/avtale.pdf").status_code == 404


def test_draft_agreements_document_is_not_public(client, editor_client, settings, tmp_path, drafts):
    agreement = upload_pdf(editor_client, drafts["agreement"], settings, tmp_path)
    assert client.get(f"/avtaler/{agreement.pk}/avtale.pdf").status_code == 404
    preview = editor_client.get(f"/avtaler/{agreement.pk}/avtale.pdf?forhandsvis=1")
    assert preview.status_code == 200
    preview.close()


# --- admin usability --------------------------------------------------------------


def test_every_editable_field_has_norwegian_help_text():
    missing = []
    for label in ("municipalities", "programs", "pages"):
        for model in apps.get_app_config(label).get_models():
            if model._meta.model_name.startswith("historical"):
                continue
            for field in model._meta.get_fields():
                editable = getattr(field, "editable", False) and not field.auto_created
                if not editable or field.name.endswith(("_nb", "_nn", "_en")):
                    continue
                if not (field.concrete or field.many_to_many):
                    continue
                if not field.help_text:
                    missing.append(f"{model.__name__}.{field.name}")
    assert missing == []


def test_change_form_offers_preview_history_and_publishing(editor_client, drafts):
    html = editor_client.get(change_url(drafts["municipality"])).content.decode()
    assert "/kommuner/alesund/?forhandsvis=1" in html
    assert "Historikk og gjenoppretting" in html
    assert 'name="_publish"' in html
    assert "Utkast:" in html
    agreement_form = editor_client.get(change_url(drafts["agreement"])).content.decode()
    assert re.search(r"/kommuner/drammen/\?forhandsvis=1#avtale-\d+", agreement_form)
    assert "data-autocomplete-light" not in agreement_form  # Django's own autocomplete:
    assert "admin-autocomplete" in agreement_form


# --- from the review: edge cases of the editing workflow ------------------------------


def test_unpublishing_takes_the_entries_out_of_the_feed(client):
    oslo = Municipality.objects.get(slug="oslo")
    oslo.save()
    assert "Oslo: " in client.get("/endringer.atom").content.decode()
    oslo.unpublish()
    assert "Oslo: " not in client.get("/endringer.atom").content.decode()


def test_area_saved_on_its_own_makes_an_open_municipality_form_stale(editor_client):
    drammen = Municipality.objects.get(slug="drammen")
    drammen.save()
    stale = admin_post_data(editor_client.get(change_url(drammen)))
    area = Area.objects.get(slug="stromso")
    area_data = admin_post_data(editor_client.get(change_url(area)))
    area_data["description_nb"] = "Skrevet i områdeskjemaet."
    assert editor_client.post(change_url(area), area_data).status_code == 302
    response = editor_client.post(change_url(drammen), stale)
    assert response.status_code == 200
    assert "Ikke lagret" in response.content.decode()
    area.refresh_from_db()
    assert area.description_nb == "Skrevet i områdeskjemaet."


def test_form_without_its_version_is_refused(editor_client):
    agreement = Agreement.objects.get(municipality__slug="drammen")
    data = admin_post_data(editor_client.get(change_url(agreement)))
    del data["edit_version"]
    data["purpose_nb"] = "Uten versjon."
    response = editor_client.post(change_url(agreement), data)
    assert response.status_code == 200
    agreement.refresh_from_db()
    assert agreement.purpose_nb != "Uten versjon."


def test_publishing_from_the_list_does_not_make_an_open_form_stale(editor_client, drafts):
    conference = drafts["conference"]
    data = admin_post_data(editor_client.get(change_url(conference)))
    editor_client.post(
        reverse("admin:programs_conference_changelist"),
        {"action": "publish_selected", "_selected_action": [conference.pk]},
    )
    data["place"] = "Molde"
    assert editor_client.post(change_url(conference), data).status_code == 302
    conference.refresh_from_db()
    assert conference.place == "Molde"
    assert conference.published_at is not None


@pytest.mark.parametrize("year", ["0", "-3", "99999", "abc"])
def test_agreement_list_year_filter_takes_any_value(editor_client, year):
    response = editor_client.get(f"/admin/programs/agreement/?year={year}")
    assert response.status_code in (200, 302)


def test_open_data_of_a_renamed_municipality_keeps_its_address(client):
    drammen = Municipality.objects.get(slug="drammen")
    drammen.slug = "drammen-kommune"
    drammen.save()
    response = client.get("/data/kommuner/drammen.json")
    assert response.status_code == 301
    assert response["Location"] == "/data/kommuner/drammen-kommune.json"


@pytest.mark.parametrize("kind", ["focus area", "grant"])
def test_a_child_saved_on_its_own_moves_last_change_and_reaches_the_feed(
    editor_client, client, editor, kind
):
    bergen = Municipality.objects.get(slug="bergen")
    long_ago = timezone.now() - timezone.timedelta(days=400)
    Municipality.objects.filter(pk=bergen.pk).update(updated_at=long_ago)
    Agreement.objects.filter(municipality=bergen).update(updated_at=long_ago)
    Area.objects.filter(municipality=bergen).update(updated_at=long_ago)
    if kind == "focus area":
        child = FocusArea.objects.filter(agreement__municipality=bergen).first()
        field, value, label = "title_nb", "Ny tittel fra innsatsområdeskjemaet", "innsatsområder"
    else:
        child = Grant.objects.filter(municipality=bergen).first()
        field, value, label = "amount", "1000000", "tilskudd"
    data = admin_post_data(editor_client.get(change_url(child)))
    data[field] = value

    assert editor_client.post(change_url(child), data).status_code == 302

    bergen.refresh_from_db()
    assert bergen.last_modified().date() == timezone.localdate()
    page = client.get("/kommuner/bergen/").content.decode()
    assert f'datetime="{timezone.localdate().isoformat()}T' in page
    feed = client.get("/endringer.atom").content.decode()
    assert f"Endret: {label}." in feed
