"""Turn a Dataset into what people see: the map, its layers and assets, tables and detail views."""
