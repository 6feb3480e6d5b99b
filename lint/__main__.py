"""`python -m lint`: the hullcheck command line."""
from lint.cli import main

main()
