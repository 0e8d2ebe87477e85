//! WebAssembly binding of giamngheo: JSON-shaped values in, tagged results out.
//!
//! This crate only converts. Every rule, threshold, message and citation lives in the core crate
//! `giamngheo`; a function here takes a JS value, hands core its JSON text, and returns what core
//! answered as `{ ok: true, value } | { ok: false, errors }`, where `errors` is core's list of
//! `{ code, path, message: { vi, en } }`. Money and other exact decimals are strings in both
//! directions (core writes them as strings; a JSON number given as input is read from its text,
//! never through a binary float).
//!
//! A JS exception (a real `Error`, with a `code` property) means misuse of the API, never bad data:
//! `TypeError` with `code = "argument_invalid"` when an argument has the wrong JS type (a request
//! that is neither a plain object nor a JSON string, a function name that is not a string...), and
//! `Error` with `code = "internal"` if core's answer could not be written as JSON (a bug).
//!
//! Nothing here may panic (`panic = "abort"` in the browser build would kill the module): no
//! `unwrap`, no indexing, every failure is a value.

use giamngheo::review::SelectionReport;
use giamngheo::{Errors, Standard};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
import type {
  ClassifyRequest, Report, ErrorList, Standard, Gap, EligibilityRequest, EligibilityReport,
  CatalogRequest, CatalogOnDate, FundingRequest, FundingResult, FunctionName, Citation, Confidence, SelectionReport,
  Brief, FactLabels,
} from "./giamngheo-types.js";
export type * from "./giamngheo-types.js";

/** What every checking function returns: core's answer, or every problem core found. */
export type Result<T> = { ok: true; value: T } | { ok: false; errors: ErrorList };
/** A request: a plain object, or its JSON text. */
export type Json<T> = T | string;
/** What `selectStandard` takes: the fields of a classification request that pick its standard. */
export type SelectionRequest = Pick<ClassifyRequest, "date" | "list_year" | "standard">;
/** What `selectStandard` answers: the embedded standard picked, and core's explanation of the pick. */
export type SelectedStandard = { standard: Standard; selection: SelectionReport };
/** One function of core's JSON door (`functions()`). */
export type FunctionInfo = { name: FunctionName; description: string };
/** What `districts()` answers (core has no JSON Schema for it yet). */
export type ProvinceDistricts = {
  province: string;
  source: Citation;
  confidence: Confidence;
  districts: { name: string; district_30a: boolean; district_293: boolean }[];
  note: string;
};
"#;

// ---------------------------------------------------------------------------------------------
// Conversion helpers
// ---------------------------------------------------------------------------------------------

/// A programming error of the caller: a `TypeError` with `code = "argument_invalid"`.
fn misuse(message: &str) -> JsValue {
    let e = js_sys::TypeError::new(message);
    let _ = js_sys::Reflect::set(&e, &JsValue::from_str("code"), &JsValue::from_str("argument_invalid"));
    e.into()
}

/// A bug: core's answer could not be written as JSON.
fn internal(message: &str) -> JsValue {
    let e = js_sys::Error::new(message);
    let _ = js_sys::Reflect::set(&e, &JsValue::from_str("code"), &JsValue::from_str("internal"));
    e.into()
}

/// The JSON text of a request: a string is taken as JSON text; a plain object (not an array, not
/// a function) is written with `JSON.stringify`. Anything else is misuse.
fn request_text(request: &JsValue, what: &str) -> Result<String, JsValue> {
    if let Some(text) = request.as_string() {
        return Ok(text);
    }
    if !request.is_object() || js_sys::Array::is_array(request) {
        return Err(misuse(&format!("{what} must be a plain object or its JSON text (a string)")));
    }
    match js_sys::JSON::stringify(request) {
        Ok(s) => s.as_string().ok_or_else(|| misuse(&format!("{what} cannot be written as JSON"))),
        Err(e) => {
            let why = js_sys::Error::from(e).message();
            Err(misuse(&format!("{what} cannot be written as JSON: {}", String::from(why))))
        }
    }
}

fn string_arg(value: &JsValue, what: &str) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| misuse(&format!("{what} must be a string")))
}

/// JSON text of a value, through `serde_json::Value`: core already writes every answer that way
/// (`call_json`), so going through it keeps one serializer per type in the module (smaller .wasm).
fn json_text<T: Serialize + ?Sized>(value: &T) -> Result<String, JsValue> {
    serde_json::to_value(value)
        .and_then(|v| serde_json::to_string(&v))
        .map_err(|e| internal(&format!("giamngheo: the answer could not be written as JSON: {e}")))
}

