//! Facts to indicators: each indicator of a standard derived by its rule, with the evidence.
//!
//! Facts may be partly unknown. The rules are evaluated in three-valued logic (yes, no, unknown):
//! a missing fact matters only when the answer depends on it, and then it is a `fact_missing`
//! error that names the field. A member known only by birth year is 1 of 2 ages on the review
//! date; when a rule's answer differs between the two, the exact age is asked for.

use crate::date::Date;
use crate::error::{Collector, Error, ErrorCode, Errors, pointer};
use crate::facts::{EmploymentStatus, Facts, InformationAsset, Member, TelecomService, ToiletType, WaterSource};
use crate::indicators::IndicatorSet;
use crate::standard::{DerivationRule, EducationBand, Standard};
use crate::text::{Text, en_number, vi_number};
use rust_decimal::Decimal;

/// Oldest age accepted for a member; older is taken as a typing error.
pub const MAX_AGE: u16 = 150;

/// The indicators derived from facts, with one finding per indicator of the standard.
#[derive(Debug, Clone, PartialEq)]
pub struct Derivation {
    pub deprived: IndicatorSet,
    pub findings: Vec<Finding>,
}

/// Whether one indicator is deprived, and the facts that made it so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Position of the indicator in the standard's list.
    pub index: usize,
    pub deprived: bool,
    pub evidence: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tri {
    Yes,
    No,
    Unknown,
}

impl From<bool> for Tri {
    fn from(b: bool) -> Tri {
        if b { Tri::Yes } else { Tri::No }
    }
}

/// A member's possible ages and birth years on the review date (inclusive ranges).
#[derive(Debug, Clone, Copy)]
struct Ages {
    age: (u16, u16),
    born: (u16, u16),
}

struct Eval<'a> {
    date: Date,
    facts: &'a Facts,
    ages: Vec<Ages>,
    missing: Vec<(String, Text)>,
}

impl Eval<'_> {
    fn need(&mut self, path: String, what: Text) -> Tri {
        self.missing.push((path, what));
        Tri::Unknown
    }

    fn flag(&mut self, value: Option<bool>, path: impl FnOnce() -> String, what: (&str, &str)) -> Tri {
        match value {
            Some(b) => b.into(),
            None => self.need(path(), Text::new(what.0, what.1)),
        }
    }

    /// Kleene conjunction of parts evaluated after `mark`: a definite `No` drops their missing facts.
    fn and(&mut self, mark: usize, parts: &[Tri]) -> Tri {
        if parts.contains(&Tri::No) {
            self.missing.truncate(mark);
            Tri::No
        } else if parts.iter().all(|&p| p == Tri::Yes) {
            Tri::Yes
        } else {
            Tri::Unknown
        }
    }

    /// Members for whom `pred` holds; `Unknown` when none surely does and some might.
    fn members_where(&mut self, pred: impl Fn(&mut Self, usize, &Member) -> Tri) -> (Tri, Vec<usize>) {
        let facts = self.facts;
        let mark = self.missing.len();
        let mut hits = Vec::new();
        let mut unknown = false;
        for (i, m) in facts.members.iter().enumerate() {
            match pred(self, i, m) {
                Tri::Yes => hits.push(i),
                Tri::Unknown => unknown = true,
                Tri::No => {}
            }
        }
        if !hits.is_empty() {
            self.missing.truncate(mark);
            (Tri::Yes, hits)
        } else if unknown {
            (Tri::Unknown, hits)
        } else {
            (Tri::No, hits)
        }
    }

    fn age_at_least(&mut self, i: usize, min: u16) -> Tri {
        let (lo, hi) = self.ages[i].age;
        if lo >= min {
            Tri::Yes
        } else if hi < min {
            Tri::No
        } else {
            let date = self.date;
            self.need(
                member_path(i, "age"),
                Text::new(
                    format!("cần tuổi chính xác vào ngày {date} (có thể {lo} hoặc {hi}; ngưỡng {min} tuổi)"),
                    format!("the exact age on {date} is needed (may be {lo} or {hi}; the threshold is {min})"),
                ),
            )
        }
    }

    fn age_below(&mut self, i: usize, limit: u16) -> Tri {
        match self.age_at_least(i, limit) {
            Tri::Yes => Tri::No,
            Tri::No => Tri::Yes,
            Tri::Unknown => Tri::Unknown,
        }
    }

    fn born_in_or_after(&mut self, i: usize, year: u16) -> Tri {
        let (lo, hi) = self.ages[i].born;
        if lo >= year {
            Tri::Yes
        } else if hi < year {
            Tri::No
        } else {
            self.need(
                member_path(i, "birth_year"),
                Text::new(
                    format!("cần năm sinh (có thể {lo} hoặc {hi}; mốc năm {year})"),
                    format!("the birth year is needed (may be {lo} or {hi}; the cut is {year})"),
                ),
            )
        }
    }
}

