"""One module per source format; :data:`importers.formats.registry.FORMATS` lists their classes.

``base`` says what a format is (its :class:`~importers.formats.base.FormatSpec`, items, rejects),
``mapping`` reads column mappings for other systems' CSV exports.
"""
