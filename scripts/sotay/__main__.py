"""`python -m sotay …` is the same as the `sotay` command."""
import sys

from .cli import main

sys.exit(main())
