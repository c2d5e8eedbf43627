"""manage.py generate_scaled_data: synthetic municipalities for tests and benchmarks."""

import datetime

import pytest
from django.core.management import call_command

from municipalities.models import Area, Municipality
from programs.models import Agreement, Grant

pytestmark = pytest.mark.django_db


def generate(total, **options):
    call_command("generate_scaled_data", total=total, verbosity=0, **options)


def test_running_again_adds_nothing_and_fails_nothing():
    generate(20)
    counts = Municipality.objects.count(), Area.objects.count(), Agreement.objects.count()
    generate(20)
    assert (Municipality.objects.count(), Area.objects.count(), Agreement.objects.count()) == counts


def test_a_larger_total_numbers_on_from_the_last_test_municipality():
    generate(20)
    generate(25)
    slugs = sorted(
        Municipality.objects.filter(slug__startswith="testkommune-").values_list("slug", flat=True)
    )
    assert Municipality.objects.count() == 25
    assert slugs == [f"testkommune-{n:03d}" for n in range(1, len(slugs) + 1)]
    newest = Municipality.objects.get(slug=slugs[-1])
    assert newest.areas.count() == 2
    assert newest.agreements.count() == 3


def test_grants_are_for_this_year_by_the_projects_clock(monkeypatch):
    monkeypatch.setattr("core.clock.today", lambda: datetime.date(2031, 6, 1))
    generate(16)
    synthetic = Grant.objects.filter(municipality__slug__startswith="testkommune-")
    assert set(synthetic.values_list("year", flat=True)) == {2031}


def test_agreements_use_the_stages_and_get_their_periods():
    generate(16, agreements=3)
    synthetic = Agreement.objects.filter(municipality__slug__startswith="testkommune-")
    assert set(synthetic.values_list("stage", flat=True)) == set(Agreement.Stage.values)
    assert not synthetic.filter(period_start__isnull=True).exists()
    last = synthetic.order_by("-start_year").first()
    assert last.stage == Agreement.Stage.ANNOUNCED
    assert (last.period_start, last.period_end) == last.bounds
