"""A stored full-text document for each initiative, with a GIN index, filled
for the initiatives there are.

Searching the expression index of 0003 had PostgreSQL's planner, at its
default random_page_cost, read the whole table, parse every description
again and compute every title's trigrams; ranking parsed every match's texts
once more. The stored column is read instead
(``projects.selectors.initiatives_search``) and kept current by
``projects.services.search_vector_refresh``, whose expression must stay the
same as DOCUMENT here. The expression index is dropped: nothing uses it.

What the UPDATE below and every bulk write adds to GIN's pending list is
merged into the indexes at once (as ``search_vector_refresh`` does): until
the next vacuum each search read that whole list, and the planner, at the
default settings, read the whole table instead, comparing every title's
trigrams, which alone took longer than the page may.

Only on PostgreSQL; on the embedded SQLite the column stays empty and search
reads the texts themselves.
"""

from django.db import migrations

import projects.models.initiatives

DOCUMENT = (
    "to_tsvector('simple'::regconfig, "
    "COALESCE(title, '') || ' ' || COALESCE(summary, '') || ' ' || "
    "COALESCE(city, '') || ' ' || COALESCE(description, '') || ' ' || "
    "COALESCE(partners_sought, ''))"
)

FORWARD = [
    "DROP INDEX IF EXISTS projects_initiative_full_text",
    f"UPDATE projects_initiative SET search_vector = {DOCUMENT}",
    "SELECT gin_clean_pending_list('projects_initiative_title_trgm'::regclass)",
    "CREATE INDEX IF NOT EXISTS projects_initiative_search_vector "
    "ON projects_initiative USING gin (search_vector)",
]
BACKWARD = [
    "CREATE INDEX IF NOT EXISTS projects_initiative_full_text "
    f"ON projects_initiative USING gin ({DOCUMENT})",
    "DROP INDEX IF EXISTS projects_initiative_search_vector",
]


def _run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("projects", "0005_matching")]

    operations = [
        migrations.AddField(
            model_name="initiative",
            name="search_vector",
            field=projects.models.initiatives.SearchDocumentField(
                editable=False, null=True
            ),
        ),
        migrations.RunPython(
            _run_on_postgresql(FORWARD), _run_on_postgresql(BACKWARD)
        ),
    ]