fn member_path(i: usize, field: &str) -> String {
    pointer(["facts", "members", &i.to_string(), field])
}

fn facts_path(field: &str) -> String {
    pointer(["facts", field])
}

/// Checks members' ages against the date and works out each member's possible ages.
fn member_ages(facts: &Facts, date: Date) -> Result<Vec<Ages>, Errors> {
    let mut c = Collector::default();
    let ages = facts.members.iter().enumerate().map(|(i, m)| member_age(i, m, date, &mut c)).collect();
    c.finish(ages)
}

/// One member's possible ages: each of age, birth year and birth date that is given narrows
/// them, and given ones that leave no age at all contradict each other.
fn member_age(i: usize, m: &Member, date: Date, c: &mut Collector) -> Ages {
    let year = date.year();
    let mut ages = Ages { age: (0, MAX_AGE), born: (year.saturating_sub(MAX_AGE), year) };
    let mut ok = true;
    let given = [
        m.age.map(|a| by_age(i, a, date)),
        m.birth_year.map(|b| by_birth_year(i, b, date)),
        m.birth_date.map(|bd| by_birth_date(i, bd, date)),
    ];
    let any = given.iter().any(Option::is_some);
    for narrowed in given.into_iter().flatten() {
        match narrowed {
            Ok(by) => ages = Ages { age: intersect(ages.age, by.age), born: intersect(ages.born, by.born) },
            Err(e) => {
                ok = false;
                c.push(e);
            }
        }
    }
    if !any {
        c.push(Error::new(
            ErrorCode::MemberAgeMissing,
            member_path(i, "age"),
            "Cần tuổi, năm sinh hoặc ngày sinh của thành viên.",
            "A member needs an age, a birth year or a birth date.",
        ));
    } else if ok && (ages.age.0 > ages.age.1 || ages.born.0 > ages.born.1) {
        c.push(Error::new(
            ErrorCode::MemberAgeInconsistent,
            pointer(["facts", "members", &i.to_string()]),
            format!("Tuổi, năm sinh và ngày sinh mâu thuẫn nhau vào ngày {date}."),
            format!("Age, birth year and birth date contradict each other on {date}."),
        ));
    }
    ages
}

fn age_out_of_range(i: usize, field: &str, vi: String, en: String) -> Error {
    Error::new(ErrorCode::MemberAgeOutOfRange, member_path(i, field), vi, en)
}

/// An age `a` on `date`: born in `year − a − 1` (birthday still to come) or `year − a`.
fn by_age(i: usize, a: u16, date: Date) -> Result<Ages, Error> {
    if a > MAX_AGE {
        return Err(age_out_of_range(
            i,
            "age",
            format!("Tuổi {a} nằm ngoài khoảng 0 đến {MAX_AGE}."),
            format!("Age {a} is outside 0 to {MAX_AGE}."),
        ));
    }
    let year = date.year();
    Ok(Ages { age: (a, a), born: (year.saturating_sub(a + 1), year - a.min(year)) })
}

