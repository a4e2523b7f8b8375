"""``python -m perfkit.cli``: the same as the ``perfkit`` command."""

import sys

from perfkit.cli import main

sys.exit(main())
