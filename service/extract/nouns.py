"""What a figure counts: the nouns the report counts, with a unit and an English name.

The unit groups what can be added up (every kind of person is `people`, member states and
economies are `countries`); the English name says what exactly is counted (`young women`,
`member states`). The table is matched longest first, so `培训课程` wins over `课程`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Noun:
    """A counted noun: its unit and its English name."""

    unit: str
    en: str


def _group(unit: str, names: dict[str, str]) -> dict[str, Noun]:
    return {zh: Noun(unit, en) for zh, en in names.items()}


NOUNS: dict[str, Noun] = {
    **_group("people", {
        "人": "people", "人员": "staff", "公民": "citizens", "用户": "users",
        "参与者": "participants", "与会者": "participants", "参加者": "participants",
        "学员": "trainees", "年轻女性": "young women", "女孩和年轻女性": "girls and young women",
        "女性和年轻女性": "women and young women", "女孩": "girls", "女性": "women",
        "妇女": "women", "年轻妇女": "young women", "女孩和年轻妇女": "girls and young women",
        "高中女生": "high-school girls", "女生": "schoolgirls", "年轻人": "young people",
        "青年": "young people", "儿童": "children", "在校儿童": "schoolchildren",
        "学生": "students", "教师": "teachers", "专家": "experts", "专家和从业人员":
        "experts and practitioners", "官员": "officials", "代表": "representatives",
        "注册代表": "registered delegates", "决策者": "decision-makers",
        "区域决策者": "regional decision-makers", "专业人员": "professionals",
        "媒体专业人员": "media professionals", "青年专业人员": "young professionals",
        "工程师": "engineers", "研究人员": "researchers", "原住民": "indigenous people",
        "原住民代表": "indigenous representatives", "获奖者": "winners", "获胜者": "winners",
        "优秀获奖者": "winners", "演讲人": "speakers", "国际电联成员": "ITU members",
        "青年联系人": "youth focal points", "年轻领导人": "young leaders",
        "高级别委任人员": "high-level appointees", "委任人员": "appointees",
        "从业人员": "practitioners", "工作人员": "staff", "居民": "residents",
        "与会补贴": "participation grants",
    }),
    **_group("countries", {
        "国家": "countries", "成员国": "member states", "经济体": "economies",
        "最不发达国家": "least developed countries", "不同国家": "countries",
        "独联体国家和周边国家": "CIS and neighbouring countries",
        "内陆发展中国家": "landlocked developing countries",
    }),
    **_group("regions", {"区域": "regions"}),
    **_group("provinces", {"省": "provinces"}),
    **_group("cities", {"城市": "cities"}),
    **_group("areas", {"农村地区": "rural areas", "地区": "areas", "领域": "areas",
                       "优先领域": "priority areas"}),
    **_group("communities", {"社区": "communities"}),
    **_group("villages", {"村庄": "villages", "智慧村庄": "smart villages"}),
    **_group("institutions", {
        "机构": "institutions", "决策机构": "policy-making bodies", "实体": "entities",
        "联合国实体": "UN entities", "联合国机构": "UN agencies", "中心": "centres",
        "DTC": "Digital Transformation Centres", "局": "bureaux", "部门": "sectors",
        "政府机构/部委": "government agencies and ministries", "部委": "ministries",
        "地方当局": "local authorities", "区域委员会": "regional councils",
        "监管机构": "regulators", "政府门户网站": "government portals",
    }),
    **_group("organizations", {
        "组织": "organizations", "电视和广播组织": "TV and radio organizations",
        "运营商": "operators", "初创企业": "start-ups",
        "技术园区和孵化器": "technology parks and incubators", "利益攸关方": "stakeholders",
        "合作伙伴": "partners", "伙伴": "partners", "新合作伙伴": "new partners",
    }),
    **_group("schools", {"学校": "schools", "公立学校": "public schools",
                         "试点学校": "pilot schools"}),
    **_group("health facilities", {"医院/诊所": "hospitals and clinics",
                                   "保健中心": "health centres"}),
    **_group("groups", {
        "工作组": "working groups", "专家组": "expert groups", "圆桌会议": "round tables",
        "圆桌小组": "round tables", "联盟": "coalitions", "国家任务组": "national task groups",
        "协调机制": "coordination mechanisms", "青年组": "youth groups",
        "连通一代青年组": "Generation Connect youth groups", "成员": "members",
    }),
    **_group("events", {
        "活动": "events", "会议": "meetings", "区域间会议": "inter-regional meetings",
        "区域筹备会议": "regional preparatory meetings", "场会议": "sessions",
        "讲习班": "workshops", "研讨会": "seminars", "网络研讨会": "webinars",
        "论坛": "forums", "演练": "drills", "网络演练": "cyber drills",
        "情景练习": "scenario exercises", "培训班": "training courses", "培训": "trainings",
        "培训活动": "training events", "领导力培训": "leadership trainings",
        "对话": "dialogues", "区域对话": "regional dialogues",
        "高级别对话": "high-level dialogues", "会外活动": "side events",
        "围炉夜话讨论": "fireside chats", "挑战赛": "challenges",
        "编程马拉松活动": "hackathons", "竞赛": "competitions", "评估": "assessments",
        "区域性评估": "regional assessments", "庆祝活动": "celebrations",
        "联合设计讲习班": "co-design workshops",
    }),
    **_group("courses", {
        "课程": "courses", "在线课程": "online courses", "培训课程": "training courses",
        "培训班": "training courses", "培训": "trainings",
        "认证培训课程": "certified training courses", "现场课程": "on-site courses",
        "模块": "modules", "培训模块": "training modules", "选修模块": "elective modules",
        "基础在线模块": "basic online modules",
    }),
    **_group("projects", {
        "项目": "projects", "研究项目": "research projects", "试点": "pilots",
        "试点项目": "pilot projects", "案例研究": "case studies", "研究": "studies",
        "技术援助": "technical assistance projects", "智慧岛屿项目": "smart-island projects",
    }),
    **_group("documents", {
        "文章": "articles", "出版物": "publications", "文件": "documents",
        "提交资料": "submissions", "注册": "registrations", "提名": "nominations",
        "报告": "reports", "输出报告": "output reports", "迷你视频": "mini videos",
        "视频教程": "video tutorials", "工具和资源": "tools and resources",
        "插图": "illustrations", "年度交付成果": "annual deliverables",
        "年度实际成果": "annual outputs", "框架": "frameworks", "职权范围": "terms of reference",
        "政策、战略和法规": "policies, strategies and regulations",
        "页": "pages", "视网膜图": "retinal cameras",
    }),
    **_group("agreements", {"伙伴关系协议": "partnership agreements", "协议": "agreements",
                            "新的伙伴关系协议": "new partnership agreements"}),
    **_group("languages", {"语文": "languages", "语文版本": "language versions",
                           "语言": "languages"}),
    **_group("indicators", {"指标": "indicators", "指数": "indices"}),
    **_group("items", {
        "问题": "questions", "课题": "study-group Questions", "支柱": "pillars",
        "优先专题": "priority themes", "目标": "goals",
        "可持续发展目标": "Sustainable Development Goals", "具体目标": "SDG targets",
        "要素": "elements", "步骤": "steps", "合格做法": "eligible practices",
        "做法": "practices", "良好做法": "good practices",
        "区域良好做法": "regional good practices",
        "部分": "parts", "类": "categories", "瞬间": "moments", "主题": "themes",
        "阶段": "phases",
    }),
    **_group("web hits", {"网络点击": "web hits"}),
    **_group("backbone routes", {"信息公路": "information highway (backbone) routes"}),
}  # fmt: skip

#: what a classifier counts when no noun follows it ("六节的课程": six sessions)
CLASSIFIER_NOUNS: dict[str, Noun] = {
    "名": Noun("people", "people"), "人": Noun("people", "people"),
    "位": Noun("people", "people"), "节": Noun("sessions", "sessions"),
    "届": Noun("editions", "editions"), "场": Noun("events", "events"),
    "次": Noun("times", "times"), "期": Noun("editions", "editions"),
    "门": Noun("courses", "courses"), "篇": Noun("documents", "articles"),
    "幅": Noun("documents", "illustrations"), "页": Noun("documents", "pages"),
    "部分": Noun("items", "parts"), "类": Noun("items", "categories"),
    "所": Noun("schools", "schools"), "家": Noun("organizations", "organizations"),
    "份": Noun("documents", "documents"), "种": Noun("items", "kinds"),
    "项": Noun("items", "items"), "个": Noun("items", "items"), "条": Noun("items", "items"),
    "国": Noun("countries", "countries"), "大": Noun("items", "items"),
    "大洲": Noun("continents", "continents"),
}  # fmt: skip

#: what a classifier counts, in Chinese, when no noun follows it
CLASSIFIER_ZH: dict[str, str] = {
    "名": "人数", "人": "人数", "位": "人数", "节": "节数", "届": "届数", "场": "场次",
    "次": "次数", "期": "期数", "门": "课程门数", "篇": "篇数", "幅": "幅数", "页": "页数",
    "部分": "部分", "类": "类别数", "所": "学校数", "家": "机构数", "份": "份数", "种": "种类数",
    "项": "项数", "个": "数量", "条": "条数", "国": "国家数", "大": "数量", "大洲": "大洲数",
}  # fmt: skip

#: classifiers, longest first ("个月" is a duration, not "个" + 月)
CLASSIFIERS = re.compile("|".join(sorted([*CLASSIFIER_NOUNS, "个月"], key=len, reverse=True)))
NOUN_PATTERN = re.compile("|".join(re.escape(n) for n in sorted(NOUNS, key=len, reverse=True)))
#: classifiers that count people: the noun they count can only be a kind of person
PEOPLE_CLASSIFIERS = frozenset({"名", "人", "位"})
#: nouns counted in people after 名/人/位 that count something else after 个 ("41名成员")
PEOPLE_ALSO = {"成员": "members"}
