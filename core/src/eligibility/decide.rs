//! Decisions: each catalog entry's conditions evaluated over the beneficiary's facts in
//! three-valued logic (pass, fail, unknown), with the entitlements and the priority.

use super::catalog::{Choose, Entry, Support, Test, Tier};
use super::facts::Facts;
use super::prepare::{Node, PreparedEntry, PreparedTest};
use crate::date::Date;
use crate::source::Confidence;
use crate::text::Text;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Eligible, not eligible, or cannot decide (some needed fact is missing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Eligible,
    /// Eligible, but a fact is missing to tell which level of support applies: the
    /// entitlements given are those of the tiers that hold; `missing` names what could raise or
    /// add to them.
    EligibleLevelUndecided,
    NotEligible,
    CannotDecide,
}

impl Outcome {
    /// Eligible for some support, whether or not its level is decided.
    pub fn is_eligible(self) -> bool {
        matches!(self, Outcome::Eligible | Outcome::EligibleLevelUndecided)
    }
}

/// How one test came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CheckOutcome {
    Pass,
    Fail,
    Unknown,
}

/// Where a check was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Validity,
    Condition,
    Tier(&'static str),
    Priority,
}

impl Scope {
    pub fn name(self) -> String {
        match self {
            Scope::Validity => "validity".into(),
            Scope::Condition => "condition".into(),
            Scope::Tier(id) => format!("tier:{id}"),
            Scope::Priority => "priority".into(),
        }
    }
}

/// One condition checked, with the value it read. The message is written when the decision is
/// shown (serialised, or [`Check::message`]), so that evaluating stays cheap.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub scope: Scope,
    /// The test made; `None` for the entry's validity window.
    pub test: Option<&'static PreparedTest>,
    pub outcome: CheckOutcome,
    /// The value read; `None` when the fact was not given (and for the validity check, whose
    /// value is the date).
    pub value: Option<FactValue>,
    pub date: Date,
    pub source: &'static str,
    pub period: (Date, Option<Date>),
}

/// A value read for a check. A text value the catalog names (`"poor"` in a test of
/// `household.class`) is borrowed from the catalog, so that evaluating does not copy it.
#[derive(Debug, Clone, PartialEq)]
pub enum FactValue {
    Named(&'static Value),
    Other(Value),
}

impl FactValue {
    pub fn value(&self) -> &Value {
        match self {
            FactValue::Named(v) => v,
            FactValue::Other(v) => v,
        }
    }
}

/// Support the beneficiary is entitled to.
#[derive(Debug, Clone, PartialEq)]
pub struct Entitlement {
    pub tier: &'static Tier,
    pub support: &'static Support,
    /// The tier's `known_until`, when the date asked is after it: the support is the last one
    /// known, not confirmed for that date.
    pub unverified_after: Option<Date>,
}

/// Where the beneficiary stands in the entry's order of priority: 1 is served first; `None`
/// when a fact needed to tell is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PriorityPlace {
    pub rank: Option<usize>,
}

/// Where the beneficiary stands in the law's order of priority, as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PriorityRank {
    /// 1 is served first; absent when a fact needed to tell is missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<usize>,
    pub of: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
    pub tie_breaks: Vec<Text>,
    pub source: String,
}

/// The decision on one catalog entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub entry: &'static Entry,
    pub outcome: Outcome,
    pub checks: Vec<Check>,
    /// JSON pointers of the facts the decision needs and did not get.
    pub missing: Vec<&'static str>,
    pub entitlements: Vec<Entitlement>,
    /// Present when the entry has an order of priority and the beneficiary is eligible.
    pub priority: Option<PriorityPlace>,
    pub confidence: Confidence,
}

impl Decision {
    /// The priority with the order's labels and source.
    pub fn priority_rank(&self) -> Option<PriorityRank> {
        let (place, order) = (self.priority?, self.entry.priority.as_ref()?);
        Some(PriorityRank {
            rank: place.rank,
            of: order.order.len(),
            label: place.rank.and_then(|r| order.order.get(r - 1)).map(|l| l.label.clone()),
            tie_breaks: order.tie_breaks.clone(),
            source: order.source.clone(),
        })
    }
}

