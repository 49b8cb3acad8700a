"""Search engine unit tests: normalisation (Python and the browser worker, one table) and ranking.

The worker JS runs in Node (scripts/sotay/search/harness.js) on indexes built by the Python
module from small hand-made documents, so each ranking rule is tested in isolation.
"""
from __future__ import annotations


import pytest

from helpers import CASES, ROOT, needs_node, node
from sotay.search.index import KIND_GUIDE, KIND_PAGE, SearchDoc, build_index, markdown_text
from sotay.search.normalize import exact_key, fold_key, words

def doc(slug, title, summary="", keywords=(), headings=(), body="", kind=KIND_GUIDE):
    return SearchDoc(f"huong-dan/{slug}/", title, summary, list(keywords), list(headings), body, kind)


def search(docs, queries, synonyms=()):
    out = node({"index": build_index(docs, [list(g) for g in synonyms]), "queries": queries})
    assert out["ready"]
    return [[r["location"].strip("/").split("/")[-1] for r in res] for res in out["results"]], out


# --- normalisation: the same table for both halves --------------------------------------

@pytest.mark.parametrize("word,exact,folded", CASES["keys"] + CASES["decomposed"])
def test_python_keys(word, exact, folded):
    assert exact_key(word) == exact
    assert fold_key(exact_key(word)) == folded


@needs_node
def test_js_keys_match_the_same_table():
    rows = CASES["keys"] + CASES["decomposed"]
    out = node({"cases": [w for w, _, _ in rows], "words": [t for t, _ in CASES["words"]]})
    assert out["keys"] == [[e, f] for _, e, f in rows]
    assert out["words"] == [ws for _, ws in CASES["words"]]


@pytest.mark.parametrize("text,expected", CASES["words"])
def test_python_words(text, expected):
    assert [w.lower() for w in words(text)] == expected


def test_variants_share_keys():
    assert exact_key("hoá") == exact_key("hóa") != exact_key("hòa")
    assert exact_key("thuỷ") == exact_key("thủy")
    assert exact_key("kí") == exact_key("ký") and exact_key("lí") == exact_key("lý")
    assert exact_key("bán") != exact_key("bạn") and fold_key(exact_key("bán")) == fold_key(exact_key("bạn"))
    assert fold_key(exact_key("Đường")) == fold_key(exact_key("dương")) == "duong"


def test_markdown_text_keeps_words_and_headings():
    heads, body = markdown_text('## Bước 1: Mở **VNeID** {#mo}\n\nChạm [Đăng nhập](https://x.gov.vn).\n\n'
                                '![Nút Kích hoạt](buoc-1.svg)\n\n=== "Android"\n\n    Chạm **OK**.\n')
    assert heads == ["Bước 1: Mở VNeID"]
    assert "Chạm Đăng nhập." in body and "Nút Kích hoạt" in body and "Android" in body
    assert "https" not in body and "**" not in body and "svg" not in body


# --- ranking rules -------------------------------------------------------------------------

@needs_node
def test_missing_partial_and_full_diacritics_including_d():
    docs = [doc("kich-hoat", "Kích hoạt tài khoản định danh điện tử", "Kích hoạt VNeID trên điện thoại."),
            doc("nop-ho-so", "Nộp hồ sơ trực tuyến", "Nộp hồ sơ trên Cổng dịch vụ công."),
            doc("dang-ky", "Đăng ký tài khoản", "Đăng ký trên ứng dụng.")]
    got, _ = search(docs, ["kich hoat vneid", "kích hoat vneid", "kích hoạt VNeID", "KICH HOAT", "dang ky",
                           "nop ho so"])
    assert [g[0] for g in got] == ["kich-hoat"] * 4 + ["dang-ky", "nop-ho-so"]


@needs_node
def test_exact_diacritics_rank_above_folded_matches():
    docs = [doc("ban-be", "Nhắn tin cho bạn bè"), doc("ban-hang", "Cách bán hàng")]
    got, _ = search(docs, ["bán", "bạn", "ban"])
    assert got[0][0] == "ban-hang" and got[1][0] == "ban-be"
    assert set(got[2]) == {"ban-be", "ban-hang"}          # no diacritics: both, either order


