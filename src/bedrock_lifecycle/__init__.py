"""bedrock-lifecycle: find Amazon Bedrock model references and report their lifecycle status."""

from __future__ import annotations

# A literal, read by the build (pyproject: dynamic version): importlib.metadata costs ~30 ms at start-up.
__version__ = "0.1.0"
