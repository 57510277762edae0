"""The migration assistant: classify each swap to an advised replacement, and rewrite what is safe to rewrite.

``swap.classify`` says what a swap takes (drop-in, code change, re-embed, no target) from the catalog's
compatibility facts; ``rewrite.plan_edits`` turns a scan result into edits at each literal's exact span.
"""

from __future__ import annotations

from bedrock_lifecycle.migrate.swap import Swap, SwapClass, classify

__all__ = ["Swap", "SwapClass", "classify"]