/// A birth year `b`: the age on `date` is `year − b`, or one less before the birthday.
fn by_birth_year(i: usize, b: u16, date: Date) -> Result<Ages, Error> {
    let year = date.year();
    if b > year || year - b > MAX_AGE {
        return Err(age_out_of_range(
            i,
            "birth_year",
            format!("Năm sinh {b} không hợp lệ vào ngày {date}."),
            format!("Birth year {b} is impossible on {date}."),
        ));
    }
    let d = year - b;
    Ok(Ages { age: (d.saturating_sub(1), d), born: (b, b) })
}

/// A birth date: the exact age on `date`.
fn by_birth_date(i: usize, bd: Date, date: Date) -> Result<Ages, Error> {
    match date.age_of(bd) {
        Some(a) if a <= MAX_AGE => Ok(Ages { age: (a, a), born: (bd.year(), bd.year()) }),
        _ => Err(age_out_of_range(
            i,
            "birth_date",
            format!("Ngày sinh {bd} không hợp lệ vào ngày {date}."),
            format!("Birth date {bd} is impossible on {date}."),
        )),
    }
}

fn intersect(a: (u16, u16), b: (u16, u16)) -> (u16, u16) {
    (a.0.max(b.0), a.1.min(b.1))
}

/// A fact a rule needs and the indicators that need it: one error each, naming them all.
struct MissingFact<'s> {
    path: String,
    what: Text,
    names: Vec<&'s Text>,
}

/// Derives every indicator of `standard` from `facts`, ages taken on `date`.
pub fn derive(standard: &Standard, facts: &Facts, date: Date) -> Result<Derivation, Errors> {
    let mut c = Collector::default();
    check_household(facts, &mut c)?;
    let ages = c.take(member_ages(facts, date));
    // The rules run only on facts without errors (they read the ages and the floor area).
    let Some(ages) = ages.filter(|_| c.is_empty()) else {
        return c.finish(Derivation { deprived: IndicatorSet::EMPTY, findings: vec![] });
    };
    let mut ev = Eval { date, facts, ages, missing: Vec::new() };
    let mut deprived = IndicatorSet::EMPTY;
    let mut findings = Vec::with_capacity(standard.indicators.len());
    let mut missing: Vec<MissingFact<'_>> = Vec::new();
    for (index, indicator) in standard.indicators.iter().enumerate() {
        if indicator.rule == DerivationRule::ThresholdUnknown {
            c.push(rule_unknown(standard, &indicator.id, &indicator.name));
            continue;
        }
        let mark = ev.missing.len();
        let (tri, evidence) = evaluate(&mut ev, &indicator.rule);
        match tri {
            Tri::Yes => {
                deprived = deprived.with(index);
                findings.push(Finding { index, deprived: true, evidence });
            }
            Tri::No => {
                ev.missing.truncate(mark);
                findings.push(Finding { index, deprived: false, evidence });
            }
            Tri::Unknown => {
                for (path, what) in ev.missing.drain(mark..) {
                    match missing.iter_mut().find(|m| m.path == path) {
                        Some(m) => m.names.push(&indicator.name),
                        None => missing.push(MissingFact { path, what, names: vec![&indicator.name] }),
                    }
                }
            }
        }
    }
    missing.into_iter().for_each(|m| c.push(fact_missing(m)));
    c.finish(Derivation { deprived, findings })
}

/// The checks on the household as a whole. Too many members stops here, before any work per
/// member: the limit guards against oversized input.
fn check_household(facts: &Facts, c: &mut Collector) -> Result<(), Errors> {
    if facts.members.is_empty() {
        c.push(crate::income::size_zero("/facts/members"));
    }
    if facts.members.len() > crate::limits::MAX_MEMBERS {
        let (limit, got) = (crate::limits::MAX_MEMBERS, facts.members.len());
        return Err(crate::limits::exceeded(
            "/facts/members",
            "Số thành viên của hộ",
            "The number of members",
            limit,
            got,
        )
        .into());
    }
    if let Some(area) = facts.housing.floor_area_m2 {
        if area.is_sign_negative() && !area.is_zero() {
            c.push(Error::new(
                ErrorCode::FactInvalid,
                "/facts/housing/floor_area_m2",
                format!("Diện tích nhà ở không được âm (nhận được {area})."),
                format!("Floor area cannot be negative (got {area})."),
            ));
        }
    }
    Ok(())
}

