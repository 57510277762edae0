"""bedrock-lifecycle: find Amazon Bedrock model references and report their lifecycle status."""

from __future__ import annotations

try:
    from importlib.metadata import PackageNotFoundError, version

    __version__ = version("bedrock-lifecycle")
except PackageNotFoundError:  # running from a source tree (e.g. Checkov loading policies/)
    __version__ = "0.1.0"
