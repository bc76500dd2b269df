"""PostgreSQL indexes for searching initiatives: full text over the title and
texts, trigram similarity over the title.

They exist only on PostgreSQL; the embedded SQLite default searches without
them. The full-text expression must stay the same as
``projects.selectors.SEARCH_VECTOR`` for the planner to use the index.
"""

from django.db import migrations

FULL_TEXT = (
    "to_tsvector('simple'::regconfig, "
    "COALESCE(title, '') || ' ' || COALESCE(summary, '') || ' ' || "
    "COALESCE(city, '') || ' ' || COALESCE(description, '') || ' ' || "
    "COALESCE(partners_sought, ''))"
)

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS projects_initiative_title_trgm "
    "ON projects_initiative USING gin (title gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS projects_initiative_full_text "
    f"ON projects_initiative USING gin ({FULL_TEXT})",
]
DROP = [
    "DROP INDEX IF EXISTS projects_initiative_full_text",
    "DROP INDEX IF EXISTS projects_initiative_title_trgm",
]


def _run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_registry_moderators")]

    operations = [
        migrations.RunPython(_run_on_postgresql(CREATE), _run_on_postgresql(DROP))
    ]
