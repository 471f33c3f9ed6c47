"""The role words: the roles a country or an organisation can take, and the words around a list
of names that give it each role.

A role is given only when the words say it; a name the words do not place keeps `baap:country`
or `baap:partner` alone. A country's "support" is no role of its own: `roles.py` makes it funding
unless the country takes part in the activity itself.
"""

from __future__ import annotations

import re

from service.extract.name_lists import Context

BENEFICIARY, HOST, FUNDING, PARTICIPANT = "beneficiary", "host", "funding", "participant"
NEW, CONTINUING, PROSPECTIVE = "new", "continuing", "prospective"
FUNDER, CO_ORGANIZER, IMPLEMENTING, LEAD = "funding", "coOrganizer", "implementing", "lead"
NEW_PARTNER, SUPPORTING, CONTINUING_PARTNER, HOST_PARTNER = (
    "newPartner", "supporting", "continuingPartner", "hostPartner",
)  # fmt: skip

_EVENT_VERB = r"(?:举行|举办|召开|主办|组织|进行|开幕|接受|协办|举办了)"
_WORK_VERB = (
    r"(?:开展|实施|部署|建立|安装|完成|试点|测试|制定|推出|启动|开发|设立|提供|帮助|编写|撰写|"
    r"创建|进行了?[^，。；]{0,6}?评估)"
)
_GIVE_TO = re.compile(
    r"(?:(?<![作主名称成视认因])为|向|帮助|协助|援助|支持|惠及|对于?|使|给|助力|指导|覆盖|增强|"
    r"评估了?|促进|提高了?|改善了?|加强了?|培训了?)\s*$"
    r"|(?:向|为)[^，。；]{0,16}(?:以及|和)\s*$"  # "向独联体区域以及格鲁吉亚…"
    r"|(?:向|为)[^，。；]{0,8}国家\s*$"  # "为葡萄牙语国家圣多美和普林西比"
    r"|(?:覆盖|惠及|包括|支持了?)[^，。；]{0,12}国家（\s*$|（在\s*$"
    r"|(?:受益国|国家)(?:是|为|包括)[：:]?\s*$|受益国（[^，。；（]{0,8}[：:]\s*$"
)
_RECEIVE = re.compile(
    r"^[^，。；]{0,40}?(?:得到了?|获得了?|接受了?|正在接受|受益|获益|加入了|学到了?)"
    r"|^[^，。；]{0,6}?(?:正在进行|进行了?|开展了?)[^，。；]{0,12}?(?:试点|评估)"
    r"|^是[^，。；]{0,20}?试点国家|^等地"
    r"|^的?[^，。；]{0,16}?(?:国家审查|数字创新概况|概况|概要文件|国家[^，。；]{0,10}?(?:战略|政策|计划|框架))"
)
# 组织 as a verb (组织了, 组织的, 共同组织）), not the noun of 世卫组织
_ORGANIZED = r"(?:组织(?=[了的一）。])|举办|主办|筹备|召开|举行)"
_SUPPORTED = re.compile(r"^[^，。；]{0,30}?的(?:大力|合作和)?(?:支持|资助)下")
_FUTURE = re.compile(r"(?:将|正在准备|准备|拟)[^，。；]{0,3}(?:向|为|在|对)\s*$")


