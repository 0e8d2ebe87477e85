"""HTML for Jupyter: results and tables shown with Vietnamese labels and English beside them.

Only rendering lives here. Every message, name and citation shown comes from core, and so do the
plan-style tables and the allocation's table: core lays them out as a table model (caption,
columns, rows, cells with their exact value and their Vietnamese text, notes, source), and this
module only turns a model into HTML or a DataFrame. Numbers are formatted by core too
(``format_number``).
"""

from __future__ import annotations

from decimal import Decimal
from html import escape
from typing import Any, Dict, Iterable, List, Mapping, Optional

from ._giamngheo import answer_tables, class_counts_table, format_number, plan_tables, standards

__all__ = [
    "classification_html",
    "eligibility_html",
    "plan_check_html",
    "counterpart_html",
    "allocation_html",
    "statistics_html",
    "batch_html",
    "mapping_html",
    "table_html",
    "tables_html",
    "table_frame",
    "vi_number",
]

_STYLE = (
    "<style>.gn table{border-collapse:collapse;margin:4px 0 10px 0;font-size:13px}"
    ".gn th,.gn td{border:1px solid #ccc;padding:3px 7px;text-align:left;vertical-align:top}"
    ".gn th{background:#f3f3f3}.gn td.n{text-align:right;font-variant-numeric:tabular-nums}"
    ".gn .en{color:#666}.gn .ok{color:#0a6b2b}.gn .no{color:#a31515}.gn .un{color:#8a6d00}"
    ".gn td.pub{background:#f7f7fb}.gn tr.total td{font-weight:bold}"
    ".gn td[data-value=eligible],.gn td[data-value=pass],.gn td[data-value=true],.gn td[data-value=met]{color:#0a6b2b}"
    ".gn td[data-value=not_eligible],.gn td[data-value=fail],.gn td[data-value=false],.gn td[data-value=deprived]"
    "{color:#a31515}.gn td[data-value=cannot_decide],.gn td[data-value=unknown],.gn td[data-value=unverified]"
    "{color:#8a6d00}"
    ".gn caption{font-weight:bold;text-align:left;padding:4px 0}</style>"
)


def vi_number(d: Any) -> str:
    """A decimal from core (``Decimal``, ``int`` or its text) in Vietnamese notation
    (``1.234.567,5``), by core's formatting."""
    if d is None:
        return "—"
    return format_number(format(Decimal(d), "f"))


def _bi(text: Optional[Mapping[str, Any]]) -> str:
    if not text:
        return ""
    vi, en = escape(str(text.get("vi", ""))), escape(str(text.get("en", "")))
    return f"{vi}<br><span class='en'>{en}</span>" if en and en != vi else vi


def _both(text: Optional[Mapping[str, Any]]) -> str:
    """A model's bilingual label as a table heading or cell: Vietnamese, English below."""
    return _bi(text) if text else ""


def _cell_class(column: Mapping[str, Any]) -> str:
    classes = []
    if column.get("align") == "right":
        classes.append("n")
    if column.get("published"):
        classes.append("pub")
    return f" class='{' '.join(classes)}'" if classes else ""


def _td(column: Mapping[str, Any], cell: Mapping[str, Any]) -> str:
    """One cell: its Vietnamese text (English below when it differs), its machine value in
    ``data-value``."""
    key = cell.get("key")
    value = f" data-value='{escape(str(key))}'" if key is not None else ""
    text = _bi({"vi": cell.get("text", ""), "en": cell.get("en") or ""})
    return f"<td{_cell_class(column)}{value}>{text}</td>"


def table_html(table: Mapping[str, Any]) -> str:
    """One of core's table models as an HTML table: caption, warning, preamble, the stub and the
    columns' headings, one row per model row (its key in ``data-key``), notes and source."""
    columns = list(table["columns"])
    head = "<tr><th>" + _both(table.get("stub")) + "</th>" + "".join(
        f"<th{_cell_class(c)} data-key='{escape(str(c['key']))}'>{_both(c['label'])}</th>" for c in columns
    ) + "</tr>"
    body = []
    for row in table["rows"]:
        code = f"<b>{escape(str(row['code']))}</b> " if row.get("code") else ""
        cells = "".join(_td(c, cell) for c, cell in zip(columns, row["cells"]))
        css = " class='total'" if row.get("total") else ""
        body.append(f"<tr{css} data-key='{escape(str(row['key']))}'><td>{code}{_both(row['label'])}</td>{cells}</tr>")
    caption = table.get("caption") or {}
    out = []
    if table.get("warning"):
        out.append(f"<p class='no'>{_bi(table['warning'])}</p>")
    out.extend(f"<p>{_bi(p)}</p>" for p in table.get("preamble", []))
    cap = f"<caption>{_bi(caption)}</caption>" if caption.get("vi") or caption.get("en") else ""
    out.append(f"<table data-table='{escape(str(table.get('id', '')))}'>{cap}{head}{''.join(body)}</table>")
    out.extend(f"<p>{_bi(n)}</p>" for n in table.get("notes", []))
    src = table.get("source")
    if src:
        out.append(f"<p class='en'><cite>{_citation(src)}</cite></p>")
    return "".join(out)


def tables_html(tables: Iterable[Mapping[str, Any]]) -> str:
    """Several of core's table models, one after the other."""
    return f"<div class='gn'>{_STYLE}{''.join(table_html(t) for t in tables)}</div>"


