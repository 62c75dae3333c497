"""One module per source format; :data:`importers.formats.registry.FORMATS` lists them."""
