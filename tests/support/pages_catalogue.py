"""Every page type of the public site, with a fact each must show from the fixtures.

Shared by the page tests, the browser tests and the HTML validation, so a new
page type is added in one place and is then checked everywhere.
"""

PAGE_TYPES = {
    # name: (path, facts that must appear in the HTML)
    "home": ("/", ["Områdesatsinger i norske byer", "Drammen", "Tromsø", "Aktiv til 2030"]),
    "municipality_list": ("/kommuner/", ["Indre Østfold", "Loddefjord og Olsvik", "Vestland"]),
    "municipality_detail": (
        "/kommuner/drammen/",
        ["Strømsø", "Aktiv til 2030", "Sysselsetting", "Kommunal- og distriktsdepartementet"],
    ),
    "municipality_detail_announced": ("/kommuner/tromso/", ["Kunngjort 2024", "Prop. 1 S"]),
    "agreements": ("/avtaler/", ["Avsluttet 2024", "Undertegnet 16. november 2023."]),
    "themes": ("/tema/", ["Frafall i videregående skole", "Sarpsborg"]),
    "theme_detail": ("/tema/arbeid/", ["Å få flere i arbeid", "Drammen"]),
    "bodies": ("/departementer/", ["Integrerings- og mangfoldsdirektoratet", "Husbanken"]),
    "conferences": ("/konferanser/", ["Erfaringskonferanse 2024", "Bynettverket"]),
    "conference_detail": (
        "/konferanser/erfaringskonferanse-2024/",
        ["26.–27. september 2024", "Oslo", "Den 4. erfaringskonferansen"],
    ),
    "pages": ("/om/", ["Erstatter ikke ordinær drift"]),
    "page_detail": ("/om/kunnskapsoverforing/", ["Storbynettverket", "Bynettverket"]),
    "page_documents": (
        "/om/styringsdokumenter/",
        ["Meld. St. 28 (2022–2023)", "Gode bysamfunn med små skilnader"],
    ),
    "accessibility": ("/tilgjengelighet/", ["WCAG 2.1"]),
    "documents": (
        "/dokumenter/",
        ["Meld. St. 28 (2022–2023)", "Samarbeidsavtalen mellom Drammen kommune og staten"],
    ),
    "documents_filtered": (
        "/dokumenter/?kommune=drammen",
        ["Samarbeidsavtalen mellom Drammen kommune og staten", "Drammen kommune"],
    ),
    "document_detail": (
        "/dokumenter/samarbeidsavtalen-mellom-drammen-kommune-og-staten/",
        ["Strømsø", "Samarbeidsavtale med Drammen kommune", "regjeringen.no"],
    ),
    # One with a long address of its own, shown in full.
    "document_detail_linked": (
        "/dokumenter/prop-1-s-2023-2024/",
        ["https://www.regjeringen.no/no/dokumenter/prop.-1-s-20232024/id2997517/", "Nynorsk"],
    ),
}

NOT_FOUND_PATH = "/kommuner/finnes-ikke/"

# Pages that look different with all 357 municipalities (tests/core/test_paging.py):
# the pager, a filtered list, the points-only map.
SCALED_PATHS = [
    "/",
    "/kommuner/?side=2",
    "/en/avtaler/?side=3",
    "/avtaler/?departement=kdd&side=2",
    "/nn/tema/?side=2",
    "/tema/arbeid/?side=2",
    "/departementer/",
]

LANGUAGE_PREFIXES = {"nb": "", "nn": "/nn", "en": "/en"}

# Page types whose h1 is a proper name, the same in every language.
PROPER_NAME_H1 = {"municipality_detail", "municipality_detail_announced"}


def localized_paths(languages=("nb", "nn", "en")):
    """{"<page type>-<language>": path} for every page type in every language."""
    return {
        f"{name}-{language}": LANGUAGE_PREFIXES[language] + path
        for language in languages
        for name, (path, _facts) in PAGE_TYPES.items()
    }