@needs_node
def test_old_and_new_tone_placement_and_i_y_are_the_same_word():
    docs = [doc("hoa-don", "Xem hoá đơn", "Hoá đơn hằng tháng."), doc("ky-nang", "Học kỹ năng số"),
            doc("khac", "Hòa mạng điện thoại")]
    got, out = search(docs, ["hóa đơn", "kĩ năng", "ki nang"])
    assert got[0][0] == "hoa-don" and got[1][0] == "ky-nang" and got[2][0] == "ky-nang"
    # "hóa" matches the exact (tone-placement-independent) key: same score as the document's spelling
    alt, out2 = search(docs, ["hoá đơn"])
    assert abs(out["results"][0][0]["score"] - out2["results"][0][0]["score"]) < 1e-9


@needs_node
def test_adjacent_syllables_beat_scattered_ones():
    # both titles hold "tiền" and "điện"; only one has them side by side (and it is listed last)
    docs = [doc("ho-tro", "Nhận tiền hỗ trợ vào tài khoản điện tử", "Nhận tiền từ xã."),
            doc("tien-dien", "Trả tiền điện hằng tháng", "Trả tiền từ xa.")]
    got, _ = search(docs, ["tiền điện", "tien dien"])
    assert got[0][0] == "tien-dien" and got[1][0] == "tien-dien"


@needs_node
def test_adjacent_syllables_in_body_text_count_too():
    # body pairs are shipped for phrases the site uses in a title, summary, keyword, heading or synonym
    docs = [doc("a", "Hướng dẫn A", body="Nhận tiền hỗ trợ qua ví điện tử."),
            doc("b", "Hướng dẫn B", body="Xem hóa đơn tiền điện hằng tháng."),
            doc("c", "Hướng dẫn C", keywords=["trả tiền điện"])]
    got, _ = search(docs, ["tien dien", "hoá đơn tiền điện"])
    assert got[0] == ["c", "b", "a"]                         # keyword > body pair > words apart
    assert got[1].index("b") < got[1].index("a")
    pairs = build_index(docs, [])["docs"]["b"]
    assert "tien:dien" in pairs and "hang" not in pairs      # "hằng tháng" is no phrase of the site


@needs_node
def test_shared_synonyms_and_guide_keywords():
    docs = [doc("tich-hop", "Tích hợp giấy tờ vào VNeID", "Thêm giấy phép lái xe và bảo hiểm y tế.",
                keywords=["thẻ bảo hiểm"]),
            doc("can-cuoc", "Làm thẻ căn cước công dân", "Ra công an xã."),
            doc("cai-app", "Cài ứng dụng an toàn", "Tải từ kho chính thức.")]
    syn = [["CCCD", "căn cước công dân"], ["bằng lái", "giấy phép lái xe"], ["BHYT", "bảo hiểm y tế"],
           ["app", "ứng dụng"]]
    got, _ = search(docs, ["cccd", "bang lai xe", "BHYT", "tai app", "the bao hiem"], syn)
    assert [g[0] for g in got] == ["can-cuoc", "tich-hop", "tich-hop", "cai-app", "tich-hop"]


@needs_node
def test_title_and_summary_weigh_more_than_body():
    docs = [doc("a-body", "Hướng dẫn chung", "Các việc thường gặp.", body="Cách chặn người lạ trên Zalo."),
            doc("b-summary", "Nhắn tin", "Chặn người lạ trên Zalo."),
            doc("c-title", "Chặn người lạ trên Zalo", "Giữ an toàn.")]
    got, _ = search(docs, ["chặn người lạ zalo"])
    assert got[0] == ["c-title", "b-summary", "a-body"]


