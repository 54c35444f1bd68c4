"""Shared snippets (partners, funding programmes, districts, themes, target groups),
the settings object, site settings and the ``stadtteil_setup`` command."""
