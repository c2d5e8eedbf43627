"""The yearly budget's grants imported from a spreadsheet in the admin (issue 14, part 7).

Files are made here (XLSX with openpyxl, CSV as Excel saves it) and sent
through the admin's own pages: upload, preview, confirmation.
"""

import datetime
import io
import re
from decimal import Decimal

import openpyxl
import pytest
import tablib
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from municipalities.models import Municipality, MunicipalityNumber
from programs.imports import (
    COLUMNS,
    AmountWidget,
    DocumentWidget,
    GrantResource,
    MunicipalityWidget,
    StageWidget,
)
from programs.models import Document, Grant
from tests.support.english_in_admin import visible_texts
from tests.support.html import one, page_text, parse, text_of, texts
from tests.support.users import logged_in, make_staff

pytestmark = pytest.mark.django_db

IMPORT = "admin:programs_grant_import"
TEMPLATE = "admin:programs_grant_import_template"
BUDGET_2024 = "Prop. 1 S (2023–2024)"
NBSP = "\N{NO-BREAK SPACE}"


def xlsx_file(rows, name="tilskudd.xlsx"):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def csv_file(text, encoding="utf-8", name="tilskudd.csv"):
    return SimpleUploadedFile(name, text.encode(encoding))


def upload(client, spreadsheet):
    """Send the file as the import page's form does (its hidden fields included)."""
    return client.post(reverse(IMPORT), {"resource": "0", "format": "", "import_file": spreadsheet})


def confirm(client, preview):
    """Press «Lagre tilskuddene» on a preview page."""
    form = one(parse(preview), "form[action$='/process_import/']")
    data = {field["name"]: field.get("value", "") for field in form.select("input[name]")}
    return client.post(form["action"], data)


def preview_rows(response):
    """The preview table as [row number, change, Kommune, År, Fase, Beløp, Budsjettdokument]."""
    soup = parse(response)
    return [texts(tr, "th, td") for tr in soup.select("table.import-preview tbody tr")]


def problems(response):
    """The problems table as {row (text): [reasons]}."""
    soup = parse(response)
    return {
        text_of(tr, "th"): texts(tr, "td li")
        for tr in soup.select("table.import-problems tbody tr")
    }


def stored_grants():
    return list(
        Grant.objects.order_by("pk").values_list(
            "municipality__name", "year", "stage", "amount", "document__reference"
        )
    )


def grant(name, year, stage):
    return Grant.objects.get(municipality__name=name, year=year, stage=stage)


def test_an_xlsx_is_previewed_then_saved_with_history_when_confirmed(editor_client, editor):
    drammen = Municipality.objects.get(name="Drammen")
    oslo = Municipality.objects.get(name="Oslo")
    oslo_history = oslo.history.count()
    before = stored_grants()
    spreadsheet = xlsx_file(
        [
            COLUMNS,
            ["Drammen", 2024, "Foreslått", "5 000 000 kr", BUDGET_2024],
            ["bergen", 2025, "tildelt", 3000000, None],
            ["Tromsø", "2025", "allocated", f"4{NBSP}000{NBSP}000", ""],
            ["Oslo", 2024, "Foreslått i statsbudsjettet", None, BUDGET_2024],
        ]
    )

    preview = upload(editor_client, spreadsheet)

    assert preview.status_code == 200
    assert preview_rows(preview) == [
        ["2", "Endres", "Drammen", "2024", "Foreslått i statsbudsjettet",
         "ikke oppgitt → 5 000 000 kr", BUDGET_2024],
        ["3", "Ny", "Bergen", "2025", "Tildelt", "3 000 000 kr", "–"],
        ["4", "Ny", "Tromsø", "2025", "Tildelt", "4 000 000 kr", "–"],
        ["5", "Uendret", "Oslo", "2024", "Foreslått i statsbudsjettet", "ikke oppgitt",
         BUDGET_2024],
    ]  # fmt: skip
    assert "Nye tilskudd: 2. Tilskudd som endres: 1. Uendret: 1." in page_text(parse(preview))
    assert stored_grants() == before, "the preview saved something"

    saved = confirm(editor_client, preview)

    assert saved.status_code == 302
    assert saved["Location"] == reverse("admin:programs_grant_changelist")
    listing = parse(editor_client.get(saved["Location"]))
    assert text_of(listing, ".messagelist li") == (
        "Importen er lagret. Nye tilskudd: 2. Endrede tilskudd: 1."
    )
    assert grant("Drammen", 2024, "proposed").amount == Decimal(5_000_000)
    bergen = grant("Bergen", 2025, "allocated")
    assert (bergen.amount, bergen.document) == (Decimal(3_000_000), None)
    assert grant("Tromsø", 2025, "allocated").amount == Decimal(4_000_000)
    assert len(stored_grants()) == len(before) + 2
    # The municipality changed, once, by the editor who imported.
    record = drammen.history.latest()
    assert (record.history_user, record.history_change_reason) == (editor, "programs.grant")
    assert oslo.history.count() == oslo_history, "an unchanged row counted as a change"
    messages = set(
        LogEntry.objects.filter(user=editor).values_list("object_repr", "change_message")
    )
    assert messages == {
        ("Drammen 2024 (foreslått i statsbudsjettet)", "Endret ved import fra regneark"),
        ("Bergen 2025 (tildelt)", "Lagt til ved import fra regneark"),
        ("Tromsø 2025 (tildelt)", "Lagt til ved import fra regneark"),
    }


