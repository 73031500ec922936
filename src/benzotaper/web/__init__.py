"""The journal web app: Django settings, URLs and one app per area (``accounts``, ``journal``).

The delivery layer: it stores what people log and turns requests into calls of the pure core
(``benzotaper.planning``, ``benzotaper.journal``...). Start it with ``benzotaper serve``.
"""
