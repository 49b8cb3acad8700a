"""Site output: generated pages and page finishing, catalog.json, link previews, the printout's QR
code, the theme stylesheet purge and the HTML allowlist."""
