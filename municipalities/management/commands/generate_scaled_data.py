"""Fill the database with synthetic municipalities to test and measure at national scale.

For query-count tests and the benchmark only: the names say "Testkommune" and
nothing here comes from the source. Run it again with the same or a larger
--total: it adds only what is missing, numbering on from the last test
municipality. Rows go in with bulk inserts where no rule runs on save
(bulk_create sets the ids on PostgreSQL and SQLite alike); agreements are
saved one by one, so their period is derived and recorded as for any other.
"""

import os
import random
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from core import clock
from core.versions import bump
from municipalities.models import Area, Municipality
from programs.models import Agreement, FocusArea, Grant, Ministry, Theme

PREFIX = "testkommune-"


class Command(BaseCommand):
    help = "Add synthetic 'Testkommune' municipalities until there are --total (default 357)."

    def add_arguments(self, parser):
        parser.add_argument("--total", type=int, default=357)
        parser.add_argument("--agreements", type=int, default=3)
        parser.add_argument("--focus-areas", type=int, default=5)
        parser.add_argument("--seed", type=int, default=357)

    @transaction.atomic
    def handle(self, *args, total, agreements, focus_areas, seed, **options):
        # Under override_settings (tests) SETTINGS_MODULE is None: the
        # environment still names the module.
        module = settings.SETTINGS_MODULE or os.environ.get("DJANGO_SETTINGS_MODULE", "")
        if "production" in module:
            raise CommandError("Synthetic data never goes into a production database.")
        missing = max(0, total - Municipality.objects.count())
        first = self.next_number()
        # Seeded by the first number, so the same command gives the same data.
        rng = random.Random(f"{seed}-{first}")
        now = timezone.now()
        municipalities = Municipality.objects.bulk_create(
            [
                Municipality(
                    name=f"Testkommune {number:03d}",
                    slug=f"{PREFIX}{number:03d}",
                    county="Testfylke",
                    latitude=Decimal(str(round(rng.uniform(58.0, 70.5), 4))),
                    longitude=Decimal(str(round(rng.uniform(5.0, 30.0), 4))),
                    description_nb=f"Syntetisk kommune nummer {number} for ytelsestester.",
                    published_at=now,
                )
                for number in range(first, first + missing)
            ]
        )
        self.add_contents(municipalities, agreements, focus_areas, rng, now)
        bump()
        self.stdout.write(
            f"{Municipality.objects.count()} municipalities, {Agreement.objects.count()} "
            f"agreements, {FocusArea.objects.count()} focus areas."
        )

    def next_number(self):
        slugs = Municipality.objects.filter(slug__startswith=PREFIX).values_list("slug", flat=True)
        numbers = [
            int(slug.removeprefix(PREFIX)) for slug in slugs if slug[len(PREFIX) :].isdigit()
        ]
        return max(numbers, default=0) + 1

    def add_contents(self, municipalities, agreements, focus_areas, rng, now):
        Area.objects.bulk_create(
            [
                Area(municipality=m, name=f"Område {n}", slug=f"omrade-{n}", description_nb="")
                for m in municipalities
                for n in (1, 2)
            ]
        )
        kdd = Ministry.objects.filter(role=Ministry.Role.COORDINATOR).first()
        new_agreements = []
        for m in municipalities:
            for n in range(agreements):
                # One at a time: saving derives the period (programs.models.agreements).
                agreement = Agreement.objects.create(
                    municipality=m,
                    kind=Agreement.Kind.SAMARBEIDSAVTALE,
                    start_year=2014 + 5 * n,
                    duration_years=5,
                    stage=Agreement.Stage.CONCLUDED
                    if n < agreements - 1
                    else Agreement.Stage.ANNOUNCED,
                    purpose_nb="Syntetisk avtale for ytelsestester.",
                    published_at=now,
                )
                new_agreements.append(agreement)
        if kdd:
            Agreement.ministries.through.objects.bulk_create(
                [
                    Agreement.ministries.through(agreement_id=a.pk, ministry_id=kdd.pk)
                    for a in new_agreements
                ]
            )
        new_focus = FocusArea.objects.bulk_create(
            [
                FocusArea(
                    agreement=a, order=n, title_nb=f"Innsatsområde {n}", title=f"Innsatsområde {n}"
                )
                for a in new_agreements
                for n in range(1, focus_areas + 1)
            ]
        )
        themes = list(Theme.objects.all())
        if themes:
            FocusArea.themes.through.objects.bulk_create(
                [
                    FocusArea.themes.through(focusarea_id=f.pk, theme_id=rng.choice(themes).pk)
                    for f in new_focus
                ]
            )
        Grant.objects.bulk_create(
            [Grant(municipality=m, year=clock.today().year, amount=None) for m in municipalities]
        )
