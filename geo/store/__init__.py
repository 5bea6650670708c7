"""Storage only: the SQLite schema and one row-to-model mapping per type; runs no pipeline."""
