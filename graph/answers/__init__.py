"""Answers for the API and the CLI, read from the analysed graph and the pure analytics.

``customers`` (profile, warmest employees, weekly sentiment), ``influencers`` (rankings, paths,
campaign seeds, influence links), ``products`` (related products, recommendations), ``explain``
(the evidence behind a score), ``handoff`` (an employee's customers, the hand-off brief),
``activity`` and ``timeline`` (what a customer did), ``search`` (text search and filters),
``alert_queue`` (the damage-control queue and its actions), ``paging`` (cursors and pages) and
``common`` (bounds and lookups they share).
"""
