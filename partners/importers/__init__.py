"""Importers of open data into the registry: one module per source, run by the
management command of the same name. Tests call them directly."""
