"""Importers of open data into the initiatives: one module per source. Each
runs after the registry's importer of the same source (see
``partners.importers``), whose organisations it looks up as owners and
partners."""