/// The error for a missing fact, naming every indicator that needs it.
fn fact_missing(m: MissingFact<'_>) -> Error {
    let vi: Vec<_> = m.names.iter().map(|n| format!("'{}'", n.vi)).collect();
    let en: Vec<_> = m.names.iter().map(|n| format!("'{}'", n.en)).collect();
    Error::new(
        ErrorCode::FactMissing,
        m.path,
        format!("Chỉ số {} cần dữ kiện này: {}.", vi.join(", "), m.what.vi),
        format!("Indicator {} needs this fact: {}.", en.join(", "), m.what.en),
    )
}

/// The error for an indicator the library cannot derive: its threshold is not known.
fn rule_unknown(standard: &Standard, id: &str, name: &Text) -> Error {
    Error::new(
        ErrorCode::IndicatorRuleUnknown,
        pointer(["indicators", id]),
        format!(
            "Chưa biết ngưỡng thiếu hụt của chỉ số '{}' ({id}) theo {}, nên không suy ra được từ dữ kiện: hãy trả lời \
             trực tiếp chỉ số này trong indicators.",
            name.vi, standard.document
        ),
        format!(
            "The deprivation threshold of indicator '{}' ({id}) under {} is not known, so it cannot be derived from \
             facts: answer it directly under indicators.",
            name.en, standard.document
        ),
    )
}

fn list_members(hits: &[usize]) -> String {
    hits.iter().map(|i| format!("#{}", i + 1)).collect::<Vec<_>>().join(", ")
}

fn member_evidence(tri: Tri, hits: &[usize], yes: (&str, &str), no: (&str, &str)) -> Text {
    if tri == Tri::Yes {
        Text::new(
            format!("{}: thành viên {}", yes.0, list_members(hits)),
            format!("{}: member {}", yes.1, list_members(hits)),
        )
    } else {
        Text::new(no.0, no.1)
    }
}

/// Evaluates one indicator's rule: deprived, not deprived or unknown (the facts it needs are then
/// in `ev.missing`), with the evidence in words.
fn evaluate(ev: &mut Eval<'_>, rule: &DerivationRule) -> (Tri, Text) {
    use DerivationRule::*;
    match rule {
        UntreatedIllness => untreated_illness(ev),
        UninsuredMember { min_age } => uninsured_member(ev, *min_age),
        AdultEducation { bands, workplace_training_counts } => adult_education(ev, bands, *workplace_training_counts),
        ChildNotInSchool { min_age, under_age } => child_not_in_school(ev, *min_age, *under_age),
        NonDurableHousing { min_non_durable_parts } => non_durable_housing(ev, *min_non_durable_parts),
        FloorAreaPerPersonBelow { square_metres } => floor_area_per_person_below(ev, square_metres),
        WaterSourceNotAccepted { accepted } => water_source_not_accepted(ev, accepted),
        ToiletNotAccepted { accepted } => toilet_not_accepted(ev, accepted),
        NoTelecomUse { services } => no_telecom_use(ev, services),
        NoInformationMeans { assets, loudspeaker_counts } => no_information_means(ev, assets, *loudspeaker_counts),
        EmploymentDeprived { min_age, statuses } => employment_deprived(ev, *min_age, statuses),
        DependantsOverShare { child_under_age, allowance_recipients, share } => {
            dependants_over_share(ev, *child_under_age, *allowance_recipients, share)
        }
        MalnourishedChild { under_age } => malnourished_child(ev, *under_age),
        // `derive` reports these before evaluating; no fact can decide them.
        ThresholdUnknown => {
            (Tri::Unknown, Text::new("Chưa biết ngưỡng thiếu hụt của chỉ số", "The indicator's threshold is not known"))
        }
    }
}