@pytest.mark.parametrize(
    ("encoding", "separator"),
    [("cp1252", ";"), ("utf-8-sig", ","), ("utf-8", "\t")],
    ids=["excel-semicolon-windows-1252", "utf-8-with-bom", "tab-separated"],
)
def test_a_csv_as_spreadsheets_save_it_is_imported(editor_client, encoding, separator):
    lines = [COLUMNS, ["Indre Østfold", "2025", "Tildelt", "2 500 000 kr", ""]]
    text = "\r\n".join(separator.join(line) for line in lines) + "\r\n"

    preview = upload(editor_client, csv_file(text, encoding))

    assert preview_rows(preview) == [
        ["2", "Ny", "Indre Østfold", "2025", "Tildelt", "2 500 000 kr", "–"]
    ]
    assert confirm(editor_client, preview).status_code == 302
    assert grant("Indre Østfold", 2025, "allocated").amount == Decimal(2_500_000)


def test_bad_rows_are_named_by_spreadsheet_row_with_a_reason_and_nothing_is_saved(editor_client):
    before = stored_grants()
    versions = dict(Municipality.objects.values_list("pk", "version"))
    spreadsheet = xlsx_file(
        [
            COLUMNS,
            ["Drammen", 2025, "Tildelt", 1_000_000, BUDGET_2024],
            ["Osloo", 2025, "Tildelt", 1_000_000, None],
            [None, None, None, None, None],
            ["Bergen", 2025, "Tildelt", "fem millioner", None],
            ["Skien", 20255, "Tildelt", 1_000_000, None],
            ["Halden", 2025, "vedtatt", 1_000_000, None],
            ["Gjøvik", 2025, "Tildelt", 1_000_000, "Prop. 99 S"],
            ["drammen", 2025, "tildelt", 2_000_000, None],
        ]
    )

    response = upload(editor_client, spreadsheet)

    assert response.status_code == 200
    found = problems(response)
    assert list(found) == ["3", "5", "6", "7", "8", "9"]
    assert found["3"] == [
        "Kommune: Fant ingen kommune som heter «Osloo». Sjekk skrivemåten mot listen under "
        "Kommuner, eller legg kommunen til der først."
    ]
    assert found["5"] == [
        "Beløp: «fem millioner» er ikke et beløp i hele kroner. Skriv for eksempel 5 000 000, "
        "eller la cellen stå tom når beløpet ikke er offentliggjort."
    ]
    assert found["6"] == [
        "År: «20255» er ikke et budsjettår. Skriv året med fire sifre, for eksempel 2025."
    ]
    assert found["7"] == ["Fase: Ukjent fase «vedtatt». Skriv «Foreslått» eller «Tildelt»."]
    assert found["8"][0].startswith("Budsjettdokument: Fant ikke budsjettdokumentet «Prop. 99 S».")
    assert found["9"] == [
        "Samme kommune, år og fase som rad 2. Hvert tilskudd kan stå bare én gang i filen."
    ]
    soup = parse(response)
    assert "ingenting er lagret" in text_of(soup, ".errornote")
    assert "overskriftene står i rad 1, så første tilskudd står i rad 2" in page_text(soup)
    assert not soup.select("form[action$='/process_import/']"), "a confirmation was offered"
    assert stored_grants() == before
    assert dict(Municipality.objects.values_list("pk", "version")) == versions


