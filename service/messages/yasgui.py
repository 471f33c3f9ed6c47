"""The query editor's result table in the page's language: DataTables' language settings, and the
English words Yasr and Yasqe draw themselves, with their Chinese (`static/baap/query.js` swaps
them in after each drawing)."""

from __future__ import annotations

from typing import Any, Final

#: Yasr's and Yasqe's own English words -> Chinese.
YASGUI_ZH: Final[dict[str, str]] = {
    "Simple view": "简洁视图",
    "Ellipse": "截断长文本",
    "Filter query results": "筛选查询结果",
    "Page size:": "每页行数：",
    "All": "全部",
    "Table": "表格",
    "Response": "原始响应",
    "Shows Table view": "显示表格视图",
    "Shows Response view": "显示原始响应视图",
    "Show all": "全部显示",
    "Download result": "下载结果",
    "Run query": "运行查询",
    "Share query": "分享查询",
    "Open settings": "打开设置",
}


def yasgui_text(lang: str) -> dict[str, str]:
    """The words to swap on a page in `lang` (none in English)."""
    return dict(YASGUI_ZH) if lang == "zh" else {}


def table_language(lang: str) -> dict[str, Any]:
    """DataTables' `language` settings: arrows for paging, the rest in `lang`."""
    zh = lang == "zh"
    return {
        "paginate": {"first": "«", "last": "»", "next": "›", "previous": "‹"},
        "aria": {
            "paginate": {
                "first": "首页" if zh else "First page",
                "last": "末页" if zh else "Last page",
                "next": "下一页" if zh else "Next page",
                "previous": "上一页" if zh else "Previous page",
            },
            "orderable": "：点击排序" if zh else ": activate to sort",
            "orderableReverse": "：点击反向排序" if zh else ": activate to sort in reverse",
            "orderableRemove": "：点击取消排序" if zh else ": activate to remove sorting",
        },
        "entries": {"_": "行" if zh else "rows", "1": "行" if zh else "row"},
        "info": "第 _START_–_END_ 行，共 _TOTAL_ 行" if zh else "Rows _START_ to _END_ of _TOTAL_",
        "infoEmpty": "没有结果" if zh else "No rows",
        "infoFiltered": "（从 _MAX_ 行中筛选）" if zh else "(filtered from _MAX_ rows)",
        "emptyTable": "查询没有返回结果" if zh else "The query returned no rows",
        "zeroRecords": "没有符合筛选条件的行" if zh else "No row matches the filter",
        "search": "筛选：" if zh else "Filter:",
        "lengthMenu": "每页 _MENU_ 行" if zh else "_MENU_ rows per page",
        "loadingRecords": "加载中……" if zh else "Loading…",
    }