fn untreated_illness(ev: &mut Eval<'_>) -> (Tri, Text) {
    let facts = ev.facts;
    let t = ev.flag(
        facts.ill_member_untreated,
        || facts_path("ill_member_untreated"),
        ("có thành viên ốm đau không đi khám chữa bệnh hay không", "whether a member was ill and not treated"),
    );
    let text = if t == Tri::Yes {
        Text::new("Có thành viên ốm đau nhưng không đi khám chữa bệnh", "A member was ill and not treated")
    } else {
        Text::new("Không có thành viên ốm đau mà không được khám chữa bệnh", "No member was ill without treatment")
    };
    (t, text)
}

fn uninsured_member(ev: &mut Eval<'_>, min_age: u16) -> (Tri, Text) {
    let (t, hits) = ev.members_where(|ev, i, m| {
        let mark = ev.missing.len();
        let old = ev.age_at_least(i, min_age);
        let uninsured = ev.flag(
            m.health_insurance.map(|b| !b),
            || member_path(i, "health_insurance"),
            ("thành viên có bảo hiểm y tế hay không", "whether the member has health insurance"),
        );
        ev.and(mark, &[old, uninsured])
    });
    let yes = (format!("Không có bảo hiểm y tế, từ {min_age} tuổi"), format!("No health insurance, aged {min_age}+"));
    let no = (
        format!("Mọi thành viên từ {min_age} tuổi trở lên đều có bảo hiểm y tế"),
        format!("Every member aged {min_age} or over is insured"),
    );
    (t, member_evidence(t, &hits, (&yes.0, &yes.1), (&no.0, &no.1)))
}

fn adult_education(ev: &mut Eval<'_>, bands: &[EducationBand], workplace_training_counts: bool) -> (Tri, Text) {
    let (t, hits) = ev.members_where(|ev, i, m| {
        let mark = ev.missing.len();
        let mut parts = Vec::with_capacity(bands.len());
        for band in bands {
            parts.push(in_band_without_level(ev, i, m, band, workplace_training_counts));
        }
        // Deprived when deprived in some band: Kleene disjunction over the bands.
        if parts.contains(&Tri::Yes) {
            ev.missing.truncate(mark);
            Tri::Yes
        } else if parts.contains(&Tri::Unknown) {
            Tri::Unknown
        } else {
            Tri::No
        }
    });
    let text = member_evidence(
        t,
        &hits,
        (
            "Chưa đạt trình độ yêu cầu theo độ tuổi và không đi học",
            "Below the education required for the age and not in school",
        ),
        ("Không thành viên nào thiếu hụt về trình độ giáo dục", "No member is deprived in education"),
    );
    (t, text)
}

fn child_not_in_school(ev: &mut Eval<'_>, min_age: u16, under_age: u16) -> (Tri, Text) {
    let (t, hits) = ev.members_where(|ev, i, m| {
        let mark = ev.missing.len();
        let old = ev.age_at_least(i, min_age);
        let young = ev.age_below(i, under_age);
        let out = ev.flag(
            m.in_school.map(|b| !b),
            || member_path(i, "in_school"),
            ("trẻ có đang đi học hay không", "whether the child is in school"),
        );
        ev.and(mark, &[old, young, out])
    });
    let yes = (
        format!("Trẻ từ {min_age} đến dưới {under_age} tuổi không đi học"),
        format!("Child aged {min_age} to under {under_age} not in school"),
    );
    let no = (
        format!("Mọi trẻ từ {min_age} đến dưới {under_age} tuổi đều đi học"),
        format!("Every child aged {min_age} to under {under_age} is in school"),
    );
    (t, member_evidence(t, &hits, (&yes.0, &yes.1), (&no.0, &no.1)))
}