@needs_node
def test_guides_rank_above_other_pages_and_prefix_while_typing():
    docs = [doc("thanh-toan", "Chuyển tiền bằng mã QR", kind=KIND_PAGE),     # a category page, listed first
            doc("chuyen-tien", "Chuyển tiền bằng mã QR trên điện thoại")]
    got, _ = search(docs, ["chuyển tiền bằng mã QR", "chuyen ti", "chuyen tien b"])
    assert got[0][0] == "chuyen-tien" and got[1][0] == "chuyen-tien" and got[2][0] == "chuyen-tien"
    none, _ = search(docs, ["chuyen ti "])       # a finished word is not a prefix
    assert none[0] == ["chuyen-tien", "thanh-toan"]
    typing, _ = search([doc("kich-hoat", "Kích hoạt VNeID"), doc("khac", "Đổi mật khẩu")], ["kich ho", "kich ho "])
    assert typing == [["kich-hoat"], ["kich-hoat"]]


@needs_node
def test_result_shape_snippet_and_highlight_are_escaped_html():
    docs = [doc("tien-dien", "Trả tiền điện <nhanh>", "Trả tiền điện hằng tháng bằng ứng dụng & ví.",
                headings=["Bước 1: Mở ứng dụng ngân hàng"], body="Chọn mục hoá đơn.")]
    _, out = search(docs, ["tien dien", "ngan hang", ""])
    r = out["results"][0][0]
    assert r["location"] == "huong-dan/tien-dien/"
    assert r["title"] == "Trả <mark>tiền</mark> <mark>điện</mark> &lt;nhanh&gt;"
    assert "<p>Trả <mark>tiền</mark> <mark>điện</mark> hằng tháng bằng ứng dụng &amp; ví.</p>" == r["text"]
    assert set(r["terms"]) == {"tiền", "điện"} and all(r["terms"].values())
    step = out["results"][1][0]["text"]
    assert "<mark>ngân</mark> <mark>hàng</mark>" in step           # the step heading that matched
    assert out["results"][2] == []


@needs_node
def test_little_words_do_not_decide_and_whole_keywords_do():
    # as on the real site, "điện thoại" is everywhere; "cài app" is one guide's keyword
    docs = [doc("vneid", "Đăng ký tài khoản trên điện thoại", "Làm trên điện thoại của bạn."),
            doc("app", "Tải ứng dụng an toàn", "Từ kho chính thức.", keywords=["cài app", "apk"],
                body="Mở kho ứng dụng trên điện thoại."),
            *[doc(f"x{i}", f"Việc số {i} trên điện thoại", "Cài đặt cho máy.") for i in range(5)]]
    got, _ = search(docs, ["cài app trên điện thoại", "cai app tren dien thoai"])
    assert got[0][0] == "app" and got[1][0] == "app"


@needs_node
def test_little_words_count_little():
    docs = [doc("anh", "Cách làm thế nào để chụp ảnh đẹp"), doc("mat-khau", "Bảo vệ tài khoản", "Đổi mật khẩu khó đoán.")]
    # unmarked "the", "de", "lam" may be content words (thẻ, dễ, lâm), so only marked ones are little
    got, _ = search(docs, ["cách làm thế nào để đổi mật khẩu", "cach lam nhu the nao de doi mat khau"])
    assert got[0][0] == "mat-khau"


@needs_node
def test_a_guide_keyword_found_whole_in_the_query_counts_extra():
    docs = [doc("nuoc", "Trả tiền nước, xem số điện"), doc("dien", "Thanh toán hoá đơn", keywords=["trả tiền điện"])]
    got, _ = search(docs, ["trả tiền điện", "tra tien dien"])
    assert got[0][0] == "dien" and got[1][0] == "dien"


@needs_node
def test_synonyms_are_highlighted_only_as_whole_phrases():
    docs = [doc("cc", "Làm thẻ", "Mang căn cước công dân và giấy tờ công ty.")]
    _, out = search(docs, ["cccd"], [["CCCD", "căn cước công dân"]])
    text = out["results"][0][0]["text"]
    assert "<mark>căn</mark> <mark>cước</mark> <mark>công</mark> <mark>dân</mark>" in text
    assert "giấy tờ công ty" in text                       # the lone "công" stays plain


