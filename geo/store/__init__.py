"""Storage only: the schema (SQLite or PostgreSQL + PostGIS) and row-to-model mappings."""