def country_roles(c: Context, text_before: str) -> set[str]:
    """The roles the words around a list of countries give it."""
    roles: set[str] = set()
    before, after = c.before.rstrip(), c.after
    at = re.search(r"在(?:国际电联)?$", before) and not _SUPPORTED.match(after)
    if at and (
        re.match(rf"^[^，。；]{{0,16}}?{_EVENT_VERB}", after)
        or re.match(rf"^(?:(?!{_WORK_VERB})[^，。；])*?(?:举行|举办|召开|主办)", after)
    ):
        roles.add(HOST)  # "在埃及开罗举办", "在肯尼亚内罗毕为来自…的官员举办了"
    if re.search(r"在(?:国际电联)?$", before) and re.match(
        r"^[^，。；]{0,40}?(?:提供|开展)[^，。；]{0,16}?(?:培训|讲习班)", after
    ):
        roles.add(HOST)
    if re.match(r"^[^，。；]{0,30}?主办", after) and not re.search(r"[为向]$", before):
        roles.add(HOST)
    if re.fullmatch(r"[^，。；]{0,10}[，,]?\s*", c.before_sentence) and re.match(
        r"^[^。；]{0,24}?主办", c.after_sentence
    ):
        roles.add(HOST)
    if text_before.endswith(("DTC（", "中心（")):
        roles.add(HOST)  # "九个DTC（科特迪瓦、加纳…）": the countries that host them
    if at and re.match(r"^[^，。；]{0,24}?[为向][^，。；]{0,24}?(?:提供|举办)|^向", after):
        roles.add(HOST)  # "在埃及开罗为政策制定者提供了该课程", "在突尼斯向…区域": the venue
    if re.search(r"在[^，。；（]{1,20}（$", before) and after.startswith("）"):
        roles.add(HOST)  # "在亚的斯亚贝巴（埃塞俄比亚）"
    if re.search(r"应$", before) and re.match(r"^(?:政府)?的?(?:盛情)?邀请", after):
        host = re.search(r"主办|举办|举行", c.after_sentence)
        roles.add(HOST if host else BENEFICIARY)
    came = re.search(r"(?:来自|为来自|包括来自)$", before) and after.startswith("的")
    if came and not re.match(r"^的(?:支持|资金|资助)", after):
        roles.add(PARTICIPANT)
    if re.search(r"国家（$", before) and re.search(
        r"参加了(?:论坛|会议|活动|讲习班)", c.after_sentence
    ):
        roles.add(PARTICIPANT)
    if re.match(
        r"^(?:（[^（）]{0,12}）)?[^，。；、]{0,8}?(?:网络演练|演练|讲习班|论坛|网络安全周)", after
    ):
        roles.add(HOST)  # "乌干达（2019年）区域性网络演练", "斯威士兰王国（2020年）的国家网络演练"
    if _GIVE_TO.search(before):
        roles.add(BENEFICIARY)
    if _RECEIVE.match(after.lstrip("）")) and not re.search(
        r"[为向与]$|来自$|在(?:国际电联)?$", before
    ):
        roles.add(BENEFICIARY)
    if (
        re.search(r"在$", before)
        and re.match(rf"^[^，。；向为]{{0,14}}?{_WORK_VERB}", after)
        and (not _SUPPORTED.match(after))
    ):
        roles.add(BENEFICIARY)  # "在乌兹别克斯坦实施", not the venue of "在乌干达向非洲区域提供"
    if (
        re.search(r"在$", before)
        and not roles & {HOST}
        and re.match(r"^[^，。；]{0,24}?(?:参与|参加|受益)", after)
    ):
        roles.add(BENEFICIARY)  # "在孟加拉、印度尼西亚…就有近1400名女孩…参与了"
    if re.search(r"将$", before) and re.match(r"^[^，。；]{0,10}?连接", after):
        roles.add(BENEFICIARY)  # "将尼日尔偏远地区连接到互联网"
    if (
        re.search(r"在$", before)
        and not after.strip()
        and re.search(
            r"接受|受益|得到|获得|接入|覆盖|配备|安装|开发|实施|试点|启动|制定|推动|研究",
            c.after_sentence,
        )
    ):
        roles.add(BENEFICIARY)  # "特别是在加纳，14 000名公民将…接受培训"
    if re.search(r"[与和]$", before) and re.match(
        r"^(?:政府)?(?:一起|一道|合作)[^，。；]{0,12}国家", after
    ):
        roles.add(BENEFICIARY)  # "与南非一起制定了国家数字技能实施项目"
    if c.lead and re.search(r"(?:为|向|帮助|援助|支持)以下国家|受益国", c.lead):
        roles.add(BENEFICIARY)
    if re.search(r"包括$", before) and re.search(
        r"(?:向|为)[^。；]{0,20}提供了?[^。；]{0,6}(?:支助|援助|支持)", c.before_sentence
    ):
        roles.add(BENEFICIARY)  # "向受自然灾害影响的若干个国家提供了支助，包括巴哈马…"
    roles |= _funding(c)
    roles |= _progress(c, roles)
    return roles


_GIVES = re.compile(
    r"^[^，。；由在为]{0,30}?(?:资助下|的资助|资助的|出资|供资|财政支持|资金支持|赞助)"
)


