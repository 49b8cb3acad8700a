"""Search engine unit tests: normalisation (Python and the browser worker, one table) and ranking.

The worker JS runs in Node (scripts/sotay/search/harness.js) on indexes built by the Python
module from small hand-made documents, so each ranking rule is tested in isolation.
"""
from __future__ import annotations


import urllib.parse

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


@pytest.mark.parametrize("query,word,expected", CASES["fits"])
def test_python_fits(query, word, expected):
    from sotay.search.normalize import fits
    assert fits(exact_key(query), exact_key(word)) is expected


@needs_node
def test_js_fits_matches_the_same_table():
    out = node({"fits": [[q, w] for q, w, _ in CASES["fits"]]})
    assert out["fits"] == [e for _, _, e in CASES["fits"]]


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
    assert got[0] == ["c", "b"]          # keyword > body pair; two common syllables apart in the body are
    assert got[1] == ["b"]               # no match (relevance floor, issue 11), nor half a query
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
    assert {"căn cước công dân", "bằng lái", "giấy phép lái xe", "bảo hiểm y tế", "app",
            "ứng dụng", "chuyển khoản", "chuyển tiền", "online", "trực tuyến"} <= flat


@needs_node
def test_the_query_is_cut_where_synonym_phrases_cover_most_words():
    docs = [doc("online", "Nộp hồ sơ online"), doc("fb", "Bán nông sản trên Facebook")]
    syn = [["online", "qua mạng"], ["Facebook", "mạng xã hội"]]
    got, _ = search(docs, ["qua mạng xã hội", "bán hàng qua mạng xã hội"], syn)
    assert got[0][0] == "fb" and got[1][0] == "fb"


# --- issue 11: relevance floor, slips, telex/VNI, abbreviations ------------------------------

def search_full(docs, queries, synonyms=(), abbreviations=None, help=None, not_covered=None):
    out = node({"index": build_index(docs, [list(g) for g in synonyms], abbreviations=abbreviations, help=help,
                                     not_covered=not_covered),
                "queries": queries})
    return out["results"]


def _slug(item):
    return item["location"].strip("/").split("/")[-1]


@needs_node
def test_the_notice_repeats_a_long_question_by_its_first_clause_and_asks_with_all_of_it():
    """On a phone, a whole spoken question in the notice's title filled the screen and pushed the
    guesses below the fold: it is repeated up to its first clause of 6 to 10 words (10 words when
    none ends there); the request for a new guide keeps every word. Twelve words or fewer are
    repeated whole."""
    docs = [doc("ket-hon", "Đăng ký kết hôn", "Nộp hồ sơ kết hôn qua mạng.")]
    long_q = ("Cháu ơi, thằng con trai bác sắp cưới vợ, hai đứa ở hai tỉnh, về quê tốn kém lắm, "
              "nộp giấy tờ trên mạng được không?")
    run_on = " ".join(["một hai ba bốn năm sáu bảy tám chín mười"] * 2)
    twelve = "một hai ba bốn năm sáu bảy tám chín mười mười một"
    res = search_full(docs, [long_q, run_on, twelve], help={"ask": "https://example.org/issues/new?template=de-xuat.yml"})
    assert all(r[0].get("none") for r in res)
    assert res[0][0]["title"] == "Chưa có hướng dẫn cho “Cháu ơi, thằng con trai bác sắp cưới vợ…”"
    assert "topic=" + urllib.parse.quote(long_q) in res[0][0]["text"]
    assert res[1][0]["title"] == "Chưa có hướng dẫn cho “một hai ba bốn năm sáu bảy tám chín mười…”"
    assert res[2][0]["title"] == f"Chưa có hướng dẫn cho “{twelve}”"


@needs_node
def test_relevance_floor_a_lone_common_folded_syllable_is_not_a_match():
    """"lương hưu" must not find "âm lượng"; "tiền nước" must not find the electricity guide."""
    docs = [doc("dien-thoai", "Dùng điện thoại cơ bản", "Chỉnh âm lượng, làm chữ to."),
            doc("tien-dien", "Trả tiền điện", "Trả tiền điện bằng ứng dụng ngân hàng."),
            doc("chuyen-tien", "Chuyển tiền bằng mã QR", "Quét mã QR để chuyển tiền."),
            doc("lua-dao", "Nhận biết lừa đảo", "Không chuyển tiền cho người lạ.")]
    res = search_full(docs, ["luong huu", "tien nuoc", "qqqqq", "am luong", "tien dien", "luong"],
                      help={"team": "Tổ công nghệ số cộng đồng", "topics": [["chu-de/a/", "Điện thoại"]],
                            "ask": "https://example.org/issues/new?template=de-xuat.yml"})
    for r, q in zip(res[:3], ["luong huu", "tien nuoc", "qqqqq"]):
        assert r[0].get("none"), (q, r)
        assert r[0]["title"] == f"Chưa có hướng dẫn cho “{q}”"
        assert "Tổ công nghệ số cộng đồng" in r[0]["text"] and 'href="/chu-de/a/"' in r[0]["text"]
        assert "template=de-xuat.yml&amp;topic=" + q.replace(" ", "%20") in r[0]["text"]
        assert r[0]["score"] > max([x["score"] for x in r[1:]] or [0])          # Enter opens the notice
    assert len(res[2]) == 1                                                    # nonsense: no guesses
    guesses = res[0][1:]                     # half the query, firmly: a close guess, not a match
    assert [_slug(g) for g in guesses] == ["dien-thoai"] and "Có thể bạn cần" in res[0][0]["text"]
    assert "Có thể bạn cần" not in res[2][0]["text"]
    # what is covered still is a match; a lone word of a one-word query is enough
    assert _slug(res[3][0]) == "dien-thoai" and _slug(res[4][0]) == "tien-dien"
    assert not res[5][0].get("none") and _slug(res[5][0]) == "dien-thoai"


