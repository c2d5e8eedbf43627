"""Querysets compiled once and run again with new values (omradesatsing.prepared)."""

import pytest
from django.db.models import Q
from django.utils import translation

from municipalities.models import Area, Municipality
from omradesatsing.prepared import prepared_query
from programs.models import Agreement, FocusArea

pytestmark = pytest.mark.django_db


def counting(build):
    """``build`` that counts how often it is asked for a queryset, i.e. compiled."""

    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        return build(*args, **kwargs)

    wrapper.calls = 0
    wrapper.__qualname__ = build.__qualname__
    return wrapper


def test_sql_is_compiled_once_and_rerun_with_each_value():
    build = counting(lambda municipality_id: Area.objects.filter(municipality_id=municipality_id))
    areas_of = prepared_query(build)
    for municipality in Municipality.objects.all():
        expected = list(Area.objects.filter(municipality=municipality))
        assert areas_of(municipality.pk) == expected
    assert build.calls == 1


def test_results_are_read_afresh_not_cached():
    oslo = Municipality.objects.get(slug="oslo")
    areas_of = prepared_query(lambda pk: Area.objects.filter(municipality_id=pk))
    before = areas_of(oslo.pk)
    added = Area.objects.create(municipality=oslo, name="Nytt område", slug="nytt-omrade")
    assert {a.pk for a in areas_of(oslo.pk)} == {a.pk for a in before} | {added.pk}


def test_instances_carry_converted_values():
    # Dates and datetimes arrive as Python objects on SQLite too (the backend's converters run).
    agreement = Agreement.objects.exclude(period_start=None).first()
    by_pk = prepared_query(lambda pk: Agreement.objects.filter(pk=pk))
    [loaded] = by_pk(agreement.pk)
    assert loaded.period_start == agreement.period_start
    assert loaded.published_at == agreement.published_at
    assert loaded.purpose_en == agreement.purpose_en


def test_keyword_only_arguments_choose_a_separately_compiled_variant():
    agreement = Agreement.objects.first()
    Agreement.objects.filter(pk=agreement.pk).update(published_at=None)

    @prepared_query
    def agreements_of(municipality_id, *, preview):
        queryset = Agreement.objects.filter(municipality_id=municipality_id)
        return queryset if preview else queryset.published()

    municipality_id = agreement.municipality_id
    assert agreement.pk in [a.pk for a in agreements_of(municipality_id, preview=True)]
    assert agreement.pk not in [a.pk for a in agreements_of(municipality_id, preview=False)]
    with pytest.raises(TypeError, match="preview"):
        agreements_of(municipality_id)


def test_lookups_on_translated_fields_follow_the_active_language():
    focus_area = FocusArea.objects.exclude(title_en="").exclude(title_en=None).first()
    assert focus_area.title_en != focus_area.title_nb
    by_title = prepared_query(lambda title: FocusArea.objects.filter(title=title))
    assert by_title(focus_area.title_nb) == [focus_area]
    with translation.override("en"):
        assert by_title(focus_area.title_en) == [focus_area]
        assert by_title(focus_area.title_nb) == []


def test_a_value_that_never_reaches_the_sql_is_refused():
    ignores_value = prepared_query(lambda pk: Area.objects.all())
    with pytest.raises(ValueError, match="does not reach the SQL"):
        ignores_value(1)


def test_only_single_int_or_str_values_are_accepted():
    by_pks = prepared_query(lambda pks: Area.objects.filter(pk__in=pks))
    with pytest.raises(TypeError, match="int or str"):
        by_pks([1, 2])


def test_a_value_used_inside_a_pattern_is_refused():
    by_name = prepared_query(
        lambda name: Area.objects.filter(Q(slug=name) | Q(name__icontains=name))
    )
    with pytest.raises(ValueError, match="changed"):
        by_name("toyen")


def test_an_integer_against_a_small_integer_column_is_refused():
    by_order = prepared_query(lambda order: FocusArea.objects.filter(order=order))
    with pytest.raises(TypeError, match="out of range"):
        by_order(1)


def test_querysets_that_follow_relations_are_refused():
    with_agreement = prepared_query(
        lambda pk: FocusArea.objects.filter(pk=pk).select_related("agreement")
    )
    with pytest.raises(TypeError, match="plain model querysets"):
        with_agreement(1)
    as_values = prepared_query(lambda pk: FocusArea.objects.filter(pk=pk).values("title"))
    with pytest.raises(TypeError, match="plain model querysets"):
        as_values(1)