def _funding(c: Context) -> set[str]:
    before, after = c.before.rstrip(), c.after
    if re.search(r"由$", before) and re.match(
        r"^(?:政府)?[^，。；]{0,20}?(?:资助|出资|供资)", after
    ):
        return {FUNDING}
    if _GIVES.match(after) and not _GIVE_TO.search(before):
        return {FUNDING}
    if re.search(r"来自$", before) and re.match(r"^的(?:支持|资金|资助)", after):
        return {FUNDING}
    if "合作和支持" in after:
        return set()
    supports = (re.search(r"在$", before) and re.match(r"^[^，。；]{0,30}?的(?:大力)?支持下", after)
                or re.match(r"^[^，。；]{0,30}?支持的(?:项目|举措)", after))  # fmt: skip
    return {"support"} if supports else set()


def _progress(c: Context, roles: set[str]) -> set[str]:
    """Where work began, continued, or is only planned."""
    found: set[str] = set()
    before, after = c.before.rstrip(), c.after
    goes_on = re.search(r"继续[^，。；]{0,24}$", before) or "继续" in c.lead
    if (goes_on and (BENEFICIARY in roles or re.search(r"继续与$", before))) or after.startswith(
        "继续"
    ):
        found |= {CONTINUING, BENEFICIARY}
    if re.match(r"^[^，。；]{0,6}?开始", after) or re.match(r"^）?加入了", after):
        found |= {NEW, BENEFICIARY}
    if _FUTURE.search(before) or re.match(r"^等?其他国家也在探索", after):
        found.add(PROSPECTIVE)
    return found


