"""Messages of the error pages and the API reference page."""

from __future__ import annotations

from typing import Final

#: message id -> (English, Chinese). `{name}` placeholders are filled by `format`.
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    "error.status": ("Error {status}", "错误 {status}"),
    "error.detail": ("Technical detail (English)", "技术细节（英文）"),
    "error.home": ("Home page", "返回首页"),
    "error.search": ("Search the graph", "搜索图谱"),
    "error.title.0": ("Something went wrong", "出现错误"),
    "error.text.0": (
        "The server could not answer this request.",
        "服务器无法响应此请求。",
    ),
    "error.title.400": ("This request cannot be answered", "无法处理此请求"),
    "error.text.400": (
        "Something in the address is not understood: a parameter, a filter value or a line "
        "number. The detail below says which.",
        "地址中有无法识别的内容：参数、筛选值或行号。下方的技术细节说明了具体原因。",
    ),
    "error.title.404": ("Page not found", "找不到该页面"),
    "error.text.404": (
        "Nothing is published at this address. The graph may not hold the entity you are "
        "looking for; search for it, or browse the activities.",
        "此地址下没有内容。图谱中可能没有您要找的实体；请尝试搜索，或浏览活动。",
    ),
    "error.title.405": ("Method not allowed", "不允许的请求方法"),
    "error.text.405": (
        "This address does not take this kind of request.",
        "此地址不接受这种请求方法。",
    ),
    "error.title.406": ("No acceptable format", "没有可接受的格式"),
    "error.text.406": (
        "This address cannot answer in any of the formats the browser accepts.",
        "此地址无法以浏览器可接受的任何格式作答。",
    ),
    "error.title.413": ("Request too large", "请求过大"),
    "error.text.413": (
        "The request is larger than the server accepts.",
        "请求超出了服务器的上限。",
    ),
    "error.title.415": ("Unsupported content type", "不支持的内容类型"),
    "error.text.415": (
        "The server cannot read the body of this request.",
        "服务器无法读取此请求的正文。",
    ),
    "error.title.429": ("Too many requests", "请求过多"),
    "error.text.429": ("Please wait a moment and try again.", "请稍候再试。"),
    "error.title.500": ("Server error", "服务器错误"),
    "error.text.500": (
        "The server failed on this request. This is a fault of baap-kg, not of the request.",
        "服务器处理此请求时出错。这是 baap-kg 的故障，而不是请求的问题。",
    ),
    "error.title.503": ("Busy or timed out", "服务器繁忙或超时"),
    "error.text.503": (
        "The server is busy or the work took too long. Please try again in a moment.",
        "服务器繁忙或处理时间过长。请稍后再试。",
    ),
    # the ontology page
    "ontology.iri": ("The ontology's IRI:", "本体的 IRI："),
    "ontology.download": ("as", "格式："),
    "ontology.contents": ("Contents", "目录"),
    "ontology.classes": ("Classes", "类"),
    "ontology.properties": ("Properties", "属性"),
    "ontology.parents": ("Specialises", "上位："),
    "ontology.domain": ("Domain", "定义域："),
    "ontology.range": ("Range", "值域："),
    # the API reference page
    "docs.title": ("API reference", "API 参考"),
    "docs.lead": (
        "Every endpoint of baap-kg with its parameters and answers, generated from the OpenAPI "
        "description. The reference itself is in English; try requests from it directly.",
        "baap-kg 的全部接口及其参数和响应，由 OpenAPI 描述生成。参考内容本身为英文，"
        "可直接在其中试用请求。",
    ),
    "docs.link.query": ("SPARQL editor", "SPARQL 编辑器"),
    "docs.link.browse": ("Browse activities", "浏览活动"),
    "docs.link.examples": ("Example queries (JSON)", "示例查询（JSON）"),
    "docs.link.openapi": ("OpenAPI document (JSON)", "OpenAPI 文档（JSON）"),
    "docs.noscript": (
        "The interactive reference needs JavaScript; the OpenAPI document above has it all.",
        "交互式参考需要启用 JavaScript；上方的 OpenAPI 文档包含全部内容。",
    ),
}