/// Whether `value` meets test `t` on `date` (`None`: the fact is not given).
fn meets(t: &Test, value: Option<&Value>, date: Date) -> CheckOutcome {
    let Some(v) = value else { return CheckOutcome::Unknown };
    let number = || -> Option<Decimal> {
        match v {
            Value::Number(n) => n.to_string().parse().ok(),
            Value::String(s) => s.parse().ok(),
            _ => None,
        }
    };
    let as_date = || v.as_str().and_then(|s| s.parse::<Date>().ok());
    let ok = if let Some(want) = t.is {
        matches!(v, Value::Bool(b) if *b == want)
    } else if let Some(set) = &t.one_of {
        set.contains(v)
    } else if let Some(n) = t.at_least {
        number().is_some_and(|x| x >= *n)
    } else if let Some(n) = t.below {
        number().is_some_and(|x| x < *n)
    } else if let Some(years) = t.within_years {
        // "tối đa 3 năm": not after the date, and the date at most `years` years later.
        as_date().is_some_and(|left| left <= date && left.add_years(years).is_some_and(|end| date <= end))
    } else if let Some(limit) = t.on_or_before {
        as_date().is_some_and(|x| x <= limit)
    } else if let Some(limit) = t.on_or_after {
        as_date().is_some_and(|x| x >= limit)
    } else {
        return CheckOutcome::Unknown;
    };
    if ok { CheckOutcome::Pass } else { CheckOutcome::Fail }
}

struct Ctx<'f> {
    facts: &'f Facts,
    date: Date,
    checks: Vec<Check>,
    /// Facts read by tests that came out unknown, kept only while their subtree is unknown.
    missing: Vec<&'static str>,
    period: (Date, Option<Date>),
}

impl Ctx<'_> {
    fn test(&mut self, t: &'static PreparedTest, scope: Scope) -> CheckOutcome {
        let value = if t.test.fact == "date" {
            Some(&self.facts.date)
        } else {
            t.path.iter().try_fold(&self.facts.root, |v, key| v.get(key))
        };
        let outcome = meets(t.test, value, self.date);
        if outcome == CheckOutcome::Unknown {
            self.missing.push(t.pointer.as_str());
        }
        let named = |v: &Value| t.test.one_of.as_ref().and_then(|set| set.iter().find(|x| *x == v));
        let value = value.map(|v| named(v).map_or_else(|| FactValue::Other(v.clone()), FactValue::Named));
        self.checks.push(Check {
            scope,
            test: Some(t),
            outcome,
            value,
            date: self.date,
            source: t.source,
            period: self.period,
        });
        outcome
    }

    /// Evaluates `n`; a subtree that comes out pass or fail forgets the facts it lacked, since
    /// they could not have changed its answer.
    fn condition(&mut self, n: &'static Node, scope: Scope) -> CheckOutcome {
        let mark = self.missing.len();
        let r = match n {
            Node::Test(t) => self.test(t, scope),
            Node::All(all) => {
                let mut r = CheckOutcome::Pass;
                for c in all {
                    match self.condition(c, scope) {
                        CheckOutcome::Fail => r = CheckOutcome::Fail,
                        CheckOutcome::Unknown if r == CheckOutcome::Pass => r = CheckOutcome::Unknown,
                        _ => {}
                    }
                }
                r
            }
            Node::Any(any) => {
                let mut r = CheckOutcome::Fail;
                for c in any {
                    match self.condition(c, scope) {
                        CheckOutcome::Pass => r = CheckOutcome::Pass,
                        CheckOutcome::Unknown if r == CheckOutcome::Fail => r = CheckOutcome::Unknown,
                        _ => {}
                    }
                }
                r
            }
            Node::Not(not) => match self.condition(not, scope) {
                CheckOutcome::Pass => CheckOutcome::Fail,
                CheckOutcome::Fail => CheckOutcome::Pass,
                CheckOutcome::Unknown => CheckOutcome::Unknown,
            },
        };
        if r != CheckOutcome::Unknown {
            self.missing.truncate(mark);
        }
        r
    }
}

fn within(date: Date, from: Option<Date>, to: Option<Date>) -> bool {
    from.is_none_or(|f| f <= date) && to.is_none_or(|t| date <= t)
}

