"""On PostgreSQL: the trigram index on ``Person.search_text`` becomes a GIN index on
``(unit_id, search_text gin_trgm_ops)`` (``btree_gin``), so that a station officer's trigram
candidates come from one index scan over the station's persons; node-wide trigram searches use
the same index (a multicolumn GIN index serves conditions on any of its columns). Nothing on
SQLite."""

from django.db import migrations

OLD = "persons_person_search_text_trgm"
NEW = "persons_person_unit_search_trgm"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {NEW} ON persons_person USING gin (unit_id, search_text gin_trgm_ops)"
    )
    schema_editor.execute(f"DROP INDEX IF EXISTS {OLD}")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {OLD} ON persons_person USING gin (search_text gin_trgm_ops)")
    schema_editor.execute(f"DROP INDEX IF EXISTS {NEW}")


class Migration(migrations.Migration):
    dependencies = [("persons", "0003_fir_party_sync")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
