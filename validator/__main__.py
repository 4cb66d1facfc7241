"""`python -m validator` runs the same CLI as the `validator` console script."""

from validator.cli import main

main()
