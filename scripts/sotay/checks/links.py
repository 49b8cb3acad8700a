"""Check `links`: external links only over https and only to domains on config/allowed-domains.yml.

A domain allows itself and its subdomains, matched on dot boundaries. Images come only from the
guide's folder. URLs in the rendered HTML (links, images, any URL attribute), and bare URLs and
domain names in the text (body, front matter text, images.yml) are checked the same way."""
from __future__ import annotations

import html
import re
from urllib.parse import unquote

from .base import FAKE_EMAIL_DOMAINS, GuideContext, Source, digits, domain_allowed
from .personal_data import EMAIL_RE, find_personal_data

ID = "links"
TITLE = "Liên kết và tên miền (chỉ trang chính thức)"

# Attributes holding URLs.
URL_ATTRS = {"href", "src", "srcset", "action", "formaction", "poster", "data", "background", "cite",
             "longdesc", "xlink:href", "manifest", "codebase", "archive", "ping", "lowsrc", "dynsrc"}
# Top-level domains recognised in bare domain names in the text ("vao dichvucong.gov.vn").
TLDS = ("vn", "com", "net", "org", "info", "biz", "me", "io", "app", "xyz", "top", "online", "site",
        "shop", "store", "club", "vip", "link", "live", "cc", "tk", "co", "asia", "pro", "click", "icu",
        "cyou", "fun", "life", "today", "gov", "edu", "tv", "ly", "to", "gl", "page", "dev")
LINK_DEST_RE = re.compile(r"\]\([^)]*\)|<[a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*>")
ANY_URL_RE = re.compile(r"(?i)\b[a-z][a-z0-9+.-]*://[^\s<>()\[\]\"'`]+")
DOMAIN_RE = re.compile(r"(?i)(?<![\w@.\-/])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:"
                       + "|".join(TLDS) + r"))(?![\w\-]|\.[a-z0-9])")
RESERVED_SUFFIXES = (".example", ".test", ".invalid", ".localhost") + tuple("." + d for d in FAKE_EMAIL_DOMAINS)


def clean_url(url: str) -> str:
    """What a browser would see: no surrounding spaces or control characters, no tabs/newlines inside."""
    url = url.replace("\\", "/")
    url = re.sub(r"[\t\n\r]", "", url)
    return url.strip(" \x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18"
                     "\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f")


def host_of(url: str) -> str:
    rest = re.sub(r"^(?:[a-zA-Z][a-zA-Z0-9+.\-]*:)?/*", "", url.replace("\\", "/"))
    netloc = re.split(r"[/?#]", rest, maxsplit=1)[0]
    return netloc.rsplit("@", 1)[-1].lower().rstrip(".")


def masked_or_reserved(host: str) -> bool:
    """"vneid-•••••.xyz" (masked, cannot be typed) or a name reserved for examples (RFC 2606)."""
    return any(ch in host for ch in "•*…") or host in FAKE_EMAIL_DOMAINS or host.endswith(RESERVED_SUFFIXES)


