"""Messages of the audit page."""

from __future__ import annotations

from typing import Final

#: message id -> (English, Chinese). `{name}` placeholders are filled by `format`.
MESSAGES: Final[dict[str, tuple[str, str]]] = {
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
        "Activities linked to each dimension, by the basis of the link: what the report states "
        "(the headline), what a curator judged from the passage, either of the two (stated), "
        "what a method read from the activity's text, what the priority mapping implies, and "
        "any. An SDG target counts for its goal.",
        "与各维度关联的活动数，按关联的依据区分：报告陈述（主要数字）、整理者根据段落判断、"
        "二者之一（陈述）、方法从活动文本读取、优先事项映射推导，以及任一依据。"
        "可持续发展具体目标计入其目标。",
    ),
    "audit.headline": ("Report states", "报告陈述占比"),
    "audit.col.report": ("Report", "报告"),
    "audit.col.curation": ("Curation", "整理"),
    "audit.col.stated": ("Stated", "陈述"),
    "audit.col.inferred": ("Inferred", "推断"),
    "audit.col.derived": ("Mapping", "映射"),
    "audit.col.any": ("Any", "任一"),
    "audit.bars": ("Share by basis", "按依据的占比"),
    "audit.report": ("Report", "报告"),
    "audit.curation": ("Curation", "整理"),
    "audit.inferred": ("Inferred", "推断"),
    "audit.basis.report": ("the report states it", "报告陈述"),
    "audit.basis.curation": ("a curator judged it from the passage", "整理者根据段落判断"),
    "audit.basis.inferred": ("a method read it from the text", "方法从文本读取"),
    "audit.basis.derived": ("implied by the priority mapping", "由优先事项映射推导"),
    "audit.dimension": ("Dimension", "维度"),
    "audit.stated": ("Stated (report or curation)", "陈述（报告或整理）"),
    "audit.derived": ("Derived (mapping)", "推导（映射）"),
    "audit.any": ("Any", "任一"),
    "audit.total": ("Total", "总数"),
    "audit.share": ("Share (any)", "占比（任一）"),
    "audit.query": ("Query", "查询"),
    "audit.matrices": ("Matrices", "矩阵"),
    "audit.matrices.lead": (
        "Activity counts per pair, by links of any basis (a target counts for its goal, a "
        "C7 e-application for C7). Darker cells have more activities; hover a cell or label for "
        "names, click a label for its page.",
        "各组合的活动数（按任一依据的关联；具体目标计入其目标，C7 下的电子应用计入 C7）。"
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
        "专题优先事项 × 可持续发展目标",
    ),
    "audit.matrix.thematicPriorityByWsisActionLine": (
        "Thematic priority × WSIS action line",
        "专题优先事项 × WSIS行动方面",
    ),
    "audit.matrix.regionByRegionalInitiative": (
        "Region × regional initiative",
        "区域 × 区域性举措",
    ),
    "audit.matrix.questionByThematicPriority": (
        "Question × thematic priority",
        "研究组课题 × 专题优先事项",
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
        "没有活动涉及的WSIS行动方面",
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
    "audit.dim.wsisActionLine": ("WSIS action line", "WSIS行动方面"),
    "audit.dim.country": ("Country", "国家"),
    "audit.dim.partner": ("Partner", "合作伙伴"),
    "audit.dim.year": ("Year", "年份"),
    "audit.dim.thematicPriority": ("Thematic priority", "专题优先事项"),
    "audit.without.title": ("Activities with no {dimension} link", "没有{dimension}关联的活动"),
    "audit.without.lead.any": (
        "Activities that no link of any basis connects to a {dimension}: not the report, not a "
        "curator, not the priority mapping.",
        "没有任何依据的关联将其连接到{dimension}的活动：报告、整理者和优先事项映射均未提供。",
    ),
    "audit.without.lead.stated": (
        "Activities for which neither the report nor a curator states a {dimension}; some may "
        "still reach one through the priority mapping.",
        "报告和整理者均未陈述其{dimension}的活动；其中一些仍可能通过优先事项映射得到关联。",
    ),
    "audit.without.count": ("{count} activities", "{count} 项活动"),
    "audit.without.share": ("{share}% of all activities", "占全部活动的 {share}%"),
    "audit.without.lead.report": (
        "Activities for which the report itself states no {dimension}; a curator, a method or "
        "the priority mapping may still give one.",
        "报告本身未陈述其{dimension}的活动；整理者、方法或优先事项映射仍可能提供关联。",
    ),
    "audit.without.lead.curation": (
        "Activities to which no curator linked a {dimension} (the report may state one).",
        "整理者未为其关联{dimension}的活动（报告可能已陈述）。",
    ),
    "audit.without.lead.inferred": (
        "Activities to which no method linked a {dimension} from their text.",
        "没有方法从其文本中为其关联{dimension}的活动。",
    ),
    "audit.without.lead.derived": (
        "Activities that the priority mapping links to no {dimension}.",
        "优先事项映射未将其关联到任何{dimension}的活动。",
    ),
    "audit.without.by": ("By links of another basis:", "按其他依据的关联："),
    "audit.without.link": ("Activities without", "缺少关联的活动"),
    "audit.worst": ("Largest gaps", "最大的缺口"),
    "audit.worst.lead": (
        "Dimensions that fewer than a quarter of the activities are linked to (by any link):",
        "关联活动（按任一关联）不足四分之一的维度：",
    ),
    "audit.flag": ("gap", "缺口"),
    "audit.cell": ("{row} × {column}: {count} activities", "{row} × {column}：{count} 项活动"),
    "audit.issue.comment": ("The curator's explanation (English)", "整理者的说明（英文）"),
    "audit.issues.query": ("All source defects as a query", "以查询列出全部源文件问题"),
}

