// Compiled by `tsc --noEmit` in `make test-wasm` (never run): the generated declarations are valid,
// and typical uses of the API type-check, while misuses do not. If core's types change, the
// schemas change, the generated types change, and this file stops compiling where it relies on them.
import init, * as web from "../pkg/web/giamngheo_wasm.js";
import * as node from "../pkg/node/giamngheo_wasm.js";
import type {
  ClassifyRequest, Report, EligibilityRequest, EligibilityReport, ErrorList, HouseholdClass, Standard,
  Result, Brief, GiamngheoError, ErrorCode, Decimal, FunctionName, SelectedStandard, SelectionRequest, SelectedBy,
  FactLabels, Table, CatalogOnDate, SupportKind,
} from "../pkg/web/giamngheo_wasm.js";

export async function browserUse(): Promise<HouseholdClass | ErrorCode> {
  await init();
  const request: ClassifyRequest = {
    date: "2018-06-30",
    area: "rural",
    income: { monthly_per_capita: "650000" },
    indicators: { health_insurance: true, sanitation: false },
  };
  const r: Result<Report> = web.classify(request);
  if (r.ok) {
    const income: Decimal | undefined = r.value.income_per_capita_monthly ?? undefined;
    for (const reason of r.value.reasons) {
      const basis: string = `${reason.citation.document} ${reason.citation.article ?? ""} (${reason.confidence})`;
      void basis;
    }
    void income;
    return r.value.class;
  }
  const first: GiamngheoError | undefined = r.errors[0];
  return first?.code ?? "input_missing";
}

export function catalogOfADate(): string[] {
  // The catalog of a date: its program's and the general policies, with machine-readable support.
  const cat: Result<CatalogOnDate> = node.catalog({ date: "2023-06-30" });
  if (!cat.ok) return [];
  const kinds: SupportKind[] = cat.value.entries.flatMap((e) => e.tiers.flatMap((t) => t.support.map((s) => s.kind)));
  void kinds;
  return cat.value.catalogs.map((c) => c.id);
}

export function nodeUse(): void {
  const brief: Result<Brief> = node.classifyBrief('{"area":"urban"}');
  if (brief.ok) {
    const n: number = brief.value.deprivation_count;
    const s: string = brief.value.standard;
    const by: SelectedBy = brief.value.selection.by;
    void n, s, by;
  }
  // Core's names of fact values and its number formatting.
  const labels: Result<FactLabels> = node.factLabels();
  if (labels.ok) {
    const names: string[] = labels.value.categories.flatMap((c) => c.values.map((v) => v.name.vi));
    void names;
  }
  const grouped: string = node.formatNumber("1300000.5", "vi");
  void grouped;
  // The allocation answers its table model, laid out by core.
  const split = node.allocate({ pool: "1000", coefficient_set: "x", unit_set: "y" });
  if (split.ok && split.value.table) {
    const table: Table = split.value.table;
    const texts: string[] = table.rows.flatMap((r) => r.cells.map((c) => c.text));
    void texts;
  }
  const e: EligibilityRequest = {
    date: "2018-06-30",
    household: { class: "poor", left_poor_list_on: null },
    place: { province: "Cao Bằng", district: "Bảo Lâm", commune_135: true, village_ebkk: true },
  };
  const answer: Result<EligibilityReport> = node.eligibility(e);
  if (answer.ok) {
    for (const d of answer.value.decisions) {
      const eligible: boolean = d.outcome === "eligible";
      const name: string = d.name.vi;
      void eligible, name;
    }
  }
  const errors: ErrorList | undefined = answer.ok ? undefined : answer.errors;
  void errors;
  const all: Result<Standard[]> = node.standards();
  void all;
  const pick: SelectionRequest = { date: "2026-11-30", list_year: 2027 };
  const picked: Result<SelectedStandard> = node.selectStandard(pick);
  if (picked.ok) {
    const by: SelectedBy = picked.value.selection.by;
    const message: string = picked.value.selection.message.vi;
    const indicators: number = picked.value.standard.indicators?.length ?? 0;
    void by, message, indicators;
  }
  void node.selectStandard('{"list_year":2027}');
  const forYear: Result<Standard> = node.standardForListYear(2027);
  void forYear;
  if (brief.ok) {
    const by: SelectedBy = brief.value.selection.by;
    void by;
  }
  const fn: FunctionName = "why_not";
  void node.call(fn, { date: "2018-06-30", program: "health_insurance" });
  void node.call("some_future_function", "{}");
  const loaded = node.loadStandard("{}");
  if (loaded.ok) {
    const again: Result<Report> = loaded.value.classify(request());
    void again;
    loaded.value.free();
  }
}

function request(): ClassifyRequest {
  return { area: "urban", scores: { income_score: 100, deprivation_score: 30 }, standard: "qd59-2015" };
}

export function misuses(): void {
  // @ts-expect-error money is a string, never a JS number
  web.classify({ area: "rural", income: { monthly_per_capita: 650000 } });
  // Area is text (core's one rule reads "Nông thôn", " URBAN ", "2"...), so the types accept any
  // string there; an unknown area is core's area_unknown at run time (tests/conformance/areas.json).
  web.classify({ area: "Nông thôn" });
  // @ts-expect-error an area is text, not a number
  web.classify({ area: 2 });
  // @ts-expect-error a field core does not know
  web.classify({ area: "rural", incomes: {} });
  // @ts-expect-error the class is one of core's four
  const c: HouseholdClass = "rich";
  void c;
  // @ts-expect-error the list year is a number
  web.selectStandard({ list_year: "2027" });
  // @ts-expect-error selectStandard reads only date, list_year and standard
  web.selectStandard({ date: "2026-11-30", area: "rural" });
  const r = web.classify({ area: "rural" });
  // @ts-expect-error a result must be narrowed on `ok` before reading `value`
  void r.value.class;
}
