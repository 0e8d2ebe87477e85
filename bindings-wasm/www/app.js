// The demo form: builds giamngheo requests from the fields, and shows what giamngheo answers.
// No rule is written here: classes, reasons, citations, error messages, indicator and program
// names all come from the WebAssembly build of the core crate. Plain script (no module), so the
// page also works when opened from file://.
/* global wasm_bindgen, GIAMNGHEO_LABELS */
"use strict";

(function () {
  if (typeof wasm_bindgen === "undefined") {
    document.getElementById("status").textContent =
      "giamngheo: pkg/giamngheo_wasm.js is missing beside this page (build it with `make wasm-build`).";
    document.getElementById("status").classList.add("failed");
    return;
  }
  const L = GIAMNGHEO_LABELS;
  const gn = wasm_bindgen;
  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

  const state = {
    lang: "vi",
    touched: new Set(),
    checkAll: false,
    standard: null, // the standard core picks for the date and list year (core's parameter data)
    selection: null, // core's answer to selectStandard: { ok, value: { standard, selection } } or errors
    ticked: new Set(), // the indicator ids ticked, kept while the list is rebuilt
    districts: [],
    last: null, // { request, eligibilityRequest, classify, eligibility, errors, hidden }
    facts: {}, // core's fact catalog of the date (gn.catalog): { "place.district_30a": { label, values } }
    factsDate: null,
    downloadUrl: null,
    cannotDecideOpen: false,
  };

  const t = (key) => (L.ui[key] ? L.ui[key][state.lang] : key);
  // The names of the fact values (water sources, toilets, education levels...) are core's
  // (`factLabels()`), read once the module is loaded: { group: { value: { vi, en } } }, in core's order.
  let options = {};
  const opt = (group, key) => (options[group] && options[group][key] ? options[group][key][state.lang] : key);
  const text = (bilingual) => (bilingual ? bilingual[state.lang] || bilingual.vi : "");
  const el = (tag, attrs = {}, ...children) => {
    const e = typeof tag === "string" ? document.createElement(tag) : tag;
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  };

  const fill = (template, n) => template.replace("{n}", String(n));
  const pad2 = (n) => String(n).padStart(2, "0");
  /** The review date as typed (dd/mm/yyyy, whatever the browser's locale; an ISO yyyy-mm-dd is
   *  read too) to its ISO value, or null when it is not a real day. */
  function isoDate(raw) {
    const v = raw.trim();
    let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
    const [d, mo, y] = m ? [+m[1], +m[2], +m[3]] : (m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v)) ? [+m[3], +m[2], +m[1]] : [];
    if (!m) return null;
    const day = new Date(Date.UTC(y, mo - 1, d));
    if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return null;
    return `${String(y).padStart(4, "0")}-${pad2(mo)}-${pad2(d)}`;
  }
  /** An ISO date shown as dd/mm/yyyy. */
  const showDate = (iso) => (/^\d{4}-\d{2}-\d{2}$/.test(iso || "") ? iso.split("-").reverse().join("/") : iso || "");

  // ---------------------------------------------------------------------------------------------
  // Loading the module: fetched next to this page over http(s); from file:// (where fetch is not
  // allowed) the same bytes come from a classic script holding them as base64.
  async function load() {
    if (location.protocol !== "file:") {
      await gn({ module_or_path: "pkg/giamngheo_wasm_bg.wasm" });
      return;
    }
    await new Promise((resolve, reject) => {
      const s = el("script", { src: "pkg/giamngheo_wasm_bytes.js" });
      s.onload = resolve;
      s.onerror = () => reject(new Error("pkg/giamngheo_wasm_bytes.js is missing (run make wasm-build)"));
      document.head.append(s);
    });
    const b64 = globalThis.GIAMNGHEO_WASM_BASE64;
    const bytes = typeof Uint8Array.fromBase64 === "function"
      ? Uint8Array.fromBase64(b64)
      : Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    await gn({ module_or_path: bytes });
  }

  // ---------------------------------------------------------------------------------------------
  // Building the form's dynamic parts.
  function triState(id, path) {
    return el("select", { id, "data-path-input": path, "data-tri": "1" },
      el("option", { value: "" }), el("option", { value: "true" }), el("option", { value: "false" }));
  }

  function fillOptions(select, group, withBlank) {
    const current = select.value;
    select.replaceChildren();
    if (withBlank) select.append(el("option", { value: "", text: t("unknown") }));
    for (const key of Object.keys(options[group] || {})) select.append(el("option", { value: key, text: opt(group, key) }));
    if (current) select.value = current;
  }

  function labelTriStates(root = document) {
    for (const s of $$("select[data-tri]", root)) {
      s.options[0].textContent = t("unknown");
      s.options[1].textContent = t("yes");
      s.options[2].textContent = t("no");
    }
  }

  function field(path, labelKey, control) {
    control.id = control.id || `f-${path.replace(/\W+/g, "-")}`;
    return el("div", { class: "field", "data-path": path },
      el("label", { for: control.id, "data-i18n": labelKey, text: t(labelKey) }), control,
      el("p", { class: "error", role: "alert" }));
  }

  function buildHouseholdFacts() {
    const box = $("#household-facts");
    const num = (id) => el("input", { id, type: "text", inputmode: "decimal", size: 6 });
    const select = (id, group) => {
      const s = el("select", { id });
      fillOptions(s, group, true);
      s.dataset.options = group;
      s.dataset.blank = "1";
      return s;
    };
    box.append(
      field("/facts/housing/wall_durable", "wall_durable", triState("wall_durable")),
      field("/facts/housing/column_durable", "column_durable", triState("column_durable")),
      field("/facts/housing/roof_durable", "roof_durable", triState("roof_durable")),
      field("/facts/housing/floor_area_m2", "floor_area_m2", num("floor_area_m2")),
      field("/facts/water_source", "water_source", select("water_source", "water_source")),
      field("/facts/toilet", "toilet", select("toilet", "toilet")),
      field("/facts/ill_member_untreated", "ill_member_untreated", triState("ill_member_untreated")),
      field("/facts/uses_telephone", "uses_telephone", triState("uses_telephone")),
      field("/facts/uses_internet", "uses_internet", triState("uses_internet")),
      field("/facts/hears_loudspeaker", "hears_loudspeaker", triState("hears_loudspeaker")),
      ...["tv", "radio", "computer", "telephone", "smartphone"].map((a) =>
        field(`/facts/owns/${a}`, a, triState(`owns_${a}`))),
    );
  }

  function buildPlace() {
    const box = $("#place-fields");
    const district = el("select", { id: "district" });
    const province = el("input", { id: "province", type: "text", value: "Cao Bằng", size: 12 });
    const ethnic = el("input", { id: "ethnic_group", type: "text", list: "ethnic-groups", size: 10, value: "" });
    const school = el("select", { id: "school_level", "data-options": "school_level", "data-blank": "1" });
    fillOptions(school, "school_level", true);
    box.append(
      field("/place/province", "province", province),
      field("/place/district", "district", district),
      field("/place/commune_135", "commune_135", triState("commune_135")),
      field("/place/village_ebkk", "village_ebkk", triState("village_ebkk")),
      field("/place/commune_border", "commune_border", triState("commune_border")),
      field("/place/difficult_area", "difficult_area", triState("difficult_area")),
      field("/place/extremely_difficult_area", "extremely_difficult_area", triState("extremely_difficult_area")),
      field("/person/ethnic_group", "ethnic_group", ethnic),
      field("/person/age", "person_age", el("input", { id: "person_age", type: "text", inputmode: "numeric", size: 4 })),
      field("/person/school_level", "school_level", school),
    );
    fillDistricts();
  }

  function fillDistricts() {
    const s = $("#district");
    const current = s.value;
    s.replaceChildren(el("option", { value: "", text: t("other_district") }));
    for (const d of state.districts) s.append(el("option", { value: d.name, text: d.name }));
    s.value = current;
  }

  function memberRow(i) {
    const row = el("tr", { "data-member": i });
    // Each cell carries its own <label for>: read by screen readers in the table, shown when the
    // rows stack as cards on a narrow screen.
    const cell = (path, key, control) => el("td", { class: "field", "data-path": path },
      el("label", { for: control.id, class: "cell-label", "data-i18n": key, text: t(key) }), control,
      el("p", { class: "error", role: "alert" }));
    const base = `/facts/members/${i}`;
    const edu = el("select", { id: `m${i}-education`, "data-options": "education", "data-blank": "1" });
    fillOptions(edu, "education", true);
    const emp = el("select", { id: `m${i}-employment`, "data-options": "employment", "data-blank": "1" });
    fillOptions(emp, "employment", true);
    row.append(
      el("th", { scope: "row", class: "field member-title", "data-path": base, "data-n": i + 1, text: fill(t("member_n"), i + 1) }),
      cell(`${base}/age`, "age", el("input", { id: `m${i}-age`, type: "text", inputmode: "numeric", size: 3 })),
      cell(`${base}/education`, "education", edu),
      cell(`${base}/in_school`, "in_school", triState(`m${i}-in_school`)),
      cell(`${base}/health_insurance`, "health_insurance", triState(`m${i}-health_insurance`)),
      cell(`${base}/employment`, "employment", emp),
      cell(`${base}/monthly_social_allowance`, "monthly_social_allowance", triState(`m${i}-monthly_social_allowance`)),
      cell(`${base}/malnourished`, "malnourished", triState(`m${i}-malnourished`)),
    );
    labelTriStates(row);
    return row;
  }

  function syncMemberRows() {
    const n = memberCount();
    const body = $("#members-table tbody");
    if (n === null) return;
    const rows = Math.min(n, 30);
    while (body.children.length < rows) body.append(memberRow(body.children.length));
    while (body.children.length > rows) body.lastElementChild.remove();
  }

  // Confidence labels, from the surest to the least sure, as core's data orders them.
  const CONFIDENCE = ["verified", "secondary", "partial", "unverified"];
  const leastSure = (...cs) => cs.filter(Boolean).reduce((a, b) => (CONFIDENCE.indexOf(b) > CONFIDENCE.indexOf(a) ? b : a), "verified");
  /** The badge of one confidence label exactly as the data gives it (core's name for it). */
  function confBadge(confidence, title) {
    if (!confidence) return null;
    return el("span", { class: `conf conf-${confidence}`, "data-confidence": confidence, title, text: opt("confidence", confidence) });
  }
  /** An indicator's badge: the least sure of its name's and its rule's labels, none when both are
   *  verified (`data-unverified` when either is unverified). */
  function indicatorBadge(nameConfidence, ruleConfidence) {
    const worst = leastSure(nameConfidence, ruleConfidence);
    if (worst === "verified") return null;
    const what = [];
    if (nameConfidence) what.push(`${t("indicator_name")}: ${opt("confidence", nameConfidence)}`);
    if (ruleConfidence) what.push(`${t("indicator_rule")}: ${opt("confidence", ruleConfidence)}`);
    const b = confBadge(worst, what.join(" · "));
    if (nameConfidence === "unverified" || ruleConfidence === "unverified") b.dataset.unverified = "1";
    return b;
  }

  function buildIndicators() {
    const box = $("#indicators");
    box.replaceChildren();
    const s = state.standard;
    $("#indicators-hint").textContent = !s ? t("no_standard")
      : s.indicators && s.indicators.length ? t("indicators_hint") : t("income_only");
    if (!s || !s.indicators) return;
    for (const ind of s.indicators) {
      const id = `ind-${ind.id}`;
      box.append(el("div", { class: "field check", "data-path": `/indicators/${ind.id}` },
        el("input", { type: "checkbox", id, value: ind.id, checked: state.ticked.has(ind.id) }),
        el("label", { for: id }, el("span", { class: "code", text: ind.code }), " ", text(ind.name)),
        indicatorBadge(ind.name_confidence, ind.rule_confidence),
        el("p", { class: "error", role: "alert" })));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // From the fields to giamngheo's requests. Only the JSON shape is built here; every check is core's.

  /** An amount goes to core as typed: core's one rule reads 650000, 1.650.000, 1 650 000 or
   *  1.650.000,5 and refuses 650.000 (650 000 or 650?) with its message at the field. */
  const amount = (raw) => raw.trim();
  /** A whole number as a JSON number; other text as typed, for core to reject with its message. */
  const whole = (raw) => (/^\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw.trim());
  const tri = (id) => {
    const v = $(`#${id}`).value;
    return v === "" ? undefined : v === "true";
  };
  const put = (obj, key, value) => {
    if (value !== undefined && value !== "") obj[key] = value;
  };
  function memberCount() {
    const raw = $("#members").value.trim();
    return /^\d+$/.test(raw) ? Number(raw) : null;
  }
  const incomeMode = () => $("input[name=income-mode]:checked").value;
  const wayIn = () => $("input[name=way-in]:checked").value;

  /** The fields that pick the standard: the review date and the list year (each left out when empty). */
  function selectionRequest() {
    const req = {};
    // The ISO value of the day typed; text that is not a day goes as typed (core rejects it at
    // the field, where the page says which form it wants).
    const raw = $("#date").value.trim();
    const iso = isoDate(raw);
    $("#date").dataset.iso = iso || "";
    put(req, "date", iso || raw);
    const input = $("#list-year");
    const y = input.value.trim();
    // A number input gives "" for text it cannot read: sent as is, for core to reject it there.
    if (input.validity.badInput) req.list_year = "";
    else if (y !== "") req.list_year = Number.isFinite(Number(y)) ? Number(y) : y;
    return req;
  }

  function classifyRequest() {
    const req = { area: $("#area").value, ...selectionRequest() };
    const income = {};
    if (incomeMode() === "monthly") put(income, "monthly_per_capita", amount($("#income").value));
    else {
      put(income, "annual_household", amount($("#income").value));
      put(income, "household_size", whole($("#members").value));
    }
    req.income = income;
    if (wayIn() === "indicators") {
      const s = state.standard;
      if (s && s.indicators && s.indicators.length) {
        req.indicators = Object.fromEntries($$("#indicators input[type=checkbox]").map((c) => [c.value, c.checked]));
      }
    } else {
      const members = $$("#members-table tbody tr").map((row, i) => {
        const m = {};
        put(m, "age", $(`#m${i}-age`, row).value.trim() === "" ? undefined : whole($(`#m${i}-age`, row).value));
        put(m, "education", $(`#m${i}-education`, row).value);
        put(m, "in_school", tri(`m${i}-in_school`));
        put(m, "health_insurance", tri(`m${i}-health_insurance`));
        put(m, "employment", $(`#m${i}-employment`, row).value);
        put(m, "monthly_social_allowance", tri(`m${i}-monthly_social_allowance`));
        put(m, "malnourished", tri(`m${i}-malnourished`));
        return m;
      });
      const housing = {};
      for (const k of ["wall_durable", "column_durable", "roof_durable"]) put(housing, k, tri(k));
      put(housing, "floor_area_m2", amount($("#floor_area_m2").value));
      const owns = {};
      for (const a of ["tv", "radio", "computer", "telephone", "smartphone"]) put(owns, a, tri(`owns_${a}`));
      const facts = { members, housing, owns };
      put(facts, "water_source", $("#water_source").value);
      put(facts, "toilet", $("#toilet").value);
      for (const k of ["ill_member_untreated", "uses_telephone", "uses_internet", "hears_loudspeaker"]) put(facts, k, tri(k));
      req.facts = facts;
    }
    return req;
  }

  function eligibilityRequest(classify) {
    const place = {};
    put(place, "province", $("#province").value.trim());
    put(place, "district", $("#district").value);
    for (const k of ["commune_135", "village_ebkk", "commune_border", "difficult_area", "extremely_difficult_area"]) put(place, k, tri(k));
    const person = {};
    put(person, "ethnic_group", $("#ethnic_group").value.trim());
    put(person, "age", $("#person_age").value.trim() === "" ? undefined : whole($("#person_age").value));
    put(person, "school_level", $("#school_level").value);
    const req = { date: classify.date, household: { classify }, place };
    if (Object.keys(person).length) req.person = person;
    return req;
  }

  // ---------------------------------------------------------------------------------------------
  // Running giamngheo and showing its answers.
  /** Asks core which standard the date and list year pick; rebuilds the indicators when it changes. */
  function refreshStandard() {
    const r = gn.selectStandard(selectionRequest());
    const before = state.standard ? state.standard.id : null;
    state.selection = r;
    state.standard = r.ok ? r.value.standard : null;
    showStandard();
    if ((state.standard ? state.standard.id : null) !== before || !$("#indicators").children.length) buildIndicators();
  }

  function showStandard() {
    const r = state.selection;
    const s = state.standard;
    $("#standard-name").textContent = s ? `${s.document} — ${text(s.name)}` : "—";
    $("#standard-name").dataset.standard = s ? s.id : "";
    const why = $("#selection");
    if (r && r.ok) {
      const sel = r.value.selection;
      why.dataset.by = sel.by;
      why.replaceChildren(text(sel.message), " ", confBadge(sel.confidence));
    } else {
      delete why.dataset.by;
      why.replaceChildren();
    }
  }

  function run() {
    const request = classifyRequest();
    const classify = gn.classify(request);
    let eligibility = null;
    let eligibilityReq = null;
    let errors = classify.ok ? [] : classify.errors;
    if (classify.ok) {
      eligibilityReq = eligibilityRequest(request);
      eligibility = gn.eligibility(eligibilityReq);
      if (!eligibility.ok) errors = eligibility.errors;
      loadFacts(classify.value.date);
    }
    state.last = { request, eligibilityRequest: eligibilityReq, classify, eligibility, errors };
    render();
  }

  /** Core's catalog of the date: the labels of the facts its eligibility answers name. */
  function loadFacts(date) {
    if (!date || state.factsDate === date) return;
    const c = gn.catalog({ date });
    state.facts = c.ok && c.value.facts ? c.value.facts : {};
    state.factsDate = date;
  }

  /** A fact's name for a JSON pointer core gives (`/place/district_30a` is the fact
   *  `place.district_30a`): core's label of the date, else the caption of the page's field. */
  function factName(pointer) {
    const f = state.facts[pointer.replace(/^\//, "").split("/").join(".")];
    if (f && f.label) return text(f.label);
    const field = $$("[data-path]").find((x) => x.dataset.path === pointer);
    const label = field && field.querySelector(":scope > label, :scope > .label");
    return label ? label.textContent : pointer;
  }
  const factNames = (pointers) => pointers.map(factName).join("; ");

  /** The request's field names core's messages may quote (income_missing), by the caption of the
   *  page's field that fills them. */
  const REQUEST_FIELDS = { monthly_per_capita: "income_monthly", annual_household: "income_annual", household_size: "members" };
  /** The value groups core's evidence may quote raw (`Toilet: simple_pit`), by indicator. */
  const EVIDENCE_GROUP = { sanitation: "toilet", water_source: "water_source" };
  /** Core's words with what is still a key in them shown by name: JSON pointers by their fact's
   *  label, fact values by core's value names, the request's field names by the page's captions. */
  function humanize(words, group) {
    let out = words.replace(/(^|[\s(:,;])(\/(?:place|person|household|facts|income)(?:\/[A-Za-z0-9_]+)+)/g,
      (all, before, pointer) => {
        const name = factName(pointer);
        return name === pointer ? all : `${before}${name}`;
      });
    out = out.replace(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g, (key) => {
      if (REQUEST_FIELDS[key]) return `“${t(REQUEST_FIELDS[key])}”`;
      for (const g of [group, ...Object.keys(options)].filter(Boolean)) {
        if (options[g] && options[g][key]) return opt(g, key);
      }
      return key;
    });
    if (group && options[group]) {
      // A one-word value quoted after a colon ("Toilet: none (not hygienic)").
      out = out.replace(/(:\s)([a-z]+)(?=\s\()/g, (all, before, key) => (options[group][key] ? `${before}${opt(group, key)}` : all));
    }
    return out;
  }

  /** The page's own check of the review date: dd/mm/yyyy whatever the browser's locale. */
  function pageErrors() {
    const raw = $("#date").value.trim();
    return raw !== "" && !isoDate(raw) ? [{ path: "/date", code: "date_format", message: L.ui.date_format }] : [];
  }

  /** The element an error belongs to: the deepest field whose JSON pointer contains the error's. */
  function fieldFor(path) {
    // "Give an income" is the income field's to say.
    if (path === "/income") path = $("#income-field").dataset.path;
    let best = null;
    let depth = -1;
    for (const f of $$("[data-path]")) {
      if (f.closest("[hidden]")) continue;
      const p = f.dataset.path;
      if ((path === p || path.startsWith(p + "/")) && p.length > depth) {
        best = f;
        depth = p.length;
      }
    }
    return best;
  }
  // The fields that pick the standard show their errors at once: nothing else can be filled in
  // until core knows the standard.
  const ALWAYS_SHOWN = new Set(["/date", "/list_year"]);
  const isTouched = (f) => state.checkAll || ALWAYS_SHOWN.has(f.dataset.path) ||
    [...state.touched].some((p) => p === f.dataset.path || p.startsWith(f.dataset.path + "/"));

  /** An error's words: core's message, naming the member it is about ("Thành viên 2: …"). */
  function errorText(e) {
    const m = /^\/facts\/members\/(\d+)(\/|$)/.exec(e.path || "");
    const words = humanize(text(e.message));
    return m ? `${fill(t("member_n"), Number(m[1]) + 1)}: ${words}` : words;
  }

  /** Puts each error at its field; returns those with no field on the page, and how many wait
   *  for a field nobody has touched yet (shown after "Check everything"). */
  function renderErrors(errors) {
    for (const f of $$("[data-path]")) {
      f.classList.remove("invalid");
      const slot = f.querySelector(":scope > .error");
      if (slot) slot.replaceChildren();
      for (const c of $$(":scope > input, :scope > select", f)) c.removeAttribute("aria-invalid");
    }
    const own = pageErrors();
    const all = [...own, ...errors.filter((e) => !own.some((o) => o.path === e.path))];
    const unplaced = [];
    let hidden = 0;
    for (const e of all) {
      const f = fieldFor(e.path);
      const slot = f && f.querySelector(":scope > .error");
      if (f && slot) {
        if (!isTouched(f)) {
          hidden += 1;
          continue;
        }
        f.classList.add("invalid");
        for (const c of $$(":scope > input, :scope > select", f)) c.setAttribute("aria-invalid", "true");
        slot.append(el("span", { "data-code": e.code, text: errorText(e) }));
      } else unplaced.push(e);
    }
    return { unplaced, hidden };
  }

  /** A decimal from core in the page's language, by core's own formatting (1.300.000,5 / 1,300,000.5). */
  const groupDigits = (decimal) => gn.formatNumber(String(decimal), state.lang);

  /** A legal basis: the document and article. Its confidence is the step's, shown beside the step. */
  function citation(c) {
    const where = [c.document, c.article].filter(Boolean).join(", ");
    return el("span", { class: "basis" }, `${t("basis")}: ${where}`);
  }

  const pendingList = (errors) =>
    el("ul", { id: "pending-errors" }, ...errors.map((e) => el("li", { "data-code": e.code, text: errorText(e) })));

  /** The household in a few words, for the printed page. */
  function printSummary(r) {
    const box = $("#print-summary");
    if (!r) {
      box.replaceChildren();
      return;
    }
    const req = state.last.request;
    const income = req.income.monthly_per_capita !== undefined
      ? `${t("income_monthly")}: ${req.income.monthly_per_capita}`
      : `${t("income_annual")}: ${req.income.annual_household} (${t("members")}: ${req.income.household_size})`;
    const place = [$("#province").value.trim(), $("#district").value].filter(Boolean).join(", ");
    const rows = [
      [t("date"), showDate(r.date)],
      req.list_year !== undefined ? [t("list_year"), String(req.list_year)] : null,
      [t("standard"), `${r.standard.document} — ${text(r.standard.name)}`],
      [t("area"), opt("area", r.area)],
      [t("income"), income],
      place ? [t("place"), place] : null,
    ].filter(Boolean);
    box.replaceChildren(
      el("h2", { text: t("print_title") }),
      el("dl", {}, ...rows.flatMap(([k, v]) => [el("dt", { text: k }), el("dd", { text: v })])),
      el("p", { class: "hint", text: `giamngheo ${gn.version()} · ${t("printed_on")} ${showDate(new Date().toISOString().slice(0, 10))}` }));
  }

  /** The answer as a JSON file: what was asked and what core answered, made here (no network). */
  function offerDownload() {
    const last = state.last;
    const a = $("#download");
    if (state.downloadUrl) URL.revokeObjectURL(state.downloadUrl);
    const answer = {
      giamngheo: gn.version(),
      request: { classify: last.request, eligibility: last.eligibilityRequest },
      classify: last.classify,
      eligibility: last.eligibility,
    };
    state.downloadUrl = URL.createObjectURL(new Blob([JSON.stringify(answer, null, 2)], { type: "application/json" }));
    a.href = state.downloadUrl;
    a.download = `giamngheo-${last.request.date || "ho"}.json`;
    a.removeAttribute("aria-disabled");
  }

  function render() {
    const out = $("#outcome");
    const last = state.last;
    if (!last) return;
    const { unplaced, hidden } = renderErrors(last.errors);
    offerDownload();
    if (!last.classify.ok) {
      printSummary(null);
      out.replaceChildren(...[el("p", { class: "pending", text: t("not_yet") }),
        unplaced.length ? pendingList(unplaced) : null,
        hidden ? el("p", { id: "untouched", class: "hint", "data-count": hidden, text: t("untouched") }) : null].filter(Boolean));
      return;
    }
    const r = last.classify.value;
    printSummary(r);
    const parts = [];
    parts.push(el("div", { id: "class", class: `class class-${r.class}`, "data-class": r.class }, text(r.class_name)));
    const facts = [`${r.standard.document}`];
    if (r.income_per_capita_monthly !== undefined) {
      facts.push(`${t("income_pc")}: ${groupDigits(r.income_per_capita_monthly)} ${t("per_month")}`);
    }
    parts.push(el("p", { id: "applied", text: facts.join(" · ") }));
    parts.push(el("p", { id: "applied-selection", class: "basis", "data-by": r.selection.by }, text(r.selection.message), " ",
      confBadge(r.selection.confidence)));

    const deprived = r.indicators.filter((i) => i.deprived);
    if (r.indicators.length) {
      parts.push(el("h3", { text: `${t("deprived_in")} (${r.deprivation_count})` }));
      parts.push(deprived.length
        ? el("ul", { id: "deprivations" }, ...deprived.map((i) => el("li", { "data-indicator": i.id },
          el("span", { class: "code", text: i.code }), " ", el("strong", { text: text(i.name) }), " ",
          indicatorBadge(i.name_confidence, i.confidence),
          i.evidence ? el("span", { class: "evidence", text: ` — ${t("evidence")}: ${humanize(text(i.evidence), EVIDENCE_GROUP[i.id])}` }) : null,
          el("br"), citation(i.citation))))
        : el("p", { id: "deprivations", text: t("none") }));
    }
    parts.push(el("h3", { text: t("reasons") }));
    parts.push(el("ol", { id: "reasons" }, ...r.reasons.map((x) => el("li", { "data-rule": x.rule, class: x.holds ? "holds" : "fails" },
      el("span", { class: "msg", text: text(x.message) }), " ", confBadge(x.confidence, t("confidence_of_step")), el("br"),
      citation(x.citation)))));
    if (r.indicators.some((i) => i.evidence)) parts.push(el("p", { class: "hint", id: "facts-confidence", text: t("facts_confidence_hint") }));

    parts.push(el("h3", { text: t("programs") }));
    const e = last.eligibility;
    if (e && e.ok) {
      const sources = e.value.sources;
      const decisions = e.value.decisions;
      // The catalogs of the date asked: its program's, then the general policies' versions.
      parts.push(el("p", { id: "catalogs", class: "hint", "data-catalogs": e.value.catalogs.map((c) => c.id).join(" "),
        text: `${t("catalogs")}: ${e.value.catalogs.map((c) => text(c.name)).join("; ")}` }));
      if (e.value.program_gaps && e.value.program_gaps.length) {
        parts.push(el("ul", { id: "program-gaps", class: "hint" },
          ...e.value.program_gaps.map((g) => el("li", { text: `${t("program_gap")}: ${text(g.program)} — ${humanize(text(g.why))}` }))));
      }
      const yes = decisions.filter((d) => d.outcome === "eligible" || d.outcome === "eligible_level_undecided");
      const maybe = decisions.filter((d) => d.outcome === "cannot_decide");
      const no = decisions.filter((d) => d.outcome === "not_eligible");
      parts.push(yes.length
        ? el("ul", { id: "programs" }, ...yes.map((d) => el("li", { "data-program": d.program },
          el("strong", { text: text(d.name) }), el("span", { class: "section", text: ` (${d.plan_section})` }), " ",
          confBadge(d.confidence, t("confidence_of_decision")),
          el("div", { class: "summary", text: humanize(text(d.summary)) }),
          ...d.entitlements.map((x) => el("div", { class: "entitlement", "data-kind": x.kind, "data-value": x.value ?? "",
            text: `${text(x.label)}: ${text(x.what)}${x.amount_unverified ? ` (${t("unverified_amount")})` : ""}` })),
          ...(d.outcome === "eligible_level_undecided"
            ? [el("div", { class: "hint missing", "data-missing": d.missing.join(" "), text: `${t("level_undecided")}: ${factNames(d.missing)}` })] : []),
          ...d.legal_basis.filter((k) => sources[k]).slice(0, 2).map((k) => el("div", { class: "program-basis" }, citation(sources[k]))))))
        : el("p", { id: "programs", text: t("no_programs") }));
      if (maybe.length) {
        // Stays open across answers once the officer opens it.
        const details = el("details", { id: "cannot-decide", open: state.cannotDecideOpen });
        details.addEventListener("toggle", () => { state.cannotDecideOpen = details.open; });
        parts.push(el(details, {},
          el("summary", { text: `${t("cannot_decide")} (${maybe.length})` }),
          el("ul", {}, ...maybe.map((d) => el("li", { "data-program": d.program }, el("strong", { text: text(d.name) }),
            el("span", { class: "missing", "data-missing": d.missing.join(" "), text: ` — ${t("missing")}: ${factNames(d.missing)}` }))))));
      }
      parts.push(el("p", { class: "hint", text: `${no.length} ${t("not_eligible")}` }));
    } else if (e) {
      parts.push(pendingList(unplaced));
    }
    out.replaceChildren(...parts);
  }

  function translate() {
    document.documentElement.lang = state.lang;
    for (const n of $$("[data-i18n]")) n.textContent = t(n.dataset.i18n);
    for (const n of $$("th[data-n]")) n.textContent = fill(t("member_n"), n.dataset.n);
    $("#lang").lang = state.lang === "vi" ? "en" : "vi";
    for (const s of $$("select[data-options]")) fillOptions(s, s.dataset.options, s.dataset.blank === "1");
    labelTriStates();
    fillDistricts();
    showStandard();
    buildIndicators();
  }

  // ---------------------------------------------------------------------------------------------
  function touch(target) {
    const f = target.closest("[data-path]");
    if (f) state.touched.add(f.dataset.path);
    if (target.id === "income" || target.name === "income-mode") state.touched.add("/income");
    if (target.id === "members") state.touched.add("/facts/members");
  }

  function onChange(ev) {
    // A text field already answered on "input"; its "change" (when it is left) only rewrites a
    // day typed as yyyy-mm-dd, so the answer is not rebuilt under the officer's next click.
    const typed = ev.target.tagName === "INPUT" && (ev.target.type === "text" || ev.target.type === "number");
    if (ev.type === "change" && typed) {
      const iso = ev.target.id === "date" ? isoDate(ev.target.value) : null;
      if (!iso || ev.target.value === showDate(iso)) return;
    }
    touch(ev.target);
    if (ev.target.type === "checkbox" && ev.target.closest("#indicators")) {
      if (ev.target.checked) state.ticked.add(ev.target.value);
      else state.ticked.delete(ev.target.value);
    }
    if (ev.target.id === "date" && ev.type === "change") {
      // Once the field is left, a day typed as yyyy-mm-dd is shown as dd/mm/yyyy too.
      const iso = isoDate(ev.target.value);
      if (iso) ev.target.value = showDate(iso);
    }
    if (ev.target.id === "date" || ev.target.id === "list-year") refreshStandard();
    if (ev.target.name === "income-mode") {
      $("#income-field").dataset.path = incomeMode() === "monthly" ? "/income/monthly_per_capita" : "/income/annual_household";
    }
    if (ev.target.name === "way-in") {
      $("#indicators-box").hidden = wayIn() !== "indicators";
      $("#facts-box").hidden = wayIn() !== "facts";
    }
    if (ev.target.id === "members") syncMemberRows();
    run();
  }

  async function main() {
    try {
      await load();
    } catch (e) {
      $("#status").textContent = `giamngheo: ${e.message}`;
      $("#status").classList.add("failed");
      return;
    }
    const labels = gn.factLabels();
    if (labels.ok) {
      options = Object.fromEntries(labels.value.categories.map((c) =>
        [c.id, Object.fromEntries(c.values.map((v) => [v.value, v.name]))]));
    }
    const d = gn.districts();
    state.districts = d.ok ? d.value.districts : [];
    fillOptions($("#area"), "area", false);
    buildHouseholdFacts();
    buildPlace();
    labelTriStates();
    syncMemberRows();
    translate();
    refreshStandard();
    const form = $("#form");
    form.addEventListener("input", onChange);
    form.addEventListener("change", onChange);
    form.addEventListener("submit", (e) => e.preventDefault());
    $("#check-all").addEventListener("click", () => {
      state.checkAll = true;
      render();
      // Keyboard users land on the first field to fix.
      const first = $(".invalid > input, .invalid > select");
      if (first) first.focus();
    });
    $("#print").addEventListener("click", () => window.print());
    $("#lang").addEventListener("click", () => {
      state.lang = state.lang === "vi" ? "en" : "vi";
      translate();
      render();
    });
    run();
    delete $("#status").dataset.i18n;
    $("#status").textContent = `giamngheo ${gn.version()}`;
    document.body.dataset.ready = "1";
  }

  main();
})();
