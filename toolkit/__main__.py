"""`python -m toolkit` runs the tct command line."""

from toolkit.cli import main

main()
