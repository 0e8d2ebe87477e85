"""Eligibility and funding: core's JSON functions with results as read-only mappings that show
themselves in Jupyter. Every decision, amount and message is core's."""

from __future__ import annotations

import json
import re
from datetime import date as _date
from decimal import Decimal
from typing import Any, Dict, Iterator, List, Mapping, Optional, Union

from . import _display
from ._giamngheo import call_json, table_text

__all__ = [
    "Result",
    "EligibilityResult",
    "PlanCheck",
    "Allocation",
    "CounterpartRatio",
    "eligibility",
    "eligibility_catalog",
    "eligibility_one",
    "why_not",
    "check_plan",
    "allocate",
    "counterpart_ratio",
]

Request = Union[Mapping[str, Any], str]

# The shape of an embedded plan's id (`cao-bang-449-2017`), told apart from JSON text.
_ID = re.compile(r"[A-Za-z0-9_.-]+")


def _json_default(v: Any) -> Any:
    if isinstance(v, Decimal):
        return str(v)
    raise TypeError(f"{type(v).__name__} is not JSON serialisable")


class Result(Mapping[str, Any]):
    """A JSON function's result: a read-only mapping (decimals as ``decimal.Decimal``)."""

    _title = "giamngheo"

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data: Dict[str, Any] = dict(data)

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def to_dict(self) -> Dict[str, Any]:
        """The result as plain Python values (a copy of the mapping)."""
        return json.loads(self.to_json(), parse_float=Decimal)  # type: ignore[no-any-return]

    def to_json(self) -> str:
        """The result as JSON text, decimals written as strings as core writes them."""
        return json.dumps(self._data, default=_json_default, ensure_ascii=False)

    def _repr_html_(self) -> str:
        return _display.mapping_html(self._data, self._title)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {json.dumps(self._data, default=_json_default, ensure_ascii=False)[:200]}>"


class EligibilityResult(Result):
    """Decisions on the catalog's projects and policies, with reasons (``schemas/eligibility-report``)."""

    @property
    def decisions(self) -> List[Dict[str, Any]]:
        return list(self._data["decisions"])

    @property
    def eligible(self) -> List[str]:
        """The programs the beneficiary is eligible for."""
        return [d["program"] for d in self._data["decisions"] if d["outcome"] == "eligible"]

    def decision(self, program: str) -> Dict[str, Any]:
        """The decision on one program (``KeyError`` if it was not decided)."""
        for d in self._data["decisions"]:
            if d["program"] == program:
                return dict(d)
        raise KeyError(program)

    def _repr_html_(self) -> str:
        return _display.eligibility_html(self._data)


class PlanCheck(Result):
    """Whether every level of a funding plan adds up, exactly."""

    @property
    def adds_up(self) -> bool:
        return bool(self._data["adds_up"])

    @property
    def mismatches(self) -> List[Dict[str, Any]]:
        return list(self._data["mismatches"])

    def _repr_html_(self) -> str:
        return _display.plan_check_html(self._data)


class Allocation(Result):
    """A pool split among units; the amounts add up to the pool to the đồng."""

    def __init__(self, data: Mapping[str, Any], request: Request) -> None:
        super().__init__(data)
        self._request = request

    @property
    def units(self) -> List[Dict[str, Any]]:
        return list(self._data["units"])

    @property
    def amounts(self) -> Dict[str, Decimal]:
        """Each unit's amount in đồng, by unit id."""
        return {u["id"]: u["amount"] for u in self._data["units"]}

    def table(self) -> str:
        """Core's text rendering of the allocation's table (``self["table"]``, laid out by core)."""
        return table_text(self._data["table"])

    def table_frame(self, backend: str = "pandas") -> Any:
        """The allocation's table as a DataFrame (see ``giamngheo.table_frame``): one row per unit
        and the total, one column per column of core's table (exact values as ``Decimal``)."""
        return _display.table_frame(self._data["table"], backend)

    def to_frame(self, backend: str = "pandas") -> Any:
        """One row per unit: id, name, points, share, limit, amount (decimals as ``Decimal``)."""
        from ._batch import _frame

        rows = {
            "id": [u["id"] for u in self._data["units"]],
            "name": [u["name"] for u in self._data["units"]],
            "points": [u["points"] for u in self._data["units"]],
            "share": [u["share"]["value"] for u in self._data["units"]],
            "share_percent": [u["share"]["percent"] for u in self._data["units"]],
            "limit": [u["limit"] for u in self._data["units"]],
            "amount": [u["amount"] for u in self._data["units"]],
        }
        return _frame(rows, backend)

    def _repr_html_(self) -> str:
        return _display.allocation_html(self._data)


