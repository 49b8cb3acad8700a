"""Sổ tay số: the project's own logic (catalog, checks, images, site output, search, posters).

Installed editable into .venv by `make install` (pyproject.toml); the `sotay` command
(sotay/cli.py) runs its subcommands. The project folder is found from the current directory
(the nearest folder holding mkdocs.yml and guides/) or given by the SOTAY_ROOT environment variable.
"""
