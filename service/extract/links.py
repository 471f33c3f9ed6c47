"""What a passage states: initiatives, regions, Questions, SDGs and WSIS lines.

Pure functions over the passage text; countries and organisations come from `gazetteer.py`,
years from `years.py`, figures from `figures.py`, roles from `roles.py`.
"""

from __future__ import annotations

import re

from service.extract.structure import REGION_CODES, REGION_NAMES

_REGION_WORD = f"(?:{REGION_NAMES})"
_REGION_NAME = re.compile(_REGION_WORD)
#: parts of a region the report names, with the ITU region(s) they lie in
SUBREGIONS: dict[str, tuple[str, ...]] = {
    "亚洲": ("ASP",), "太平洋": ("ASP",), "加勒比": ("AMS",), "安第斯": ("AMS",),
    "独立国家联合体": ("CIS",), "中亚": ("CIS",), "西巴尔干": ("EUR",), "东南欧": ("EUR",),
    "中东欧": ("EUR",), "波罗的海": ("EUR",), "东非": ("AFR",),
}  # fmt: skip
_SUBREGION = re.compile("|".join(sorted(SUBREGIONS, key=len, reverse=True)))
# names that contain a region word but name something else: countries, languages, and bodies
# named after a region that take part elsewhere (the EU funds a project in Papua New Guinea)
_REGION_TRAPS = (
    "沙特阿拉伯", "阿拉伯联合酋长国", "阿拉伯文", "阿拉伯语", "欧洲联盟", "欧洲IP资源网络协调中心",
    "欧洲卫星运营商协会", "亚洲开发银行",
)  # fmt: skip
_QUESTION = re.compile(r"第([1-7])/([12])号课题")
_QUESTION_SG = re.compile(r"第([12])研究组第([1-7])号课题")
_QUESTION_SG_MISMATCH = re.compile(r"第([12])研究组第([1-7])/([12])号课题")
_RI_IN_TEXT = re.compile(rf"({_REGION_WORD})(?:区域性举措|区域举措)\s*([1-5])")
_RI_CODE_IN_TEXT = re.compile(r"\b(AFR|AMS|ARB|ASP|CIS|EUR)\s*RI\s*([1-5])\b")
# "可持续发展目标具体目标9.C" (L940) names an SDG target with an upper-case letter; a bare
# "具体目标3.5" (L502) is an ITU strategic target and is not matched
_SDG = re.compile(
    r"(?:可持续发展目标|SDG)\s*(?:具体目标)?\s*(\d{1,2})(?:\.([0-9a-zA-Z]{1,2}))?(?![\d.])"
)
_WSIS = re.compile(r"行动方面\s*(C\d{1,2})(?:（(电子[^）]{1,4})）)?")
_E_APPS = {
    "电子政务": "e-government", "电子商务": "e-business", "电子学习": "e-learning",
    "电子卫生": "e-health", "电子就业": "e-employment", "电子环境": "e-environment",
    "电子农业": "e-agriculture", "电子科学": "e-science",
}  # fmt: skip
_SI_NAMES = {
    "giga": re.compile(r"Giga"),
    "connect2recover": re.compile(r"Connect2Recover|加强连通，促进恢复", re.IGNORECASE),
    "i-codi": re.compile(r"I-CoDI|数字化创新国际中心"),
}


def regions_named(text: str) -> set[str]:
    """Regions the text names in any form the report uses: 非洲区域, 非洲、美洲和亚太区域, a region
    in brackets after a country (塞浦路斯（欧洲）), as an adjective (非洲数字基础设施, 亚洲及太平洋
    连通一代), a part of a region (加勒比, 太平洋岛国, 西巴尔干, 中亚). Names that only contain a
    region word (沙特阿拉伯, 阿拉伯文, 欧洲联盟, 欧洲IP资源网络协调中心) are masked first."""
    for trap in _REGION_TRAPS:
        text = text.replace(trap, "□" * len(trap))
    codes = {REGION_CODES[m] for m in _REGION_NAME.findall(text)}
    return codes | {code for m in _SUBREGION.findall(text) for code in SUBREGIONS[m]}


def questions_named(text: str) -> set[str]:
    """Questions as `number-group`: 第5/2号课题 -> 5-2; 第2研究组第3号课题 -> 3-2."""
    found = {f"{n}-{g}" for n, g in _QUESTION.findall(text)}
    found |= {f"{n}-{g}" for g, n in _QUESTION_SG.findall(text)}
    return found


def question_group_mismatches(text: str) -> list[tuple[str, str]]:
    """(Question, study group printed) where a Question x/1 is said to be SG2's or vice versa."""
    return [(f"{n}/{g}", sg) for sg, n, g in _QUESTION_SG_MISMATCH.findall(text) if sg != g]


def initiatives_named(text: str) -> set[str]:
    """Regional initiatives the text names by region and number."""
    found = {f"{REGION_CODES[r]}{n}" for r, n in _RI_IN_TEXT.findall(text)}
    found |= {f"{r}{n}" for r, n in _RI_CODE_IN_TEXT.findall(text)}
    return found


def strategic_initiatives_named(text: str) -> set[str]:
    """Giga, Connect2Recover, I-CoDI where the text names them."""
    return {slug for slug, pattern in _SI_NAMES.items() if pattern.search(text)}


def sdgs_named(text: str) -> set[str]:
    """SDG goals and targets named explicitly (可持续发展目标4, SDG 9.c); never ITU targets."""
    found = set()
    for goal, target in _SDG.findall(text):
        if 1 <= int(goal) <= 17:
            found.add(f"{int(goal)}.{target.lower()}" if target else str(int(goal)))
    return found


def wsis_named(text: str) -> set[str]:
    """WSIS action lines named explicitly: 行动方面C7（电子环境） -> C7-e-environment."""
    found = set()
    for code, application in _WSIS.findall(text):
        found.add(f"{code}-{_E_APPS[application]}" if application in _E_APPS else code)
    return found