fn non_durable_housing(ev: &mut Eval<'_>, min_non_durable_parts: u8) -> (Tri, Text) {
    let h = &ev.facts.housing;
    let parts = [
        (h.wall_durable, "wall_durable", "tường", "wall"),
        (h.column_durable, "column_durable", "cột", "column"),
        (h.roof_durable, "roof_durable", "mái", "roof"),
    ];
    let weak: Vec<_> = parts.iter().filter(|p| p.0 == Some(false)).collect();
    let strong = parts.iter().filter(|p| p.0 == Some(true)).count();
    let need = usize::from(min_non_durable_parts);
    // Unknown parts could go either way: deprived for sure only with enough known weak parts,
    // not deprived for sure only when even every unknown part being weak is not enough.
    let t = if weak.len() >= need {
        Tri::Yes
    } else if weak.len() + (3 - strong - weak.len()) < need {
        Tri::No
    } else {
        for p in parts.iter().filter(|p| p.0.is_none()) {
            ev.need(
                pointer(["facts", "housing", p.1]),
                Text::new(format!("{} có bền chắc không", p.2), format!("whether the {} is durable", p.3)),
            );
        }
        Tri::Unknown
    };
    let names_vi: Vec<_> = weak.iter().map(|p| p.2).collect();
    let names_en: Vec<_> = weak.iter().map(|p| p.3).collect();
    let text = Text::new(
        format!("{} trên 3 kết cấu chính không bền chắc ({}); ngưỡng {need}", weak.len(), names_vi.join(", ")),
        format!("{} of 3 main structural parts non-durable ({}); threshold {need}", weak.len(), names_en.join(", ")),
    );
    (t, text)
}

fn floor_area_per_person_below(ev: &mut Eval<'_>, square_metres: &Decimal) -> (Tri, Text) {
    let facts = ev.facts;
    let Some(area) = facts.housing.floor_area_m2 else {
        let t = ev.need(facts_path("housing") + "/floor_area_m2", Text::new("diện tích nhà ở", "the floor area"));
        return (t, Text::new("", ""));
    };
    let persons = Decimal::from(facts.members.len());
    // area / persons < m  ⇔  area < m × persons: exact, no division.
    let below =
        crate::exact::cmp_multiple(*area, *square_metres, count_u32(facts.members.len())) == std::cmp::Ordering::Less;
    let per = area.checked_div(persons).unwrap_or_default().round_dp(2).normalize();
    let op = if below { "<" } else { "≥" };
    let text = Text::new(
        format!(
            "{} m² cho {persons} người: {} m²/người {op} {} m²",
            vi_number(&area),
            vi_number(&per),
            vi_number(square_metres)
        ),
        format!(
            "{} m² for {persons} persons: {} m² per person {op} {} m²",
            en_number(&area),
            en_number(&per),
            en_number(square_metres)
        ),
    );
    (below.into(), text)
}

fn water_source_not_accepted(ev: &mut Eval<'_>, accepted: &[WaterSource]) -> (Tri, Text) {
    let Some(w) = ev.facts.water_source else {
        let t = ev.need(facts_path("water_source"), Text::new("nguồn nước sinh hoạt", "the water source"));
        return (t, Text::new("", ""));
    };
    let ok = accepted.contains(&w);
    let text = Text::new(
        format!("Nguồn nước: {} ({})", w.name_vi(), if ok { "đạt" } else { "không đạt" }),
        format!("Water source: {} ({})", w.as_str(), if ok { "accepted" } else { "not accepted" }),
    );
    (Tri::from(!ok), text)
}

fn toilet_not_accepted(ev: &mut Eval<'_>, accepted: &[ToiletType]) -> (Tri, Text) {
    let Some(w) = ev.facts.toilet else {
        return (ev.need(facts_path("toilet"), Text::new("loại nhà tiêu", "the toilet type")), Text::new("", ""));
    };
    let ok = accepted.contains(&w);
    let text = Text::new(
        format!("Nhà tiêu: {} ({})", w.name_vi(), if ok { "hợp vệ sinh" } else { "không hợp vệ sinh" }),
        format!("Toilet: {} ({})", w.as_str(), if ok { "hygienic" } else { "not hygienic" }),
    );
    (Tri::from(!ok), text)
}