/// The decision on one prepared entry for the facts, on the date.
pub fn decide(facts: &Facts, date: Date, p: &'static PreparedEntry) -> Decision {
    let e = p.entry;
    let basis = e.legal_basis.first().map_or("", String::as_str);
    let period = (e.valid_from, e.valid_to);
    let mut ctx = Ctx { facts, date, checks: Vec::with_capacity(16), missing: Vec::new(), period };
    let valid = within(date, Some(e.valid_from), e.valid_to);
    ctx.checks.push(Check {
        scope: Scope::Validity,
        test: None,
        outcome: if valid { CheckOutcome::Pass } else { CheckOutcome::Fail },
        value: None,
        date,
        source: basis,
        period,
    });
    let condition = match &p.condition {
        Some(c) => ctx.condition(c, Scope::Condition),
        None => CheckOutcome::Pass,
    };
    let condition_missing = ctx.missing.len();
    // Tiers: each within its own window; remember which facts each one lacked.
    let mut passing: Vec<&'static Tier> = Vec::new();
    let mut unknown: Vec<(u32, Vec<&'static str>)> = Vec::new();
    for (t, node) in &p.tiers {
        if !within(date, t.valid_from, t.valid_to) {
            continue;
        }
        let mark = ctx.missing.len();
        let r = match node {
            Some(c) => ctx.condition(c, Scope::Tier(t.id.as_str())),
            None => CheckOutcome::Pass,
        };
        match r {
            CheckOutcome::Pass => passing.push(t),
            CheckOutcome::Unknown => unknown.push((t.rank, ctx.missing.drain(mark..).collect())),
            CheckOutcome::Fail => {}
        }
    }
    let unknown_tier = !unknown.is_empty();
    // An unknown tier matters only if it could change what is given: with `highest`, only a
    // tier ranked above the best one that holds.
    let best = passing.iter().map(|t| t.rank).max();
    for (rank, facts) in unknown {
        if e.choose == Choose::All || best.is_none_or(|b| rank > b) {
            ctx.missing.extend(facts);
        }
    }
    let tiers = match e.choose {
        Choose::All => CheckOutcome::Pass,
        Choose::Highest if !passing.is_empty() => CheckOutcome::Pass,
        Choose::Highest if unknown_tier => CheckOutcome::Unknown,
        Choose::Highest => CheckOutcome::Fail,
    };
    let mut outcome = if !valid || condition == CheckOutcome::Fail || tiers == CheckOutcome::Fail {
        Outcome::NotEligible
    } else if condition == CheckOutcome::Unknown || tiers == CheckOutcome::Unknown {
        Outcome::CannotDecide
    } else {
        Outcome::Eligible
    };
    // A "no" needs nothing more; a "yes" lists only what its entitlements still depend on, and
    // is a "yes, level undecided" when that is anything.
    match outcome {
        Outcome::NotEligible => ctx.missing.clear(),
        Outcome::Eligible | Outcome::EligibleLevelUndecided => {
            ctx.missing.drain(..condition_missing.min(ctx.missing.len()));
            if !ctx.missing.is_empty() {
                outcome = Outcome::EligibleLevelUndecided;
            }
        }
        Outcome::CannotDecide => {}
    }
    ctx.missing.sort_unstable();
    ctx.missing.dedup();
    let chosen: Vec<&'static Tier> = match e.choose {
        Choose::All => passing,
        // The highest rank; between equal ranks, the first in the catalog.
        Choose::Highest => passing
            .iter()
            .fold(None::<&'static Tier>, |best, t| if best.is_none_or(|b| t.rank > b.rank) { Some(t) } else { best })
            .map(|t| vec![t])
            .unwrap_or_default(),
    };
    let entitlements = if outcome.is_eligible() {
        let after = |t: &Tier| t.known_until.filter(|known| date > *known);
        chosen
            .iter()
            .flat_map(|t| {
                t.support.iter().map(move |s| Entitlement { tier: t, support: s, unverified_after: after(t) })
            })
            .collect()
    } else {
        Vec::new()
    };
    let missing = std::mem::take(&mut ctx.missing);
    let priority = match (&e.priority, outcome) {
        (Some(_), o) if o.is_eligible() => {
            let mut rank = None;
            let mut blocked = false;
            for (i, node) in p.priority.iter().enumerate() {
                let r = match node {
                    Some(c) => ctx.condition(c, Scope::Priority),
                    None => CheckOutcome::Pass,
                };
                match r {
                    CheckOutcome::Pass if !blocked => {
                        rank = Some(i);
                        break;
                    }
                    CheckOutcome::Unknown => blocked = true,
                    _ => {}
                }
            }
            Some(PriorityPlace { rank: rank.map(|i| i + 1) })
        }
        _ => None,
    };
    let mut confidence =
        std::iter::once(e.confidence).chain(chosen.iter().map(|t| t.confidence)).max().unwrap_or(e.confidence);
    if entitlements.iter().any(|x: &Entitlement| x.unverified_after.is_some()) {
        confidence = Confidence::Unverified;
    }
    Decision { entry: e, outcome, checks: ctx.checks, missing, entitlements, priority, confidence }
}
