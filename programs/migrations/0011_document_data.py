"""The library's data after its schema (0010): on PostgreSQL, rows updated in the
same transaction as the schema changes would block the new indexes."""

import django.utils.timezone
from django.db import migrations

KIND_CODES = {"meld_st": "white_paper", "prop_s": "budget_proposition"}


def library_codes(apps, schema_editor):
    """The old kinds get the library's codes; documents there before stay public."""
    for name in ("Document", "HistoricalDocument"):
        model = apps.get_model("programs", name)
        for old, new in KIND_CODES.items():
            model.objects.filter(kind=old).update(kind=new)
    apps.get_model("programs", "Document").objects.filter(published_at__isnull=True).update(
        published_at=django.utils.timezone.now()
    )


def forget_old_permissions(apps, schema_editor):
    """The renamed model's old permissions: the new ones are made after migrate."""
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="programs", codename__endswith="policydocument"
    ).delete()


def old_codes(apps, schema_editor):
    for name in ("Document", "HistoricalDocument"):
        model = apps.get_model("programs", name)
        for old, new in KIND_CODES.items():
            model.objects.filter(kind=new).update(kind=old)


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0010_document_fields"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(library_codes, old_codes),
        migrations.RunPython(forget_old_permissions, migrations.RunPython.noop),
    ]
