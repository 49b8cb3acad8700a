"""Residents' own words for family-record and residence tasks land first on the guide for that task.

Real catalog, real synonym list, real worker (run in Node through the search harness): a change to a
guide's title, keywords or synonyms that sends "lam giay khai sinh cho be" elsewhere fails here.
"""
from __future__ import annotations

import pytest

from helpers import ROOT, needs_node, node
from sotay.search.index import build_index, catalog_docs, load_synonyms

# (what a resident types, the guide that must come first)
REQUESTS = [
    ("đăng ký khai sinh cho con", "khai-sinh-lien-thong"),
    ("lam giay khai sinh cho be", "khai-sinh-lien-thong"),
    ("nhập hộ khẩu cho con mới sinh", "khai-sinh-lien-thong"),
    ("thẻ bhyt cho trẻ sơ sinh", "khai-sinh-lien-thong"),
    ("khai báo lưu trú", "thong-bao-luu-tru"),
    ("bao luu tru cho nguoi than", "thong-bao-luu-tru"),
    ("khách ở trọ qua đêm báo công an", "thong-bao-luu-tru"),
    ("homestay khai báo khách", "thong-bao-luu-tru"),
    ("đăng ký tạm trú online", "dang-ky-tam-tru"),
    ("lam tam tru o tro", "dang-ky-tam-tru"),
    ("xin lý lịch tư pháp", "ly-lich-tu-phap"),
    ("ly lich tu phap online", "ly-lich-tu-phap"),
    ("LLTP vneid", "ly-lich-tu-phap"),
    ("sổ sức khỏe điện tử", "so-suc-khoe-dien-tu"),
    ("xem đơn thuốc trên vneid", "so-suc-khoe-dien-tu"),
    ("khai tử cho bố", "khai-tu-lien-thong"),
    ("làm giấy chứng tử", "khai-tu-lien-thong"),
    ("mai táng phí", "khai-tu-lien-thong"),
    ("xóa hộ khẩu người mất", "khai-tu-lien-thong"),
    ("đăng ký kết hôn online", "dang-ky-ket-hon"),
    ("lam giay ket hon", "dang-ky-ket-hon"),
    ("giấy xác nhận tình trạng hôn nhân", "dang-ky-ket-hon"),
]


@pytest.fixture(scope="module")
def index(catalog):
    return build_index(catalog_docs(catalog), load_synonyms(ROOT))


@needs_node
def test_family_and_residence_requests_land_first_on_their_guide(index, catalog):
    ids = {g.id for g in catalog.guides}
    assert {gid for _, gid in REQUESTS} <= ids
    out = node({"index": index, "queries": [q for q, _ in REQUESTS]})
    assert out["ready"]
    got = [res[0]["location"].strip("/").split("/")[-1] if res else None for res in out["results"]]
    misses = [(q, want, have) for (q, want), have in zip(REQUESTS, got) if have != want]
    assert not misses, misses
