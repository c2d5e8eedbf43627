"""Hold the database against the source page, not the fixture against itself.

Facts are read out of the repository's copy of the source page
(``tests/data/omradesatsinger-regjeringen.txt``) where the text has a regular
shape (lists of names, bullet lists, dates). Where it does not, a short list
below names the fact and the phrase of the source it comes from; the test
checks the phrase is in the source *and* the fact is in the database. Nothing
here is read from the fixture file.
"""

import datetime
import re
from pathlib import Path

import pytest

from municipalities.models import Area, Municipality
from programs.models import (
    Agreement,
    Conference,
    Directorate,
    Document,
    FocusArea,
    Grant,
    Ministry,
    Network,
    Theme,
)

# The repository's own copy of the source page (tests/data/), so the tests
# read nothing outside the repository.
SOURCE_PATH = Path(__file__).resolve().parent.parent / "data/omradesatsinger-regjeringen.txt"
SOURCE = SOURCE_PATH.read_text(encoding="utf-8")
# The source has non-breaking and doubled spaces; compare on single spaces.
TEXT = re.sub(r"[ \u00a0]+", " ", SOURCE)

pytestmark = pytest.mark.django_db


def split_names(listing):
    """'Oslo, Drammen og Skien.' → ['Oslo', 'Drammen', 'Skien']."""
    listing = listing.strip().rstrip(".")
    parts = re.split(r",\s*|\s+og\s+(?=[A-ZÆØÅ])", listing)
    return [p.strip() for p in parts if p.strip()]


def line_after(marker):
    lines = [line.strip() for line in TEXT.splitlines()]
    index = next(i for i, line in enumerate(lines) if line.startswith(marker))
    return next(line for line in lines[index + 1 :] if line)


def bullets_after(marker):
    """The bullet list (• …) following the first line that contains ``marker``."""
    lines = [line.strip() for line in TEXT.splitlines()]
    index = next(i for i, line in enumerate(lines) if marker in line)
    items = []
    for line in lines[index + 1 :]:
        if line.startswith("•"):
            items.append(line.lstrip("• ").strip())
        elif items and line:
            break
    return items


def normalise(text):
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"(,? og|[.;,])$", "", text).strip()  # "oppvekst og utdanning, og"
    return text.casefold()


# --- municipalities -----------------------------------------------------------


def ongoing_names():
    return split_names(line_after("Kommuner med pågående avtaler:"))


def new_2024_names():
    return split_names(line_after("I 2024 vil det inngås avtaler med følgende kommuner:"))


def test_source_lists_nine_ongoing_and_five_new_municipalities():
    # Guards the parsing below: if the lists were misread, every later test lies.
    assert len(ongoing_names()) == 9
    assert len(new_2024_names()) == 5


def test_every_municipality_of_the_source_is_in_the_database():
    names = set(ongoing_names()) | set(new_2024_names())
    in_db = set(Municipality.objects.values_list("name", flat=True))
    assert names <= in_db
    assert len(in_db) == 14


def test_ongoing_municipalities_have_an_agreement_concluded():
    for name in ongoing_names():
        assert Agreement.objects.filter(
            municipality__name=name, stage=Agreement.Stage.CONCLUDED
        ).exists(), name


def test_new_five_year_agreements_announced_for_2024():
    sentence = re.search(r"I 2024 vil staten inngå nye femårige avtaler [^.]* i ([^.]+)\.", TEXT)
    names = split_names(sentence.group(1))
    assert set(names) == set(new_2024_names()) | {"Stavanger", "Trondheim"}
    for name in names:
        announced = Agreement.objects.filter(
            municipality__name=name, stage=Agreement.Stage.ANNOUNCED
        )
        assert announced.count() == 1, name
        agreement = announced.get()
        assert agreement.start_year == 2024
        assert agreement.duration_years == 5  # "femårige"


def test_proposed_2024_grants_without_amounts():
    assert "Prop. 1 S (2023-2024)" in TEXT
    for name in ongoing_names() + new_2024_names():
        grant = Grant.objects.get(municipality__name=name, year=2024)
        assert grant.stage == Grant.Stage.PROPOSED
        assert grant.amount is None  # the source gives no amounts
        assert grant.document.reference == "Prop. 1 S (2023–2024)"
        assert grant.budget_post == "Områdesatsing i byer"
    assert "posten Områdesatsing i byer" in TEXT


# --- areas --------------------------------------------------------------------