def test_a_file_that_changes_nothing_offers_nothing_to_save(editor_client):
    same = xlsx_file([COLUMNS, ["Oslo", 2024, "Foreslått", None, BUDGET_2024]])
    response = upload(editor_client, same)
    soup = parse(response)
    assert not soup.select("form[action$='/process_import/']")
    assert "Det er ingenting å lagre." in page_text(soup)
    assert [row[1] for row in preview_rows(response)] == ["Uendret"]

    blank = xlsx_file([COLUMNS, [None] * 5, ["", " ", "", "", ""]])
    soup = parse(upload(editor_client, blank))
    assert not soup.select("form[action$='/process_import/']")
    assert "Fant ingen tilskudd i filen." in page_text(soup)


def test_a_blank_csv_line_keeps_the_row_numbers_of_the_lines_after_it(editor_client):
    text = "Kommune,År,Fase,Beløp\nDrammen,2025,Tildelt,1\n\nOsloo,2025,Tildelt,\n"

    response = upload(editor_client, csv_file(text))

    assert list(problems(response)) == ["4"]


def test_a_row_gone_bad_since_the_preview_saves_nothing_at_the_confirmation(editor_client):
    document = Document.objects.create(
        reference="Prop. 1 S (2024–2025)",
        slug="prop-1-s-2024-2025",
        kind="budget_proposition",
        title="Prop. 1 S",
    )
    spreadsheet = xlsx_file(
        [
            COLUMNS,
            ["Bergen", 2025, "Tildelt", 1_000_000, None],
            ["Drammen", 2025, "Tildelt", 2_000_000, "prop-1-s-2024-2025"],
        ]
    )
    preview = upload(editor_client, spreadsheet)
    assert [row[1] for row in preview_rows(preview)] == ["Ny", "Ny"]
    document.delete()  # by another editor, while this one looks at the preview
    before = stored_grants()

    response = confirm(editor_client, preview)

    assert response.status_code == 200
    assert list(problems(response)) == ["3"]
    assert stored_grants() == before, "the good row was saved without the bad one"


def test_many_rows_for_one_municipality_make_one_change_of_it(editor_client, editor):
    drammen = Municipality.objects.get(name="Drammen")
    version, records = drammen.version, drammen.history.count()
    rows = [
        ["Drammen", year, stage, 1_000_000, None]
        for year in (2025, 2026)
        for stage in ("Foreslått", "Tildelt")
    ]

    confirm(editor_client, upload(editor_client, xlsx_file([COLUMNS, *rows])))

    drammen.refresh_from_db()
    assert drammen.grants.filter(year__in=[2025, 2026]).count() == 4
    assert drammen.version == version + 1
    assert drammen.history.count() == records + 1
    assert drammen.history.latest().history_user == editor


def test_the_resource_records_the_user_it_is_given_and_a_dry_run_keeps_nothing(editor):
    dataset = tablib.Dataset(["Skien", 2025, "Tildelt", "750 000", ""], headers=COLUMNS)

    trial = GrantResource().import_data(dataset, dry_run=True, user=editor)
    assert not trial.problems
    assert not Grant.objects.filter(municipality__name="Skien", year=2025).exists()

    dataset = tablib.Dataset(["Skien", 2025, "Tildelt", "750 000", ""], headers=COLUMNS)
    GrantResource().import_data(dataset, user=editor)
    assert grant("Skien", 2025, "allocated").amount == Decimal(750_000)
    record = Municipality.objects.get(name="Skien").history.latest()
    assert (record.history_user, record.history_change_reason) == (editor, "programs.grant")


@pytest.mark.parametrize(
    "written",
    [
        "5 000 000", "5000000", "5 000 000 kr", f"5{NBSP}000{NBSP}000 kr", "5\u202f000\u202f000",
        "kr 5 000 000", "5.000.000", "5 000 000,-", "5000000,00", 5_000_000, 5_000_000.0,
    ],
)  # fmt: skip
def test_amounts_are_read_as_people_write_them(written):
    assert AmountWidget().clean(written) == Decimal(5_000_000)


@pytest.mark.parametrize("written", ["fem", "5,5", "5 mill.", "-100", 5.5, "1e6"])
def test_amounts_that_are_no_whole_kroner_are_refused(written):
    with pytest.raises(ValueError, match=r"Beløpet|beløp i hele kroner"):
        AmountWidget().clean(written)


@pytest.mark.parametrize("written", [None, "", "  "])
def test_an_empty_amount_is_not_published(written):
    assert AmountWidget().clean(written) is None