#: Source issue type (`baap:issueType`) -> (English name, Chinese name, English and Chinese
#: explanation of what the type means). A type not listed is shown as its code.
ISSUE_TYPES: Final[dict[str, tuple[str, str, str, str]]] = {
    "typo": (
        "Typo",
        "错别字",
        "A character or number is wrongly printed.",
        "某个字符或数字印刷有误。",
    ),
    "date-conflict": (
        "Date conflict",
        "日期冲突",
        "Two places give different dates for the same thing, or a date cannot be right.",
        "两处对同一事项给出了不同日期，或日期不可能正确。",
    ),
    "figure-conflict": (
        "Figure conflict",
        "数字冲突",
        "Two places give different figures for the same thing.",
        "两处对同一事项给出了不同数字。",
    ),
    "duplicate-passage": (
        "Duplicate passage",
        "重复段落",
        "The same activity is reported twice.",
        "同一活动被报告了两次。",
    ),
    "heading-number-conflict": (
        "Heading number conflict",
        "标题编号冲突",
        "A heading's number does not match its title.",
        "标题的编号与其名称不符。",
    ),
    "heading-missing-number": (
        "Heading without number",
        "标题缺少编号",
        "A heading names a region but not which of its initiatives it is.",
        "标题只写明区域，未写明是该区域的哪一项举措。",
    ),
    "heading-missing-title": (
        "Heading without title",
        "标题缺少名称",
        "A heading has a number but no title.",
        "标题有编号但没有名称。",
    ),
    "split-heading": (
        "Split heading",
        "标题被拆分",
        "One heading is broken over two lines.",
        "一个标题被断成了两行。",
    ),
    "truncated-heading": (
        "Truncated heading",
        "标题不完整",
        "A heading is cut short.",
        "标题被截断。",
    ),
    "title-conflict": (
        "Title conflict",
        "名称冲突",
        "A title differs from the official one.",
        "名称与正式名称不一致。",
    ),
    "misplaced-content": (
        "Misplaced content",
        "内容错位",
        "Text stands under a heading it does not belong to.",
        "文字位于不属于它的标题之下。",
    ),
    "region-mismatch": (
        "Region mismatch",
        "区域不符",
        "An activity is reported under a region it does not concern.",
        "活动被列在与其无关的区域之下。",
    ),
    "question-study-group-mismatch": (
        "Question and study group mismatch",
        "课题与研究组不符",
        "A Question is attributed to the wrong study group.",
        "某个课题被归入了错误的研究组。",
    ),
    "country-name-variant": (
        "Country name variant",
        "国名写法不一",
        "A country is named in a form other than the one the report uses elsewhere.",
        "某个国家的名称写法与报告其他地方不同。",
    ),
    "organization-name-variant": (
        "Organisation name variant",
        "机构名称写法不一",
        "An organisation is named in more than one form.",
        "某个机构的名称有多种写法。",
    ),
    "garbled-text": (
        "Garbled text",
        "文字错乱",
        "A sentence is garbled: words missing, repeated or out of order.",
        "句子错乱：字词缺失、重复或次序颠倒。",
    ),
    "fragmentary-sentence": (
        "Fragmentary sentence",
        "句子不完整",
        "A sentence breaks off or lacks its main part.",
        "句子中断或缺少主要成分。",
    ),
    "duplicated-text": (
        "Duplicated text",
        "文字重复",
        "Words or a phrase are printed twice in a row.",
        "字词或短语被连续印了两遍。",
    ),
    "missing-reference": (
        "Missing reference",
        "缺失的引用",
        "The text points to a link or document that is not there.",
        "文中所指的链接或文件并不存在。",
    ),
    "missing-annex": (
        "Missing annex",
        "缺失的附件",
        "The text cites an annex that is not part of the document.",
        "文中引用的附件不在本文件中。",
    ),
    "punctuation": (
        "Punctuation",
        "标点问题",
        "Brackets or quotation marks do not match.",
        "括号或引号不成对。",
    ),
    "inconsistent-list": (
        "Inconsistent list",
        "列表不一致",
        "A count or a list disagrees with itself or with the items it lists.",
        "计数或列表与其所列的条目不符。",
    ),
    "mistranslation": (
        "Mistranslation",
        "误译",
        "The Chinese says something other than what is evidently meant.",
        "中文所述与显然要表达的意思不同。",
    ),
    "question-notation": (
        "Question notation",
        "课题编号写法",
        "A study-group Question is written in an unusual notation.",
        "研究组课题的编号写法不规范。",
    ),
    "other": ("Other defect", "其他问题", "A defect of another kind.", "其他类型的问题。"),
}


def issue_type_name(kind: str, lang: str) -> str:
    """The name of an issue type in `lang` (its code when the type is not known)."""
    names = ISSUE_TYPES.get(kind)
    if names is None:
        return kind
    return names[1] if lang == "zh" else names[0]


def issue_type_about(kind: str, lang: str) -> str:
    """What an issue type means, in `lang` (empty when the type is not known)."""
    names = ISSUE_TYPES.get(kind)
    if names is None:
        return ""
    return names[3] if lang == "zh" else names[2]
