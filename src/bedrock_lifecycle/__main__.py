from __future__ import annotations

from bedrock_lifecycle.cli import main

raise SystemExit(main())