def partner_roles(c: Context) -> set[str]:
    """The roles the words around a list of organisations give it."""
    roles: set[str] = set()
    before, after, sentence_after = c.before.rstrip(), c.after, c.after_sentence
    by = re.search(r"由(?:国际电联)?[、和与]?$", before)
    if by and re.match(r"^[^，。；]{0,20}?(?:资助|出资|供资)", after):
        roles.add(FUNDER)
    if _GIVES.match(after) and not _GIVE_TO.search(before):
        roles.add(FUNDER)
    if re.search(r"国际电联[和与、]$", before) and re.search(
        r"共同提供[^。；]{0,6}赞助", sentence_after
    ):
        roles.add(FUNDER)
    if re.match(r"^）?[^，。；]{0,4}筹集|^[^，。；]{0,4}提供的[^，。；]{0,6}补贴", after):
        roles.add(FUNDER)
    if re.search(r"与$", before) and re.match(r"^[^。；]{0,50}?供资", sentence_after):
        roles.add(FUNDER)  # "与欧盟委员会（EC）的协议，为…项目供资"
    if by and re.match(r"^[^，。；]{0,30}?主办", after):
        roles.add(HOST_PARTNER)
    if (
        re.search(r"应$", before)
        and re.match(r"^的?(?:盛情)?邀请", after)
        and re.search(r"举办|主办|举行", sentence_after)
        and not re.search(r"由[^，。；]{1,20}主办", sentence_after)
    ):
        roles.add(HOST_PARTNER)
    if not c.before_sentence.strip(" 此外，") and re.match(r"^[^，。；]{0,24}?主办", after):
        roles.add(HOST_PARTNER)
    if by and re.match(r"^[^，。；]{0,40}?(?:牵头|领导|主导|负责)", after):
        roles.add(LEAD)
    if re.search(r"(?:国际电联[^，。；]{0,4})?[与和]$", before) and re.match(
        r"^[^，。；]{0,24}?共同(?:牵头|领导|主导|主持)|^[^，。；]{0,6}被选为[^，。；]{0,24}倡导者",
        after,
    ):
        roles.add(LEAD)
    with_ = re.search(r"[与同][^，。；]{0,60}$", before)
    if with_ and re.match(
        rf"^[^。；]{{0,50}}?(?:共同|联合|合作|一起)[，,]?[^。；]{{0,30}}?{_ORGANIZED}"
        r"|^[^，。；]{0,30}?等?(?:合作伙伴)?(?:组织了|举办了|举行了)|^[^，。；]{0,4}(?:组织了|协办)",
        sentence_after,
    ):
        roles.add(CO_ORGANIZER)
    if re.search(r"国际电联[和与、]$", before) and (
        re.match(rf"^[^，。；]{{0,50}}?{_ORGANIZED}", after)
        or (
            re.match(r"^[^，。；]{0,8}合作", after) and re.search(_ORGANIZED, sentence_after)
        )  # fmt: skip
    ):
        roles.add(CO_ORGANIZER)
    if by and re.match(r"^[^，。；]{0,60}?组织的", after):
        roles.add(CO_ORGANIZER)
    if re.match(r"^[^，。；]{0,2}联合项目|^[^，。；]{0,6}开展联合项目", after):
        roles.add(IMPLEMENTING)
    if re.match(r"^[^，。；]{0,6}协办", after):
        roles.add(CO_ORGANIZER)
    if re.search(r"(?:合作)?伙伴[，,]?(?:包括|如|有|例如)?[：:]?$", c.before_sentence.rstrip()):
        roles.add(CO_ORGANIZER if re.search(r"举办|组织", sentence_after) else IMPLEMENTING)
    # "由联合国教科文组织与国际电联合作举办", "联合国驻洪都拉斯国家工作队（UNCT）与国际电联合作"
    with_itu = re.match(r"^(?:（[^（）]{0,12}）)?与国际电联(?:合作|协作|一起|一道|共同)", after)
    if with_itu:
        organized = re.match(rf"^[^，。；]{{0,20}}?{_ORGANIZED}", after)
        roles.add(CO_ORGANIZER if organized else IMPLEMENTING)
    together = re.match(r"^[^，。；]{0,12}?(?:一道|一起)", after) or re.search("合作|协作", after)
    if (
        with_
        and CO_ORGANIZER not in roles
        and (together or re.match(r"^[^，。；]{0,24}?的伙伴关系", after))
    ):
        roles.add(IMPLEMENTING)
    if re.search(r"通过$", before) and re.match(
        r"^[^，。；]{0,10}?(?:协助|帮助|向|提供|实施|支持)(?!的)", after
    ):
        roles.add(IMPLEMENTING)
    within = re.search(r"在[^，。；]{0,60}$", before)
    if within and re.match(r"^[^，。；]{0,40}?的合作下", after):
        roles.add(IMPLEMENTING)
    if (
        re.search(r"国际电联[和与、]$", before)
        and re.match(
            r"^[^。；]{0,40}?(?:启动|发起|推出|签署|开发|出版|建立|编写|实施|设立|制定|达成)",
            sentence_after,
        )
        and not roles & {CO_ORGANIZER, LEAD, FUNDER}
    ):
        roles.add(IMPLEMENTING)
    if by and re.match(r"^[^，。；]{0,20}?共同发起", after):
        roles.add(IMPLEMENTING)
    if "合作和支持" in after or (within and re.match(r"^[^，。；]{0,40}?的(?:大力)?支持下", after)):
        roles.add(SUPPORTING)
    if re.search(r"(?:得到|依靠)[^，。；]{0,60}$", before) and re.match(
        r"^[^，。；]{0,40}?支持", after
    ):
        roles.add(SUPPORTING)
    if re.match(r"^[^，。；]{0,30}?支持的(?:项目|举措|一个)", after):
        roles.add(SUPPORTING)
    if (
        re.search(r"新的?(?:合作)?伙伴（$", before)
        or re.search(r"开始与$", before)
        or (re.search(r"出现了", c.before_sentence) and re.search(r"包括与$", before))
        or (re.search(r"成为$", before) and re.match(r"^[^，。；]{0,10}?的合作伙伴", after))
        or re.match(r"^[^，。；]{0,6}?建立了?新的?伙伴关系", after)
    ):
        roles.add(NEW_PARTNER)
    if re.search(r"(?:继续|不断|一直|扩大|加强了?)[^，。；]{0,6}与$", before) or (
        re.search(r"加强了与", c.before_sentence) and re.search(r"包括与$", before)
    ):
        roles.add(CONTINUING_PARTNER)
    return roles


__all__ = [
    "BENEFICIARY",
    "CONTINUING",
    "CONTINUING_PARTNER",
    "CO_ORGANIZER",
    "FUNDER",
    "FUNDING",
    "HOST",
    "HOST_PARTNER",
    "IMPLEMENTING",
    "LEAD",
    "NEW",
    "NEW_PARTNER",
    "PARTICIPANT",
    "PROSPECTIVE",
    "SUPPORTING",
    "country_roles",
    "partner_roles",
]