@needs_node
def test_site_pages_rank_below_equally_matching_guides_and_are_never_guesses():
    docs = [doc("trang", "Poster để in", "In poster cho nhà văn hóa thôn.", kind=KIND_PAGE),
            doc("poster-huong-dan", "Poster để in", "In poster cho nhà văn hóa thôn.")]
    got, _ = search(docs, ["poster de in"])
    assert got[0] == ["poster-huong-dan", "trang"]
    res = search_full(docs, ["in hoa don dien nuoc"])
    assert res[0][0].get("none") and all(_slug(x) != "trang" for x in res[0][1:])


@needs_node
def test_site_pages_never_answer_alone_when_a_guide_holds_more_of_the_query():
    """"lltp mất bao lâu": the poster page holds "mất" firmly, the guide holds the topic below the
    floor; the answer is the honest notice with the guide as a guess, not the poster page."""
    docs = [doc("trang", "Poster để in", "In xong mà mất lâu thôn mới dán.", kind=KIND_PAGE),
            doc("ly-lich", "Xin phiếu lý lịch tư pháp", "Phiếu lý lịch tư pháp trên VNeID.")]
    res = search_full(docs, ["phieu ly mat lau thon"])
    assert res[0][0].get("none") and [_slug(x) for x in res[0][1:]] == ["ly-lich"]
    # a page that holds the query better than every guide still answers
    assert _slug(search_full(docs, ["poster de in"])[0][0]) == "trang"


SPOKEN_DOCS = [
    doc("zalo", "Gọi video và nhắn tin trên Zalo", "Gọi video cho người thân ở xa."),
    doc("tro-cap", "Trợ cấp cho ông bà cao tuổi", "Ông bà từ 75 tuổi không có lương hưu được nhận tiền hằng tháng.",
        body="Con cháu làm giúp ông bà. Mẹ hoặc bố của bạn cũng được. Cái đơn này nộp ở xã, nó có mẫu sẵn."),
    doc("khai-tu", "Khai tử trên mạng", "Báo tử và xin tiền mai táng trên Cổng dịch vụ công."),
    doc("tam-tru", "Đăng ký tạm trú", "Khai tạm trú khi thuê trọ ở nơi khác."),
]


@needs_node
def test_kin_words_and_particles_of_a_spoken_question_are_little_words():
    """"Cháu ơi bà … hả cháu": how residents address the one helping them is not the topic, so a guide
    full of "ông bà", "con cháu" does not answer a question about Zalo calls."""
    res = search_full(SPOKEN_DOCS, ["Cháu ơi bà muốn gọi video Zalo cho con hả cháu",
                                    "Con ơi mẹ muốn đăng ký tạm trú cho nó thì làm thế nào hả con"])
    assert [_slug(r[0]) for r in res] == ["zalo", "tam-tru"] and not any(r[0].get("none") for r in res)


@needs_node
def test_a_long_spoken_question_is_read_to_its_point():
    """The point of a spoken question may come after twenty words: it is read (up to MAX_WORDS)."""
    q = ("Cháu ơi, bà hỏi cháu cái này nhé cháu: giờ bà muốn làm cho ông cái báo tử với xin tiền mai táng "
         "trên mạng thì làm thế nào hả cháu")
    assert len(words(q)) > 24 and words(q).index("báo") > 12
    res = search_full(SPOKEN_DOCS, [q])
    assert not res[0][0].get("none") and _slug(res[0][0]) == "khai-tu"


@needs_node
def test_one_guide_standing_out_answers_a_long_spoken_question_below_the_floor():
    """A question of twelve words or more holds few of its words in any page: the guide that holds
    at least 0.4 of it firmly (the floor is 0.5) answers it when it scores twice the next guide;
    not when another guide comes close, not for a shorter query, not when a listed task is in it."""
    q = "Cháu ơi bà muốn khai tạm trú cho đứa cháu thuê trọ ở phố huyện mà nó bận"
    short = "Cháu ơi bà muốn tạm trú cho thuê ở phố bận"                  # 11 words
    assert len(words(q)) >= 12 > len(words(short))
    res = search_full(SPOKEN_DOCS, [q, short])
    assert not res[0][0].get("none") and [_slug(x) for x in res[0]] == ["tam-tru"]
    assert 0.45 <= res[0][0]["firm"] < 0.5
    assert res[1][0].get("none") and 0.45 <= res[1][1]["firm"] < 0.5 and _slug(res[1][1]) == "tam-tru"
    close = SPOKEN_DOCS + [doc("phong-tro", "Tìm phòng trọ ở phố huyện", "Xem phòng, hỏi giá thuê trọ.")]
    res = search_full(close, [q])[0]
    assert res[0].get("none") and [_slug(x) for x in res[1:3]] == ["tam-tru", "phong-tro"]
    assert res[1]["score"] < 2.0 * res[2]["score"]
    # twice the next is enough (it was 2.5 times until judge set 35's questions)
    fair = SPOKEN_DOCS + [doc("phong-tro", "Tìm phòng", "Thuê trọ ở phố huyện, giá rẻ.")]
    guessed = search_full(fair, [q], not_covered=["phố huyện"])[0]    # the same scores, shown as guesses
    assert [_slug(x) for x in guessed[1:3]] == ["tam-tru", "phong-tro"]
    assert 2.0 <= guessed[1]["score"] / guessed[2]["score"] < 2.5
    res = search_full(fair, [q])[0]
    assert not res[0].get("none") and [_slug(x) for x in res] == ["tam-tru"]
    res = search_full(SPOKEN_DOCS, [q], not_covered=["phố huyện"])[0]
    assert res[0].get("none") and _slug(res[1]) == "tam-tru"