class CounterpartRatio(Result):
    """The minimum local counterpart, from dated rules."""

    @property
    def minimum_percent(self) -> Decimal:
        return self._data["minimum_percent"]  # type: ignore[no-any-return]

    @property
    def minimum_amount(self) -> Optional[Decimal]:
        return self._data.get("minimum_amount")

    def _repr_html_(self) -> str:
        return _display.counterpart_html(self._data)


def eligibility(request: Request) -> EligibilityResult:
    """Every catalog entry's decision for a household, person and place on a date
    (``schemas/eligibility-request.schema.json``)."""
    return EligibilityResult(call_json("eligibility", request))


def eligibility_catalog(date: Union[str, _date], catalog: Optional[str] = None) -> Dict[str, Any]:
    """The catalog of a date (``schemas/catalog-on-date.schema.json``): the general policies and
    the program whose period holds ``date`` (or the program catalog ``catalog`` names), with only
    the entries and versions in force that day, their facts and sources, and the program periods
    not encoded. ``date`` is an ISO date string or a ``datetime.date``."""
    request: Dict[str, Any] = {"date": str(date)}
    if catalog is not None:
        request["catalog"] = catalog
    return call_json("eligibility_catalog", request)  # type: ignore[no-any-return]


def eligibility_one(request: Request, program: Optional[str] = None) -> EligibilityResult:
    """The decision on one program (``program``, or the request's own ``program``)."""
    return EligibilityResult(call_json("eligibility_one", _with_program(request, program)))


def why_not(request: Request, program: Optional[str] = None) -> EligibilityResult:
    """The decision on one program with only the conditions that failed or could not be checked."""
    return EligibilityResult(call_json("why_not", _with_program(request, program)))


def check_plan(plan: Request) -> PlanCheck:
    """Checks that every level of a funding plan adds up: a plan (a dict or its JSON text), or an
    embedded plan by id (``"cao-bang-449-2017"``, or ``{"plan_id": ...}``). Core resolves the id;
    an unknown one raises ``ValidationError`` ``plan_unknown`` listing the embedded ids."""
    if isinstance(plan, str) and _ID.fullmatch(plan.strip()):
        plan = {"plan_id": plan.strip()}  # an id; any other text is JSON for core to read
    return PlanCheck(call_json("check_plan", plan))


def allocate(request: Request) -> Allocation:
    """Splits a pool among units by weighted criteria (``pool``, ``coefficient_set`` or
    ``coefficients``, ``unit_set`` or ``units``, ``rounding_unit``)."""
    return Allocation(call_json("allocate", request), request)


def counterpart_ratio(request: Request) -> CounterpartRatio:
    """The minimum local counterpart (``year``, ``province``, ``self_balancing``,
    ``central_support_percent``, ``central_funds``, ``caller_percent``)."""
    return CounterpartRatio(call_json("counterpart_ratio", request))


def _with_program(request: Request, program: Optional[str]) -> Request:
    if program is None:
        return request
    if isinstance(request, str):
        data = json.loads(request, parse_float=Decimal)
    else:
        data = dict(request)
    data["program"] = program
    return data  # type: ignore[no-any-return]
