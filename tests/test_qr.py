"""sotay.qr: the faster mask choice gives qrcode's own code, module for module."""
import random

import pytest
import qrcode
from qrcode import constants, util

from sotay import qr


def _modules(cls, data: str, level: str):
    code = cls(version=None, error_correction=getattr(constants, f"ERROR_CORRECT_{level}"), box_size=1, border=0)
    code.add_data(data.encode("utf-8"))
    code.make(fit=True)
    return code.version, code.get_matrix()


@pytest.mark.parametrize("seed", range(4))
def test_the_same_code_as_qrcode_for_short_links_and_long_text(seed):
    rng = random.Random(seed)
    ours = qr._qrcode_class()
    versions = set()
    for _ in range(25):
        data = rng.choice(["g/", "https://to-cong-nghe-so.github.io/so-tay-so/"]) + "".join(
            rng.choice("abcdefghiklmnopqrstuvxyđăâêôơư0123456789-/") for _ in range(rng.randint(0, 160)))
        level = rng.choice(qr.LEVELS)
        expected = _modules(qrcode.QRCode, data, level)
        assert _modules(ours, data, level) == expected, (data, level)
        versions.add(expected[0])
    assert min(versions) <= 3 and max(versions) >= 7          # small codes and codes with version info


def test_penalty_is_qrcodes_lost_point():
    rng = random.Random(7)
    for n in (21, 25, 33, 45):
        for p_dark in (0.2, 0.5, 0.8):
            modules = [[rng.random() < p_dark for _ in range(n)] for _ in range(n)]
            rows = ["".join("1" if v else "0" for v in row) for row in modules]
            assert qr.penalty(rows) == util.lost_point(modules)


def test_penalty_counts_each_rule():
    light = ["0" * 21] * 21
    # all light: rule 1 (21 runs of 21 per row and per column: 42 × 19), rule 2 (20 × 20 blocks × 3),
    # rule 4 (0 % dark: 10 steps of 5 % × 10), no finder-like pattern
    assert qr.penalty(light) == 42 * 19 + 400 * 3 + 100
    finder = ["10111010000" + "1010101010"] + ["0101010101" * 2 + "0", "1010101010" * 2 + "1"] * 10
    assert qr.penalty(finder) - qr.penalty(["01010101010" + "1010101010"] + finder[1:]) >= 40
