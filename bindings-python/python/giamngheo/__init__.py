"""giamngheo — Vietnam's household poverty standards, program eligibility and funding-split
rules, exact and explained. A thin binding of the Rust crate: every rule, threshold, message and
citation is the crate's.

Quick start::

    import giamngheo as gn
    r = gn.classify({"date": "2018-06-30", "area": "rural",
                     "income": {"monthly_per_capita": 850000},
                     "indicators": {...}})        # every indicator of the standard, True = deprived
    r.class_, r.deprivation_count, r.reasons
"""

from __future__ import annotations

from ._arrow import ArrowResult, classify_arrow
from ._batch import (
    BatchResult,
    StatisticsResult,
    classify_arrays,
    classify_frame,
    sample,
    sample_frame,
    statistics,
    statistics_frame,
)
from ._display import table_frame
from ._errors import Error, GiamngheoWarning, ValidationError
from ._giamngheo import (
    Classification,
    Standard,
    __version__,
    call_json,
    call_json_text,
    classes,
    classify,
    cli,
    coefficient_sets,
    counterpart_rules,
    error_codes,
    functions,
    funding_plans,
    gaps,
    plan_tables,
    published_cao_bang_2015,
    select_standard,
    standard_by_id,
    standard_for_list_year,
    standard_in_force,
    standards,
    table_text,
    unit_sets,
)
from ._results import (
    Allocation,
    CounterpartRatio,
    EligibilityResult,
    PlanCheck,
    Result,
    allocate,
    check_plan,
    counterpart_ratio,
    eligibility,
    eligibility_catalog,
    eligibility_one,
    why_not,
)

__all__ = [
    "Allocation",
    "ArrowResult",
    "BatchResult",
    "Classification",
    "CounterpartRatio",
    "EligibilityResult",
    "Error",
    "GiamngheoWarning",
    "PlanCheck",
    "Result",
    "Standard",
    "StatisticsResult",
    "ValidationError",
    "__version__",
    "allocate",
    "call_json",
    "call_json_text",
    "check_plan",
    "classes",
    "classify",
    "classify_arrays",
    "classify_arrow",
    "classify_frame",
    "cli",
    "coefficient_sets",
    "counterpart_ratio",
    "counterpart_rules",
    "eligibility",
    "eligibility_catalog",
    "eligibility_one",
    "error_codes",
    "functions",
    "funding_plans",
    "gaps",
    "plan_tables",
    "published_cao_bang_2015",
    "sample",
    "sample_frame",
    "select_standard",
    "standard_by_id",
    "standard_for_list_year",
    "standard_in_force",
    "standards",
    "statistics",
    "statistics_frame",
    "table_frame",
    "table_text",
    "unit_sets",
    "why_not",
]