@needs_node
def test_asking_how_long_or_how_much_is_little_words():
    docs = [doc("ly-lich", "Xin phiếu lý lịch tư pháp", "Phiếu lý lịch tư pháp trên VNeID."),
            doc("bao-hiem", "Gia hạn bảo hiểm y tế", "Đóng tiền bảo hiểm y tế hằng năm.")]
    res = search_full(docs, ["ly lich mat bao lau", "ly lich tu phap bao nhieu tien"])
    assert [_slug(r[0]) for r in res] == ["ly-lich", "ly-lich"]
    assert not any(r[0].get("none") for r in res)


@needs_node
def test_words_of_the_shared_lists_are_never_corrected():
    """"rao bán" is in the synonym list: "rao" is not a slip for "trao"."""
    docs = [doc("ban-hang", "Bán hàng trên Facebook và Zalo", "Đăng bán nông sản."),
            doc("trao", "Trao giải thưởng", "Trao giải cho thôn.")]
    res = search_full(docs, ["rao ban tren zalo", "ban hang tren zalo"], [["bán hàng", "rao bán"]])
    assert _slug(res[0][0]) == "ban-hang" and not res[0][0].get("none")
    assert all(_slug(x) != "trao" for x in res[0])
    # the synonym phrase applies: it scores as the guide's own words do (a "correction" to "trao" would not)
    assert res[0][0]["score"] >= 0.8 * res[1][0]["score"]


def test_slip_distance_counts_a_swap_as_one():
    out = node({"slips": [["tein", "tien"], ["ccuu", "cuu"], ["zlo", "zalo"], ["vnied", "vneid"], ["gja", "gia"],
                          ["abcd", "dcba"], ["thanh", "thanh"]]})
    assert out["slips"] == [1, 1, 1, 1, 1, 3, 0]


@needs_node
def test_slips_are_corrected_against_the_site_words_only_and_rank_below_exact_ones():
    docs = [doc("zalo", "Dùng Zalo cơ bản", "Nhắn tin, gọi video."),
            doc("kich-hoat", "Kích hoạt tài khoản VNeID", "Kích hoạt tài khoản định danh."),
            doc("tra-cuu", "Tra cứu hồ sơ", "Xem hồ sơ đã nộp."),
            doc("zala", "Zala là tên một thôn", "Thôn Zala.")]
    got, out = search(docs, ["zlo goi video", "kick hoat", "tra ccuu ho so", "vnied", "zala", "zalo "])
    assert got[0][0] == "zalo" and got[1][0] == "kich-hoat" and got[2][0] == "tra-cuu" and got[3][0] == "kich-hoat"
    assert got[4] == ["zala"]                        # a word on the site is never corrected...
    assert got[5] == ["zalo"]                        # ...so "zalo" does not find "zala" either
    # corrected: the document's word is highlighted, below what the exact word scores
    assert "<mark>Zalo</mark>" in out["results"][0][0]["title"]
    fixed = out["results"][0][0]["score"]
    assert fixed < node({"index": build_index(docs, []), "queries": ["zalo goi video"]})["results"][0][0]["score"]
    # short words are not corrected: 3 letters against 3 letters
    assert search_full(docs, ["xem ho sa"])[0][0]["location"].endswith("tra-cuu/")


@needs_node
def test_a_slip_is_read_as_the_site_word_that_stands_beside_both_its_neighbours():
    """"quét khôn mặt": of the site words one slip from "khôn", "khuôn" stands beside both "quét"
    and "mặt" on the site; "khoan" is used more, and stands beside "quét" only ("quét khoan").
    Seven words one slip away, each used more than "khuôn", do not crowd it out."""
    docs = [doc("sinh-trac", "Quét khuôn mặt trong ứng dụng ngân hàng", "Xác thực sinh trắc học."),
            doc("qr", "Quét mã QR", "Nếu quét không được thì thử lại; không gõ số tài khoản."),
            doc("a", "Kho thóc", "Không có khoa học, hơn thôn chọn khoan khóe. Máy quét khoan tường."),
            doc("b", "Kho gạo", "Không khoa, hơn thôn chọn khoan khóe."),
            doc("c", "Không gì", "Không có.")]
    got, out = search(docs, ["quét khôn mặt", "quet khon mat ngan hang", "khôn mặt"])
    assert [g[0] for g in got] == ["sinh-trac"] * 3, got
    for res in out["results"]:                       # read as "khuôn": highlighted, not the honest notice
        assert not res[0].get("none") and "<mark>khuôn</mark>" in res[0]["title"], res[0]


