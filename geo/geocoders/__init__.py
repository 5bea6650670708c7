"""Geocoders behind one geopy-shaped interface: the offline gazetteer (default) and Nominatim."""
