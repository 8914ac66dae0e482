"""`python -m wijzer` runs the command-line interface."""

from wijzer.cli import main

raise SystemExit(main())
