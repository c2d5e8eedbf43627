"""The budget documents become the document library: renamed, with drafts and more fields."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0008_checked"),
        ("municipalities", "0009_earlier_kommunenummer"),
    ]

    operations = [
        migrations.RenameModel("PolicyDocument", "Document"),
        migrations.RenameModel("HistoricalPolicyDocument", "HistoricalDocument"),
    ]
