"""«Trenger oppfølging»: what an editor should look at, and marking content as checked
(issue 14, parts 5 and 6)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import clock
from municipalities.models import Municipality
from programs.models import Agreement
from tests.support.admin_forms import admin_post_data, change_url, save_through_admin
from tests.support.html import clean, parse

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def review_groups(client):
    """{heading: [(label, href)]} of the «Trenger oppfølging» section of the admin's front page.

    A group showing only its first items links the whole list; those are read from there.
    """
    section = parse(client.get(reverse("admin:index"))).select_one("section.needs-review")
    assert clean(section.h2.get_text()) == "Trenger oppfølging"
    groups = {}
    for group in section.select(".review-group"):
        items = [(clean(a.get_text()), a["href"]) for a in group.select("li a")]
        whole = group.select_one("p a")
        if whole is not None:
            listed = parse(client.get(whole["href"]))
            items = [
                (clean(row.get_text(" ")), row.select_one("a[href]")["href"].split("?")[0])
                for row in listed.select("#result_list tbody tr")
            ]
        heading = clean(group.h3.get_text())
        groups[heading.rsplit(" (", 1)[0]] = items
    return groups


def group_with(groups, heading):
    """The items of the group with exactly this heading (model: reason), or []."""
    return groups.get(heading, [])


def links(items):
    return [href for _label, href in items]


def test_an_agreement_announced_long_ago_without_signing_is_listed(editor_client):
    tromso = Agreement.objects.get(municipality__slug="tromso")
    assert tromso.stage == Agreement.Stage.ANNOUNCED
    assert tromso.signed_on is None
    announced = "Avtaler: kunngjort for over et år siden, men uten undertegningsdato"
    items = group_with(review_groups(editor_client), announced)
    assert change_url(tromso) in [href for _label, href in items]

    # Entered as signed, it is no longer listed.
    signed = {"stage": Agreement.Stage.CONCLUDED, "signed_on": "15.03.2025"}
    assert save_through_admin(editor_client, tromso, **signed).status_code == 302
    items = group_with(review_groups(editor_client), announced)
    assert change_url(tromso) not in [href for _label, href in items]


def test_an_agreement_past_its_last_year_is_listed_until_checked(editor_client, editor):
    agreement = Agreement.objects.get(municipality__slug="drammen")
    Agreement.objects.filter(pk=agreement.pk).update(
        end_year=TODAY.year - 1, period_end=datetime.date(TODAY.year - 1, 12, 31)
    )
    agreement.refresh_from_db()
    heading = (
        "Avtaler: perioden er over: bekreft at avtalen er avsluttet, eller før inn forlengelsen"
    )
    assert change_url(agreement) in links(group_with(review_groups(editor_client), heading))

    response = editor_client.post(
        reverse("admin:programs_agreement_changelist"),
        {"action": "mark_checked_selected", "_selected_action": [agreement.pk]},
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.checked_by == editor
    assert agreement.checked_at is not None
    assert change_url(agreement) not in links(group_with(review_groups(editor_client), heading))


def test_marking_checked_is_recorded_shown_publicly_and_moves_no_version(editor_client, client):
    drammen = Municipality.objects.get(slug="drammen")
    version = drammen.version
    heading = "Kommuner: ikke kontrollert på over 12 måneder"
    assert change_url(drammen) in links(group_with(review_groups(editor_client), heading))
    assert "Sist kontrollert" not in client.get("/kommuner/drammen/").content.decode()

    data = admin_post_data(editor_client.get(change_url(drammen)))
    data["_mark_checked"] = "Lagre og marker som kontrollert"
    assert editor_client.post(change_url(drammen), data).status_code == 302
    drammen.refresh_from_db()
    assert drammen.checked_at is not None
    assert drammen.version == version

    facts = parse(client.get("/kommuner/drammen/")).select_one("dl.facts")
    assert "Sist kontrollert" in [clean(dt.get_text()) for dt in facts.select("dt")]
    history = parse(
        editor_client.get(reverse("admin:municipalities_municipality_history", args=[drammen.pk]))
    )
    assert clean(history.select_one(".change-action").get_text()) == "Markert som kontrollert"
    assert change_url(drammen) not in links(group_with(review_groups(editor_client), heading))


def test_published_content_missing_a_translation_is_listed_filtered_and_counted(editor_client):
    Municipality.objects.filter(slug="drammen").update(description_nn="")
    items = group_with(review_groups(editor_client), "Kommuner: publisert uten nynorsk tekst")
    assert change_url(Municipality.objects.get(slug="drammen")) in links(items)

    listed = parse(
        editor_client.get(reverse("admin:municipalities_municipality_changelist") + "?mangler=nn")
    )
    names = [clean(a.get_text()) for a in listed.select("#result_list th a")]
    assert "Drammen" in names
    filters = [clean(a.get_text()) for a in listed.select("#changelist-filter a")]
    assert {"Mangler nynorsk", "Mangler engelsk"} <= set(filters)

    form = parse(editor_client.get(change_url(Municipality.objects.get(slug="drammen"))))
    headings = [clean(h.get_text()) for h in form.select("fieldset h2")]
    assert "Nynorsk – 1 tekst mangler" in headings


def test_changing_an_agreements_phase_prompts_a_look_at_the_introduction(editor_client):
    tromso = Agreement.objects.get(municipality__slug="tromso")
    data = admin_post_data(editor_client.get(change_url(tromso)))
    data.update(stage=Agreement.Stage.CONCLUDED, signed_on="15.03.2025")
    response = editor_client.post(change_url(tromso), data, follow=True)
    message = clean(parse(response).select_one(".messagelist .warning").get_text())
    assert message.startswith("Fasen eller perioden er endret. Stemmer innledningen om Tromsø")
    link = parse(response).select_one(".messagelist .warning a")["href"]
    assert link == change_url(tromso.municipality)


def test_a_reader_without_change_rights_sees_no_review_list(client, django_user_model):
    viewer = django_user_model.objects.create_user("leser", password="x-Passord-123", is_staff=True)
    client.force_login(viewer)
    page = parse(client.get(reverse("admin:index")))
    assert page.select(".review-group") == []


def test_the_review_list_costs_queries_per_group_not_per_row(editor_client, request):
    def measured():
        with CaptureQueriesContext(connection) as captured:
            response = editor_client.get(reverse("admin:index"))
        groups = len(parse(response).select(".review-group"))
        return len(captured.captured_queries), groups

    editor_client.get(reverse("admin:index"))  # sessions and permissions cached
    queries, groups = measured()
    request.getfixturevalue("national_scale")  # 357 municipalities: more rows, more groups
    more_queries, more_groups = measured()
    assert more_groups > groups
    # Each group shown costs its count, its first items and the list link's keys; one rule
    # with nothing to show costs its count only. Nothing more for more rows.
    assert more_queries - queries == 2 * (more_groups - groups)