def test_telex_and_vni_keys_are_decoded():
    words = ["tieenf", "ddieenj", "chuyeern", "luwaf", "ddaor", "nguwowif", "quets", "maatj", "khaaur",
             "tie62n", "d9ie65n", "ky1", "cu71u", "so7", "lu72a", "tien", "vneid", "4g"]
    out = node({"decode": words})["decode"]
    assert out[:13] == ["tiênF", "điênJ", "chuyênR", "lưaF", "đaoR", "ngươiF", "quetS", "mâtJ", "khâuR",
                        "tiênF", "điênJ", "kiS", "cưuS"]
    assert out[13:16] == ["sơ", "lưaF", None][:2] + [None] and out[16:] == [None, None]


def test_the_forms_the_bench_types_a_marked_query_in():
    """sotay.search.variants: what `sotay bench-search` and the site test type instead of a marked
    query. Telex and VNI put the tone key last; a slip changes one word of four letters or more by
    one letter (left out, swapped with the one before, or doubled)."""
    import random
    from sotay.search.variants import forms, ime_off, one_slip
    assert ime_off("Chuyển khoản, quên mật khẩu!") == "chuyeenr khoanr, queen maatj khaaur!"
    assert ime_off("lừa đảo thường", "vni") == "lu7a2 d9ao3 thu7o7ng2"
    rng = random.Random(3)
    for text in ("trả tiền điện", "quên mật khẩu vneid", "đăng ký tạm trú online"):
        for _ in range(20):
            slipped = one_slip(text, rng)
            changed = [(a, b) for a, b in zip(text.split(), slipped.split()) if a != b]
            assert len(slipped.split()) == len(text.split()) and len(changed) == 1, (text, slipped)
            a, b = changed[0]
            assert len(a) >= 4 and abs(len(a) - len(b)) <= 1 and (len(a) != len(b) or sorted(a) == sorted(b)), changed
    assert one_slip("đi xe bò", rng) is None
    assert forms("Tiền điện", rng)["no marks"] == "Tien dien"


@needs_node
def test_telex_is_decoded_only_for_words_the_site_does_not_have():
    docs = [doc("tien-dien", "Trả tiền điện", "Trả tiền điện bằng ứng dụng."),
            doc("lua-dao", "Nhận biết lừa đảo", "Cuộc gọi lừa đảo."),
            doc("ddr", "Máy ddr và chuwx", "Tên riêng.")]
    got, out = search(docs, ["tieenf ddieenj", "tie62n d9ie65n", "luwaf ddaor", "lu72a d9a3o", "chuwx"])
    assert got[0][0] == "tien-dien" and got[1][0] == "tien-dien" and got[2][0] == "lua-dao"
    assert got[3][0] == "lua-dao"
    assert got[4] == ["ddr"]                          # "tieenf" is a word of this site: kept as typed
    assert "<mark>tiền</mark>" in out["results"][0][0]["title"].lower()


@needs_node
def test_abbreviations_stand_for_their_phrase_both_ways():
    docs = [doc("quen-mk", "Lấy lại mật khẩu VNeID", "Quên mật khẩu thì đặt lại."),
            doc("gplx", "Thêm GPLX vào ví", "Thêm bằng lái vào ví giấy tờ."),
            doc("tai-khoan", "Tạo tài khoản", "Mở tài khoản mới.")]
    syn = [["bằng lái", "giấy phép lái xe"]]
    abbr = {"mk": ["mật khẩu"], "gplx": ["giấy phép lái xe"], "tk": ["tài khoản"]}
    res = search_full(docs, ["quen mk vneid", "giay phep lai xe", "tao tk", "mk"], syn, abbr)
    assert [_slug(r[0]) for r in res] == ["quen-mk", "gplx", "tai-khoan", "quen-mk"]
    assert "<mark>mật khẩu</mark>" in res[0][0]["title"].lower() or "<mark>mật</mark>" in res[0][0]["title"].lower()
    # full weight: "mk" scores as "mật khẩu" does
    full = search_full(docs, ["quen mat khau vneid"], syn, abbr)[0][0]["score"]
    assert res[0][0]["score"] >= 0.8 * full


@needs_node
def test_little_words_of_the_south_and_centre_do_not_count_against_a_guide():
    """"vô" (vào), "tui" (tôi), "ổng" (ông ấy), "hông" (không), "mô" (đâu) are little words as their
    northern spellings are; before, each counted as a word no page holds, so "vô vneid" was half a
    query and got the notice. Their unmarked look-alikes stay content words ("nha" is "nhà")."""
    docs = [doc("vneid", "Đăng nhập VNeID", "Mở ứng dụng VNeID và đăng nhập."),
            doc("zalo", "Dùng Zalo", "Nhắn tin và gọi video bằng Zalo."),
            doc("dien", "Trả tiền điện", "Trả tiền điện bằng điện thoại."),
            doc("nha", "Thuê nhà trọ", "Khai báo tạm trú khi thuê nhà.")]
    res = search_full(docs, ["vô vneid", "tui muốn xài zalo", "ổng hỏi trả tiền điện ở mô", "hông vô được vneid",
                             "nha tro"], [["dùng", "xài"]])
    assert [(_slug(r[0]), bool(r[0].get("none"))) for r in res] == [
        ("vneid", False), ("zalo", False), ("dien", False), ("vneid", False), ("nha", False)]