/// The JSON text of `{ ok: true, value }` or `{ ok: false, errors }`.
fn answer_text<T: Serialize + ?Sized>(result: Result<&T, &Errors>) -> Result<String, JsValue> {
    Ok(match result {
        Ok(value) => format!(r#"{{"ok":true,"value":{}}}"#, json_text(value)?),
        Err(errors) => format!(r#"{{"ok":false,"errors":{}}}"#, json_text(errors)?),
    })
}

/// `{ ok: true, value } | { ok: false, errors }` as a JS object.
fn answer<T: Serialize + ?Sized>(result: Result<&T, &Errors>) -> Result<JsValue, JsValue> {
    parse(&answer_text(result)?)
}

fn parse(text: &str) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(text).map_err(|_| internal("giamngheo: the answer could not be read back as JSON"))
}

fn answer_owned<T: Serialize>(result: Result<T, Errors>) -> Result<JsValue, JsValue> {
    answer(result.as_ref())
}

/// A classification report, written directly rather than through `serde_json::Value`: the form
/// calls this on every change, and the direct path is a quarter faster (for 2 KB more .wasm).
fn answer_report(result: Result<giamngheo::Report, Errors>) -> Result<JsValue, JsValue> {
    match result {
        Ok(report) => {
            let json = serde_json::to_string(&report)
                .map_err(|e| internal(&format!("giamngheo: the answer could not be written as JSON: {e}")))?;
            parse(&format!(r#"{{"ok":true,"value":{json}}}"#))
        }
        Err(errors) => answer::<()>(Err(&errors)),
    }
}

/// What core's JSON door answered (already a `serde_json::Value`).
fn answer_value(result: Result<serde_json::Value, Errors>) -> Result<JsValue, JsValue> {
    let text = match &result {
        Ok(value) => serde_json::to_string(value).map(|v| format!(r#"{{"ok":true,"value":{v}}}"#)),
        Err(errors) => return answer::<()>(Err(errors)),
    };
    parse(&text.map_err(|e| internal(&format!("giamngheo: the answer could not be written as JSON: {e}")))?)
}

fn answer_ref<T: Serialize + ?Sized>(result: Result<&T, Errors>) -> Result<JsValue, JsValue> {
    match result {
        Ok(v) => answer(Ok(v)),
        Err(e) => answer::<T>(Err(&e)),
    }
}

fn answer_single<T: Serialize + ?Sized>(result: Result<&T, giamngheo::Error>) -> Result<JsValue, JsValue> {
    match result {
        Ok(v) => answer(Ok(v)),
        Err(e) => answer::<T>(Err(&Errors::from(e))),
    }
}

// ---------------------------------------------------------------------------------------------
// Library and standards
// ---------------------------------------------------------------------------------------------

/// The version of the giamngheo crates this package was built from.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The names `call` knows, each with what it takes and gives.
#[wasm_bindgen(unchecked_return_type = "FunctionInfo[]")]
pub fn functions() -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Info<'a> {
        name: &'a str,
        description: &'a str,
    }
    let list: Vec<Info<'_>> =
        giamngheo::api::functions().iter().map(|f| Info { name: f.name, description: f.doc }).collect();
    parse(&json_text(&list)?)
}

/// Every embedded standard (QĐ 09/2011, QĐ 59/2015, NĐ 07/2021, NĐ 351/2025), oldest first, as
/// parameter data (income lines, indicators with names and sources, citations, confidence labels).
#[wasm_bindgen(unchecked_return_type = "Result<Standard[]>")]
pub fn standards() -> Result<JsValue, JsValue> {
    answer_ref(giamngheo::standards())
}

/// The embedded standard in force on `date` (`YYYY-MM-DD`); a date no standard covers is the
/// error `date_outside_any_standard` naming the gap. A form that classifies a review should
/// use `selectStandard`, which also knows the review seams (a date at the end of a year whose
/// review makes next year's list under another standard).
#[wasm_bindgen(js_name = standardInForce, unchecked_return_type = "Result<Standard>")]
pub fn standard_in_force(#[wasm_bindgen(unchecked_param_type = "string")] date: JsValue) -> Result<JsValue, JsValue> {
    let date = string_arg(&date, "date")?;
    answer_single(giamngheo::Date::parse_at(&date, "/date").and_then(giamngheo::standard_in_force))
}

/// The embedded standard with this id (`qd09-2011`, `qd59-2015`, `nd07-2021`, `nd351-2025`).
#[wasm_bindgen(js_name = standardById, unchecked_return_type = "Result<Standard>")]
pub fn standard_by_id(#[wasm_bindgen(unchecked_param_type = "string")] id: JsValue) -> Result<JsValue, JsValue> {
    let id = string_arg(&id, "id")?;
    answer_single(giamngheo::standard_by_id(&id))
}

/// What `selectStandard` reads: the fields of a classification request that pick the standard.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SelectionRequest {
    #[serde(default)]
    date: Option<giamngheo::Date>,
    #[serde(default)]
    list_year: Option<u16>,
    #[serde(default)]
    standard: Option<String>,
}

#[derive(Serialize)]
struct Selected<'a> {
    standard: &'a Standard,
    selection: SelectionReport,
}

/// The embedded standard a classification request would apply, and why: `{ date?, list_year?,
/// standard? }` (a plain object or its JSON text) goes to core's `select_standard` (a named id
/// wins, then the list year, then the date). A review date at a seam without its list year is the
/// error `list_year_required` at `/list_year`; a date outside the reviews of the list year is
/// `list_year_mismatch`.
#[wasm_bindgen(js_name = selectStandard, unchecked_return_type = "Result<SelectedStandard>")]
pub fn select_standard(
    #[wasm_bindgen(unchecked_param_type = "Json<SelectionRequest>")] request: JsValue,
) -> Result<JsValue, JsValue> {
    let text = request_text(&request, "request")?;
    let picked = giamngheo::json::object_from_str::<SelectionRequest>(&text).and_then(|r| {
        giamngheo::select_standard(r.standard.as_deref(), r.date, r.list_year)
            .map(|(standard, selection)| Selected { standard, selection: selection.report(standard) })
    });
    answer_owned(picked)
}

/// The list year as core reads it from JSON (so a year that is not a whole number from 0 to
/// 65535 is core's typed error at `/list_year`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ListYear {
    list_year: u16,
}