@pytest.mark.parametrize(
    ("written", "stage"),
    [
        ("Tildelt", "allocated"), ("TILDELT", "allocated"), ("allocated", "allocated"),
        ("Foreslått", "proposed"), ("foreslått i statsbudsjettet", "proposed"),
        ("proposed", "proposed"),
    ],
)  # fmt: skip
def test_a_phase_is_read_by_its_name_or_code(written, stage):
    assert StageWidget().clean(written) == stage


def test_a_municipality_is_found_by_name_in_any_case_or_by_kommunenummer():
    # The fixtures give every municipality its number (Oslo's begins with a zero).
    oslo = Municipality.objects.get(name="Oslo")
    indre_ostfold = Municipality.objects.get(name="Indre Østfold")
    assert oslo.kommunenummer == "0301"
    widget = MunicipalityWidget()

    assert widget.clean("INDRE ØSTFOLD").name == "Indre Østfold"
    assert widget.clean(" indre  østfold ").name == "Indre Østfold"
    assert widget.clean(indre_ostfold.kommunenummer).name == "Indre Østfold"
    # A number column drops the leading zero.
    assert widget.clean(301).name == "Oslo"
    assert widget.clean(301.0).name == "Oslo"
    with pytest.raises(ValueError, match="Ingen kommune på nettstedet har kommunenummer 9999"):
        widget.clean("9999")


def test_an_earlier_kommunenummer_finds_the_municipality_that_had_it():
    drammen = Municipality.objects.get(name="Drammen")
    earlier = drammen.earlier_numbers.get()  # from the fixtures: 2020–2023
    assert earlier.kommunenummer != drammen.kommunenummer
    assert MunicipalityWidget().clean(earlier.kommunenummer) == drammen


def test_todays_number_wins_and_a_shared_earlier_number_names_no_one():
    oslo = Municipality.objects.get(name="Oslo")
    bergen = Municipality.objects.get(name="Bergen")
    halden = Municipality.objects.get(name="Halden")
    for municipality in (oslo, bergen):
        MunicipalityNumber.objects.create(
            municipality=municipality,
            kommunenummer="1999",
            valid_from=datetime.date(1990, 1, 1),
            valid_to=datetime.date(1999, 12, 31),
        )
    MunicipalityNumber.objects.create(
        municipality=oslo,
        kommunenummer=halden.kommunenummer,
        valid_from=datetime.date(1980, 1, 1),
        valid_to=datetime.date(1989, 12, 31),
    )
    widget = MunicipalityWidget()

    assert widget.clean(halden.kommunenummer) == halden
    with pytest.raises(ValueError, match="1999 har tidligere vært brukt av flere kommuner"):
        widget.clean("1999")


def test_a_budget_document_is_found_by_reference_with_either_dash_or_by_slug():
    widget = DocumentWidget()

    assert widget.clean("Prop. 1 S (2023-2024)").reference == BUDGET_2024
    assert widget.clean("prop. 1 s (2023–2024)").reference == BUDGET_2024
    assert widget.clean("prop-1-s-2023-2024").reference == BUDGET_2024
    assert widget.clean("") is None


def test_headers_are_matched_loosely_and_a_missing_one_is_named(editor_client):
    loose = xlsx_file(
        [["kommune", "Budsjettår", "FASE", "Beløp (kr)"], ["Larvik", 2025, "Tildelt", 9]]
    )
    (row,) = preview_rows(upload(editor_client, loose))
    assert row[:6] == ["2", "Ny", "Larvik", "2025", "Tildelt", "9 kr"]

    lacking = xlsx_file([["Kommune", "År", "Beløp"], ["Larvik", 2025, 9]])
    found = problems(upload(editor_client, lacking))
    assert list(found) == ["Hele filen"]
    assert found["Hele filen"][0].startswith("Fant ikke kolonnen «Fase».")


def test_a_file_of_another_kind_is_refused_in_norwegian(editor_client):
    pdf = SimpleUploadedFile("tilskudd.pdf", b"%PDF-1.7")
    response = upload(editor_client, pdf)
    assert texts(parse(response), ".errorlist li") == [
        "«tilskudd.pdf» er verken et Excel-regneark (.xlsx) eller en CSV-fil (.csv)."
    ]

    broken = SimpleUploadedFile("tilskudd.xlsx", b"not a zip file")
    response = upload(editor_client, broken)
    (error,) = texts(parse(response), ".errorlist li")
    assert error.startswith("Filen kunne ikke leses (")


