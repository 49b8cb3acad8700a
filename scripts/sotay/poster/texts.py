"""Every word printed on a poster (Vietnamese), from the catalog, site config and villages.yml."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..content.catalog import Catalog, Guide
from .villages import Village

SCAN = "Mở camera hoặc Zalo, hướng vào mã"
TYPE_IT = "Không quét được? Gõ:"
YOU_WILL_DO = "Bạn sẽ làm"
MENU_TITLE = "Hướng dẫn việc số — quét mã để xem"


def vn_date(d: dt.date) -> str:
    return f"{d:%d}/{d:%m}/{d:%Y}"


@dataclass(frozen=True)
class PosterText:
    catalog: Catalog
    village: Village | None
    printed: dt.date

    @property
    def sample(self) -> bool:
        """True while the address or the commune is the sample value: every page says "BẢN MẪU"."""
        return self.catalog.config.is_sample

    @property
    def site_name(self) -> str:
        return self.catalog.config.site_name

    @property
    def domain(self) -> str:
        return self.catalog.config.domain

    @property
    def commune(self) -> str:
        if self.village and self.village.commune:
            return self.village.commune
        return (self.catalog.config.commune or {}).get("name", "")

    @property
    def place_line(self) -> str:
        parts = [self.village.name] if self.village else []
        if self.commune:
            parts.append(self.commune)
        return "Hướng dẫn việc số · " + ", ".join(parts) if parts else "Hướng dẫn việc số"

    @property
    def author(self) -> str:
        return " · ".join(p for p in (self.site_name, self.commune, self.village.name if self.village else "") if p)

    def category_title(self, g: Guide) -> str:
        return self.catalog.categories[g.category].title

    def short_url(self, g: Guide) -> str:
        return self.catalog.short_url(g)

    def short_text(self, g: Guide) -> str:
        """The short link as printed, to be typed: "<domain>/q/<code>"."""
        return f"{self.domain}/q/{g.code}"

    def steps_line(self, g: Guide, n_steps: int) -> str:
        if n_steps:
            return f"{n_steps} bước · khoảng {g.time} phút"
        return f"Khoảng {g.time} phút"

    @property
    def safety_line(self) -> str:
        return f"Chỉ mở nếu địa chỉ bắt đầu bằng {self.domain}"

    @property
    def secret_line(self) -> str:
        return ("Cán bộ không bao giờ hỏi mã OTP hay mật khẩu của bạn. "
                "Không đọc mã OTP cho bất kỳ ai, kể cả người xưng là công an hay ngân hàng.")

    @property
    def help_title(self) -> str:
        if self.village:
            return f"Cần người giúp? Đến {self.village.hall}"
        return "Cần người giúp?"

    @property
    def help_text(self) -> str:
        if self.village:
            v = self.village
            text = f"{v.schedule}. Hỏi: {v.contact}."
            if v.phone:
                text += f" Điện thoại: {v.phone}."
            return text
        commune = self.catalog.config.commune or {}
        team = commune.get("team") or "Tổ công nghệ số cộng đồng"
        text = f"Hỏi {team} ở thôn của bạn"
        if commune.get("desk"):
            text += f", hoặc đến {commune['desk']}"
        text += "."
        if commune.get("desk_hours"):
            text += f" {commune['desk_hours'].rstrip('.')}."
        if commune.get("hotline"):
            text += f" Điện thoại: {commune['hotline']}."
        return text

    def footer(self, g: Guide | None = None) -> tuple[str, str]:
        left = f"In ngày {vn_date(self.printed)}"
        if g is not None:
            left += f" · Hướng dẫn kiểm tra lần cuối {vn_date(g.updated)}"
        return left, f"{self.site_name} — {self.domain}"