def test_demonstratives_mấy_and_về_do_not_count_against_a_guide():
    """"đây", "đó", "đấy", "kìa" weigh as "này", "kia", "ấy" do; "mấy" (a few) and "về" (back) as
    "vào" and "ra" do. Before, "gửi mấy tấm hình đó về cho con qua zalo" held half its words in the
    Zalo guide and got the notice. A guide that holds them still gains from them."""
    docs = [doc("zalo", "Gửi ảnh qua Zalo", "Chọn hình rồi chạm Gửi trong Zalo."),
            doc("dien", "Trả tiền điện", "Trả tiền điện bằng điện thoại."),
            doc("home", "Quay về màn hình chính", "Chạm nút Home để về màn hình chính.")]
    res = search_full(docs, ["gửi mấy tấm hình đó về zalo", "mấy tháng trả tiền điện đấy", "quay về màn hình chính"])
    assert [(_slug(r[0]), bool(r[0].get("none"))) for r in res] == [
        ("zalo", False), ("dien", False), ("home", False)]


def test_abbreviation_list_is_checked_in_vietnamese(tmp_path):
    from sotay.search.abbreviations import abbreviation_problems, load_abbreviations, merge_groups
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "synonyms.yml").write_text("- [app, ứng dụng]\n- [CCCD, căn cước công dân]\n",
                                                       encoding="utf-8")
    (tmp_path / "config" / "abbreviations.yml").write_text(
        "mk: mật khẩu\nsdt: số điện thoại\nsđt: số điện thoại\nmột cụm: hai từ\ncccd: căn cước công dân\n"
        "tk:\nck: [chuyển khoản, chứng khoán]\n", encoding="utf-8")
    found, problems = abbreviation_problems(tmp_path)
    text = "\n".join(f"{p.line}: {p.message}" for p in problems)
    assert "3: \"sđt\" trùng với \"sdt\"" in text
    assert "4: \"một cụm\": chữ viết tắt phải là một từ" in text
    assert "5: \"cccd\" đã có trong config/synonyms.yml" in text
    assert "6: \"tk\": thiếu cụm từ đầy đủ" in text
    assert found == {"mk": ["mật khẩu"], "sdt": ["số điện thoại"], "ck": ["chuyển khoản", "chứng khoán"]}
    groups = merge_groups([["chuyển khoản", "chuyển tiền"]], found)
    assert ["chuyển khoản", "chuyển tiền", "ck"] in groups and ["chứng khoán", "ck"] in groups
    import pytest as _pt
    from sotay.errors import ContentError
    with _pt.raises(ContentError):
        load_abbreviations(tmp_path)


def test_the_shared_abbreviation_list_is_valid_and_covers_the_common_ones():
    from sotay.search.abbreviations import load_abbreviations
    found = {k.lower() for k in load_abbreviations(ROOT)}
    assert {"mk", "tk", "ck", "sđt", "đk", "gplx", "bhyt", "dvc", "tmđt", "kh", "fb", "cccd"} <= found


@needs_node
def test_a_result_shows_only_the_few_keywords_that_hold_most_of_the_query():
    """Why a guide matched, in a line a resident can read: at most three of its keywords, those with
    most of the query's words first, never the whole list."""
    kws = ["tiền điện", "trả tiền điện", "đóng tiền điện tháng này", "điện lực", "tiền đèn", "app điện lực",
           "hóa đơn", "trả tiền điện qua ngân hàng"]
    _, out = search([doc("dien", "Trả tiền qua ngân hàng", "Dùng ứng dụng ngân hàng.", keywords=kws)],
                    ["tien dien"])
    text = out["results"][0][0]["text"]
    line = text.split("</p><p>")[1].removesuffix("</p>")
    shown = [k.replace("<mark>", "").replace("</mark>", "") for k in line.split(", ")]
    assert shown == ["tiền điện", "trả tiền điện", "đóng tiền điện tháng này"], shown


# --- tasks no guide covers yet (config/not-covered.yml) --------------------------------------

GAP_DOCS = [doc("vssid", "Xem quá trình đóng bảo hiểm xã hội trên VssID", "Xem BHXH đã đóng bao nhiêu năm."),
            doc("dien", "Trả tiền điện", "Trả tiền điện bằng ứng dụng ngân hàng."),
            doc("bao-mat", "Bảo mật điện thoại", "Đặt khóa màn hình cho điện thoại.")]
GAP_ABBR = {"bhxh": ["bảo hiểm xã hội"]}