@needs_node
def test_synonym_phrases_must_stand_together():
    docs = [doc("gian-hang", "Mở gian hàng đỡ lận đận"), doc("lua", "Cẩn thận", "Nhận ra kẻ gian lận.")]
    got, _ = search(docs, ["lua dao", "lừa đảo"], [["lừa đảo", "gian lận"]])
    assert got == [["lua", "gian-hang"], ["lua", "gian-hang"]] or got == [["lua"], ["lua"]]


@needs_node
def test_a_word_next_to_a_synonym_phrase_pairs_with_its_alternatives():
    # "cài phần mềm": only "a" says "cài ứng dụng" side by side ("b" is listed first, wins ties)
    docs = [doc("b", "Hướng dẫn B", body="Cài đặt máy cho gọn. Mở ứng dụng ngân hàng."),
            doc("a", "Hướng dẫn A", body="Chỉ cài ứng dụng từ kho chính thức.")]
    got, _ = search(docs, ["cài phần mềm", "cai phan mem"], [["tải app", "cài ứng dụng"], ["ứng dụng", "phần mềm"]])
    assert got == [["a", "b"], ["a", "b"]]


@needs_node
def test_a_synonym_does_not_outweigh_little_words_it_stands_for():
    # "qua mạng" is one topic word and a little one; its alternative "trực tuyến" is two full words
    # and must not count double: the guide about scams wins "lừa đảo qua mạng"
    docs = [doc("dvc", "Nộp hồ sơ trực tuyến", body="Cẩn thận lừa đảo."),
            doc("lua", "Nhận biết lừa đảo qua điện thoại", body="Kẻ gian gọi điện, nhắn tin trên mạng.")]
    docs += [doc(f"f{i}", f"Việc số {i}", body="Cẩn thận lừa đảo trên điện thoại.") for i in range(2)]
    got, _ = search(docs, ["lừa đảo qua mạng", "lua dao qua mang"], [["qua mạng", "trực tuyến", "online"]])
    assert got[0][0] == "lua" and got[1][0] == "lua"


@needs_node
def test_pieces_of_one_word_typed_apart_are_joined():
    docs = [doc("dvc", "Cổng dichvucong.gov.vn", body="Trang có đuôi gov.vn là của nhà nước."),
            doc("vneid", "Đăng ký VNeID", body="Cài ứng dụng VNeID."),
            doc("shop", "Bán trên TikTok Shop", body="Mở gian hàng."),
            doc("app", "Cài từ CH Play", body="Mở CH Play, tìm ứng dụng.")]
    got, out = search(docs, ["vn eid", "tik tok", "ch play"])
    assert got[0][0] == "vneid" and got[1][0] == "shop" and got[2][0] == "app"
    assert "<mark>VNeID</mark>" in out["results"][0][0]["title"]


def test_synonym_list_errors_name_the_line_in_vietnamese(tmp_path):
    from sotay.errors import ContentError
    from sotay.search.index import load_synonyms
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "synonyms.yml").write_text("- [app, ứng dụng]\n- [chỉ một]\n- CCCD\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_synonyms(tmp_path)
    report = err.value.report()
    assert "synonyms.yml:2: nhóm cần ít nhất hai cách nói" in report
    assert "synonyms.yml:3: mỗi nhóm là một danh sách" in report


def test_the_shared_synonym_list_is_valid():
    from sotay.search.index import load_synonyms
    groups = load_synonyms(ROOT)
    flat = {p.lower() for g in groups for p in g}
    assert {"cccd", "căn cước công dân", "bằng lái", "giấy phép lái xe", "bhyt", "bảo hiểm y tế", "app",
            "ứng dụng", "chuyển khoản", "chuyển tiền", "online", "trực tuyến"} <= flat


@needs_node
def test_the_query_is_cut_where_synonym_phrases_cover_most_words():
    docs = [doc("online", "Nộp hồ sơ online"), doc("fb", "Bán nông sản trên Facebook")]
    syn = [["online", "qua mạng"], ["Facebook", "mạng xã hội"]]
    got, _ = search(docs, ["qua mạng xã hội", "bán hàng qua mạng xã hội"], syn)
    assert got[0][0] == "fb" and got[1][0] == "fb"