/// The embedded standard of list year `year` ("danh sách năm"): the one in force on 1 January of
/// that year, which the review held at the end of the year before applies.
#[wasm_bindgen(js_name = standardForListYear, unchecked_return_type = "Result<Standard>")]
pub fn standard_for_list_year(
    #[wasm_bindgen(unchecked_param_type = "number")] year: JsValue,
) -> Result<JsValue, JsValue> {
    if year.as_f64().is_none() {
        return Err(misuse("year must be a number"));
    }
    // JSON.stringify of a number never throws ("null" for NaN and the infinities).
    let number = js_sys::JSON::stringify(&year).ok().and_then(|s| s.as_string()).unwrap_or_default();
    let text = format!(r#"{{"list_year":{number}}}"#);
    answer_ref(
        giamngheo::json::object_from_str::<ListYear>(&text)
            .and_then(|y| giamngheo::standard_for_list_year(y.list_year)),
    )
}

/// The periods the law covers that no embedded standard encodes, with the reason.
#[wasm_bindgen(unchecked_return_type = "Result<Gap[]>")]
pub fn gaps() -> Result<JsValue, JsValue> {
    answer_ref(giamngheo::gaps())
}

/// A caller's own standard (a province's higher standard), loaded from a parameter file and
/// checked by the same rules as the embedded ones. Classify with its `classify` method; call
/// `free()` when done with it (or let the JS garbage collector do it).
#[wasm_bindgen]
pub struct LocalStandard {
    inner: Standard,
}

#[wasm_bindgen]
impl LocalStandard {
    /// The standard's id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.inner.id.clone()
    }

    /// The legal document it encodes.
    #[wasm_bindgen(getter)]
    pub fn document(&self) -> String {
        self.inner.document.clone()
    }

    /// Classifies a household under this standard (the request's `date` and `standard` do not
    /// pick another one).
    #[wasm_bindgen(unchecked_return_type = "Result<Report>")]
    pub fn classify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Json<ClassifyRequest>")] request: JsValue,
    ) -> Result<JsValue, JsValue> {
        let text = request_text(&request, "request")?;
        answer_report(
            giamngheo::json::object_from_str::<giamngheo::ClassifyRequest>(&text)
                .and_then(|r| giamngheo::classify_request_with(&self.inner, &r)),
        )
    }

    /// The parameter data, as loaded.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "Standard")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        parse(&json_text(&self.inner)?)
    }
}