@needs_node
def test_a_listed_task_no_guide_covers_gets_the_honest_answer_with_guesses():
    """"rút bhxh một lần" holds most of the VssID guide's words, but withdrawing is not viewing:
    the honest notice, the guide only under "Có thể bạn cần". Typed with fewer marks, in telex or
    through the abbreviation it is the same task; without the listed phrase, the guide answers."""
    gaps = ["rút bảo hiểm xã hội", "báo mất điện"]
    qs = ["rút bảo hiểm xã hội một lần", "rut bao hiem xa hoi mot lan", "rút bhxh một lần",
          "ruts bhxh", "xem bảo hiểm xã hội đã đóng", "bao hiem xa hoi rut"]
    res = search_full(GAP_DOCS, qs, abbreviations=GAP_ABBR, not_covered=gaps)
    for r, q in zip(res[:4], qs):
        assert r[0].get("none") and r[0]["title"] == f"Chưa có hướng dẫn cho “{q}”", (q, r)
        assert [_slug(x) for x in r[1:]] == ["vssid"] and "Có thể bạn cần" in r[0]["text"], (q, r)
        assert "Việc <strong>“rút bảo hiểm xã hội”</strong> chưa có hướng dẫn" in r[0]["text"], (q, r)
        assert "chỉ gần giống" in r[0]["text"]
    assert _slug(res[4][0]) == "vssid" and not res[4][0].get("none")
    assert not res[5][0].get("none")                       # the words of the phrase, but not the phrase
    # without the list, the same query is answered by the guide (what the list is for)
    assert _slug(search_full(GAP_DOCS, qs[:1], abbreviations=GAP_ABBR)[0][0]) == "vssid"


@needs_node
def test_a_listed_phrase_typed_without_marks_is_not_a_phrase_a_card_spells_otherwise():
    """"bao mat" without marks is "bảo mật" where a guide's card says so, not "báo mất" (listed as
    "báo mất điện"); typed with its marks it is the listed task."""
    res = search_full(GAP_DOCS, ["bao mat dien thoai", "báo mất điện ở đâu", "bảo mật điện thoại"],
                      not_covered=["báo mất điện"])
    assert _slug(res[0][0]) == "bao-mat" and _slug(res[2][0]) == "bao-mat"
    assert res[1][0].get("none")
    assert build_index(GAP_DOCS, [], not_covered=["báo mất điện"])["docs"]["uo"] == ["bao mat", "mat dien"]


SPLIT_DOCS = [doc("vneid-mk", "Quên mật khẩu VNeID", "Lấy lại mật khẩu VNeID.", keywords=["quên mật khẩu"]),
              doc("ngan-hang", "Chuyển tiền bằng ứng dụng ngân hàng", "Quét mã QR trong app ngân hàng.")]


@needs_node
def test_a_listed_phrase_holds_when_typed_in_two_parts_in_either_order():
    """A phrase of four words or more also matches as two parts of two words or more, in either
    order, at most one word apart (not_covered.SPLIT_GAP): "app ngân hàng bà quên mật khẩu" is the
    listed "quên mật khẩu ngân hàng", not the VNeID guide. Two words apart, or a phrase of three
    words cut in two, is not the phrase."""
    gaps = ["quên mật khẩu ngân hàng", "đổi nơi khám"]
    qs = ["app ngân hàng bà quên mật khẩu", "quen mat khau app ngan hang", "quên mật khẩu ngân hàng",
          "quên mật khẩu vneid của ngân hàng", "quên mật khẩu vneid", "khám nơi đổi"]
    res = search_full(SPLIT_DOCS, qs, not_covered=gaps)
    for r, q in zip(res[:3], qs):
        assert r[0].get("none") and "Việc <strong>“quên mật khẩu ngân hàng”</strong>" in r[0]["text"], (q, r)
    assert "Việc <strong>" not in res[3][0].get("text", "")
    assert _slug(res[4][0]) == "vneid-mk" and not res[4][0].get("none")
    assert "Việc <strong>" not in res[5][0].get("text", "")
    assert build_index(SPLIT_DOCS, [], not_covered=gaps)["docs"]["ug"] == 1


@needs_node
def test_a_listed_phrase_typed_in_two_parts_may_hold_a_chat_abbreviation():
    """An abbreviation stands for its phrase in the two parts too: "quên mk app ngân hàng" is the
    listed "quên mật khẩu ngân hàng" (as "quên mật khẩu app ngân hàng" is); the abbreviation
    two words away from the rest is not the phrase."""
    gaps, abbr = ["quên mật khẩu ngân hàng"], {"mk": ["mật khẩu"]}
    qs = ["quên mk app ngân hàng lấy lại ntn", "quen mk app ngan hang", "app ngân hàng quên mk",
          "quên mk vneid"]
    res = search_full(SPLIT_DOCS, qs, abbreviations=abbr, not_covered=gaps)
    for r, q in zip(res[:3], qs):
        assert r[0].get("none") and "Việc <strong>“quên mật khẩu ngân hàng”</strong>" in r[0]["text"], (q, r)
    assert _slug(res[3][0]) == "vneid-mk" and not res[3][0].get("none")
    assert "Việc <strong>" not in search_full(SPLIT_DOCS, ["quên mk vneid của ngân hàng"], abbreviations=abbr,
                                               not_covered=gaps)[0][0].get("text", "")