def table_frame(table: Mapping[str, Any], backend: str = "pandas") -> Any:
    """One of core's table models as a DataFrame: one row per model row, the columns ``key``,
    ``code`` (when the model has codes), ``label_vi``, ``label_en``, ``total``, then one column
    per model column named by its key, holding the cell's exact value (``Decimal``; ``None`` for
    a blank cell or a figure that does not exist) or, for a column of words, its text."""
    from ._batch import _frame

    rows = list(table["rows"])
    cols: Dict[str, List[Any]] = {"key": [r["key"] for r in rows]}
    if any(r.get("code") for r in rows):
        cols["code"] = [r.get("code") for r in rows]
    cols["label_vi"] = [r["label"]["vi"] for r in rows]
    cols["label_en"] = [r["label"]["en"] for r in rows]
    cols["total"] = [bool(r.get("total", False)) for r in rows]
    for i, c in enumerate(table["columns"]):
        words = c.get("unit") == "text"
        cols[str(c["key"])] = [
            (r["cells"][i].get("text") if words else r["cells"][i].get("value")) if i < len(r["cells"]) else None
            for r in rows
        ]
    return _frame(cols, backend)


def _citation(c: Optional[Mapping[str, Any]]) -> str:
    if not c:
        return ""
    parts = [str(c.get("document", "")), str(c.get("article", ""))]
    return escape(", ".join(p for p in parts if p))


def _tables(key: str, answer: Mapping[str, Any]) -> str:
    """Core's tables of an answer (``giamngheo::table::tables_request``), as HTML."""
    return tables_html(answer_tables({key: dict(answer)})["tables"])


def classification_html(report: Mapping[str, Any]) -> str:
    """A classification: core's tables of its reasons and of the indicators' evidence."""
    return _tables("report", report)


def eligibility_html(report: Mapping[str, Any]) -> str:
    """Eligibility decisions: core's tables of the decisions (and of one program's checks)."""
    return _tables("eligibility", report)


def plan_check_html(check: Mapping[str, Any]) -> str:
    """A funding plan check: core's table of every sum."""
    return _tables("plan_check", check)


def counterpart_html(ratio: Mapping[str, Any]) -> str:
    """A counterpart ratio: core's table of the minimum, its rule and source."""
    return _tables("counterpart_ratio", ratio)


def allocation_html(a: Mapping[str, Any]) -> str:
    """The allocation's table, as core laid it out (``a["table"]``: units, total, the check that
    the parts add up, the rounding rule, the notes)."""
    return f"<div class='gn'>{_STYLE}{table_html(a['table'])}</div>"


def _selection(selection: Optional[Mapping[str, Any]]) -> str:
    """How the standard was picked (core's message), under the table that names it."""
    if not selection:
        return ""
    cite = _citation(selection.get("citation"))
    return f"<p>{_bi(selection.get('message'))}" + (f"<br><span class='en'>{cite}</span>" if cite else "") + "</p>"


def _standard_id(standard: str) -> Optional[str]:
    """The id of the embedded standard named by its id or its document."""
    for s in standards():
        if standard in (s.id, s.document):
            return str(s.id)
    return None


def statistics_html(
    total: Mapping[str, Any],
    standard: str,
    published: Any = None,
    selection: Optional[Mapping[str, Any]] = None,
) -> str:
    """Core's plan-style tables (``plan_tables``) of one group's statistics under ``standard``
    (an embedded standard's id or document), with the plan's published figures when
    ``published`` is truthy (core adds them under the plan's standard only), and how the standard
    was picked under the first table."""
    sid = _standard_id(standard)
    if sid is None:  # a caller's own standard: core's plan tables need an embedded one
        return mapping_html(total, str(standard))
    answer = plan_tables({"standard": sid, "statistics": total, "published": bool(published)})
    tables = [table_html(t) for t in answer["tables"]]
    return f"<div class='gn'>{_STYLE}{tables[0]}{_selection(selection)}{''.join(tables[1:])}</div>"


def batch_html(counts: List[Any], errors: int, document: str, selection: Optional[Mapping[str, Any]] = None) -> str:
    """A classified batch: core's table of households per class (``counts``: one
    ``(code, id, vi, en, households)`` per class), and how the standard was picked."""
    table = class_counts_table(document, [(str(c[1]), int(c[4])) for c in counts], int(errors))
    return f"<div class='gn'>{_STYLE}{table_html(table)}{_selection(selection)}</div>"


def mapping_html(data: Mapping[str, Any], title: str = "") -> str:
    """Any result as nested tables (a fallback)."""

    def render(v: Any, depth: int) -> str:
        if isinstance(v, Mapping):
            if set(v.keys()) == {"vi", "en"}:
                return _bi(v)
            if depth > 3:
                return escape(repr(v))
            return "<table>" + "".join(f"<tr><th>{escape(str(k))}</th><td>{render(x, depth + 1)}</td></tr>" for k, x in v.items()) + "</table>"
        if isinstance(v, list):
            if not v:
                return ""
            if depth > 3:
                return escape(repr(v))
            return "<br>".join(render(x, depth + 1) for x in v)
        if isinstance(v, Decimal):
            return vi_number(v)
        return escape(str(v))

    cap = f"<p><b>{escape(title)}</b></p>" if title else ""
    return f"<div class='gn'>{_STYLE}{cap}{render(dict(data), 0)}</div>"
