"""HTML for Jupyter: results and tables shown with Vietnamese labels and English beside them.

Only presentation lives here; every message, name and citation shown comes from core.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape
from typing import Any, Iterable, List, Mapping, Optional, Sequence

__all__ = [
    "classification_html",
    "eligibility_html",
    "allocation_html",
    "statistics_html",
    "batch_html",
    "mapping_html",
    "vi_number",
    "vi_percent",
]

_STYLE = (
    "<style>.gn table{border-collapse:collapse;margin:4px 0 10px 0;font-size:13px}"
    ".gn th,.gn td{border:1px solid #ccc;padding:3px 7px;text-align:left;vertical-align:top}"
    ".gn th{background:#f3f3f3}.gn td.n{text-align:right;font-variant-numeric:tabular-nums}"
    ".gn .en{color:#666}.gn .ok{color:#0a6b2b}.gn .no{color:#a31515}.gn .un{color:#8a6d00}"
    ".gn caption{font-weight:bold;text-align:left;padding:4px 0}</style>"
)


def vi_number(d: Any, places: Optional[int] = None) -> str:
    """``1234567.5`` as ``1.234.567,5`` (Vietnamese notation)."""
    if d is None:
        return "—"
    x = Decimal(d)
    if places is not None:
        x = x.quantize(Decimal(1).scaleb(-places))
    sign = "-" if x < 0 else ""
    text = format(abs(x), "f")
    whole, _, frac = text.partition(".")
    groups: List[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = sign + ".".join(groups)
    return out + ("," + frac if frac else "")


def vi_percent(p: Any) -> str:
    """A display percentage (already in percent) as ``42,53%``."""
    if p is None:
        return "—"
    return vi_number(p, 2) + "%"


def _bi(text: Optional[Mapping[str, Any]]) -> str:
    if not text:
        return ""
    vi, en = escape(str(text.get("vi", ""))), escape(str(text.get("en", "")))
    return f"{vi}<br><span class='en'>{en}</span>" if en and en != vi else vi


def _head(labels: Sequence[str]) -> str:
    cells = []
    for label in labels:
        vi, _, en = label.partition(" / ")
        cells.append(f"<th>{escape(vi)}<br><span class='en'>{escape(en)}</span></th>" if en else f"<th>{escape(vi)}</th>")
    return "<tr>" + "".join(cells) + "</tr>"


def _table(caption: str, labels: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    body = "".join("<tr>" + "".join(rows_cell for rows_cell in row) + "</tr>" for row in rows)
    return f"<table><caption>{escape(caption)}</caption>{_head(labels)}{body}</table>"


def _td(x: Any, numeric: bool = False) -> str:
    return f"<td class='n'>{x}</td>" if numeric else f"<td>{x}</td>"


def _outcome(outcome: str) -> str:
    css = {"eligible": "ok", "not_eligible": "no", "cannot_decide": "un"}.get(outcome, "")
    return f"<span class='{css}'>{escape(outcome)}</span>"


def _citation(c: Optional[Mapping[str, Any]]) -> str:
    if not c:
        return ""
    parts = [str(c.get("document", "")), str(c.get("article", ""))]
    return escape(", ".join(p for p in parts if p))


def classification_html(report: Mapping[str, Any]) -> str:
    std = report["standard"]
    income = report.get("income_per_capita_monthly")
    head = (
        f"<p><b>{_bi(report['class_name'])}</b> — {escape(str(std['document']))} "
        f"({escape(str(std['name']['vi']))})<br>"
        f"Khu vực / area: {escape(str(report['area']))}; "
        + (f"thu nhập / income: {vi_number(income)} đ/người/tháng (VND/person/month); " if income is not None else "")
        + f"thiếu hụt / deprivations: {report['deprivation_count']}"
        + (f" ({escape(', '.join(report['deprived']))})" if report.get("deprived") else "")
        + "</p>"
    )
    rows = [
        [
            _td(escape(r["rule"])),
            _td("✓" if r["holds"] else "✗"),
            _td(_bi(r["message"])),
            _td(_citation(r.get("citation"))),
            _td(escape(str(r.get("confidence", "")))),
        ]
        for r in report.get("reasons", [])
    ]
    reasons = _table(
        "Lý do / Reasons",
        ["Quy tắc / Rule", "Đúng / Holds", "Giải thích / Explanation", "Căn cứ / Legal basis", "Độ tin cậy / Confidence"],
        rows,
    )
    evidence = [
        [_td(escape(i["code"])), _td(_bi(i["name"])), _td("✗" if i["deprived"] else "✓"), _td(_bi(i["evidence"]))]
        for i in report.get("indicators", [])
        if i.get("evidence")
    ]
    ev = (
        _table("Chỉ số / Indicators", ["Mã / Code", "Chỉ số / Indicator", "Đạt / Met", "Căn cứ dữ kiện / Evidence"], evidence)
        if evidence
        else ""
    )
    return f"<div class='gn'>{_STYLE}{head}{_selection(report.get('selection'))}{reasons}{ev}</div>"


def eligibility_html(report: Mapping[str, Any]) -> str:
    rows = []
    for d in report.get("decisions", []):
        ents = "<br>".join(_bi(e.get("label")) for e in d.get("entitlements", []))
        rows.append(
            [
                _td(escape(d["program"])),
                _td(_bi(d["name"])),
                _td(_outcome(d["outcome"])),
                _td(_bi(d.get("summary"))),
                _td(ents),
                _td(escape(", ".join(d.get("missing", [])))),
            ]
        )
    table = _table(
        f"Đủ điều kiện hưởng hỗ trợ / Eligibility — {report.get('date', '')}",
        [
            "Mã / Program",
            "Dự án, chính sách / Project or policy",
            "Kết quả / Outcome",
            "Tóm tắt / Summary",
            "Hỗ trợ / Support",
            "Thiếu dữ kiện / Missing facts",
        ],
        rows,
    )
    checks = ""
    decisions = report.get("decisions", [])
    if len(decisions) == 1:
        crow = [
            [_td(escape(c["scope"])), _td(escape(c["fact"])), _td(_outcome(c["outcome"])), _td(_bi(c["message"]))]
            for c in decisions[0].get("checks", [])
        ]
        checks = _table(
            "Điều kiện đã xét / Conditions checked",
            ["Phạm vi / Scope", "Dữ kiện / Fact", "Kết quả / Outcome", "Giải thích / Explanation"],
            crow,
        )
    return f"<div class='gn'>{_STYLE}{table}{checks}</div>"


def allocation_html(a: Mapping[str, Any]) -> str:
    rows = [
        [
            _td(escape(str(u["id"]))),
            _td(escape(str(u["name"]))),
            _td(vi_number(u["points"]), True),
            _td(vi_percent(u["share"].get("percent")), True),
            _td(escape(str(u["limit"]))),
            _td(vi_number(u["amount"]), True),
        ]
        for u in a.get("units", [])
    ]
    rows.append([_td("<b>Tổng / Total</b>"), _td(""), _td(vi_number(a["total_points"]), True), _td(""), _td(""),
                 _td(f"<b>{vi_number(a['total'])}</b>", True)])
    note = "<p class='no'>Hệ số minh họa, không phải quy định / ILLUSTRATIVE coefficients, not law</p>" if a.get(
        "illustrative"
    ) else ""
    t = _table(
        f"Phân bổ / Allocation — {vi_number(a['pool'])} đ, {a.get('coefficient_set', '')}",
        ["Mã / Id", "Đơn vị / Unit", "Điểm / Points", "Tỷ lệ / Share", "Giới hạn / Limit", "Số tiền (đ) / Amount (VND)"],
        rows,
    )
    return f"<div class='gn'>{_STYLE}{note}{t}<p>{_bi(a.get('rule'))}</p></div>"


def _selection(selection: Optional[Mapping[str, Any]]) -> str:
    """How the standard was picked (core's message), under the table that names it."""
    if not selection:
        return ""
    cite = _citation(selection.get("citation"))
    return f"<p>{_bi(selection.get('message'))}" + (f"<br><span class='en'>{cite}</span>" if cite else "") + "</p>"


def statistics_html(
    total: Mapping[str, Any],
    document: str,
    published: Optional[Mapping[str, Any]] = None,
    selection: Optional[Mapping[str, Any]] = None,
) -> str:
    plan_rates = {}
    if published:
        plan_rates = {"poor": published.get("poor_rate_percent"), "near_poor": published.get("near_poor_rate_percent")}
    from ._giamngheo import classes

    names = {cid: {"vi": vi, "en": en} for _, cid, vi, en in classes()}
    rows = []
    for c in total["classes"]:
        label = _bi(names.get(c["class"], {"vi": c["class"], "en": ""}))
        row = [_td(label), _td(vi_number(c["households"]), True), _td(vi_percent(c["rate"]["percent"]), True)]
        if published:
            row.append(_td(vi_percent(plan_rates.get(c["class"])), True))
        rows.append(row)
    rows.append([_td("<b>Tổng / Total</b>"), _td(vi_number(total["households"]), True), _td("")] + ([_td("")] if published else []))
    labels = ["Nhóm / Class", "Số hộ / Households", "Tỷ lệ / Rate"] + (["Kế hoạch / Plan"] if published else [])
    t1 = _table(f"Bảng 1. Số hộ theo nhóm / Table 1. Households by class — {document}", labels, rows)
    plan_dep = (published or {}).get("deprivation_among_poor_percent", {})
    rows2 = []
    for ind in total["indicators"]:
        row = [
            _td(escape(ind["code"])),
            _td(_bi(ind["name"])),
            _td(vi_percent(ind["rate_poor"]["percent"]), True),
        ]
        if published:
            row.append(_td(vi_percent(plan_dep.get(ind["id"])), True))
        row.append(_td(vi_percent(ind["rate_all"]["percent"]), True))
        rows2.append(row)
    labels2 = ["Mã / Code", "Chỉ số / Indicator", "Hộ nghèo / Poor"] + (["Kế hoạch / Plan"] if published else []) + [
        "Mọi hộ / All"
    ]
    t2 = _table("Bảng 2. Tỷ lệ thiếu hụt / Table 2. Deprivation rates", labels2, rows2)
    af = total.get("alkire_foster")
    t3 = ""
    if af:
        t3 = _table(
            f"Alkire-Foster (k = {vi_number(af['cutoff'])})",
            ["H", "A", "M0 = H × A"],
            [[
                _td(vi_percent(af["headcount_ratio"]["percent"]), True),
                _td(vi_percent(af["intensity"]["percent"]), True),
                _td(vi_number(af["adjusted_headcount_ratio"]["value"], 4), True),
            ]],
        )
    return f"<div class='gn'>{_STYLE}{t1}{_selection(selection)}{t2}{t3}</div>"


def batch_html(counts: List[Any], errors: int, document: str, selection: Optional[Mapping[str, Any]] = None) -> str:
    rows = [[_td(f"{code} {escape(cid)}"), _td(_bi({"vi": vi, "en": en})), _td(vi_number(n), True)] for code, cid, vi, en, n in counts]
    t = _table(f"Kết quả phân loại / Classification — {document}", ["Mã / Code", "Nhóm / Class", "Số hộ / Households"], rows)
    err = f"<p class='no'>{errors} dòng lỗi / rows with errors (class 0)</p>" if errors else ""
    return f"<div class='gn'>{_STYLE}{t}{_selection(selection)}{err}</div>"


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
