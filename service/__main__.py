"""`python -m service` runs the baap-kg command line."""

from service.cli import main

raise SystemExit(main())
