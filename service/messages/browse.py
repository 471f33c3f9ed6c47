"""Messages of the browse, search, resource and report pages; names of dimensions and kinds."""

from __future__ import annotations

from typing import Final

#: message id -> (English, Chinese). `{name}` placeholders are filled by `format`.
MESSAGES: Final[dict[str, tuple[str, str]]] = {
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
    "browse.linkBasis": ("SDG / WSIS links", "可持续发展目标/WSIS 关联"),
    "browse.linkBasis.any": ("any basis", "任一依据"),
    "browse.linkBasis.report": ("stated by the report", "报告陈述"),
    "browse.linkBasis.curation": ("judged by a curator", "整理者判断"),
    "browse.linkBasis.stated": ("report or curator (stated)", "报告或整理者（陈述）"),
    "browse.linkBasis.inferred": ("read by a method", "方法读取"),
    "browse.linkBasis.derived": ("priority mapping (derived)", "优先事项映射（推导）"),
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
    "dim.thematicPriority": ("Thematic priority", "专题优先事项"),
    "dim.regionalInitiative": ("Regional initiative", "区域性举措"),
    "dim.region": ("Region", "区域"),
    "dim.strategicInitiative": ("Strategic initiative", "战略举措"),
    "dim.question": ("Study-group Question", "研究组课题"),
    "dim.sdg": ("SDG goal or target", "可持续发展目标或具体目标"),
    "dim.sdgGoal": ("SDG goal", "可持续发展目标"),
    "dim.sdgTarget": ("SDG target", "可持续发展具体目标"),
    "dim.wsis": ("WSIS action line", "WSIS行动方面"),
    "dim.wsisActionLine": ("WSIS action line", "WSIS行动方面"),
    "dim.country": ("Country", "国家"),
    "dim.partner": ("Partner", "合作伙伴"),
    "dim.year": ("Year", "年份"),
    # search
    "search.title": ("Search", "搜索"),
    "search.results": ("Results for", "搜索结果："),
    "search.empty": (
        "Type a word, a code (AFR1, Q5/2, 5.b, C7, KEN) or a Chinese term.",
        "输入词语、代码（AFR1、Q5/2、5.b、C7、KEN）或中文词语。",
    ),
    "search.none": ("Nothing matches", "没有匹配的内容："),
    "search.more": ("All {count} matching activities", "全部 {count} 项匹配活动"),
    "kind.Activity": ("Activities", "活动"),
    "kind.ThematicPriority": ("Thematic priorities", "专题优先事项"),
    "kind.RegionalInitiative": ("Regional initiatives", "区域性举措"),
    "kind.Region": ("Regions", "区域"),
    "kind.StrategicInitiative": ("Strategic initiatives", "战略举措"),
    "kind.StudyGroup": ("Study groups", "研究组"),
    "kind.Question": ("Study-group Questions", "研究组课题"),
    "kind.Goal": ("SDG goals", "可持续发展目标"),
    "kind.Target": ("SDG targets", "可持续发展具体目标"),
    "kind.WSISActionLine": ("WSIS action lines", "WSIS行动方面"),
    "kind.Country": ("Countries", "国家"),
    "kind.Organization": ("Organisations", "组织"),
    "kind.SourceIssue": ("Source defects", "源文件问题"),
    # resource pages
    "resource.iri": ("IRI", "IRI"),
    "resource.english": ("English title", "英文标题"),
    "resource.passage": ("Source passage (Chinese)", "原文段落（中文）"),
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
    "report.contents": ("Contents", "目录"),
    "report.activity": ("Activity extracted from this passage", "从此段落提取的活动"),
    "report.issue": ("Source issue recorded on this line", "此行记录的源文件问题"),
    "report.links.note": (
        "Bookmarks and image placeholders of the document conversion are left out. The links "
        "after a line open the activities extracted from the passage that starts there and the "
        "defects recorded on it.",
        "文档转换留下的书签和图片占位符已略去。行后的链接可打开从该行起始段落中提取的活动，"
        "以及该行记录的问题。",
    ),
}
