from django.db import migrations


def create_roles(apps, schema_editor):
    from omradesatsing.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("omradesatsing", "0003_content_version_row"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("municipalities", "0004_publishing"),
        ("programs", "0004_publishing"),
        ("pages", "0003_publishing"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