/// Loads a parameter file (an object in the format of `schemas/standard.schema.json`, or its JSON
/// text) as a [`LocalStandard`], or every problem the checks found.
#[wasm_bindgen(js_name = loadStandard, unchecked_return_type = "Result<LocalStandard>")]
pub fn load_standard(
    #[wasm_bindgen(unchecked_param_type = "Json<Standard>")] parameters: JsValue,
) -> Result<JsValue, JsValue> {
    let text = request_text(&parameters, "parameters")?;
    match Standard::from_json(&text) {
        Ok(inner) => {
            let out = js_sys::Object::new();
            js_sys::Reflect::set(&out, &JsValue::from_str("ok"), &JsValue::TRUE)?;
            js_sys::Reflect::set(&out, &JsValue::from_str("value"), &JsValue::from(LocalStandard { inner }))?;
            Ok(out.into())
        }
        Err(errors) => answer::<()>(Err(&errors)),
    }
}

// ---------------------------------------------------------------------------------------------
// Classification
// ---------------------------------------------------------------------------------------------

/// Classifies one household: income (monthly per capita, or annual household total and size) with
/// the indicator answers, or raw facts, or review scores. The value is core's report: the class,
/// each indicator, and every reason with its legal basis and confidence.
#[wasm_bindgen(unchecked_return_type = "Result<Report>")]
pub fn classify(
    #[wasm_bindgen(unchecked_param_type = "Json<ClassifyRequest>")] request: JsValue,
) -> Result<JsValue, JsValue> {
    let text = request_text(&request, "request")?;
    answer_report(giamngheo::classify_json(&text))
}

