"""English and Chinese labels of the HTML pages, and the choice of language per request.

The language of a page is, in order: the `lang` query parameter (`en` or `zh`; the page then sets
the `lang` cookie so the choice sticks), the `lang` cookie, the best match of `Accept-Language`,
English. Labels of entities never come from here: they are the graph's `rdfs:label` @en/@zh.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

LANGUAGES: Final = ("en", "zh")
DEFAULT_LANGUAGE: Final = "en"
COOKIE: Final = "lang"
#: One year: the choice is a preference, not a session.
COOKIE_MAX_AGE: Final = 365 * 24 * 3600

#: message id -> (English, Chinese). `{name}` placeholders are filled by `format`.
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    # layout
    "site.name": ("BAAP Knowledge Graph", "布宜诺斯艾利斯行动计划知识图谱"),
    "site.tagline": (
        "ITU-D Buenos Aires Action Plan report, linked",
        "国际电联电信发展部门《布宜诺斯艾利斯行动计划》实施报告的关联数据",
    ),
    "skip": ("Skip to content", "跳到正文"),
    "nav.label": ("Main", "主导航"),
    "nav.home": ("Home", "首页"),
    "nav.query": ("Query", "查询"),
    "nav.browse": ("Browse", "浏览"),
    "nav.audit": ("Audit", "审计"),
    "nav.docs": ("API docs", "API 文档"),
    "search.label": ("Search the graph", "搜索图谱"),
    "search.placeholder": (
        "Search activities, countries, SDGs…",
        "搜索活动、国家、可持续发展目标……",
    ),
    "search.button": ("Search", "搜索"),
    "lang.label": ("Language", "语言"),
    "footer.source": (
        "Source: ITU document TDAG-21/2/2-C (8 October 2021), Chinese text; "
        "English titles curated. Public ITU material.",
        "来源：国际电联文件 TDAG-21/2/2-C（2021年10月8日）中文本；"
        "英文标题为人工整理。国际电联公开资料。",
    ),
    "footer.machine": ("For machines", "机器接口"),
    "footer.data": ("Data version {version}", "数据版本 {version}"),
    "query.link": ("SPARQL behind this", "查看对应的 SPARQL 查询"),
    "query.link.short": ("SPARQL", "SPARQL"),
    # home
    "home.title": (
        "The Buenos Aires Action Plan as a knowledge graph",
        "以知识图谱呈现的布宜诺斯艾利斯行动计划",
    ),
    "home.lead": (
        "Every activity that ITU-D reported on the Buenos Aires Action Plan (WTDC-17, 2018–2021), "
        "linked to its thematic priority, regional initiative, study-group Question, SDG goals and "
        "targets, WSIS action lines, countries, partners and years — each link with the passage "
        "of the report it comes from.",
        "国际电联电信发展部门就《布宜诺斯艾利斯行动计划》（WTDC-17，2018–2021年）报告的每一项活动，"
        "均与其专题优先领域、区域性举措、研究组课题、可持续发展目标及具体目标、信息社会世界峰会行动方面、"
        "国家、合作伙伴和年份相关联，每条关联都附有其所依据的报告段落。",
    ),
    "home.source.title": ("Where it comes from", "数据来源"),
    "home.source.text": (
        "The source is the Chinese text of ITU document TDAG-21/2/2-C (8 October 2021), Report on "
        "the implementation of the Buenos Aires Action Plan, by the Director of the "
        "Telecommunication Development Bureau. Activities, passages and their line numbers are "
        "extracted from it; English titles are curated per activity; links to SDGs and WSIS action "
        "lines are either stated in the report or derived through a curated mapping from the "
        "thematic priorities. Defects found in the source are recorded, not silently fixed.",
        "数据来源于国际电联文件 TDAG-21/2/2-C（2021年10月8日）中文本，即电信发展局主任所作的"
        "《布宜诺斯艾利斯行动计划实施情况报告》。活动、段落及其行号均从中提取；每项活动的英文标题为人工整理；"
        "与可持续发展目标和信息社会世界峰会行动方面的关联，或为报告明确陈述，或通过人工整理的专题优先领域映射推导得出。"
        "源文本中发现的问题会被如实记录，而不是悄悄修正。",
    ),
    "home.source.report": ("Read the report text", "阅读报告原文"),
    "home.counts": ("The graph in numbers", "图谱数据概览"),
    "home.activities": ("activities", "项活动"),
    "home.passages": ("source passages", "个来源段落"),
    "home.issues": ("source defects", "处源文件问题"),
    "home.triples": ("triples", "个三元组"),
    "home.links": ("Links from activities, by kind", "活动关联（按类型）"),
    "home.links.kind": ("Kind of link", "关联类型"),
    "home.links.stated": ("Stated in the report", "报告陈述"),
    "home.links.derived": ("Derived by mapping", "映射推导"),
    "home.links.note": (
        "Stated links are in the graphs report and curation; derived links in graph derived "
        "(from the curated priority → SDG / WSIS mapping).",
        "“报告陈述”的关联位于 report 和 curation 图中；“映射推导”的关联位于 derived 图中"
        "（来自人工整理的专题优先领域 → 可持续发展目标/信息社会世界峰会映射）。",
    ),
    "home.priorities": ("Thematic priorities", "专题优先领域"),
    "home.regions": ("Regions", "区域"),
    "home.count.activities": ("{count} activities", "{count} 项活动"),
    "home.start": ("Start here", "从这里开始"),
    "home.start.query": ("Query with SPARQL", "用 SPARQL 查询"),
    "home.start.query.text": (
        "An editor with the example queries researchers and auditors run.",
        "带有研究人员和审计人员常用示例查询的编辑器。",
    ),
    "home.start.browse": ("Browse activities", "浏览活动"),
    "home.start.browse.text": (
        "Filter by region, initiative, priority, Question, SDG, WSIS, country and year.",
        "按区域、举措、优先领域、课题、可持续发展目标、信息社会世界峰会、国家和年份筛选。",
    ),
    "home.start.audit": ("Audit the linkage", "审计关联情况"),
    "home.start.audit.text": (
        "Coverage, heatmaps, gaps and the defects of the source text.",
        "覆盖率、热力图、缺口和源文本问题。",
    ),
    "home.start.docs": ("Use the API", "使用 API"),
    "home.start.docs.text": (
        "JSON-LD collections, dereferenceable IRIs and the SPARQL protocol, documented.",
        "JSON-LD 集合、可解引用的 IRI 及 SPARQL 协议的文档。",
    ),
    # query
    "query.title": ("SPARQL query", "SPARQL 查询"),
    "query.lead": (
        "Write a SPARQL 1.1 query against the whole graph (the default graph is the union of the "
        "named graphs), or start from an example. Ctrl+Enter runs it; the page address always "
        "holds the query, so it can be shared.",
        "针对整个图谱编写 SPARQL 1.1 查询（默认图为所有命名图的并集），或从示例开始。"
        "按 Ctrl+Enter 运行；页面地址始终包含当前查询，可直接分享。",
    ),
    "query.examples": ("Example queries", "示例查询"),
    "query.examples.choose": ("Choose an example…", "选择一个示例……"),
    "query.examples.open": ("Open", "打开"),
    "query.editor": ("SPARQL query text", "SPARQL 查询文本"),
    "query.run": ("Run query", "运行查询"),
    "query.format": ("Result format", "结果格式"),
    "query.results": ("Results", "结果"),
    "query.download": ("Download results", "下载结果"),
    "query.share": ("Copy link to this query", "复制此查询的链接"),
    "query.copied": ("Link copied", "链接已复制"),
    "query.noscript": (
        "Without JavaScript the query is sent to the endpoint and the result opens in the "
        "chosen format.",
        "未启用 JavaScript 时，查询将发送至端点，并以所选格式打开结果。",
    ),
    "query.endpoint": ("Endpoint", "端点"),
    "query.rows": ("{count} rows", "{count} 行"),
    "query.audience.researcher": ("researcher", "研究人员"),
    "query.audience.auditor": ("auditor", "审计人员"),
    "query.audience.developer": ("developer", "开发人员"),
    # browse
    "browse.title": ("Browse activities", "浏览活动"),
    "browse.lead": (
        "The filters of the /api/activities collection. An activity reported under a regional "
        "initiative also counts for its region; an SDG target counts for its goal.",
        "与 /api/activities 集合相同的筛选条件。列入某区域性举措的活动也计入其所属区域；"
        "可持续发展目标的具体目标计入其目标。",
    ),
    "browse.filters": ("Filters", "筛选条件"),
    "browse.any": ("Any", "全部"),
    "browse.apply": ("Apply filters", "应用筛选"),
    "browse.reset": ("Clear all", "全部清除"),
    "browse.text": ("Text", "文本"),
    "browse.text.hint": ("in the title or the Chinese passage", "在标题或中文段落中"),
    "browse.year": ("Year", "年份"),
    "browse.yearFrom": ("From year", "起始年份"),
    "browse.yearTo": ("To year", "截止年份"),
    "browse.linkBasis": ("SDG / WSIS links", "可持续发展目标/信息社会世界峰会关联"),
    "browse.linkBasis.any": ("stated or derived", "陈述或推导"),
    "browse.linkBasis.stated": ("stated only", "仅陈述"),
    "browse.linkBasis.derived": ("derived only", "仅推导"),
    "browse.sort": ("Order", "排序"),
    "browse.sort.id": ("Report order", "报告顺序"),
    "browse.sort.label": ("Title A–Z", "标题 A–Z"),
    "browse.sort.-label": ("Title Z–A", "标题 Z–A"),
    "browse.sort.year": ("Oldest first", "最早在前"),
    "browse.sort.-year": ("Newest first", "最新在前"),
    "browse.perPage": ("Per page", "每页"),
    "browse.found": ("{count} activities", "共 {count} 项活动"),
    "browse.showing": ("{first}–{last} of {count}", "第 {first}–{last} 项，共 {count} 项"),
    "browse.none": ("No activity matches these filters.", "没有符合这些筛选条件的活动。"),
    "browse.as.json": ("The same as JSON-LD", "以 JSON-LD 获取相同结果"),
    "browse.error": ("These filters cannot be applied: {detail}", "无法应用这些筛选条件：{detail}"),
    "paging.label": ("Pages", "分页"),
    "paging.first": ("First", "首页"),
    "paging.previous": ("Previous", "上一页"),
    "paging.next": ("Next", "下一页"),
    "paging.last": ("Last", "末页"),
    "paging.page": ("Page {page} of {last}", "第 {page} 页，共 {last} 页"),
    # dimensions (filters, facets, search groups)
    "dim.thematicPriority": ("Thematic priority", "专题优先领域"),
    "dim.regionalInitiative": ("Regional initiative", "区域性举措"),
    "dim.region": ("Region", "区域"),
    "dim.strategicInitiative": ("Strategic initiative", "战略举措"),
    "dim.question": ("Study-group Question", "研究组课题"),
    "dim.sdg": ("SDG goal or target", "可持续发展目标或具体目标"),
    "dim.sdgGoal": ("SDG goal", "可持续发展目标"),
    "dim.sdgTarget": ("SDG target", "可持续发展具体目标"),
    "dim.wsis": ("WSIS action line", "信息社会世界峰会行动方面"),
    "dim.wsisActionLine": ("WSIS action line", "信息社会世界峰会行动方面"),
    "dim.country": ("Country", "国家"),
    "dim.partner": ("Partner", "合作伙伴"),
    "dim.year": ("Year", "年份"),
    # search
    "search.title": ("Search", "搜索"),
    "search.results": ("Results for “{q}”", "“{q}”的搜索结果"),
    "search.empty": (
        "Type a word, a code (AFR1, Q5/2, 5.b, C7, KEN) or a Chinese term.",
        "输入词语、代码（AFR1、Q5/2、5.b、C7、KEN）或中文词语。",
    ),
    "search.none": ("Nothing matches “{q}”.", "没有与“{q}”匹配的内容。"),
    "search.more": ("All {count} matching activities", "全部 {count} 项匹配活动"),
    "kind.Activity": ("Activities", "活动"),
    "kind.ThematicPriority": ("Thematic priorities", "专题优先领域"),
    "kind.RegionalInitiative": ("Regional initiatives", "区域性举措"),
    "kind.Region": ("Regions", "区域"),
    "kind.StrategicInitiative": ("Strategic initiatives", "战略举措"),
    "kind.StudyGroup": ("Study groups", "研究组"),
    "kind.Question": ("Study-group Questions", "研究组课题"),
    "kind.Goal": ("SDG goals", "可持续发展目标"),
    "kind.Target": ("SDG targets", "可持续发展具体目标"),
    "kind.WSISActionLine": ("WSIS action lines", "信息社会世界峰会行动方面"),
    "kind.Country": ("Countries", "国家"),
    "kind.Organization": ("Organisations", "组织"),
    "kind.SourceIssue": ("Source defects", "源文件问题"),
    # resource pages
    "resource.iri": ("IRI", "IRI"),
    "resource.english": ("English title", "英文标题"),
    "resource.passage": ("Source passage (Chinese)", "来源段落（中文）"),
    "resource.lines": (
        "Report lines {start}–{end}, section {section}",
        "报告第 {start}–{end} 行，第 {section} 节",
    ),
    "resource.line": (
        "Report line {start}, section {section}",
        "报告第 {start} 行，第 {section} 节",
    ),
    "resource.open.line": ("Open in the report", "在报告中查看"),
    "resource.properties": ("What the graph says", "图谱中的描述"),
    "resource.incoming": ("Linked from ({count})", "被引用（{count}）"),
    "resource.formats": ("Also as", "其他格式"),
    "resource.browse": ("Its activities", "相关活动"),
    # report text
    "report.title": ("The report text", "报告原文"),
    "report.lead": (
        "ITU document TDAG-21/2/2-C, Chinese text, line by line as the graph cites it "
        "(baap:startLine / baap:endLine).",
        "国际电联文件 TDAG-21/2/2-C 中文本，"
        "按图谱引用的行号逐行列出（baap:startLine / baap:endLine）。",
    ),
    "report.line": ("Line {n}", "第 {n} 行"),
    # audit
    "audit.title": ("Audit of the linkage", "关联审计"),
    "audit.same": ("The same content as", "内容同"),
    "audit.validation": ("SHACL validation", "SHACL 验证"),
    "audit.conforms": ("conforms", "符合"),
    "audit.not.conforms": ("does not conform", "不符合"),
    "audit.violations": ("violations", "项违规"),
    "audit.warnings": ("warnings", "项警告"),
    "audit.infos": ("infos", "项提示"),
    "audit.details": ("details", "详情"),
    "audit.contents": ("On this page", "本页内容"),
    "audit.coverage": ("Coverage", "覆盖率"),
    "audit.coverage.lead": (
        "Activities linked to each dimension: by links the report states, by links derived "
        "through the curated mapping, and by either. An SDG target counts for its goal.",
        "与各维度关联的活动数：按报告陈述的关联、按人工整理映射推导的关联，以及两者之一。"
        "可持续发展具体目标计入其目标。",
    ),
    "audit.dimension": ("Dimension", "维度"),
    "audit.stated": ("Stated", "陈述"),
    "audit.derived": ("Derived", "推导"),
    "audit.any": ("Any", "任一"),
    "audit.total": ("Total", "总数"),
    "audit.share": ("Share (any)", "占比（任一）"),
    "audit.query": ("Query", "查询"),
    "audit.matrices": ("Matrices", "矩阵"),
    "audit.matrices.lead": (
        "Activity counts per pair, by stated or derived links (a target counts for its goal, a "
        "C7 e-application for C7). Darker cells have more activities; hover a cell or label for "
        "names, click a label for its page.",
        "各组合的活动数（按陈述或推导的关联；具体目标计入其目标，C7 下的电子应用计入 C7）。"
        "颜色越深活动越多；将鼠标悬停在单元格或标签上可查看名称，点击标签可打开其页面。",
    ),
    "audit.names": ("Row and column names", "行和列的名称"),
    "audit.gaps": ("Gaps", "缺口"),
    "audit.gaps.any": ("by any link: {count}", "按任一关联：{count}"),
    "audit.gaps.stated": ("by stated links only: {count}", "仅按陈述关联：{count}"),
    "audit.none": ("None.", "无。"),
    "audit.issues": ("Source defects", "源文件问题"),
    "audit.issues.lead": (
        "{count} defects found in the report text (baap:SourceIssue), recorded as found, by line.",
        "在报告文本中发现 {count} 处问题（baap:SourceIssue），按行号如实记录。",
    ),
    "audit.lines": ("Lines", "行"),
    "audit.type": ("Type", "类型"),
    "audit.explanation": ("Explanation", "说明"),
    "audit.affects": ("Affects", "影响"),
    "audit.maximum": ("maximum {count}", "最大值 {count}"),
    "audit.matrix.thematicPriorityBySdgGoal": (
        "Thematic priority × SDG goal",
        "专题优先领域 × 可持续发展目标",
    ),
    "audit.matrix.thematicPriorityByWsisActionLine": (
        "Thematic priority × WSIS action line",
        "专题优先领域 × 信息社会世界峰会行动方面",
    ),
    "audit.matrix.regionByRegionalInitiative": (
        "Region × regional initiative",
        "区域 × 区域性举措",
    ),
    "audit.matrix.questionByThematicPriority": (
        "Question × thematic priority",
        "研究组课题 × 专题优先领域",
    ),
    "audit.gap.regionalInitiativesWithoutActivity": (
        "Regional initiatives without activity",
        "没有活动的区域性举措",
    ),
    "audit.gap.questionsWithoutActivity": ("Questions without activity", "没有活动的研究组课题"),
    "audit.gap.sdgGoalsWithoutActivity": (
        "SDG goals reached by no activity",
        "没有活动涉及的可持续发展目标",
    ),
    "audit.gap.sdgTargetsWithoutActivity": (
        "SDG targets reached by no activity (direct links)",
        "没有活动直接涉及的可持续发展具体目标",
    ),
    "audit.gap.wsisActionLinesWithoutActivity": (
        "WSIS action lines reached by no activity",
        "没有活动涉及的信息社会世界峰会行动方面",
    ),
    "audit.gap.activitiesWithoutCountry": ("Activities without a country", "没有国家的活动"),
    "audit.gap.activitiesWithoutYear": ("Activities without a year", "没有年份的活动"),
    "audit.gap.danglingIris": (
        "Dangling IRIs (linked to, never described)",
        "悬空 IRI（被引用但未被描述）",
    ),
    "audit.gap.unusedReferenceEntities": (
        "Reference entities no activity links to",
        "没有活动关联的参考实体",
    ),
    "audit.dim.regionalInitiative": ("Regional initiative", "区域性举措"),
    "audit.dim.region": ("Region", "区域"),
    "audit.dim.question": ("Question", "研究组课题"),
    "audit.dim.sdgGoal": ("SDG goal", "可持续发展目标"),
    "audit.dim.sdgTarget": ("SDG target", "可持续发展具体目标"),
    "audit.dim.wsisActionLine": ("WSIS action line", "信息社会世界峰会行动方面"),
    "audit.dim.country": ("Country", "国家"),
    "audit.dim.partner": ("Partner", "合作伙伴"),
    "audit.dim.year": ("Year", "年份"),
    "audit.issues.query": ("All source defects as a query", "以查询列出全部源文件问题"),
}


def translate(lang: str, key: str, **values: object) -> str:
    """The message `key` in `lang`, with `{name}` placeholders filled from `values`."""
    english, chinese = MESSAGES[key]
    text = chinese if lang == "zh" else english
    return text.format(**values) if values else text


def translator(lang: str) -> Callable[..., str]:
    """`t(key, **values)` for templates, bound to `lang`."""

    def t(key: str, **values: object) -> str:
        return translate(lang, key, **values)

    return t


def from_accept_language(header: str | None) -> str | None:
    """The first of LANGUAGES that `Accept-Language` prefers (by q-value), or None."""
    if not header:
        return None
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")):
        pieces = part.strip().split(";")
        tag = pieces[0].strip().lower()
        quality = 1.0
        for parameter in pieces[1:]:
            name, _, value = parameter.strip().partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.split("-")[0]
        if quality > 0 and primary in LANGUAGES:
            ranked.append((-quality, index, primary))
    return min(ranked)[2] if ranked else None


def choose_language(
    query: Mapping[str, str], cookies: Mapping[str, str], accept_language: str | None
) -> tuple[str, bool]:
    """The page language and whether it was chosen explicitly (then it should be remembered)."""
    asked = query.get("lang", "").lower()
    if asked in LANGUAGES:
        return asked, True
    remembered = cookies.get(COOKIE, "").lower()
    if remembered in LANGUAGES:
        return remembered, False
    return from_accept_language(accept_language) or DEFAULT_LANGUAGE, False


def label(labels: Mapping[str, str], lang: str, fallback: str = "") -> str:
    """The label in `lang`, else the English one, else any, else `fallback`."""
    return (
        labels.get(lang)
        or labels.get(DEFAULT_LANGUAGE)
        or labels.get("")
        or next(iter(labels.values()), "")
        or fallback
    )