# (municipality, area as stored, phrase in the source that names it)
AREAS = [
    ("Bergen", "Loddefjord og Olsvik", "sosial ulikhet i Loddefjord og Olsvik"),
    ("Drammen", "Strømsø", "barn og unge på Strømsø"),
    ("Fredrikstad", "Holmen/Seut/sentrum øst og vest", "Holmen/Seut/sentrum øst og vest"),
    ("Fredrikstad", "Nøkleby/Lisleby", "Nøkleby/Lisleby"),
    ("Fredrikstad", "Sellebakk/Sorgenfri", "og Sellebakk/Sorgenfri"),
    ("Kristiansand", "Sentrum", "i områdene Sentrum og Sentrum vest"),
    ("Kristiansand", "Sentrum vest", "i områdene Sentrum og Sentrum vest"),
    ("Oslo", "Tøyen", "områdeløftet på Tøyen"),
    ("Sarpsborg", "Østre bydel", "varige endringer i Østre bydel"),
    ("Skien", "Gulset", "i bydel Gulset i Skien"),
    ("Stavanger", "Storhaug", "Storhaug"),
    ("Trondheim", "Lademoen", "i bydelene Lademoen og Tempe/Sorgenfri"),
    ("Trondheim", "Tempe/Sorgenfri", "i bydelene Lademoen og Tempe/Sorgenfri"),
]


@pytest.mark.parametrize(("municipality", "area", "phrase"), AREAS)
def test_area_named_in_source_is_in_database(municipality, area, phrase):
    assert phrase in TEXT
    assert Area.objects.filter(municipality__name=municipality, name=area).exists()


def test_no_area_beyond_those_the_source_names():
    assert Area.objects.count() == len(AREAS)


# --- agreements and periods --------------------------------------------------


def only_concluded(name):
    return Agreement.objects.filter(municipality__name=name, stage=Agreement.Stage.CONCLUDED)


def test_bergen_until_2026():
    assert "Samarbeidet skal vare frem til 2026" in TEXT
    assert only_concluded("Bergen").get().end_year == 2026


def test_drammen_until_2030():
    assert "Avtalen gjelder frem til 2030" in TEXT
    assert only_concluded("Drammen").get().end_year == 2030


def test_stavanger_through_2024():
    assert "Avtalen gjelder til og med 2024" in TEXT
    assert only_concluded("Stavanger").get().end_year == 2024


def test_skien_signed_16_november_2023_for_five_years_with_extension():
    assert "16. november 2023 undertegnet stat og kommune en avtale" in TEXT
    assert "ramme på 5 år, med mulighet for forlengelse" in TEXT
    agreement = only_concluded("Skien").get()
    assert agreement.signed_on == datetime.date(2023, 11, 16)
    assert agreement.duration_years == 5
    assert agreement.extension_possible


def test_trondheim_intention_agreement_2022_five_years():
    assert "I 2022 undertegnet stat og kommune en intensjonsavtale" in TEXT
    agreement = only_concluded("Trondheim").get()
    assert agreement.kind == Agreement.Kind.INTENSJONSAVTALE
    assert agreement.start_year == 2022
    assert agreement.duration_years == 5
    assert agreement.extension_possible


def test_no_period_invented_where_the_source_gives_none():
    # Oslo, Fredrikstad, Kristiansand and Sarpsborg: the source gives no dates.
    for name in ["Oslo", "Fredrikstad", "Kristiansand", "Sarpsborg"]:
        agreement = only_concluded(name).get()
        assert agreement.signed_on is None
        assert agreement.start_year is None
        assert agreement.end_year is None
        assert agreement.duration_years is None


def test_kdd_takes_part_in_every_agreement():
    assert "Kommunal- og distriktsdepartementet deltar i alle avtaler" in TEXT
    kdd = Ministry.objects.get(name="Kommunal- og distriktsdepartementet")
    assert kdd.role == Ministry.Role.COORDINATOR
    for agreement in Agreement.objects.all():
        assert kdd in agreement.ministries.all(), agreement


# --- focus areas ---------------------------------------------------------------

# (municipality, a phrase of the source just before the bullet list, term used)
FOCUS_LISTS = [
    ("Bergen", "Satsingen har tre hovedinnsatsområder, der", "innsatsomrade"),
    ("Drammen", "Satsingen har fire hovedinnsatsområder", "innsatsomrade"),
    ("Fredrikstad", "delt inn i tre tematiske delprogrammer", "delprogram"),
    ("Kristiansand", "Det legges opp til innsatser på følgende områder", "innsatsomrade"),
    ("Oslo", "Satsingen har tre programområder", "programomrade"),
    ("Sarpsborg", "setter følgende delmål under de tre innsatsområdene", "innsatsomrade"),
    ("Skien", "fokus på følgende hovedinnsatsområder", "innsatsomrade"),
    ("Stavanger", "Satsingen har tre hovedinnsatsområder:", "innsatsomrade"),
    ("Trondheim", "enige om 5 innsatsområder", "innsatsomrade"),
]


