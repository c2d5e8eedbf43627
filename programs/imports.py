"""The yearly budget's grants from a spreadsheet (XLSX or CSV), for the admin's import.

One row per grant under the headers Kommune, År, Fase, Beløp and
Budsjettdokument (django-import-export does the reading, the preview and the
transaction). A row with the municipality, year and phase of a stored grant
changes it; any other row adds one; nothing is deleted. Every problem is
worded for the editor, in bokmål, under the row number the spreadsheet shows
(the headers are row 1, so the first grant is row 2).
"""

import contextlib
import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import openpyxl
import tablib
from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import resources
from import_export.fields import Field
from import_export.formats import base_formats
from import_export.forms import ImportForm
from import_export.instance_loaders import ModelInstanceLoader
from import_export.results import Result, RowResult
from import_export.widgets import Widget
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from core.text import parse_amount

from .models import Document, Grant
from .periods import FIRST_YEAR, LAST_YEAR

# The headers, in the template's order, each with the field it fills.
MUNICIPALITY, YEAR, STAGE, AMOUNT, DOCUMENT = "Kommune", "År", "Fase", "Beløp", "Budsjettdokument"
FIELD_COLUMNS = {
    "municipality": MUNICIPALITY,
    "year": YEAR,
    "stage": STAGE,
    "amount": AMOUNT,
    "document": DOCUMENT,
}
COLUMNS = list(FIELD_COLUMNS.values())
# Without the document column, a stored grant keeps its document.
REQUIRED_COLUMNS = [MUNICIPALITY, YEAR, STAGE, AMOUNT]
# Other headers editors are likely to write for the same column (compared
# without case, spaces or a unit in brackets).
HEADER_ALIASES = {
    MUNICIPALITY: ["kommunenavn", "kommunenummer", "kommunenr", "kommunenr."],
    YEAR: ["budsjettår"],
    STAGE: [],
    AMOUNT: ["beløpikr", "tilskudd"],
    DOCUMENT: ["dokument", "proposisjon"],
}
# The spreadsheet row of import-export's row number (1 for the first data row).
HEADER_ROWS = 1

MAX_FILE_BYTES = 5 * 1024 * 1024


def sheet_row(number):
    """The row the editor sees in the spreadsheet for import-export's row ``number``."""
    return number + HEADER_ROWS


class FileProblem(ValueError):
    """A problem with the whole file (not one row), worded for the editor."""


def _header_key(header):
    text = re.sub(r"\(.*?\)", "", str(header or ""))
    return "".join(text.split()).casefold()


_COLUMN_OF_HEADER = {
    _header_key(name): column
    for column, aliases in HEADER_ALIASES.items()
    for name in [column, *aliases]
}


def name_columns(dataset):
    """Rename the dataset's headers to the import's column names, or raise FileProblem.

    Headers are matched without case, spaces or a unit in brackets
    («beløp (kr)»), and a few other words for the same column are accepted;
    headers of other columns are left as they are and ignored.
    """
    headers = list(dataset.headers or [])
    renamed, seen = [], {}
    for header in headers:
        column = _COLUMN_OF_HEADER.get(_header_key(header))
        if column is None:
            renamed.append("" if header is None else str(header))
            continue
        if column in seen:
            raise FileProblem(
                _(
                    "Kolonnen «%(column)s» står to ganger "
                    "(overskriftene «%(first)s» og «%(second)s»)."
                )
                % {"column": column, "first": seen[column], "second": header}
            )
        seen[column] = header
        renamed.append(column)
    missing = [column for column in REQUIRED_COLUMNS if column not in seen]
    if missing:
        raise FileProblem(
            _(
                "Fant ikke kolonnen %(missing)s. Første rad i regnearket skal ha overskriftene "
                "%(columns)s. Last ned malen for å se oppsettet."
            )
            % {
                "missing": ", ".join(f"«{column}»" for column in missing),
                "columns": ", ".join(COLUMNS),
            }
        )
    dataset.headers = renamed


