"""What a test needs from the machine: under CI a missing piece fails the test, locally it skips with the reason.

CI (``CI=true``) installs everything the suite drives (``.ci/run``: the tool environments, chromium, ``../shared``
beside the clone), so a skip there would hide a missing install step.
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest

UNDER_CI = os.environ.get("CI", "").lower() in ("1", "true")


def missing(message: str) -> NoReturn:
    """A required tool or file is absent: fail under CI, skip elsewhere."""
    if UNDER_CI:
        pytest.fail(message)
    pytest.skip(message)