@pytest.mark.parametrize(("municipality", "marker", "term"), FOCUS_LISTS)
def test_focus_areas_match_the_source_in_order(municipality, marker, term):
    bullets = bullets_after(marker)
    assert bullets, f"no bullet list after {marker!r}"
    agreement = only_concluded(municipality).get()
    titles = list(agreement.focus_areas.order_by("order").values_list("title_nb", flat=True))
    assert len(titles) == len(bullets)
    for title, bullet in zip(titles, bullets, strict=True):
        # Kristiansand's bullets carry an explanation after a dash; the title is
        # the part before it and the explanation is retold in our own words.
        assert normalise(title) in {normalise(bullet), normalise(bullet.split(" – ")[0])}
    assert agreement.focus_area_term == term


def test_every_focus_area_serves_a_theme_except_research():
    # Research cooperation (Trondheim) serves none of the seven goals directly.
    # Every city's focus areas are checked, not Trondheim's alone.
    without_theme = FocusArea.objects.filter(themes__isnull=True)
    assert [(fa.agreement.municipality.name, fa.title_nb) for fa in without_theme] == [
        (
            "Trondheim",
            "Forsking, utvikling og innovasjonssamarbeid gjennom Universitetskommune TRD 3.0",
        )
    ]


# --- themes, ministries, directorates -------------------------------------------


def test_the_seven_cross_cutting_themes():
    goals = bullets_after("Det jobbes blant annet med:")
    assert len(goals) == 7
    in_db = [
        normalise(g) for g in Theme.objects.order_by("order").values_list("goal_nb", flat=True)
    ]
    assert in_db == [normalise(g) for g in goals]


def test_ministries_with_kdd_as_coordinator():
    sentence = re.search(r"Departementer som er påkoblet [^.]* er ([^.]+)\.", TEXT)
    partners = split_names(sentence.group(1))
    assert len(partners) == 7
    in_db = Ministry.objects.all()
    assert {m.name_nb for m in in_db} == {*partners, "Kommunal- og distriktsdepartementet"}
    coordinator = in_db.get(role=Ministry.Role.COORDINATOR)
    assert coordinator.name_nb == "Kommunal- og distriktsdepartementet"
    assert "koordinerer statens innsats" in TEXT


def test_seven_directorates():
    sentence = re.search(r"Flere direktorater deltar [^.]*\. Dette er ([^.]+)\.", TEXT)
    listing = re.sub(r"\s*\([^)]*\)", "", sentence.group(1))  # "(IMDi)", "(og/eller NAV lokalt)"
    names = split_names(listing)
    assert len(names) == 7
    assert {d.name_nb for d in Directorate.objects.all()} == set(names)
    assert Directorate.objects.get(abbreviation="IMDi").name_nb.startswith("Integrerings-")
    assert (
        "og/eller NAV lokalt"
        in Directorate.objects.get(name_nb="Arbeids- og velferdsdirektoratet").note_nb
    )


# --- documents, conference, network ---------------------------------------------


def test_white_paper_and_budget_proposition_as_the_source_names_them():
    assert "Meld. St. 28 (2022-23) Gode bysamfunn med små skilnader" in TEXT
    white_paper = Document.objects.get(reference="Meld. St. 28 (2022–2023)")
    assert white_paper.title_nb == "Gode bysamfunn med små skilnader"
    budget = Document.objects.get(reference="Prop. 1 S (2023–2024)")
    assert budget.kind == Document.Kind.BUDGET
    assert budget.ministry.name_nb == "Kommunal- og distriktsdepartementet"


def test_fourth_erfaringskonferanse_in_oslo_26_27_september_2024():
    match = re.search(
        r"Erfaringskonferanse (\d{4}).*?den (\w+) erfaringskonferansen om områdesatsinger "
        r"i (\w+) (\d+)\. og (\d+)\. september",
        TEXT,
        flags=re.S,
    )
    year, ordinal_word, place, first, last = match.groups()
    conference = Conference.objects.get(ordinal={"fjerde": 4}[ordinal_word])
    assert conference.place == place
    assert conference.start_date == datetime.date(int(year), 9, int(first))
    assert conference.end_date == datetime.date(int(year), 9, int(last))
    assert conference.organiser.name_nb == "Kommunal- og distriktsdepartementet"
    # "Mer informasjon, program og påmelding mv. kommer."
    assert "påmelding mv. kommer" in TEXT
    assert conference.registration == Conference.Registration.NOT_OPEN


def test_bynettverket_formerly_storbynettverket():
    assert "tidligere kalt: Storbynettverket, nå Bynettverket" in TEXT
    network = Network.objects.get(name="Bynettverket")
    assert "Storbynettverket" in network.former_names
    assert network.organiser.name_nb == "Kommunal- og distriktsdepartementet"
