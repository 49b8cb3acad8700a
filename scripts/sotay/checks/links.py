"""Check `links`: external links only over https and only to domains on config/allowed-domains.yml.

A domain allows itself and its subdomains, matched on dot boundaries. Images come only from the
guide's folder. URLs in the rendered HTML (links, images, any URL attribute), and bare URLs and
domain names in the text (body, front matter text, images.yml) are checked the same way."""
from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote

from .base import FAKE_EMAIL_DOMAINS, GuideContext, Source, digits, domain_allowed
from .personal_data import EMAIL_RE, find_personal_data

ID = "links"
TITLE = "Liên kết và tên miền (chỉ trang chính thức)"

# Attributes holding URLs.
URL_ATTRS = {"href", "src", "srcset", "action", "formaction", "poster", "data", "background", "cite",
             "longdesc", "xlink:href", "manifest", "codebase", "archive", "ping", "lowsrc", "dynsrc"}
# Every top-level domain in the root zone (IANA's list, data/tlds-alpha-by-domain.txt): a bare
# domain name in the text ("vao vneid-gov.top") is recognised whatever its ending.
TLD_FILE = Path(__file__).resolve().parent.parent / "data" / "tlds-alpha-by-domain.txt"
TLDS = frozenset(t.strip().lower() for t in TLD_FILE.read_text(encoding="ascii").splitlines()
                 if t.strip() and not t.startswith("#"))
# A file name written as text ("index.md") ends like a real TLD (Moldova): not an address.
FILE_SUFFIXES = frozenset({"md"})
LINK_DEST_RE = re.compile(r"\]\([^)]*\)|<[a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*>")
ANY_URL_RE = re.compile(r"(?i)\b[a-z][a-z0-9+.-]*://[^\s<>()\[\]\"'`]+")
DOMAIN_RE = re.compile(r"(?i)(?<![\w@.\-/])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,63}|xn--[a-z0-9-]{1,59}))"
                       r"(?![\w\-]|\.[a-z0-9])")
# Dots a browser reads as "." in a host name (IDNA): ideographic and full-width full stops.
DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})
# A phone number inside an address (zalo.me/0912345678, wa.me/84912345678?text=…).
URL_PHONE_RE = re.compile(r"(?<!\d)(?:\+?84|0)[1-9](?:[ .\-]?\d){7,9}(?!\d)")
RESERVED_SUFFIXES = (".example", ".test", ".invalid", ".localhost") + tuple("." + d for d in FAKE_EMAIL_DOMAINS)


def normalise(text: str) -> str:
    """Text as a browser reads an address in it: full-width letters and dots folded (NFKC, IDNA dots)."""
    return unicodedata.normalize("NFKC", text.translate(DOTS)).translate(DOTS)


def link_allowed(host: str, path: str, allow) -> bool:
    """On a social platform only the listed official pages; elsewhere the allowed domains."""
    host = host.lower().rstrip(".")
    if domain_allowed(host, allow.social_platforms):
        bare = host[4:] if host.startswith(("www.", "m.")) and host.count(".") > 1 else host
        bare = host[2:] if host.startswith("m.") and host.count(".") > 1 else bare
        path = "/" + path.strip("/").lower() + "/"
        for page in allow.social_pages:
            p_host, _, p_path = page.partition("/")
            if (host == p_host or bare == p_host or host.endswith("." + p_host)) and \
                    path.startswith("/" + p_path.strip("/") + "/" if p_path else "/"):
                return True
        return False
    return domain_allowed(host, allow.domains)


def clean_url(url: str) -> str:
    """What a browser would see: no surrounding spaces or control characters, no tabs/newlines inside."""
    url = normalise(url).replace("\\", "/")
    url = re.sub(r"[\t\n\r]", "", url)
    return url.strip(" \x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18"
                     "\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f")


def host_of(url: str) -> str:
    rest = re.sub(r"^(?:[a-zA-Z][a-zA-Z0-9+.\-]*:)?/*", "", url.replace("\\", "/"))
    netloc = re.split(r"[/?#]", rest, maxsplit=1)[0]
    return netloc.rsplit("@", 1)[-1].lower().rstrip(".")


def masked_or_reserved(host: str) -> bool:
    """"vneid-•••••.xyz" or "xxx.xxx" (masked, cannot be typed) or a name reserved for examples (RFC 2606)."""
    return (any(ch in host for ch in "•*…") or host in FAKE_EMAIL_DOMAINS or host.endswith(RESERVED_SUFFIXES)
            or re.fullmatch(r"x+(?:\.x+)+", host) is not None)          # "xxx.xxx đ": a masked amount


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
        path = rest[len(netloc):]
        phone = URL_PHONE_RE.search(unquote(path))
        if phone and digits(phone.group(0)) not in self.allow.phones:
            self.add(i, f'địa chỉ "{url[:80]}" chứa số điện thoại "{phone.group(0)}" (ví dụ zalo.me/<số>): đây là '
                        "liên lạc cá nhân, không phải trang chính thức. Chỉ ghi tổng đài có trong "
                        "config/official-contacts.yml; hãy xóa liên kết này.")
            return
        if domain_allowed(host, self.allow.social_platforms) and not link_allowed(host, path.split("?")[0].split("#")[0],
                                                                                self.allow):
            self.add(i, f'liên kết tới "{url[:80]}" trên mạng xã hội không phải trang chính thức đã duyệt: ai cũng lập '
                        "được trang trên đó. Chỉ liên kết tới các trang ghi trong mục \"social: pages\" của "
                        "config/allowed-domains.yml (người duyệt thêm sau khi kiểm tra).")
            return
        if not link_allowed(host, path, self.allow):
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
            text = LINK_DEST_RE.sub(" ", normalise(line))
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
                host, tld = m.group(1).lower(), m.group(2).lower()
                if tld not in TLDS or tld in FILE_SUFFIXES or masked_or_reserved(host):
                    continue
                if not link_allowed(host, "", self.allow):
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
