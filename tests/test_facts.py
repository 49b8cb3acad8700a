"""Cited facts (issue 18): what needs a footnote, what `make check` refuses, how the page shows it,
and what `make stale` lists. Checks and builds run on a copy of the repository holding one guide
made by `make guide`, so the real guides' state does not matter here."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from helpers import copy_project, fill_template, page_soup, run_py, run_sotay
from sotay.content import facts
from sotay.content.steps import plain

GID, CAT = "mau-trich-nguon", "vneid"
REL = f"guides/{CAT}/{GID}/index.md"


# --- what counts as a fact --------------------------------------------------------------------

@pytest.mark.parametrize("sentence, kind", [
    ("Gọi tổng đài 1900 0368 để được hỗ trợ.", "số điện thoại"),
    ("Nhắn tin tới 156 để báo tin nhắn rác.", "số điện thoại"),
    ("Chuyển trên 10 triệu đồng phải quét khuôn mặt.", "số tiền"),
    ("Phí 1.000 đồng/phút.", "số tiền"),
    ("Chờ 3 ngày làm việc.", "thời hạn"),
    ("Từ 1/6/2025 không còn cấp thẻ giấy.", "ngày tháng"),
    ("Áp dụng từ tháng 10/2024.", "ngày tháng"),
    ("Người từ 75 tuổi được hưởng.", "độ tuổi"),
    ("Theo Nghị định 69/2024/NĐ-CP.", "văn bản pháp luật"),
    ("Theo Thông tư 17/2024/TT-NHNN.", "văn bản pháp luật"),
    ("Theo QĐ 2345/QĐ-NHNN.", "văn bản pháp luật"),
    ("Theo Luật Căn cước năm 2023.", "văn bản pháp luật"),
    ("Mật khẩu dài 8 đến 20 ký tự.", "giới hạn"),
    ("Tin nhắn này miễn phí.", "phí"),
    ("Số 1900 có thể tính cước rất cao.", "phí"),
])
def test_facts_that_need_a_source(sentence, kind):
    kinds = facts.fact_kinds(sentence)
    assert any(k.startswith(kind) for k in kinds), kinds


@pytest.mark.parametrize("sentence", [
    "Mang thẻ căn cước đến công an xã.",               # "cước" inside "căn cước" is no fee
    "Kiểm tra máy còn gói cước 4G.",
    "Đã có tin nhắn thì bắt đầu từ Bước 4.",
    "Gõ 6 số của mã OTP.",
    "Vào trang [Cổng](https://dichvucong.gov.vn/p/1.011537/2024).",   # numbers in a link address
    "Chạm **Tiếp tục**, rồi chờ vài phút.",
])
def test_plain_steps_need_no_source(sentence):
    assert facts.fact_kinds(sentence) == []


def test_sentences_keep_their_footnotes_and_lines():
    body = ("Chờ 3 ngày.[^a] Rồi gọi 1900 0368.[^b][^c]\n\n"
            "- Mục một có 10 triệu đồng.\n  Dòng tiếp của mục một.\n- Mục hai.[^a]\n\n"
            "## Bước 1: Tiêu đề 5 ngày\n\n![Ảnh 5 ngày](buoc-1.svg)\n\n```\n9 ngày\n```\n")
    got = [(s.text, s.line, s.refs) for s in facts.sentences(body)]
    assert got == [("Chờ 3 ngày.[^a]", 0, ("a",)),
                   ("Rồi gọi 1900 0368.[^b][^c]", 0, ("b", "c")),
                   ("- Mục một có 10 triệu đồng.", 2, ()),
                   ("Dòng tiếp của mục một.", 3, ()),
                   ("- Mục hai.[^a]", 4, ("a",))]


def test_unconfirmed_is_marked_on_the_page_and_left_off_paper():
    body = "Gọi 1900 0368.[^hotline] Chờ 3 ngày.[^nd]"
    marked = facts.mark_unconfirmed(body, {"hotline": "?"})
    assert marked == "Gọi 1900 0368. *(chưa xác nhận)*[^hotline] Chờ 3 ngày.[^nd]"
    assert facts.printable("Gọi 1900 0368.[^hotline]", {"hotline"}) is None
    assert facts.printable("Chờ 3 ngày.[^nd]", {"hotline"}) == "Chờ 3 ngày."
    assert plain("Đặt mật khẩu[^nd]") == "Đặt mật khẩu"


def test_pathological_line_is_checked_fast():
    """Linear-time expressions: a 1 MB line of digits, dots and words is cut into sentences and
    scanned in well under a second per 100 KB (a backtracking pattern would take minutes)."""
    import time
    line = ("1.2.3.4 " * 20000 + "9" * 100000 + " ngày " + "[^a]" * 1000 + "đồng" * 20000)
    t = time.perf_counter()
    for s in facts.sentences(line):
        facts.fact_kinds(s.text)
    assert time.perf_counter() - t < 5


# --- make check and the build, on a copy holding one scaffolded guide ----------------------------

FACTS_SECTION = """
Thường có kết quả trong 3 ngày làm việc.[^nguon-chinh]
Tổng đài hỗ trợ: 1900 0368.[^tong-dai]
"""
REVIEW = """review:
  - id: tong-dai
    text: "Tổng đài 1900 0368: chỉ thấy trên báo 2022, chưa có trang chính thức."
