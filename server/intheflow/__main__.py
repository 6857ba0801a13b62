from intheflow.cli import main

raise SystemExit(main())