def test_a_listed_phrase_a_guide_writes_in_two_parts_is_refused(tmp_path):
    """`make check` refuses a listed phrase that a guide writes in two parts as the search matches
    it ("căn cước làm lại" in a keyword holds "làm lại căn cước"), so the list never hides a guide."""
    from sotay.search import not_covered
    docs = [doc("can-cuoc", "Dùng thẻ căn cước", "Thẻ căn cước gắn chip.", keywords=["thẻ căn cước làm lại"])]
    found = [("làm lại căn cước", 2), ("cấp lại căn cước", 3)]
    held = not_covered.held_problems(tmp_path, found, docs)
    assert [p.line for p in held] == [2] and '"làm lại căn cước" đã có trong hướng dẫn' in held[0].message
    # the editor sees the line that holds it, and why two parts count
    assert 'ở dòng "thẻ căn cước làm lại" (ô tìm kiếm coi hai nửa của cụm từ' in held[0].message


@needs_node
def test_a_listed_phrase_written_without_marks_is_refused(tmp_path):
    """An editor who types the list without the Vietnamese keyboard ("quen mat khau vneid") would
    hide a guide from every resident who types its words without marks, and the check compared
    marks only. `make check` refuses such a phrase where a guide writes its words with marks."""
    from sotay.search import not_covered
    docs = [doc("vneid", "Quên mật khẩu VNeID", "Lấy lại mật khẩu trên điện thoại.", keywords=["quên mật khẩu vneid"])]
    hidden = search_full(docs, ["quen mat khau vneid"], not_covered=["quen mat khau vneid"])[0]
    assert hidden[0].get("none")                                            # what the check prevents
    found = [("quen mat khau vneid", 2), ("quên mật khẩu ngân hàng", 3), ("mo khoa zalo", 4)]
    held = not_covered.held_problems(tmp_path, found, docs)
    assert [p.line for p in held] == [2]
    assert '"quen mat khau vneid" viết không dấu' in held[0].message
    assert 'ở dòng "Quên mật khẩu VNeID". Hãy viết cụm từ có đủ dấu.' in held[0].message      # the title
    res = search_full(docs, ["quen mat khau vneid"], not_covered=["quên mật khẩu ngân hàng", "mo khoa zalo"])[0]
    assert not res[0].get("none") and _slug(res[0]) == "vneid"


FILL_DOCS = [doc("ngan-hang", "Chuyển tiền bằng ứng dụng ngân hàng", "Quét mã QR trong app ngân hàng.",
                 keywords=["tài khoản ngân hàng"]),
             doc("dvc", "Nộp hồ sơ trên Cổng dịch vụ công", "Nộp hồ sơ xin hỗ trợ trên mạng.")]


@needs_node
def test_a_listed_phrase_holds_with_words_that_only_count_things_between():
    """Residents put "một", "cái", "ít", … inside a task: "mở một cái tài khoản ngân hàng" is the
    listed "mở tài khoản ngân hàng", "vay ít vốn" is "vay vốn", with or without marks
    (not_covered.FILL, shipped as `uf`). Another word between is not the phrase, and "may" typed
    without marks is "máy", not "mấy"."""
    gaps = ["mở tài khoản ngân hàng", "vay vốn", "đổi điện thoại mới"]
    qs = ["bà muốn mở một cái tài khoản ngân hàng", "mo mot cai tai khoan ngan hang", "vay ít vốn ngân hàng",
          "vay mấy vốn", "mở ngay tài khoản ngân hàng", "vay tiền vốn", "doi dien thoai may moi"]
    res = search_full(FILL_DOCS, qs, not_covered=gaps)
    for r, q in zip(res[:4], qs):
        assert r[0].get("none") and "Việc <strong>" in r[0]["text"], (q, r)
    for r, q in zip(res[4:], qs[4:]):
        assert "Việc <strong>" not in r[0].get("text", ""), (q, r)
    assert build_index(FILL_DOCS, [], not_covered=gaps)["docs"]["uf"][:3] == ["một", "cái", "chiếc"]


def test_a_listed_phrase_a_guide_writes_with_counting_words_between_is_refused(tmp_path):
    """The search would hide a guide that writes "mở một tài khoản ngân hàng" behind the listed
    "mở tài khoản ngân hàng"; `make check` refuses the phrase, as it does a phrase written whole.
    Written without marks, the phrase is refused where a guide's words typed without marks hold it
    ("cài" typed "cai" is a counting word to the search)."""
    from sotay.search import not_covered
    docs = [doc("ngan-hang", "Ngân hàng", "Cách mở một tài khoản ngân hàng mới.", keywords=["tải cài ứng dụng"])]
    found = [("mở tài khoản ngân hàng", 2), ("mở thẻ ngân hàng", 3), ("tai ung dung", 4), ("tải ứng dụng", 5)]
    held = not_covered.held_problems(tmp_path, found, docs)
    assert [p.line for p in held] == [2, 4], [p.message for p in held]
    assert 'ở dòng "Cách mở một tài khoản ngân hàng mới" (ô tìm kiếm bỏ qua những chữ như "một"' in held[0].message
    assert 'ở dòng "tải cài ứng dụng" (ô tìm kiếm bỏ qua' in held[1].message


CLAIM_DOCS = [doc("lua-dao", "Nhận biết lừa đảo", "Kẻ gian giả điện lực dọa cắt điện, bắt chuyển tiền.",
                  keywords=["dọa cúp điện", "giả điện lực"]),
              doc("tien-dien", "Trả tiền điện", "Trả tiền điện trong ứng dụng ngân hàng.")]


