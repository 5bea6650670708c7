"""Operations on a store: seed and refresh from bundled data, ingest articles, corrections."""
