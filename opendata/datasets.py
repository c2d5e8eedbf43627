"""The open data sets: one definition per collection, used for the files and their documentation.

A column is named once, with its type and description, and the CSV header,
the JSON field, the CSV-on-the-Web metadata and the table on /data/ all come
from that one definition, so they cannot disagree.

Field names are English snake_case and never change; text values follow the
language of the URL (/data/… bokmål, /nn/data/… nynorsk, /en/data/… English).
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from municipalities.models import Area, Municipality, MunicipalityNumber
from programs.models import Agreement, Conference, Document, FocusArea, Grant

LIST_SEPARATOR = "; "


@dataclass(frozen=True)
class Column:
    name: str
    datatype: str  # CSVW / XML Schema datatype: string, integer, date, decimal, anyURI, boolean
    description: object
    value: callable
    is_list: bool = False  # a JSON list; in CSV the items joined with LIST_SEPARATOR
    pattern: str = ""  # a regular expression every value matches, when there is one

    def render(self, obj, absolute_url=lambda path: path):
        """The value for one object; links to this site made absolute with ``absolute_url``."""
        value = self.value(obj)
        if self.datatype == "anyURI" and isinstance(value, str) and value.startswith("/"):
            return absolute_url(value)
        return value


@dataclass(frozen=True)
class Dataset:
    key: str
    title: object
    description: object
    columns: tuple
    queryset: callable

    def row(self, obj, absolute_url=lambda path: path):
        return {column.name: column.render(obj, absolute_url) for column in self.columns}

    def records(self, absolute_url=lambda path: path):
        return [self.row(obj, absolute_url) for obj in self.queryset()]


def _iso(day):
    return day.isoformat() if day else None


def _names(objects):
    return [str(o) for o in objects]


def _agreement_status(agreement):
    return agreement.status.value


def _concerned_municipalities(document):
    """The slugs of the municipalities a document concerns, directly or through agreements."""
    found = {m.slug: m.name for m in document.municipalities.all()}
    found.update((a.municipality.slug, a.municipality.name) for a in document.agreements.all())
    return sorted(found, key=found.get)


def _documents():
    return (
        Document.objects.published()
        .select_related("ministry")
        .prefetch_related(
            Prefetch(
                "municipalities",
                queryset=Municipality.objects.published().only("id", "slug", "name"),
            ),
            Prefetch(
                "agreements",
                queryset=Agreement.objects.published()
                .select_related("municipality")
                .order_by("pk"),
            ),
        )
    )


MUNICIPALITY = Column("municipality", "string", _("Kommunens navn."), lambda o: o.municipality.name)
# Text, not a number: Oslo is 0301, and the zero must survive.
KOMMUNENUMMER_PATTERN = r"^\d{4}$"
MUNICIPALITY_SLUG = Column(
    "municipality_slug",
    "string",
    _("Kommunens adressenavn; /kommuner/<slug>/ er kommunens side."),
    lambda o: o.municipality.slug,
)

DATASETS = [
    Dataset(
        "kommuner",
        _("Kommuner"),
        _("Kommunene som har eller skal få avtale om områdesatsing."),
        (
            Column("slug", "string", _("Adressenavn, stabilt over tid."), lambda m: m.slug),
            Column("name", "string", _("Kommunens navn."), lambda m: m.name),
            Column(
                "kommunenummer",
                "string",
                _(
                    "Dagens kommunenummer: fire sifre som tekst, så Oslo er 0301. Les kolonnen "
                    "som tekst i regneark, så nullen ikke forsvinner. Tidligere numre står i "
                    "«Tidligere kommunenumre»."
                ),
                lambda m: m.kommunenummer or None,
                pattern=KOMMUNENUMMER_PATTERN,
            ),
            Column("county", "string", _("Fylke."), lambda m: m.county or None),
            Column("website", "anyURI", _("Kommunens nettsted."), lambda m: m.website or None),
            Column(
                "latitude",
                "decimal",
                _("Breddegrad (WGS 84) for kartet."),
                lambda m: float(m.latitude) if m.latitude is not None else None,
            ),
            Column(
                "longitude",
                "decimal",
                _("Lengdegrad (WGS 84) for kartet."),
                lambda m: float(m.longitude) if m.longitude is not None else None,
            ),
            Column(
                "areas",
                "string",
                _("Områdene satsingen gjelder, skilt med semikolon i CSV."),
                lambda m: _names(a.name for a in m.areas.all()),
                is_list=True,
            ),
            Column("description", "string", _("Kort beskrivelse."), lambda m: m.description),
            Column(
                "page_url",
                "anyURI",
                _("Kommunens side på dette nettstedet."),
                lambda m: m.get_absolute_url(),
            ),
        ),
        lambda: Municipality.objects.published().prefetch_related("areas"),
    ),
    Dataset(
        "tidligere-kommunenumre",
        _("Tidligere kommunenumre"),
        _(
            "Kommunenumrene kommunene hadde før dagens, med datoene de gjaldt. Numrene endres "
            "ved kommune- og fylkesreformer; statistikk fra de årene bruker det gamle nummeret."
        ),
        (
            MUNICIPALITY_SLUG,
            MUNICIPALITY,
            Column(
                "kommunenummer",
                "string",
                _("Kommunenummeret i perioden: fire sifre som tekst."),
                lambda n: n.kommunenummer,
                pattern=KOMMUNENUMMER_PATTERN,
            ),
            Column(
                "valid_from", "date", _("Første dag nummeret gjaldt."), lambda n: _iso(n.valid_from)
            ),
            Column("valid_to", "date", _("Siste dag nummeret gjaldt."), lambda n: _iso(n.valid_to)),
        ),
        lambda: (
            MunicipalityNumber.objects.published()
            .select_related("municipality")
            .order_by("municipality__name", "valid_from")
        ),
    ),
    Dataset(
        "omrader",
        _("Områder"),
        _("Områdene (delområder, bydeler) der satsingene arbeider."),
        (
            MUNICIPALITY_SLUG,
            MUNICIPALITY,
            Column("slug", "string", _("Adressenavn, unikt innen kommunen."), lambda a: a.slug),
            Column("name", "string", _("Områdets navn."), lambda a: a.name),
            Column("description", "string", _("Kort beskrivelse."), lambda a: a.description),
        ),
        lambda: Area.objects.published().select_related("municipality"),
    ),
    Dataset(
        "avtaler",
        _("Avtaler"),
        _("Avtalene mellom staten og kommunene, med periode, status og parter."),
        (
            Column("id", "integer", _("Avtalens nummer, stabilt over tid."), lambda a: a.pk),
            MUNICIPALITY_SLUG,
            MUNICIPALITY,
            Column(
                "kind",
                "string",
                _("Avtaletype: samarbeidsavtale eller intensjonsavtale."),
                lambda a: a.kind,
            ),
            Column(
                "stage",
                "string",
                _("announced: kunngjort, ikke inngått; concluded: inngått."),
                lambda a: a.stage,
            ),
            Column(
                "status",
                "string",
                _(
                    "Status på datoen filen ble laget, regnet ut fra datoene: announced, "
                    "active, ended eller unknown (periode ikke oppgitt)."
                ),
                _agreement_status,
            ),
            Column("signed_on", "date", _("Dato for undertegning."), lambda a: _iso(a.signed_on)),
            Column(
                "start_year",
                "integer",
                _("Første år, når bare året er kjent."),
                lambda a: a.start_year,
            ),
            Column("end_year", "integer", _("Siste år avtalen gjelder."), lambda a: a.end_year),
            Column(
                "duration_years", "integer", _("Avtalens ramme i år."), lambda a: a.duration_years
            ),
            Column(
                "extension_possible",
                "boolean",
                _("Om avtalen kan forlenges."),
                lambda a: a.extension_possible,
            ),
            Column(
                "period_start",
                "date",
                _("Første dag i perioden, utledet av feltene over."),
                lambda a: _iso(a.period_start),
            ),
            Column(
                "period_end",
                "date",
                _("Siste dag i perioden, utledet av feltene over."),
                lambda a: _iso(a.period_end),
            ),
            Column(
                "areas",
                "string",
                _("Områdene avtalen gjelder, skilt med semikolon i CSV."),
                lambda a: _names(x.name for x in a.areas.all()),
                is_list=True,
            ),
            Column(
                "ministries",
                "string",
                _("Departementer som er part, skilt med semikolon i CSV."),
                lambda a: _names(m.name for m in a.ministries.all()),
                is_list=True,
            ),
            Column(
                "directorates",
                "string",
                _("Direktorater som er part, skilt med semikolon i CSV."),
                lambda a: _names(d.name for d in a.directorates.all()),
                is_list=True,
            ),
            Column("purpose", "string", _("Formålet, med egne ord."), lambda a: a.purpose),
            Column(
                "document_url",
                "anyURI",
                _("Lenke til avtaledokumentet, når den finnes."),
                lambda a: a.document_link or None,
            ),
        ),
        lambda: (
            Agreement.objects.published()
            .select_related("municipality")
            .prefetch_related("areas", "ministries", "directorates")
        ),
    ),
    Dataset(
        "innsatsomrader",
        _("Innsatsområder"),
        _("Avtalenes innsatsområder i rekkefølge, med temaene de bidrar til."),
        (
            Column(
                "agreement_id",
                "integer",
                _("Avtalens nummer (se avtaler)."),
                lambda f: f.agreement_id,
            ),
            Column(
                "municipality_slug",
                "string",
                MUNICIPALITY_SLUG.description,
                lambda f: f.agreement.municipality.slug,
            ),
            Column("order", "integer", _("Nummer i avtalen: 1, 2, 3 …"), lambda f: f.order),
            Column("title", "string", _("Tittel slik avtalen gir den."), lambda f: f.title),
            Column("description", "string", _("Kort beskrivelse."), lambda f: f.description),
            Column(
                "themes",
                "string",
                _("Tverrgående temaer, skilt med semikolon i CSV."),
                lambda f: _names(t.name for t in f.themes.all()),
                is_list=True,
            ),
            Column(
                "theme_slugs",
                "string",
                _("Temaenes adressenavn, skilt med semikolon i CSV."),
                lambda f: _names(t.slug for t in f.themes.all()),
                is_list=True,
            ),
        ),
        lambda: (
            FocusArea.objects.published()
            .select_related("agreement__municipality")
            .prefetch_related("themes")
            .order_by("agreement_id", "order")
        ),
    ),
    Dataset(
        "tilskudd",
        _("Tilskudd"),
        _(
            "Tilskudd over posten «Områdesatsing i byer». Beløpet er tomt når det ikke er "
            "offentliggjort."
        ),
        (
            MUNICIPALITY_SLUG,
            MUNICIPALITY,
            Column("year", "integer", _("Budsjettår."), lambda g: g.year),
            Column(
                "stage", "string", _("proposed: foreslått; allocated: tildelt."), lambda g: g.stage
            ),
            Column(
                "amount_nok",
                "decimal",
                _("Beløp i kroner; tomt når kilden ikke oppgir det."),
                lambda g: int(g.amount) if g.amount is not None else None,
            ),
            Column("budget_post", "string", _("Budsjettpost."), lambda g: g.budget_post),
            Column(
                "budget_document",
                "string",
                _("Budsjettdokumentet."),
                lambda g: g.document.reference if g.document else None,
            ),
        ),
        lambda: Grant.objects.published().select_related("municipality", "document"),
    ),
    Dataset(
        "konferanser",
        _("Konferanser"),
        _("Erfaringskonferansene om områdesatsinger."),
        (
            Column("slug", "string", _("Adressenavn, stabilt over tid."), lambda c: c.slug),
            Column("title", "string", _("Tittel."), lambda c: c.title),
            Column("ordinal", "integer", _("Nummer i rekken."), lambda c: c.ordinal),
            Column("start_date", "date", _("Første dag."), lambda c: _iso(c.start_date)),
            Column("end_date", "date", _("Siste dag."), lambda c: _iso(c.end_date)),
            Column("place", "string", _("Sted."), lambda c: c.place),
            Column(
                "organiser",
                "string",
                _("Arrangør."),
                lambda c: c.organiser.name if c.organiser else None,
            ),
            Column(
                "registration",
                "string",
                _("Påmelding: not_open, open eller closed (alltid closed etter konferansen)."),
                lambda c: c.registration_state.value,
            ),
        ),
        lambda: Conference.objects.published().select_related("organiser").order_by("start_date"),
    ),
    Dataset(
        "dokumenter",
        _("Dokumenter"),
        _(
            "Dokumentbiblioteket: avtaler, handlingsprogrammer, rapporter, evalueringer, "
            "stortingsmeldinger og budsjettproposisjoner om satsingene. Adressen er tom når "
            "den ikke er kjent."
        ),
        (
            Column("slug", "string", _("Adressenavn, stabilt over tid."), lambda d: d.slug),
            Column(
                "kind",
                "string",
                _(
                    "Type: agreement, action_programme, annual_report, evaluation, "
                    "research_report, white_paper, budget_proposition eller web_page."
                ),
                lambda d: d.kind,
            ),
            Column(
                "reference",
                "string",
                _("Offisiell betegnelse, for eksempel «Meld. St. 28 (2022–2023)»."),
                lambda d: d.reference or None,
            ),
            Column("title", "string", _("Tittel."), lambda d: d.title),
            Column("year", "integer", _("Året dokumentet kom ut."), lambda d: d.year),
            Column(
                "publisher",
                "string",
                _("Utgiver; tom når kilden ikke sier det."),
                lambda d: d.publisher_name or None,
            ),
            Column(
                "language",
                "string",
                _("Dokumentets språk: nb, nn, en eller se; tomt når det ikke er kjent."),
                lambda d: d.language or None,
            ),
            Column(
                "document_url",
                "anyURI",
                _("Der dokumentet kan leses: PDF-en på dette nettstedet eller en lenke."),
                lambda d: d.link or None,
            ),
            Column(
                "municipality_slugs",
                "string",
                _(
                    "Kommunene dokumentet gjelder, direkte eller gjennom en avtale, skilt med "
                    "semikolon i CSV. Tom for dokumenter om alle satsingene."
                ),
                _concerned_municipalities,
                is_list=True,
            ),
            Column(
                "agreement_ids",
                "integer",
                _("Avtalene dokumentet gjelder (se avtaler), skilt med semikolon i CSV."),
                lambda d: [a.pk for a in d.agreements.all()],
                is_list=True,
            ),
            Column("description", "string", _("Kort beskrivelse."), lambda d: d.description),
            Column(
                "page_url",
                "anyURI",
                _("Dokumentets side på dette nettstedet."),
                lambda d: d.get_absolute_url(),
            ),
        ),
        _documents,
    ),
]

BY_KEY = {dataset.key: dataset for dataset in DATASETS}
