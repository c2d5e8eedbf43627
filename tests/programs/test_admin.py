"""The admin of agreements and their focus areas: changes saved, bad input refused whole."""

import datetime

import pytest
from django.urls import reverse

from municipalities.models import Area
from programs.models import Agreement
from tests.support.admin_forms import admin_post_data, change_url
from tests.support.html import one, page_text, parse, text_of, texts

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:programs_agreement_changelist"


def drammen():
    return Agreement.objects.get(municipality__slug="drammen")


def focus_prefix(data):
    return next(k for k in data if k.endswith("-TOTAL_FORMS")).removesuffix("-TOTAL_FORMS")


def test_staff_changes_an_agreement_and_its_focus_areas(staff_client):
    agreement = drammen()
    url = change_url(agreement)
    data = admin_post_data(staff_client.get(url))
    data["purpose_nb"] = "Nytt formål skrevet i admin."
    prefix = focus_prefix(data)
    data[f"{prefix}-0-title_nb"] = "Sysselsetting og arbeid"
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    agreement.refresh_from_db()
    assert agreement.purpose_nb == "Nytt formål skrevet i admin."
    assert agreement.focus_areas.get(order=1).title_nb == "Sysselsetting og arbeid"


def test_end_before_start_is_refused_and_nothing_is_saved(staff_client):
    agreement = drammen()
    url = change_url(agreement)
    data = admin_post_data(staff_client.get(url))
    data["purpose_nb"] = "Denne endringen skal ikke lagres."
    data["start_year"] = "2031"  # the agreement lasts until 2030
    prefix = focus_prefix(data)
    data[f"{prefix}-0-title_nb"] = "Heller ikke denne"
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "end_year" in response.context["adminform"].form.errors
    assert text_of(parse(response), ".field-end_year ul.errorlist") == (
        "Siste år kan ikke være før første år."
    )
    agreement.refresh_from_db()
    assert agreement.start_year is None
    assert agreement.purpose_nb != "Denne endringen skal ikke lagres."
    assert agreement.focus_areas.get(order=1).title_nb == "Sysselsetting"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("document_url", "ikke en adresse"),
        ("municipality_page_url", "javascript:alert(1)"),
        ("end_year", "tjuetretti"),
        ("duration_years", "0"),
    ],
)
def test_malformed_input_gets_an_error_on_its_field(staff_client, field, value):
    agreement = drammen()
    url = change_url(agreement)
    data = admin_post_data(staff_client.get(url))
    data[field] = value
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert parse(response).select(f".field-{field} ul.errorlist li")
    agreement.refresh_from_db()
    assert agreement.end_year == 2030
    assert agreement.document_url != value
    assert agreement.municipality_page_url != value


def test_area_from_another_municipality_is_refused(staff_client):
    agreement = drammen()
    url = change_url(agreement)
    data = admin_post_data(staff_client.get(url))
    data["areas"] = [str(Area.objects.get(name="Storhaug").pk)]
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "areas" in response.context["adminform"].form.errors
    assert list(agreement.areas.values_list("name", flat=True)) == ["Strømsø"]


def test_two_focus_areas_with_the_same_number_are_refused(staff_client):
    agreement = drammen()
    url = change_url(agreement)
    data = admin_post_data(staff_client.get(url))
    prefix = focus_prefix(data)
    data[f"{prefix}-1-order"] = "1"
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert any(response.context["inline_admin_formsets"][0].formset.errors)
    assert parse(response).select(".errornote")
    assert list(agreement.focus_areas.values_list("order", flat=True)) == [1, 2, 3, 4]


def test_agreement_form_groups_translations_per_language(staff_client):
    form = parse(staff_client.get(change_url(drammen())))

    def fieldset(heading):
        # The agreement's own fieldsets; each focus area has its language sections too.
        (found,) = [
            f
            for f in form.select("fieldset")
            if texts(f, ".fieldset-heading") == [heading]
            and not f.find_parent(class_="inline-group")
        ]
        return {tag["name"] for tag in found.select("[name]")}

    bokmal, nynorsk, english = fieldset("Bokmål"), fieldset("Nynorsk"), fieldset("Engelsk")
    assert {"purpose_nb", "programme_note_nb"} <= bokmal
    assert {"purpose_nn", "programme_note_nn"} <= nynorsk
    assert {"purpose_en", "programme_note_en"} <= english
    assert not [name for name in bokmal | nynorsk if name.endswith("_en")]
    # Bokmål is open; the other languages are folded away.
    for heading in ("Nynorsk", "Engelsk"):
        summaries = [s for s in form.select("details > summary") if page_text(s) == heading]
        assert summaries
        assert not [s for s in summaries if s.find_parent("details").get("open")]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=ended", {"Stavanger"}),
        ("status=unknown", {"Oslo", "Fredrikstad", "Kristiansand", "Sarpsborg"}),
        ("year=2030", {"Drammen"}),
        ("q=Strømsø", {"Drammen"}),
        ("q=sysselsetting", {"Oslo", "Drammen", "Fredrikstad"}),
    ],
)
def test_agreement_list_filters_and_search(staff_client, monkeypatch, query, expected):
    # Statuses follow the date; on this day Bergen's agreement (to 2026) still runs.
    monkeypatch.setattr("core.clock.today", lambda: datetime.date(2026, 11, 30))
    response = staff_client.get(reverse(CHANGELIST) + "?" + query)
    assert response.status_code == 200
    found = {a.municipality.name for a in response.context["cl"].result_list}
    assert found == expected


def covers(agreement, year):
    """Whether the agreement's period (as stored) reaches into ``year``; an open end reaches on."""
    start, end = agreement.period_start, agreement.period_end
    if start is None and end is None:
        return False
    return (start is None or start.year <= year) and (end is None or end.year >= year)


@pytest.mark.parametrize("year", [1990, 2022, 2024, 2026, 2030, 2100])
def test_year_filter_lists_exactly_the_agreements_whose_period_covers_the_year(staff_client, year):
    response = staff_client.get(reverse(CHANGELIST), {"year": str(year)})
    assert response.status_code == 200
    cl = response.context["cl"]
    listed = {agreement.pk for agreement in cl.result_list}
    assert cl.result_count == len(listed)
    expected = {a.pk for a in Agreement.objects.all() if covers(a, year)}
    assert listed == expected
    if year in (2022, 2030):  # years that tell agreements apart
        assert 0 < len(expected) < Agreement.objects.count()


@pytest.mark.parametrize("value", ["abc", "0", "-3", "99999", "1989", "2101", "2030.5", ""])
def test_year_filter_with_no_possible_year_sends_back_to_the_list_with_an_error_flag(
    lenient_client, value
):
    changelist = reverse(CHANGELIST)
    response = lenient_client.get(changelist, {"year": value})
    assert response.status_code == 302
    assert response["Location"] == f"{changelist}?e=1"
    assert lenient_client.get(response["Location"]).status_code == 200


def test_year_filter_offers_the_years_the_agreements_span(staff_client):
    filters = one(parse(staff_client.get(reverse(CHANGELIST))), "#changelist-filter")
    offered = {
        link["href"].split("year=", 1)[1].split("&", 1)[0]
        for link in filters.select("a[href*='year=']")
    }
    first = min(a.period_start.year for a in Agreement.objects.exclude(period_start=None))
    last = max(a.period_end.year for a in Agreement.objects.exclude(period_end=None))
    assert offered == {str(year) for year in range(first, last + 1)}
