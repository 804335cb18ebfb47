"""``python -m crosswire.cli``: the same command line as the ``crosswire`` script."""

from crosswire.cli import main

main()
