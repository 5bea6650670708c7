"""Borders and geodesics: exact distances to country outlines, geodesic paths and circles."""
