"""Property tests cannot fail at random under CI, nor on a slow machine (profiles: tests/conftest.py)."""

from __future__ import annotations

import os

from hypothesis import settings


def test_ci_profile_is_derandomised_without_deadline():
    ci = settings.get_profile("ci")
    assert ci.derandomize is True and ci.deadline is None and ci.database is None


def test_loaded_profile_has_no_deadline_and_follows_ci():
    assert settings.default.deadline is None
    if not os.environ.get("HYPOTHESIS_PROFILE"):
        assert settings.default.derandomize is (os.environ.get("CI", "").lower() in ("1", "true"))
