from django.db import migrations


def create_row(apps, schema_editor):
    ContentVersion = apps.get_model("omradesatsing", "ContentVersion")
    ContentVersion.objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("omradesatsing", "0002_content_version")]

    operations = [migrations.RunPython(create_row, migrations.RunPython.noop)]