class _LinkChecker:
    def __init__(self, ctx: GuideContext, src: Source):
        self.ctx, self.src, self.allow = ctx, src, ctx.allow
        self.problems = []

    def add(self, i, message):
        self.problems.append(self.src.problem(i, message))

    def rendered(self):
        _html, elements, _error = self.src.rendered()
        used: dict = {}
        for tag, attrs in elements or ():
            for name, value in attrs:
                if name in URL_ATTRS and not name.startswith("on"):
                    urls = [u.strip().split(" ")[0] for u in value.split(",")] if name == "srcset" else [value]
                    for url in urls:
                        self.url(url, tag, name, used)

    def url(self, raw: str, tag: str, attr: str, used: dict):
        url = clean_url(raw)
        needles = [raw, url, unquote(url)]
        m = re.match(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):", url)
        is_image = tag in ("img", "source") or attr in ("src", "srcset", "poster")
        if m:
            scheme = m.group(1).lower()
            if scheme in ("javascript", "vbscript", "data", "file", "blob", "filesystem"):
                i = self.src.locate(needles + [f"{scheme}:", f"{scheme}&#"], used)
                self.add(i, f'liên kết "{scheme}:" không được dùng (có thể chạy mã hoặc nhúng nội dung lạ). '
                            "Ảnh phải là tệp nằm cạnh index.md; liên kết chỉ tới trang chính thức (https://).")
            elif scheme == "tel":
                number = digits(unquote(url[4:]))
                i = self.src.locate(needles + [url[4:]], used)
                if number not in self.allow.phones and not self._in_text(i):
                    self.add(i, f'số điện thoại "{unquote(url[4:])}" không có trong danh sách tổng đài chính thức '
                                "(config/official-contacts.yml). Không ghi số cá nhân; nếu đây là tổng đài "
                                "chính thức, thêm vào danh sách đó kèm nguồn.")
            elif scheme == "mailto":
                addr = unquote(url[7:]).split("?")[0].strip().lower()
                i = self.src.locate(needles + [addr], used)
                if not self._email_ok(addr) and not self._in_text(i):
                    self.add(i, f'địa chỉ e-mail "{addr}" không có trong danh sách chính thức '
                                "(config/official-contacts.yml). Hãy xóa nó.")
            elif scheme in ("http", "https"):
                self.external(url, scheme, is_image, needles, used)
            else:
                i = self.src.locate(needles, used)
                self.add(i, f'liên kết "{url[:60]}" dùng giao thức "{scheme}:" không được phép. '
                            "Chỉ dùng liên kết https:// tới trang chính thức.")
        elif url.startswith("//"):
            self.external("https:" + url, "//", is_image, needles, used)

    def external(self, url: str, scheme: str, is_image: bool, needles, used):
        rest = re.sub(r"^(?:[a-zA-Z][a-zA-Z0-9+.\-]*:)?/*", "", url)   # "https://x", "https:x", "//x" → "x"
        netloc = re.split(r"[/?#]", rest, maxsplit=1)[0]
        host = netloc.rsplit(":", 1)[0] if re.search(r":\d*$", netloc) else netloc
        host = host.lower().rstrip(".")
        i = self.src.locate(needles + [host], used)
        if "@" in netloc or not re.fullmatch(r"(?:[a-z0-9-]+\.)+[a-z0-9-]+", host):
            self.add(i, f'địa chỉ "{url[:80]}" có phần tên miền bất thường ("{netloc}"), có thể là địa chỉ '
                        "giả mạo. Chỉ ghi địa chỉ chính thức, dạng https://ten-mien/… .")
            return
        if is_image:
            self.add(i, f'ảnh "{url[:80]}" được tải từ trang khác. Ảnh phải là tệp nằm cạnh index.md '
                        "(trang không tải gì từ nơi khác).")
            return
        if scheme != "https":
            self.add(i, f'liên kết "{url[:80]}" phải bắt đầu bằng https:// (không dùng http:// hoặc //).')
        if not domain_allowed(host, self.allow.domains):
            self.add(i, f'liên kết tới "{host}" không thuộc danh sách trang chính thức '
                        "(config/allowed-domains.yml). Chỉ liên kết tới trang chính thức; nếu đây đúng là "
                        "trang chính thức, thêm tên miền vào danh sách đó (kèm ghi chú) để người duyệt kiểm tra.")

    def _in_text(self, i: int | None) -> bool:
        """Whether the personal-data scan of line i already reports it (no second message)."""
        return i is not None and bool(find_personal_data(self.src.path, html.unescape(self.src.lines[i]), 0,
                                                         self.allow))

    def _email_ok(self, addr: str) -> bool:
        addr = addr.lower()
        return addr in self.allow.emails or addr.split("@")[-1] in FAKE_EMAIL_DOMAINS

    def bare_links(self):
        """URLs and domain names written as text (not links). A masked example ("vneid-•••.xyz",
        used to show what a scam message looks like) or a reserved one (".example") is fine."""
        used: dict = {}
        for i, line in enumerate(self.src.lines):    # code is shown as text too: scanned as well
            text = LINK_DEST_RE.sub(" ", line)
            text = EMAIL_RE.sub(" ", text)
            for m in ANY_URL_RE.finditer(text):
                url = m.group(0).rstrip(".,;:!?")
                scheme = url.split(":", 1)[0].lower()
                if masked_or_reserved(host_of(url)):
                    continue
                if scheme not in ("http", "https"):
                    self.add(i, f'địa chỉ "{url[:60]}" dùng giao thức "{scheme}:" không được phép.')
                    continue
                self.external(url, scheme, False, [url], used)
            text = ANY_URL_RE.sub(" ", text)
            for m in DOMAIN_RE.finditer(text):
                host = m.group(1).lower()
                if not domain_allowed(host, self.allow.domains):
                    self.add(i, f'tên miền "{m.group(1)}" không thuộc danh sách trang chính thức '
                                "(config/allowed-domains.yml). Chỉ nhắc tới trang chính thức; nếu đây đúng "
                                "là trang chính thức, thêm nó vào danh sách đó (kèm ghi chú). Nếu chỉ là ví dụ "
                                'về trang lừa đảo, che bớt chữ để không ai gõ theo được, ví dụ "vneid-•••.xyz".')


def check(ctx: GuideContext):
    out = []
    for src in (ctx.body, ctx.front):
        c = _LinkChecker(ctx, src)
        c.rendered()
        c.bare_links()
        out += c.problems
    if ctx.images is not None:            # addresses drawn in mock screens
        c = _LinkChecker(ctx, ctx.images)
        c.bare_links()
        out += c.problems
    return out
