"""Sphinx configuration: MyST Markdown pages, built warning-free (`make docs`)."""

project = "wagtail-stadtteil"
author = "wagtail-stadtteil contributors"
copyright = "wagtail-stadtteil contributors"

extensions = ["myst_parser"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]

# Links to headings ([text](page.md#heading)) are checked like links to pages.
myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence", "deflist"]

html_theme = "furo"
html_title = "wagtail-stadtteil"
language = "en"
