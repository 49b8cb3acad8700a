"""Benchmarks print figures; this checks only the arithmetic they rest on."""
from __future__ import annotations

import pytest

from sotay.commands.bench_pages import cpu_multiplier


@pytest.mark.parametrize("index, expected", [(2000, 6.0), (1533, 4.0), (1300, 3.0), (1050, 2.5), (800, 2.0),
                                             (150, 1.0), (50, 1.0)])
def test_lighthouse_cpu_calibration_matches_lighthouses_table(index, expected):
    # Lighthouse's calculator: 1533 → ×4 (its default), 1300 → ×3, 800 → ×2, 150 → ×1
    assert cpu_multiplier(index) == pytest.approx(expected, abs=0.01)
