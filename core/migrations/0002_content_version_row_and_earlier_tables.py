"""The content version's one row, and the rows of the app these models lived in before.

Until November 2026 ContentVersion and SlugHistory belonged to the project
package (app label ``omradesatsing``). A database made then still has their
tables: the slug history (old addresses that must keep redirecting) is
copied over and the content version continues above the old number. The old
tables are left in place, so the earlier release still runs if a deploy is
rolled back; the README says how to drop them once that is no longer wanted.
A new database has none and skips that.
"""

from django.db import migrations

EARLIER = {
    "contentversion": "omradesatsing_contentversion",
    "slughistory": "omradesatsing_slughistory",
}


def adopt_earlier_tables(apps, schema_editor):
    connection = schema_editor.connection
    existing = set(connection.introspection.table_names())
    quote = connection.ops.quote_name
    ContentVersion = apps.get_model("core", "ContentVersion")
    SlugHistory = apps.get_model("core", "SlugHistory")
    version = 1
    with connection.cursor() as cursor:
        if EARLIER["contentversion"] in existing:
            cursor.execute(f"SELECT MAX(version) FROM {quote(EARLIER['contentversion'])}")
            version = (cursor.fetchone()[0] or 0) + 1
        if EARLIER["slughistory"] in existing:
            cursor.execute(
                f"INSERT INTO {quote(SlugHistory._meta.db_table)} "
                "(content_type_id, object_id, slug, created_at) "
                "SELECT content_type_id, object_id, slug, created_at "
                f"FROM {quote(EARLIER['slughistory'])}"
            )
    ContentVersion.objects.using(connection.alias).update_or_create(
        pk=1, defaults={"version": version}
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(adopt_earlier_tables, migrations.RunPython.noop)]
