from __future__ import annotations

import os
import sys
from pathlib import Path

from hypothesis import settings

sys.path.insert(0, str(Path(__file__).resolve().parent))

from needs import UNDER_CI  # noqa: E402  (the line above puts tests/ on the path)

# Property tests: no deadlines anywhere (a loaded machine must not fail them). Under CI (CI=true) the
# examples are derandomised: the same inputs every run, so CI cannot fail at random; locally they vary,
# which is how new cases are found (then pinned with @example). HYPOTHESIS_PROFILE picks one explicitly.
settings.register_profile("dev", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, database=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if UNDER_CI else "dev"))