fn no_telecom_use(ev: &mut Eval<'_>, services: &[TelecomService]) -> (Tri, Text) {
    let facts = ev.facts;
    let uses = |s: &TelecomService| match s {
        TelecomService::Telephone => (facts.uses_telephone, "uses_telephone"),
        TelecomService::Internet => (facts.uses_internet, "uses_internet"),
    };
    let mark = ev.missing.len();
    let mut parts = Vec::new();
    for s in services {
        let (v, field) = uses(s);
        parts.push(ev.flag(
            v.map(|b| !b),
            || facts_path(field),
            ("có thành viên sử dụng dịch vụ này không", "whether a member uses this service"),
        ));
    }
    let t = ev.and(mark, &parts);
    let text = if t == Tri::Yes {
        let vi: Vec<_> = services.iter().map(|s| s.name_vi()).collect();
        let en: Vec<_> = services.iter().map(|s| s.as_str()).collect();
        Text::new(
            format!("Không thành viên nào sử dụng: {}", vi.join(", ")),
            format!("No member uses: {}", en.join(", ")),
        )
    } else {
        let used = |s: &&TelecomService| uses(s).0 == Some(true);
        let vi: Vec<_> = services.iter().filter(used).map(|s| s.name_vi()).collect();
        let en: Vec<_> = services.iter().filter(used).map(|s| s.as_str()).collect();
        Text::new(format!("Có thành viên sử dụng: {}", vi.join(", ")), format!("Some member uses: {}", en.join(", ")))
    };
    (t, text)
}

fn no_information_means(ev: &mut Eval<'_>, assets: &[InformationAsset], loudspeaker_counts: bool) -> (Tri, Text) {
    let facts = ev.facts;
    let mark = ev.missing.len();
    let mut parts = Vec::new();
    for a in assets {
        let field = a.as_str();
        parts.push(ev.flag(
            facts.owns.get(*a).map(|b| !b),
            || pointer(["facts", "owns", field]),
            ("hộ có tài sản này không", "whether the household owns this asset"),
        ));
    }
    if loudspeaker_counts {
        parts.push(ev.flag(
            facts.hears_loudspeaker.map(|b| !b),
            || facts_path("hears_loudspeaker"),
            (
                "hộ có nghe được loa truyền thanh xã/thôn không",
                "whether the household hears the commune/village loudspeaker",
            ),
        ));
    }
    let t = ev.and(mark, &parts);
    let owned: Vec<_> = assets.iter().filter(|a| facts.owns.get(**a) == Some(true)).collect();
    let text = if t == Tri::Yes {
        Text::new(
            "Không có tài sản tiếp cận thông tin nào và không nghe được loa truyền thanh",
            "Owns no information asset and cannot hear the loudspeaker",
        )
    } else if owned.is_empty() {
        Text::new("Nghe được loa truyền thanh xã/thôn", "Hears the commune/village loudspeaker")
    } else {
        let owned_vi: Vec<_> = owned.iter().map(|a| a.name_vi()).collect();
        let owned_en: Vec<_> = owned.iter().map(|a| a.as_str()).collect();
        Text::new(format!("Có: {}", owned_vi.join(", ")), format!("Owns: {}", owned_en.join(", ")))
    };
    (t, text)
}

fn employment_deprived(ev: &mut Eval<'_>, min_age: u16, statuses: &[EmploymentStatus]) -> (Tri, Text) {
    let (t, hits) = ev.members_where(|ev, i, m| {
        let mark = ev.missing.len();
        let adult = ev.age_at_least(i, min_age);
        let status = match m.employment {
            Some(s) => statuses.contains(&s).into(),
            None => ev.need(member_path(i, "employment"), Text::new("tình trạng việc làm", "the employment status")),
        };
        ev.and(mark, &[adult, status])
    });
    let text = member_evidence(
        t,
        &hits,
        (
            "Thất nghiệp hoặc làm công không có hợp đồng lao động",
            "Unemployed, or a wage worker without a labour contract",
        ),
        ("Không thành viên nào thiếu hụt về việc làm", "No member is deprived in employment"),
    );
    (t, text)
}