"""


@pytest.fixture(scope="module")
def cited_repo(tmp_path_factory) -> Path:
    repo = tmp_path_factory.mktemp("facts") / "repo"
    copy_project(repo)
    for d in (repo / "guides").glob("*/*/"):
        shutil.rmtree(d)
    (repo / "shortlinks.yml").write_text("codes: {}\nredirects: {}\n", encoding="utf-8")
    r = run_sotay("guide", "--category", CAT, "--id", GID,
                  "--title", "Hướng dẫn mẫu có trích nguồn", "--code", "mtn", cwd=repo)
    assert r.returncode == 0, r.stdout + r.stderr
    fill_template(repo / REL.rsplit("/", 1)[0])
    path = repo / REL
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^review:\n(  - .*\n)+", REVIEW, text, flags=re.M)
    text = text.replace("\n## Bước 1:", FACTS_SECTION + "\n## Bước 1:", 1)
    path.write_text(text, encoding="utf-8")
    return repo


def _check(repo: Path):
    r = run_sotay("check", cwd=repo, timeout=120)
    return r.returncode, r.stdout + r.stderr


def _edit(repo: Path, tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """A copy of `repo` with `old` replaced by `new` in the guide; returns it and the edited line."""
    dst = tmp_path / "repo"
    shutil.copytree(repo, dst)
    path = dst / REL
    text = path.read_text(encoding="utf-8")
    assert old in text
    line = text[:text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return dst, line


def test_cited_guide_passes(cited_repo):
    code, out = _check(cited_repo)
    assert code == 0, out


@pytest.mark.parametrize("old, new, words", [
    ("làm việc.[^nguon-chinh]", "làm việc.", r"3 ngày.*chưa ghi nguồn"),
    ("0368.[^tong-dai]", "0368.", r"1900 0368.*chưa ghi nguồn"),
    ("làm việc.[^nguon-chinh]", "làm việc.[^nguon-chin]", r"\[\^nguon-chin\] không khớp.*\[\^nguon-chinh\]"),
    ("làm việc.[^nguon-chinh]", "làm việc.[^nguon-chinh]\n\n[^nguon-chinh]: Tự viết.", r"không tự viết chú thích"),
    ("## Bước 1: Mở màn hình số 1", "## Bước 1: Mở màn hình số 1[^nguon-chinh]", r"tiêu đề"),
])
def test_check_refuses_uncited_and_broken_footnotes(cited_repo, tmp_path, old, new, words):
    repo, line = _edit(cited_repo, tmp_path, old, new)
    code, out = _check(repo)
    assert code == 1, out
    hits = [ln for ln in out.splitlines() if REL in ln and re.search(words, ln)]
    assert hits, out
    if "không tự viết" not in words:
        assert any(f"{REL}:{line}:" in ln for ln in hits), out


def test_check_refuses_an_uncited_source_and_a_source_without_date(cited_repo, tmp_path):
    repo, _ = _edit(cited_repo, tmp_path, "bạn làm xong việc mẫu.[^nguon-chinh]", "bạn làm xong việc mẫu.")
    path = repo / REL
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^    checked: .*\n", "", text, count=1, flags=re.M), encoding="utf-8")
    code, out = _check(repo)
    assert code == 1
    assert re.search(rf"{REL}:\d+: nguồn .* cần \"checked\"", out), out
    assert f'{REL}:1: nguồn "nguon-chinh" chưa được trích' in out or "checked" in out, out


def test_page_shows_footnotes_and_unconfirmed(cited_repo):
    site = cited_repo.parent / "site"
    # the copy has none of the real guides that docs/ pages link to: build it without strict mode
    cfg = cited_repo / "mkdocs.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("strict: true", "strict: false"), encoding="utf-8")
    r = run_py("-m", "mkdocs", "build", "--site-dir", site, cwd=cited_repo, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    soup = page_soup((site / f"huong-dan/{GID}/index.html").read_text(encoding="utf-8"))
    article = soup.select_one("article")
    # the confirmed fact: a footnote link to the source, no "chưa xác nhận"
    p = next(p for p in article.find_all("p") if "3 ngày làm việc" in p.get_text())
    assert p.select("sup a.footnote-ref")
    assert "chưa xác nhận" not in p.get_text().split("3 ngày làm việc")[1].split("1900")[0]
    # the unconfirmed one is marked in words, right before its footnote mark
    assert re.search(r"1900 0368\.\s*\(chưa xác nhận\)\s*\d", p.get_text()), p.get_text()
    # "Nguồn tham khảo" is the footnote list: the source with its site and reading month
    heading = article.find(id="nguon-tham-khao")
    notes = article.select_one("div.footnote")
    assert heading is not None and notes is not None
    items = [li.get_text(" ", strip=True) for li in notes.select("li")]
    assert any("(www.gov.vn), đọc tháng" in t for t in items), items
    assert any(t.startswith("Chưa xác nhận:") for t in items), items
    assert len(items) == 2           # one per cited label, no duplicates
    # the header says details are being checked
    info = article.select_one(".sotay-info").get_text(" ", strip=True)
    assert "Một vài chi tiết đang được kiểm tra lại" in info and "(chưa xác nhận)" in info
    # search and posters never carry footnote labels
    index = [p for p in (site / "search").iterdir() if p.suffix == ".json"]
    assert index and all("tong-dai" not in p.read_text(encoding="utf-8") for p in index)


def test_make_stale_lists_old_sources_replaced_laws_and_reviews(cited_repo, tmp_path):
    repo, _ = _edit(cited_repo, tmp_path, "    checked: ", "    replaced_by: Nghị định 69/2024/NĐ-CP\n    checked: ")
    path = repo / REL
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"checked: \d{4}-\d{2}", "checked: 2024-01", text, count=1), encoding="utf-8")
    r = run_sotay("stale", cwd=repo)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert 'nguồn "nguon-chinh" đọc tháng 2024-01, đã hơn một năm' in out, out
    assert "đã được thay bằng Nghị định 69/2024/NĐ-CP" in out, out
    assert "cần kiểm tra [^tong-dai]: Tổng đài 1900 0368" in out, out
    r = run_sotay("stale", cwd=cited_repo)
    assert "đã hơn một năm" not in r.stdout and "thay bằng" not in r.stdout
