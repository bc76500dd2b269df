"""PostgreSQL indexes for searching the registry: full text over the names and
texts, trigram similarity over the names (for search and the duplicate check).

They exist only on PostgreSQL; the embedded SQLite default searches without
them. The full-text expression must stay the same as
``partners.selectors.SEARCH_VECTOR`` for the planner to use the index.
"""

from django.db import migrations

FULL_TEXT = (
    "to_tsvector('simple'::regconfig, "
    "COALESCE(name, '') || ' ' || COALESCE(short_name, '') || ' ' || "
    "COALESCE(city, '') || ' ' || COALESCE(description, '') || ' ' || "
    "COALESCE(offers, '') || ' ' || COALESCE(seeks, ''))"
)

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS partners_organisation_name_trgm "
    "ON partners_organisation USING gin (name gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS partners_organisation_short_name_trgm "
    "ON partners_organisation USING gin (short_name gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS partners_organisation_full_text "
    f"ON partners_organisation USING gin ({FULL_TEXT})",
]
DROP = [
    "DROP INDEX IF EXISTS partners_organisation_full_text",
    "DROP INDEX IF EXISTS partners_organisation_short_name_trgm",
    "DROP INDEX IF EXISTS partners_organisation_name_trgm",
]


def _run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_organisations")]

    operations = [
        migrations.RunPython(_run_on_postgresql(CREATE), _run_on_postgresql(DROP))
    ]