fn dependants_over_share(ev: &mut Eval<'_>, child_under_age: u16, allowance: bool, share: &Decimal) -> (Tri, Text) {
    let mark = ev.missing.len();
    let (dependants, maybe) = count_dependants(ev, child_under_age, allowance);
    // d / members > share  ⇔  d > share × members: exact, no division.
    let members = count_u32(ev.facts.members.len());
    let over = |d: usize| crate::exact::cmp_multiple(Decimal::from(d), *share, members) == std::cmp::Ordering::Greater;
    // The members who may be dependants decide only when counting them all crosses the share.
    let t = if over(dependants) {
        Tri::Yes
    } else if !over(dependants + maybe) {
        Tri::No
    } else {
        Tri::Unknown
    };
    if t != Tri::Unknown {
        ev.missing.truncate(mark);
    }
    let pct = share.checked_mul(Decimal::from(100)).unwrap_or(*share).normalize();
    let text = Text::new(
        format!("{dependants} người phụ thuộc trên {members} thành viên (ngưỡng: hơn {}%)", vi_number(&pct)),
        format!("{dependants} dependants of {members} members (threshold: more than {}%)", en_number(&pct)),
    );
    (t, text)
}

/// The members who surely are dependants (a child under `child_under_age`, or on a monthly
/// social allowance when that counts), and those who may be.
fn count_dependants(ev: &mut Eval<'_>, child_under_age: u16, allowance: bool) -> (usize, usize) {
    let facts = ev.facts;
    let (mut dependants, mut maybe) = (0usize, 0usize);
    for (i, m) in facts.members.iter().enumerate() {
        let child = ev.age_below(i, child_under_age);
        let on_allowance = if allowance && child != Tri::Yes {
            ev.flag(
                m.monthly_social_allowance,
                || member_path(i, "monthly_social_allowance"),
                ("có hưởng trợ cấp xã hội hằng tháng không", "whether the member receives a monthly social allowance"),
            )
        } else {
            Tri::No
        };
        match (child, on_allowance) {
            (Tri::Yes, _) | (_, Tri::Yes) => dependants += 1,
            (Tri::No, Tri::No) => {}
            _ => maybe += 1,
        }
    }
    (dependants, maybe)
}

fn malnourished_child(ev: &mut Eval<'_>, under: u16) -> (Tri, Text) {
    let (t, hits) = ev.members_where(|ev, i, m| {
        let mark = ev.missing.len();
        let child = ev.age_below(i, under);
        let mal = ev.flag(
            m.malnourished,
            || member_path(i, "malnourished"),
            ("trẻ có suy dinh dưỡng không", "whether the child is malnourished"),
        );
        ev.and(mark, &[child, mal])
    });
    let yes = (format!("Trẻ dưới {under} tuổi suy dinh dưỡng"), format!("Child under {under} malnourished"));
    let no =
        (format!("Không trẻ dưới {under} tuổi nào suy dinh dưỡng"), format!("No child under {under} is malnourished"));
    (t, member_evidence(t, &hits, (&yes.0, &yes.1), (&no.0, &no.1)))
}

/// Deprived in one adult-education band: in the band, not in school, and no accepted level.
fn in_band_without_level(ev: &mut Eval<'_>, i: usize, m: &Member, band: &EducationBand, workplace: bool) -> Tri {
    let mark = ev.missing.len();
    let mut parts = vec![ev.age_at_least(i, band.min_age)];
    if let Some(max) = band.max_age {
        parts.push(ev.age_below(i, max.saturating_add(1)));
    }
    if let Some(year) = band.born_in_or_after {
        parts.push(ev.born_in_or_after(i, year));
    }
    parts.push(ev.flag(
        m.in_school.map(|b| !b),
        || member_path(i, "in_school"),
        ("thành viên có đang đi học không", "whether the member is in school"),
    ));
    parts.push(match m.education {
        Some(level) => (!band.accepted_levels.contains(&level)).into(),
        None => {
            ev.need(member_path(i, "education"), Text::new("trình độ học vấn cao nhất", "the highest level completed"))
        }
    });
    if workplace {
        parts.push(ev.flag(
            m.certified_workplace_training.map(|b| !b),
            || member_path(i, "certified_workplace_training"),
            ("có chứng nhận đào tạo tại nơi làm việc không", "whether the member has certified on-the-job training"),
        ));
    }
    ev.and(mark, &parts)
}

/// A count of members as `u32` (at most [`crate::limits::MAX_MEMBERS`] once checked).
fn count_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
