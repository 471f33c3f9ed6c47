"""Messages of the entity pages: names of the properties the ontology does not define (RDFS, SKOS,
OWL, PROV, Dublin Core, the UN SDG ontology), the provenance of reference entries in words, and
the SDG goal and target pages."""

from __future__ import annotations

from typing import Final

#: message id -> (English, Chinese). `{name}` placeholders are filled by `format`.
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    # properties from other vocabularies, by prefixed name
    "prop.rdfs:label": ("Name", "名称"),
    "prop.rdfs:comment": ("Explanation", "说明"),
    "prop.rdfs:isDefinedBy": ("Defined by", "定义于"),
    "prop.rdfs:subClassOf": ("Kind of", "上位类"),
    "prop.rdfs:subPropertyOf": ("Narrower than", "上位属性"),
    "prop.rdfs:domain": ("Applies to", "适用于"),
    "prop.rdfs:range": ("Value", "取值"),
    "prop.skos:prefLabel": ("Preferred name", "首选名称"),
    "prop.skos:altLabel": ("Also called", "又称"),
    "prop.skos:hiddenLabel": ("Other spellings found in the text", "原文中的其他写法"),
    "prop.skos:notation": ("Code", "代码"),
    "prop.skos:broader": ("Part of", "上位概念"),
    "prop.skos:definition": ("Definition", "定义"),
    "prop.skos:exactMatch": ("Same concept elsewhere", "其他来源中的同一概念"),
    "prop.skos:inScheme": ("In the scheme", "所属体系"),
    "prop.skos:topConceptOf": ("Top concept of", "顶层概念所属体系"),
    "prop.skos:scopeNote": ("Scope note", "范围说明"),
    "prop.owl:sameAs": ("Same as", "等同于"),
    "prop.owl:versionInfo": ("Version", "版本"),
    "prop.owl:versionIRI": ("Version IRI", "版本 IRI"),
    "prop.prov:wasDerivedFrom": ("Source passage", "原文段落"),
    "prop.dcterms:source": ("Source", "来源"),
    "prop.dcterms:title": ("Title", "标题"),
    "prop.dcterms:creator": ("Author", "作者"),
    "prop.dcterms:license": ("Licence", "许可"),
    "prop.dcterms:isPartOf": ("Part of", "所属"),
    "prop.sdgo:hasTarget": ("Targets", "具体目标"),
    "prop.sdgo:isTargetOf": ("Target of goal", "所属目标"),
    "prop.vann:preferredNamespacePrefix": ("Preferred prefix", "首选前缀"),
    "prop.vann:preferredNamespaceUri": ("Namespace", "命名空间"),
    "prop.rdf:type": ("Kind", "类型"),
    # classes from other vocabularies
    "type.skos:Concept": ("Concept", "概念"),
    "type.skos:ConceptScheme": ("Concept scheme", "概念体系"),
    "type.owl:Class": ("Class", "类"),
    "type.owl:ObjectProperty": ("Relation", "关系属性"),
    "type.owl:DatatypeProperty": ("Attribute", "数据属性"),
    "type.owl:Ontology": ("Ontology", "本体"),
    # entity pages
    "resource.issue.name": ("{kind}, line {line}", "{kind}（第 {line} 行）"),
    "resource.untitled": ("{kind} {id}", "{kind} {id}"),
    "resource.passage.title": ("Source passage {id}", "原文段落 {id}"),
    "resource.passage.heading": ("Under the heading", "所在标题"),
    "resource.passage.activities": ("Activities extracted from it", "从中提取的活动"),
    "resource.incoming.more": ("and {count} more", "以及另外 {count} 项"),
    "resource.provenance": ("Where this entry comes from", "本条目的来源"),
    "resource.provenance.note": ("The curator's note (English)", "整理者的原始注释（英文）"),
    "source.official": (
        "Taken from an official ITU or UN document.",
        "取自国际电联或联合国的正式文件。",
    ),
    "source.draft": (
        "Taken from an official draft; the final wording was completed by the curator.",
        "取自正式草案；最终措辞由整理者补全。",
    ),
    "source.memory": (
        "Written down by the curator from the official texts they know, without a copy at "
        "hand: the wording is close to the official one but was not checked word for word.",
        "由整理者凭对正式文本的了解写出，手头并无原件：措辞接近正式文本，但未逐字核对。",
    ),
    "source.translated": (
        "Translated by the curator: no official wording in this language was at hand.",
        "由整理者翻译：手头没有该语言的正式措辞。",
    ),
    "source.report": ("Taken from the report itself.", "取自报告本身。"),
    "source.list": ("Taken from a published reference list.", "取自公开的参考列表。"),
    "confidence.high": (
        "Confidence: high, checked against the source.",
        "可信度：高，已与来源核对。",
    ),
    "confidence.medium-high": ("Confidence: fairly high.", "可信度：较高。"),
    "confidence.medium": (
        "Confidence: medium, likely right but not checked word for word.",
        "可信度：中，大概率正确，但未逐字核对。",
    ),
    "confidence.low-medium": (
        "Confidence: low to medium, a reasoned guess.",
        "可信度：中低，属于有依据的推测。",
    ),
    "confidence.low": (
        "Confidence: low, a best guess; check it before relying on it.",
        "可信度：低，仅为最佳推测；使用前请核实。",
    ),
    "confidence.probable": (
        "Confidence: probable, the most likely reading, not confirmed.",
        "可信度：很可能，为最可能的解读，但未经证实。",
    ),
    "confidence.official": ("The official wording.", "这是正式措辞。"),
    "confidence.report": ("The wording the report itself uses.", "这是报告本身使用的措辞。"),
    "confidence.translated": ("A translation by the curator.", "这是整理者的译文。"),
    "confidence.other": ("Confidence as the curator noted it:", "整理者注明的可信度："),
    # SDG goals and targets
    "sdg.goal": ("SDG goal {code}", "可持续发展目标 {code}"),
    "sdg.target": ("SDG target {code}", "可持续发展具体目标 {code}"),
    "sdg.of.goal": ("Part of", "所属目标"),
    "sdg.targets": ("Its targets", "其具体目标"),
    "sdg.activities": ("Activities, by the basis of their link", "相关活动（按关联依据）"),
    "sdg.activities.lead": (
        "A link to a target also counts for its goal. The basis says who made the link: "
        "the report itself, a curator reading the passage, a method reading the activity's "
        "text, or the curated mapping from the activity's thematic priority.",
        "关联到具体目标的活动也计入其目标。关联依据说明关联的来源：报告本身、整理者阅读段落后的"
        "判断、方法对活动文本的读取，或从活动的专题优先事项出发的人工整理映射。",
    ),
    "sdg.none": ("No activity is linked to it.", "没有活动与之关联。"),
    "sdg.count": ("{count} activities", "{count} 项活动"),
    "sdg.shown": ("The first {shown} of {count}", "前 {shown} 项，共 {count} 项"),
    "sdg.all": ("All of them in Browse", "在“浏览”中查看全部"),
    "sdg.un": ("Its page at the UN", "联合国网站上的页面"),
    "basis.report": ("Stated in the report", "报告陈述"),
    "basis.curation": ("Judged by a curator from the passage", "整理者根据段落判断"),
    "basis.inferred": ("Read from the activity's text by a method", "方法从活动文本中读取"),
    "basis.derived": ("Derived through the priority mapping", "通过优先事项映射推导"),
    "basis.other": ("Other", "其他"),
    "basis.short.report": ("report", "报告"),
    "basis.short.curation": ("curation", "整理"),
    "basis.short.inferred": ("inferred", "推断"),
    "basis.short.derived": ("derived", "推导"),
    "why.evidence": ("Evidence:", "证据："),
    "why.line": ("line {line}", "第{line}行"),
    "why.confidence.high": ("curator's confidence high", "整理者可信度：高"),
    "why.confidence.medium": ("curator's confidence medium", "整理者可信度：中"),
    "why.confidence.low": ("curator's confidence low (a guess)", "整理者可信度：低（推测）"),
    "why.score": ("score {score}", "得分 {score}"),
    "why.method": ("method", "方法"),
    "why.version": ("version {version}", "版本 {version}"),
    "why.more": ("justification", "依据详情"),
}