def test_a_second_confirmation_saves_nothing_more(editor_client):
    preview = upload(editor_client, xlsx_file([COLUMNS, ["Bergen", 2025, "Tildelt", 1, None]]))
    confirm(editor_client, preview)
    count = Grant.objects.count()

    again = confirm(editor_client, preview)

    assert again.status_code == 302
    assert again["Location"] == reverse(IMPORT)
    shown = texts(parse(editor_client.get(reverse(IMPORT))), ".messagelist li")
    assert shown[-1] == "Filen fra forhåndsvisningen finnes ikke lenger. Last den opp på nytt."
    assert Grant.objects.count() == count


def test_the_template_has_the_columns_and_imports_back(editor_client):
    page = parse(editor_client.get(reverse(IMPORT)))
    assert one(page, "a[download]")["href"] == reverse(TEMPLATE)
    response = editor_client.get(reverse(TEMPLATE))
    assert response["Content-Disposition"] == 'attachment; filename="tilskudd-mal.xlsx"'
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    assert [cell.value for cell in sheet[1]] == COLUMNS
    sheet.append(["Sarpsborg", 2025, "Tildelt", 1_250_000, BUDGET_2024])
    buffer = io.BytesIO()
    workbook.save(buffer)

    preview = upload(editor_client, SimpleUploadedFile("mal.xlsx", buffer.getvalue()))

    assert preview_rows(preview) == [
        ["2", "Ny", "Sarpsborg", "2025", "Tildelt", "1 250 000 kr", BUDGET_2024]
    ]


@pytest.mark.parametrize(
    "permissions",
    [["view_grant"], ["view_grant", "add_grant"], ["view_grant", "change_grant"]],
    ids=["reader", "may-add-only", "may-change-only"],
)
def test_a_user_who_may_not_add_and_change_grants_gets_no_import(permissions):
    client = logged_in(make_staff("leser", permissions=permissions))
    listing = parse(client.get(reverse("admin:programs_grant_changelist")))
    assert not listing.select("a.import_link")
    assert client.get(reverse(IMPORT)).status_code == 403
    assert client.get(reverse(TEMPLATE)).status_code == 403
    spreadsheet = xlsx_file([COLUMNS, ["Bergen", 2025, "Tildelt", 1, None]])
    assert upload(client, spreadsheet).status_code == 403
    process = reverse("admin:programs_grant_process_import")
    confirmation = {"import_file_name": "x", "original_file_name": "x.xlsx", "format": "0"}
    assert client.post(process, confirmation).status_code == 403
    assert not Grant.objects.filter(year=2025).exists()


def test_an_editor_finds_the_import_on_a_list_that_reads_like_the_spreadsheet(editor_client):
    Grant.objects.filter(municipality__name="Drammen").update(amount=5_000_000)
    listing = parse(editor_client.get(reverse("admin:programs_grant_changelist")))
    assert text_of(listing, "a.import_link") == "Importer fra regneark"
    assert one(listing, "a.import_link")["href"] == reverse(IMPORT)
    rows = {
        texts(tr, "th, td")[1]: texts(tr, "td") for tr in listing.select("#result_list tbody tr")
    }
    assert rows["Drammen"][-2:] == ["5 000 000 kr", BUDGET_2024]
    assert rows["Oslo"][-2:] == ["ikke oppgitt", BUDGET_2024]


# The words of import-export's own pages (its templates, forms and messages).
ENGLISH = re.compile(
    r"\b(Import|Submit|Confirm|File to import|Format|Resource|Preview|New|Update|Skipped|"
    r"Delete|Errors?|Line number|Row|This importer|Below is|Some rows|Non field|through|"
    r"encountered|No valid data|finished)\b"
)


def visible_words(response):
    """The page's text, its buttons and what a screen reader or a tooltip reads out."""
    return " ".join(visible_texts(response.content))


def test_the_import_pages_have_no_english_from_import_export(editor_client):
    pages = {
        "upload": editor_client.get(reverse(IMPORT)),
        "preview": upload(editor_client, xlsx_file([COLUMNS, ["Bergen", 2025, "Tildelt", 1, ""]])),
        "problems": upload(editor_client, xlsx_file([COLUMNS, ["Osloo", 2025, "x", "y", "z"]])),
        "unreadable": upload(editor_client, SimpleUploadedFile("x.xlsx", b"not a zip file")),
    }
    english = {}
    for name, response in pages.items():
        assert response.status_code == 200, name
        soup = parse(response)
        assert soup.html["lang"] == "nb"
        assert not soup.select("select"), "a choice of format (import-export's) is shown"
        found = ENGLISH.findall(visible_words(response))
        english.update({name: found} if found else {})
    assert english == {}