/// Validates and classifies in one call, answering only the standard and how it was picked, the
/// class, the deprivations and the income per capita (see `classify` for the reasons). The light
/// entry point for validate-as-you-type: core runs every check and skips writing the report.
#[wasm_bindgen(js_name = classifyBrief, unchecked_return_type = "Result<Brief>")]
pub fn classify_brief(
    #[wasm_bindgen(unchecked_param_type = "Json<ClassifyRequest>")] request: JsValue,
) -> Result<JsValue, JsValue> {
    let text = request_text(&request, "request")?;
    // Core's brief (`giamngheo::brief`, typed and in schemas/brief.schema.json), written directly
    // (not through `serde_json::Value`, as the big answers are): this is the hot path.
    match giamngheo::brief::classify_brief_json(&text) {
        Ok(brief) => {
            let json = serde_json::to_string(&brief).map_err(|e| internal(&e.to_string()))?;
            parse(&format!(r#"{{"ok":true,"value":{json}}}"#))
        }
        Err(errors) => answer::<()>(Err(&errors)),
    }
}

/// Checks a classification request: `{ ok: true, value: null }` when core would classify it,
/// otherwise every problem with its JSON pointer (to show beside the form's fields).
#[wasm_bindgen(unchecked_return_type = "Result<null>")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "Json<ClassifyRequest>")] request: JsValue,
) -> Result<JsValue, JsValue> {
    let text = request_text(&request, "request")?;
    answer_owned(giamngheo::assess_json(&text).map(|_| ()))
}

// ---------------------------------------------------------------------------------------------
// Eligibility, funding and the generic door
// ---------------------------------------------------------------------------------------------

fn call_with(function: &str, request: &JsValue) -> Result<JsValue, JsValue> {
    let text = request_text(request, "request")?;
    answer_value(giamngheo::call_json(function, &text))
}

/// Calls any function of core's JSON door by name (`classify`, `classify_brief`, `eligibility`,
/// `eligibility_one`, `why_not`, `check_plan`, `allocate`, `counterpart_ratio`, `fact_labels`:
/// see `functions()`). An unknown name is the error value `function_unknown`.
#[wasm_bindgen(unchecked_return_type = "Result<unknown>")]
pub fn call(
    #[wasm_bindgen(unchecked_param_type = "FunctionName | (string & {})")] name: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Json<object>")] request: JsValue,
) -> Result<JsValue, JsValue> {
    let name = string_arg(&name, "name")?;
    call_with(&name, &request)
}

/// Every catalog entry's decision (eligible, not eligible, cannot decide) with its checks,
/// entitlements and legal sources.
#[wasm_bindgen(unchecked_return_type = "Result<EligibilityReport>")]
pub fn eligibility(
    #[wasm_bindgen(unchecked_param_type = "Json<EligibilityRequest>")] request: JsValue,
) -> Result<JsValue, JsValue> {
    call_with("eligibility", &request)
}

/// The decision for the one entry named by the request's `program`.
#[wasm_bindgen(js_name = eligibilityOne, unchecked_return_type = "Result<EligibilityReport>")]
pub fn eligibility_one(
    #[wasm_bindgen(unchecked_param_type = "Json<EligibilityRequest>")] request: JsValue,
) -> Result<JsValue, JsValue> {
    call_with("eligibility_one", &request)
}

/// The failed and missing conditions of the entry named by the request's `program`.
#[wasm_bindgen(js_name = whyNot, unchecked_return_type = "Result<EligibilityReport>")]
pub fn why_not(
    #[wasm_bindgen(unchecked_param_type = "Json<EligibilityRequest>")] request: JsValue,
) -> Result<JsValue, JsValue> {
    call_with("why_not", &request)
}

/// The catalog of a date: the general policies and the program whose period holds `date` (or
/// the program catalog `catalog` names), with only the entries and versions in force that day.
#[wasm_bindgen(unchecked_return_type = "Result<CatalogOnDate>")]
pub fn catalog(
    #[wasm_bindgen(unchecked_param_type = "Json<CatalogRequest>")] request: JsValue,
) -> Result<JsValue, JsValue> {
    call_with("eligibility_catalog", &request)
}

/// The districts the library knows (Cao Bằng) with their 30a and QĐ 293 status.
#[wasm_bindgen(unchecked_return_type = "Result<ProvinceDistricts>")]
pub fn districts() -> Result<JsValue, JsValue> {
    answer_ref(giamngheo::eligibility::place::cao_bang_districts())
}

/// The bilingual names of the fact values core accepts (areas, education levels, work, water
/// sources, toilets, school levels, confidence labels), for a form's option lists: core's
/// `fact_labels`, each category with every value of its enum.
#[wasm_bindgen(js_name = factLabels, unchecked_return_type = "Result<FactLabels>")]
pub fn fact_labels() -> Result<JsValue, JsValue> {
    answer_owned::<giamngheo::labels::FactLabels>(Ok(giamngheo::labels::fact_labels()))
}

/// A decimal as core writes it (`"1300000.5"`) in Vietnamese notation (`1.300.000,5`), or in
/// English notation (`1,300,000.5`) with `lang = "en"`: core's formatting, so a page does not
/// group digits itself. Text that is not a plain decimal is misuse (`TypeError`).
#[wasm_bindgen(js_name = formatNumber)]
pub fn format_number(
    #[wasm_bindgen(unchecked_param_type = "string")] decimal: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] lang: JsValue,
) -> Result<String, JsValue> {
    let decimal = string_arg(&decimal, "decimal")?;
    let lang = string_arg(&lang, "lang")?;
    giamngheo::text::format_number(&decimal, &lang)
        .ok_or_else(|| misuse("decimal must be a decimal number as text, such as \"1300000.5\""))
}

/// Checks that every level of a funding plan adds up, exactly (core's `check_plan`): a plan, or
/// `{ plan_id }` naming an embedded one (an unknown id is the error `plan_unknown`).
#[wasm_bindgen(js_name = checkPlan, unchecked_return_type = "Result<FundingResult<\"check_plan\">>")]
pub fn check_plan(
    #[wasm_bindgen(unchecked_param_type = "Json<FundingRequest<\"check_plan\">>")] plan: JsValue,
) -> Result<JsValue, JsValue> {
    call_with("check_plan", &plan)
}

/// Splits a pool among units by weighted criteria, to the đồng (core's `allocate`).
#[wasm_bindgen(unchecked_return_type = "Result<FundingResult<\"allocate\">>")]
pub fn allocate(
    #[wasm_bindgen(unchecked_param_type = "Json<FundingRequest<\"allocate\">>")] request: JsValue,
) -> Result<JsValue, JsValue> {
    call_with("allocate", &request)
}

/// The minimum local counterpart ratio from dated rules (core's `counterpart_ratio`).
#[wasm_bindgen(js_name = counterpartRatio, unchecked_return_type = "Result<FundingResult<\"counterpart_ratio\">>")]
pub fn counterpart_ratio(
    #[wasm_bindgen(unchecked_param_type = "Json<FundingRequest<\"counterpart_ratio\">>")] request: JsValue,
) -> Result<JsValue, JsValue> {
    call_with("counterpart_ratio", &request)
}
