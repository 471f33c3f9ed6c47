"""Write service/suggest/world_countries.csv: every ISO 3166-1 country with its English and
Chinese names, from Debian's `iso-codes` package (apt-get install iso-codes), so `/suggest` can
name countries the report never mentions. The report's own names (data/source/reference/
countries.csv, UN Chinese) take precedence over these wherever both exist.

Run once by hand when iso-codes changes: python3 scripts/world_countries.py
"""

from __future__ import annotations

import csv
import gettext
import json
from pathlib import Path

ISO = Path("/usr/share/iso-codes/json/iso_3166-1.json")
OUT = Path(__file__).resolve().parents[1] / "service/suggest/world_countries.csv"
#: Short names in common UN and ITU use that iso-codes does not give (English | Chinese).
ALIASES = {
    "BOL": ("Bolivia", "玻利维亚"), "COD": ("DR Congo", "刚果（金）"), "COG": ("", "刚果（布）"),
    "CZE": ("Czech Republic", ""), "FSM": ("Micronesia", ""), "GBR": ("United Kingdom", "英国"),
    "IRN": ("Iran", "伊朗"), "KOR": ("Korea", "韩国"), "LAO": ("Lao PDR", "老挝"),
    "MDA": ("Moldova", "摩尔多瓦"), "PRK": ("", "朝鲜"), "RUS": ("Russia", "俄罗斯"),
    "SYR": ("Syria", "叙利亚"), "TZA": ("Tanzania", "坦桑尼亚"), "TUR": ("Turkey", ""),
    "USA": ("United States", "美国"), "VEN": ("Venezuela", "委内瑞拉"), "VNM": ("Vietnam", ""),
    "CIV": ("Ivory Coast", ""), "CPV": ("Cape Verde", "佛得角"), "SWZ": ("Swaziland", "埃斯瓦蒂尼"),
    "MKD": ("North Macedonia", "北马其顿"), "PSE": ("Palestine", "巴勒斯坦"),
    # where iso-codes' zh_CN differs from the UN's Chinese names: a misspelling (柬埔塞) and
    # older or Taiwanese forms (瓜地马拉, 马尔他, 梵地冈, ...)
    "KHM": ("", "柬埔寨"), "BWA": ("", "博茨瓦纳"), "GTM": ("", "危地马拉"),
    "LCA": ("", "圣卢西亚"), "MLT": ("", "马耳他"), "SMR": ("", "圣马力诺"),
    "VAT": ("", "梵蒂冈"), "PYF": ("", "法属波利尼西亚"), "KGZ": ("", "吉尔吉斯斯坦"),
    "ARE": ("", "阿拉伯联合酋长国"), "BGD": ("", "孟加拉国"),
}  # fmt: skip


def main() -> None:
    zh = gettext.translation("iso_3166-1", "/usr/share/locale", languages=["zh_CN"])
    rows = []
    for country in json.loads(ISO.read_text(encoding="utf-8"))["3166-1"]:
        code = country["alpha_3"]
        english = [country["name"], country.get("common_name", ""),
                   country.get("official_name", ""), ALIASES.get(code, ("", ""))[0]]  # fmt: skip
        chinese = [zh.gettext(country["name"]), ALIASES.get(code, ("", ""))[1]]
        english = [n for n in dict.fromkeys(english) if n and "," not in n]
        chinese = [n for n in dict.fromkeys(chinese) if n and n != country["name"]]
        rows.append((code, " | ".join(english), " | ".join(chinese)))
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("iso3", "names_en", "names_zh"))
        writer.writerows(sorted(rows))


if __name__ == "__main__":
    main()
