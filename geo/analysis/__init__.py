"""Join model, geocoders and geometry: resolve mentions, measure sites, check claims, filter."""