def _text(value):
    """A cell as text, whole numbers without «.0», runs of spaces made one."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value if value is not None else "").split())


class MunicipalityWidget(Widget):
    """A municipality by its name (any case) or its kommunenummer, today's or an
    earlier one (Drammen's 3005 from 2020–2023: budget sheets of those years use it).

    A number such as 301 is read as 0301: a spreadsheet drops the leading zero
    of a number column. Today's numbers win over earlier ones; an earlier number
    that several municipalities have had names none of them. Unknown ones are a
    ValueError that says what to do.
    """

    def __init__(self):
        super().__init__()
        self.known = None

    def municipalities(self):
        if self.known is None:
            model = Grant.parent_field().related_model
            self.known = {}
            by_pk = {}
            for municipality in model._default_manager.only("pk", "name", "kommunenummer"):
                by_pk[municipality.pk] = municipality
                self.known[("name", _text(municipality.name).casefold())] = municipality
                if municipality.kommunenummer:
                    self.known[("number", municipality.kommunenummer)] = municipality
            earlier = {}
            for pk, number in model._default_manager.filter(
                earlier_numbers__isnull=False
            ).values_list("pk", "earlier_numbers__kommunenummer"):
                earlier.setdefault(number, set()).add(pk)
            for number, pks in earlier.items():
                if ("number", number) not in self.known:
                    self.known[("number", number)] = (
                        by_pk[pks.pop()] if len(pks) == 1 else [by_pk[pk] for pk in sorted(pks)]
                    )
        return self.known

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            raise ValueError(_("Kommune mangler. Skriv kommunens navn eller kommunenummer."))
        if text.isdigit():
            number = text.zfill(4)
            found = self.municipalities().get(("number", number))
            if isinstance(found, list):
                raise ValueError(
                    _(
                        "Kommunenummer %(number)s har tidligere vært brukt av flere kommuner "
                        "(%(names)s). Skriv kommunens navn i stedet."
                    )
                    % {"number": number, "names": ", ".join(m.name for m in found)}
                )
            if found is None:
                raise ValueError(
                    _(
                        "Ingen kommune på nettstedet har kommunenummer %(number)s. Skriv "
                        "kommunens navn i stedet, eller legg inn nummeret på kommunen først."
                    )
                    % {"number": number}
                )
            return found
        found = self.municipalities().get(("name", text.casefold()))
        if found is None:
            raise ValueError(
                _(
                    "Fant ingen kommune som heter «%(name)s». Sjekk skrivemåten mot listen "
                    "under Kommuner, eller legg kommunen til der først."
                )
                % {"name": text}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class YearWidget(Widget):
    """A budget year of four digits, within the years a grant can have."""

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            raise ValueError(_("År mangler. Skriv budsjettåret, for eksempel 2025."))
        if not text.isdigit() or not FIRST_YEAR <= int(text) <= LAST_YEAR:
            raise ValueError(
                _(
                    "«%(value)s» er ikke et budsjettår. "
                    "Skriv året med fire sifre, for eksempel 2025."
                )
                % {"value": text}
            )
        return int(text)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class StageWidget(Widget):
    """A phase by its label («Tildelt»), the label's first word («Foreslått») or its code."""

    def stages(self):
        # The labels' bokmål text, whatever language is active.
        with translation.override(settings.LANGUAGE_CODE):
            known = {}
            for stage in Grant.Stage:
                label = str(stage.label).casefold()
                known.update({stage.value: stage, label: stage, label.split()[0]: stage})
        return known

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            raise ValueError(_("Fase mangler. Skriv «Foreslått» eller «Tildelt»."))
        stage = self.stages().get(text.casefold())
        if stage is None:
            raise ValueError(
                _("Ukjent fase «%(value)s». Skriv «Foreslått» eller «Tildelt».") % {"value": text}
            )
        return stage.value

    def render(self, value, obj=None, **kwargs):
        return str(Grant.Stage(value).label) if value else ""


# Whole kroner as people write them once spaces are gone: «5000000», «5.000.000»,
# «kr5000000», «5000000kr», «5000000,-», «5000000,00».
def format_amount(amount):
    """5000000 as «5 000 000 kr» (no-break spaces), as the site writes it."""
    grouped = formats.number_format(amount, decimal_pos=0, use_l10n=True, force_grouping=True)
    return f"{grouped}\N{NO-BREAK SPACE}kr"


class AmountWidget(Widget):
    """Whole kroner, not negative; an empty cell is an amount not yet published (None).

    Spaces of any kind (also no-break and thin spaces) and «kr» are allowed;
    numbers from a spreadsheet's number cells are taken as they are.
    """

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            raise ValueError(self.message(value))
        if isinstance(value, int | float | Decimal):
            amount = Decimal(str(value))
        else:
            try:
                amount = parse_amount("" if value is None else value)
            except ValueError:
                raise ValueError(self.message(value)) from None
            if amount is None:
                return None
        try:
            whole = amount == amount.to_integral_value()
        except InvalidOperation:  # infinity or NaN from a number cell
            whole = False
        if not whole:
            raise ValueError(self.message(value))
        if amount < 0:
            raise ValueError(_("Beløpet kan ikke være negativt (%(value)s).") % {"value": value})
        return Decimal(int(amount))

    def message(self, value):
        return _(
            "«%(value)s» er ikke et beløp i hele kroner. Skriv for eksempel 5 000 000, "
            "eller la cellen stå tom når beløpet ikke er offentliggjort."
        ) % {"value": _text(value)}

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else format_amount(value)


def _reference_key(text):
    # «Prop. 1 S (2023-2024)» typed with a hyphen is the same document.
    return " ".join(_text(text).replace("-", "–").split()).casefold()


class DocumentWidget(Widget):
    """A policy document by its reference («Prop. 1 S (2023–2024)») or its slug; empty is none."""

    def __init__(self):
        super().__init__()
        self.known = None

    def documents(self):
        if self.known is None:
            self.known = {}
            for document in Document.objects.only("pk", "reference", "slug"):
                self.known[_reference_key(document.reference)] = document
                self.known[document.slug] = document
        return self.known

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            return None
        found = self.documents().get(_reference_key(text)) or self.documents().get(text)
        if found is None:
            raise ValueError(
                _(
                    "Fant ikke budsjettdokumentet «%(value)s». Skriv betegnelsen slik den står "
                    "under Styringsdokumenter, for eksempel «Prop. 1 S (2023–2024)», eller la "
                    "cellen stå tom."
                )
                % {"value": text}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        return value.reference if value else ""


class GrantLoader(ModelInstanceLoader):
    """The stored grant with the row's municipality, year and phase.

    None when one of them cannot be read: the row is then treated as new, and
    reading its fields reports why.
    """

    def get_instance(self, row):
        try:
            return super().get_instance(row)
        except ValueError:
            return None


@dataclass
class Cell:
    """One value of a preview row: ``old`` is set when the import changes it."""

    new: str
    old: str | None = None


class GrantRowResult(RowResult):
    """A row's result with its spreadsheet row number and the values the preview shows."""

    def __init__(self):
        super().__init__()
        self.row = None
        self.cells = []


@dataclass
class Problem:
    """What is wrong with one spreadsheet row (``row`` None: with the whole file)."""

    row: int | None
    reasons: list


class GrantImportResult(Result):
    """An import's result, read as the import page shows it."""

    @property
    def problems(self):
        """Every problem, the file's first, then by spreadsheet row."""
        found = []
        for error in self.base_errors:
            if isinstance(error.error, FileProblem):
                found.append(Problem(None, [str(error.error)]))
            else:
                message = _("Filen kunne ikke importeres (%(error)s).") % {"error": error.error}
                found.append(Problem(None, [message]))
        for error_row in self.error_rows:
            found.append(
                Problem(
                    sheet_row(error_row.number), [unexpected(e.error) for e in error_row.errors]
                )
            )
        for invalid in self.invalid_rows:
            reasons = []
            for field, messages in invalid.error_dict.items():
                column = FIELD_COLUMNS.get(field) if field != NON_FIELD_ERRORS else None
                reasons += [f"{column}: {m}" if column else m for m in messages]
            found.append(Problem(sheet_row(invalid.number), reasons))
        return sorted(found, key=lambda problem: problem.row or 0)

    @property
    def preview(self):
        """The rows that hold a grant (blank rows left out), in the file's order."""
        return [row for row in self.rows if row.row is not None]

    @property
    def new_count(self):
        return self.totals[RowResult.IMPORT_TYPE_NEW]

    @property
    def changed_count(self):
        return self.totals[RowResult.IMPORT_TYPE_UPDATE]

    @property
    def unchanged_count(self):
        return len([row for row in self.preview if row.is_skip()])

    @property
    def has_changes(self):
        return bool(self.new_count or self.changed_count)


def unexpected(error):
    """A row's error that no check foresaw (a database error), with its own words."""
    return _("Raden kunne ikke leses eller lagres (%(error)s).") % {"error": error}


def _is_blank(row):
    return all(_text(value) == "" for value in row.values())


class GrantResource(resources.ModelResource):
    """Grants from a spreadsheet: matched on municipality, year and phase; all or nothing.

    The import runs in one transaction and saves nothing when any row is
    wrong (GrantAdmin asks for that at the confirmation too). Each
    municipality whose grants change counts as changed once, by the importing
    user (core.models.EditorialChild), however many of its rows the file has.
    A row equal to the stored grant is left alone; blank rows are skipped.
    """

    municipality = Field("municipality", MUNICIPALITY, MunicipalityWidget())
    year = Field("year", YEAR, YearWidget())
    stage = Field("stage", STAGE, StageWidget())
    amount = Field("amount", AMOUNT, AmountWidget())
    document = Field("document", DOCUMENT, DocumentWidget())

    class Meta:
        model = Grant
        fields = ("municipality", "year", "stage", "amount", "document")
        import_id_fields = ("municipality", "year", "stage")
        instance_loader_class = GrantLoader
        use_transactions = True
        clean_model_instances = True
        skip_unchanged = True
        store_instance = True
        skip_html_diff = True

    @classmethod
    def get_result_class(cls):
        return GrantImportResult

    @classmethod
    def get_row_result_class(cls):
        return GrantRowResult

    def get_queryset(self):
        return super().get_queryset().select_related("municipality", "document")

    def import_data(self, dataset, **kwargs):
        """Import ``dataset`` (see Resource.import_data) once its headers are the columns'."""
        try:
            name_columns(dataset)
        except FileProblem as problem:
            result = self.get_result_class()()
            result.append_base_error(self.get_error_result_class()(problem))
            return result
        self.first_rows = {}
        self.changed_municipalities = {}
        # Grants saved inside their municipality's saving_with_children() do
        # not each count as a change of it; after_import counts one per
        # municipality instead.
        with contextlib.ExitStack() as self.saving_children:
            return super().import_data(dataset, **kwargs)

    def import_row(self, row, instance_loader, **kwargs):
        if _is_blank(row):
            # Skipped, not removed, so the rows after it keep their numbers.
            result = self.get_row_result_class()()
            result.import_type = RowResult.IMPORT_TYPE_SKIP
            return result
        return super().import_row(row, instance_loader, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if not errors.keys() & set(self.get_import_id_fields()):
            key = (instance.municipality_id, instance.year, instance.stage)
            this = sheet_row(kwargs["row_number"])
            first = self.first_rows.setdefault(key, this)
            if first != this:
                errors.setdefault(NON_FIELD_ERRORS, []).append(
                    _(
                        "Samme kommune, år og fase som rad %(row)s. Hvert tilskudd kan stå bare "
                        "én gang i filen."
                    )
                    % {"row": first}
                )
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        municipality = instance.municipality
        if municipality.pk not in self.changed_municipalities:
            self.changed_municipalities[municipality.pk] = municipality
            self.saving_children.enter_context(municipality.saving_with_children())

    def after_import_row(self, row, row_result, **kwargs):
        row_result.row = sheet_row(kwargs["row_number"])
        original = row_result.original if row_result.is_update() else None
        for field in self.get_import_fields():
            new = self.shown(field, row_result.instance)
            old = self.shown(field, original) if original is not None else new
            row_result.cells.append(Cell(new, old if old != new else None))

    def shown(self, field, instance):
        """The field's value as the preview shows it; an empty amount is «ikke oppgitt»."""
        text = field.export(instance)
        if text:
            return text
        return _("ikke oppgitt") if field.attribute == "amount" else "–"

    def after_import(self, dataset, result, **kwargs):
        self.saving_children.close()
        for municipality in self.changed_municipalities.values():
            municipality.mark_changed(reason=Grant._meta.label_lower, user=kwargs.get("user"))
        super().after_import(dataset, result, **kwargs)


class CSV(base_formats.CSV):
    """CSV as spreadsheet programs save it.

    UTF-8 (with or without byte order mark) or, failing that, Windows-1252
    (Excel's «CSV (semikolondelt)»); separated by semicolons, commas or tabs,
    whichever the header row has most of. Blank lines are kept as blank rows,
    so every row keeps the number the editor sees.
    """

    def is_binary(self):
        # Read as bytes, so the encoding is found here rather than assumed.
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream):
        if isinstance(in_stream, bytes):
            try:
                in_stream = in_stream.decode("utf-8-sig")
            except UnicodeDecodeError:
                in_stream = in_stream.decode("cp1252")
        header_line = in_stream.split("\n", 1)[0]
        delimiter = max([";", ",", "\t"], key=header_line.count)
        rows = list(csv.reader(io.StringIO(in_stream), delimiter=delimiter))
        dataset = tablib.Dataset()
        if rows:
            width = len(rows[0])
            dataset.headers = rows[0]
            for row in rows[1:]:
                dataset.append((row + [""] * width)[:width])
        return dataset


IMPORT_FORMATS = [base_formats.XLSX, CSV]


class GrantImportForm(ImportForm):
    """The upload: one spreadsheet, its format told by its name (.xlsx or .csv)."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.format_of_extension = {f().get_extension(): str(i) for i, f in enumerate(formats)}
        upload = self.fields["import_file"]
        upload.label = gettext_lazy("Regneark")
        upload.help_text = gettext_lazy("Et Excel-regneark (.xlsx) eller en CSV-fil (.csv).")
        upload.widget.attrs = {"accept": ".xlsx,.csv"}
        self.fields["format"].required = False
        self.fields["format"].widget = forms.HiddenInput()

    @property
    def media(self):
        # Without import-export's script that picks the format from the name: done here.
        return forms.Media()

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("import_file")
        if upload is None:
            return cleaned
        extension = upload.name.rpartition(".")[2].casefold() if "." in upload.name else ""
        if extension not in self.format_of_extension:
            self.add_error(
                "import_file",
                _("«%(name)s» er verken et Excel-regneark (.xlsx) eller en CSV-fil (.csv).")
                % {"name": upload.name},
            )
        elif upload.size > MAX_FILE_BYTES:
            self.add_error(
                "import_file",
                _(
                    "Filen er for stor (mer enn %(megabytes)s MB). "
                    "Et års tilskudd får plass i langt mindre."
                )
                % {"megabytes": MAX_FILE_BYTES // (1024 * 1024)},
            )
        else:
            cleaned["format"] = self.format_of_extension[extension]
        return cleaned


def template_workbook():
    """An XLSX with the import's headers, a note on each, and the phases to choose from."""
    notes = {
        MUNICIPALITY: _(
            "Kommunens navn, for eksempel Drammen, eller kommunenummeret (fire sifre, "
            "dagens eller et tidligere)."
        ),
        YEAR: _("Budsjettåret, for eksempel 2025."),
        STAGE: _("Foreslått (i statsbudsjettet) eller Tildelt."),
        AMOUNT: _("Hele kroner, for eksempel 5 000 000. Tomt når beløpet ikke er offentliggjort."),
        DOCUMENT: _("Betegnelsen, for eksempel Prop. 1 S (2023–2024). Kan stå tomt."),
    }
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = _("Tilskudd")
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.comment = Comment(notes[cell.value], "Områdesatsinger")
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDE", [24, 10, 14, 16, 28], strict=True):
        sheet.column_dimensions[letter].width = width
    with translation.override(settings.LANGUAGE_CODE):
        phases = ",".join(str(stage.label).split()[0] for stage in Grant.Stage)
    choice = DataValidation(type="list", formula1=f'"{phases}"', allow_blank=True)
    choice.add("C2:C1000")
    sheet.add_data_validation(choice)
    # On the column, not on cells: styled empty cells would be read back as rows.
    sheet.column_dimensions["D"].number_format = "#,##0"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
