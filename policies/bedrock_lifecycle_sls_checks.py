"""bedrock-lifecycle checks BRL_001..BRL_007 for Checkov's serverless runner (a shim; see __init__.py)."""

from __future__ import annotations

import os
import sys

try:
    import bedrock_lifecycle  # noqa: F401  (installed into Checkov's environment)
except ImportError:  # loaded from a clone of the repository: use its src/
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src"))

from bedrock_lifecycle.integrations.checkov import register  # noqa: E402

CHECKS = register("serverless")
