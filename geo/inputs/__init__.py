"""Readers of input files: article text files, untrusted documents, and the curated CSV data."""
