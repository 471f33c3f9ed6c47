"""Messages of the layout, the home page and the query editor."""

from __future__ import annotations

from typing import Final

#: message id -> (English, Chinese). `{name}` placeholders are filled by `format`.
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    # layout
    "site.name": ("BAAP Knowledge Graph", "布宜诺斯艾利斯行动计划知识图谱"),
    "site.short": ("BAAP Graph", "BAAP 知识图谱"),
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
    "nav.search": ("Search", "搜索"),
    "filters.show": ("Filters", "筛选条件"),
    "filters.active": ("{count} active", "已选 {count} 项"),
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
        "均与其专题优先事项、区域性举措、研究组课题、可持续发展目标及具体目标、WSIS行动方面、"
        "国家、合作伙伴和年份相关联，每条关联都附有其所依据的报告段落。",
    ),
    "home.source.title": ("Where it comes from", "数据来源"),
    "home.source.text": (
        "The source is the Chinese text of ITU document TDAG-21/2/2-C (8 October 2021), Report on "
        "the implementation of the Buenos Aires Action Plan, by the Director of the "
        "Telecommunication Development Bureau. Activities, passages and their line numbers are "
        "extracted from it; English titles are curated per activity. Each link says who stands "
        "behind it: the report states it, a curator judged it from the passage, a method read it "
        "from the activity's own text (with a score), or the curated mapping from its thematic "
        "priority implies it. Defects found in the source are recorded, not silently fixed.",
        "数据来源于国际电联文件 TDAG-21/2/2-C（2021年10月8日）中文本，即电信发展局主任所作的"
        "《布宜诺斯艾利斯行动计划实施情况报告》。活动、段落及其行号均从中提取；每项活动的英文标题为人工整理；"
        "每条关联都注明其依据：报告明确陈述、整理人员根据段落判断、方法从活动本身的文字中推断（附分数），"
        "或由专题优先事项的人工整理映射推导得出。"
        "源文本中发现的问题会被如实记录，而不是悄悄修正。",
    ),
    "home.source.report": ("Read the report text", "阅读报告原文"),
    "home.counts": ("The graph in numbers", "图谱数据概览"),
    "home.activities": ("activities", "项活动"),
    "home.passages": ("source passages", "个原文段落"),
    "home.issues": ("source defects", "处源文件问题"),
    "home.triples": ("triples", "个三元组"),
    "home.links": ("Links from activities, by kind", "活动关联（按类型）"),
    "home.links.kind": ("Kind of link", "关联类型"),
    "home.links.report": ("Report", "报告"),
    "home.links.curation": ("Curation", "整理"),
    "home.links.inferred": ("Inferred", "推断"),
    "home.links.derived": ("Mapping", "映射"),
    "home.links.note": (
        "Each link by its basis, the graph it is in: the report states it (`report`), a "
        "curator judged it from the passage (`curation`), a method read it from the activity's "
        "text (`inferred`), or the curated priority → SDG / WSIS mapping implies it "
        "(`derived`). A link can have more than one basis.",
        "按依据（所在的图）统计各关联：报告陈述（`report`）、整理者根据段落判断（`curation`）、"
        "方法从活动文本读取（`inferred`），或由人工整理的专题优先事项 → 可持续发展目标/WSIS"
        "映射推导（`derived`）。一条关联可有多个依据。",
    ),
    "home.priorities": ("Thematic priorities", "专题优先事项"),
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
        "按区域、举措、优先事项、课题、可持续发展目标、WSIS行动方面、国家和年份筛选。",
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
    "query.error": ("The query was not answered", "查询未能执行"),
    "query.errorAt": (
        "Syntax error at line {line}, column {column}",
        "第 {line} 行第 {column} 列有语法错误",
    ),
    "query.pageSize": ("Rows per page", "每页行数"),
    "query.resultCount": ("{count} results", "{count} 个结果"),
    "query.seconds": ("{seconds} s", "用时 {seconds} 秒"),
    "query.option": ("Option", "选项"),
    "query.audience.researcher": ("researcher", "研究人员"),
    "query.audience.auditor": ("auditor", "审计人员"),
    "query.audience.developer": ("developer", "开发人员"),
}
