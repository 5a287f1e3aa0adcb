"""On PostgreSQL: the pg_trgm extension and a GIN trigram index on ``Person.search_text``
(DESIGN.md §5: candidate blocking through ``pg_trgm`` on PostgreSQL). Nothing on SQLite, where
candidates come from the key table alone."""

from django.db import migrations

INDEX = "persons_person_search_text_trgm"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON persons_person USING gin (search_text gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("persons", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