@needs_node
def test_a_longer_guide_keyword_typed_whole_claims_a_listed_phrase_inside_it():
    """A guide keyword that holds a listed phrase ("dọa cúp điện" holds "cúp điện") claims that
    narrower task when it is typed whole, with or without marks; the phrase typed without the
    rest of the keyword is still not covered."""
    qs = ["có người dọa cúp điện bắt chuyển tiền", "doa cup dien nha toi", "nhà bị cúp điện từ sáng",
          "dọa nhà tôi bị cúp điện"]
    res = search_full(CLAIM_DOCS, qs, not_covered=["cúp điện"])
    assert _slug(res[0][0]) == "lua-dao" and not res[0][0].get("none"), res[0]
    assert _slug(res[1][0]) == "lua-dao" and not res[1][0].get("none"), res[1]
    for r, q in zip(res[2:], qs[2:]):
        assert r[0].get("none") and "Việc <strong>“cúp điện”</strong>" in r[0]["text"], (q, r)


@needs_node
def test_a_listed_phrase_past_the_words_scored_still_gets_the_honest_answer():
    """A spoken question may name its task last, past the MAX_WORDS (32) words that are scored:
    the not-covered list is read over every word ("… nhận được tiền từ nước ngoài gửi về")."""
    docs = [doc("ngan-hang", "Chuyển tiền bằng ứng dụng ngân hàng", "Gửi tiền cho con, nhận tiền qua ngân hàng.",
                keywords=["gửi tiền về", "nhận tiền"])]
    head = "cháu ơi thằng út nhà bà đi làm xa nó bảo tháng này gửi tiền về cho bà qua ngân hàng"
    q = head + " mà bà già rồi mắt kém tai nghe không rõ bà phải làm gì để nhận được tiền từ nước ngoài gửi về hả cháu"
    assert len(q.split()) > 32
    res = search_full(docs, [q, head], not_covered=["tiền từ nước ngoài"])
    assert res[0][0].get("none") and "Việc <strong>“tiền từ nước ngoài”</strong>" in res[0][0]["text"], res[0]
    assert _slug(res[1][0]) == "ngan-hang" and not res[1][0].get("none"), res[1]


def test_a_listed_phrase_held_only_inside_a_longer_keyword_is_no_problem(tmp_path):
    """`make check` lets a guide claim a narrower task by a longer keyword ("dọa cúp điện"), but not
    write the listed phrase as a keyword of its own, nor in its title, steps or body."""
    from sotay.search import not_covered
    found = [("cúp điện", 2)]
    assert not_covered.held_problems(tmp_path, found, CLAIM_DOCS) == []
    for other in (doc("a", "Khi bị cúp điện"), doc("b", "Điện", keywords=["cúp điện"]),
                  doc("c", "Điện", keywords=["dọa cúp điện"], body="Khi cúp điện, gọi điện lực.")):
        held = not_covered.held_problems(tmp_path, found, [other])
        assert [p.line for p in held] == [2] and '"cúp điện" đã có trong hướng dẫn' in held[0].message, other


def test_not_covered_list_errors_name_the_line_in_vietnamese(tmp_path):
    from sotay.errors import ContentError
    from sotay.search import not_covered
    (tmp_path / "config").mkdir()
    path = tmp_path / "config" / "not-covered.yml"
    path.write_text("# chú thích\n- rút bảo hiểm xã hội\n- [a, b]\n- Rút Bảo Hiểm Xã Hội\n- \"...\"\n"
                    "- trả tiền điện\n- karaoke\n", encoding="utf-8")
    found, problems = not_covered.read(tmp_path)
    text = "\n".join(f"{p.line}: {p.message}" for p in problems)
    assert "3: mỗi mục là một cụm từ" in text
    assert "4: \"Rút Bảo Hiểm Xã Hội\" trùng với dòng 2" in text
    assert "5: \"...\": không có chữ nào" in text
    assert "7: \"karaoke\": cần ít nhất hai chữ" in text
    assert found == [("rút bảo hiểm xã hội", 2), ("trả tiền điện", 6)]
    # a phrase a guide already writes (with its marks) hides that guide: the editor is told which
    held = not_covered.held_problems(tmp_path, found, GAP_DOCS)
    assert [(p.line, p.message.split(" (")[0]) for p in held if "đã có trong" in p.message] == [
        (6, '"trả tiền điện" đã có trong hướng dẫn "Trả tiền điện"')]
    assert 'ở dòng "Trả tiền điện". ' in held[0].message                 # written whole: no word on two parts
    with pytest.raises(ContentError):
        not_covered.load(tmp_path)
    path.write_text("một: cụm\n", encoding="utf-8")
    assert "tệp phải là một danh sách" in not_covered.read(tmp_path)[1][0].message
    path.write_text("- [chưa đóng\n", encoding="utf-8")
    problem = not_covered.read(tmp_path)[1][0]
    assert problem.message.startswith("không đọc được danh sách việc chưa có hướng dẫn") and problem.line


def test_the_shared_not_covered_list_is_valid_and_hides_no_guide(catalog):
    from sotay.search import not_covered
    from sotay.search.index import catalog_docs
    assert len(not_covered.load(ROOT)) >= 50
    assert not_covered.held_problems(ROOT, not_covered.read(ROOT)[0], catalog_docs(catalog)) == []
