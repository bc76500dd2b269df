"""The registry's search uses its PostgreSQL indexes: if the query's expression
drifted from the index's, searching 6,000+ organisations would scan them all."""

import pytest
from django.db import connection

from partners import selectors
from partners.factories import OrganisationFactory
from partners.models import Organisation

pytestmark = pytest.mark.django_db


def _plan(queryset) -> str:
    with connection.cursor() as cursor:
        # Off so that the planner takes an index wherever one can serve.
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = queryset.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_full_text_search_uses_the_full_text_index():
    OrganisationFactory()
    queryset = selectors.organisations_search(Organisation.objects.all(), "heat")
    plan = _plan(queryset)
    assert "partners_organisation_full_text" in plan
    assert "partners_organisation_name_trgm" in plan


def test_similar_names_use_the_trigram_index():
    OrganisationFactory()
    queryset = Organisation.objects.filter(name__trigram_similar="Gemeente Eindhoven")
    assert "partners_organisation_name_trgm" in _plan(queryset)
