"""Files for briefings and GIS: HTML, PNG, PPTX, GeoJSON, CSV and KML, through one atomic writer."""
