"""Create the table of Django's database cache, so `migrate` is all a new site needs.

The cache holds rate-limit counters shared by every process (settings CACHES).
createcachetable does nothing when the table exists or CACHES names no
database cache, so this is safe to run on any configuration.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_initial")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
