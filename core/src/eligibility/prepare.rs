//! The catalogs made ready once: every condition's fact pointer resolved and its requirement
//! written in words, so that a decision only reads values and compares.

use super::catalog::{Catalog, Condition, Entry, Test, Tier};
use super::catalogs::catalogs;
use super::report::show;
use crate::error::Errors;
use crate::text::{Text, vi_number};
use std::sync::OnceLock;

/// A catalog test prepared once: where its fact lives in the request, and its texts.
#[derive(Debug)]
pub struct PreparedTest {
    pub test: &'static Test,
    /// JSON pointer of the fact in the request (`/household/class`).
    pub pointer: String,
    /// The same, as object keys to walk.
    pub path: Vec<String>,
    pub label: Text,
    /// The requirement in words (for `within_years`, completed with the decision date).
    pub requirement: Text,
    pub source: &'static str,
}

/// A condition tree with its tests prepared.
#[derive(Debug)]
pub enum Node {
    All(Vec<Node>),
    Any(Vec<Node>),
    Not(Box<Node>),
    Test(PreparedTest),
}

impl PartialEq for PreparedTest {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// One catalog with every condition prepared: fact pointers resolved, texts written once.
pub struct Prepared {
    pub catalog: &'static Catalog,
    pub entries: Vec<PreparedEntry>,
}

/// One entry with its conditions prepared.
pub struct PreparedEntry {
    pub entry: &'static Entry,
    pub condition: Option<Node>,
    pub tiers: Vec<(&'static Tier, Option<Node>)>,
    pub priority: Vec<Option<Node>>,
}

/// Every embedded catalog, prepared, in the order of [`catalogs`].
pub fn prepared() -> Result<&'static [Prepared], Errors> {
    static DATA: OnceLock<Result<Vec<Prepared>, Errors>> = OnceLock::new();
    DATA.get_or_init(|| Ok(catalogs()?.iter().map(prepare_catalog).collect()))
        .as_ref()
        .map(Vec::as_slice)
        .map_err(Clone::clone)
}

fn prepare_catalog(catalog: &'static Catalog) -> Prepared {
    let entries = catalog
        .entries
        .iter()
        .map(|e| {
            let basis = e.legal_basis.first().map_or("", String::as_str);
            PreparedEntry {
                entry: e,
                condition: e.condition.as_ref().map(|c| prepare(catalog, c, basis)),
                tiers: e
                    .tiers
                    .iter()
                    .map(|t| (t, t.condition.as_ref().map(|c| prepare(catalog, c, &t.source))))
                    .collect(),
                priority: e
                    .priority
                    .iter()
                    .flat_map(|p| p.order.iter().map(|l| l.condition.as_ref().map(|c| prepare(catalog, c, &p.source))))
                    .collect(),
            }
        })
        .collect();
    Prepared { catalog, entries }
}

fn prepare(catalog: &'static Catalog, c: &'static Condition, source: &'static str) -> Node {
    match c {
        Condition::All { all } => Node::All(all.iter().map(|c| prepare(catalog, c, source)).collect()),
        Condition::Any { any } => Node::Any(any.iter().map(|c| prepare(catalog, c, source)).collect()),
        Condition::Not { not } => Node::Not(Box::new(prepare(catalog, not, source))),
        Condition::Test(t) => {
            let label =
                catalog.facts.get(&t.fact).map_or_else(|| Text::new("Ngày xét", "Decision date"), |i| i.label.clone());
            PreparedTest {
                test: t,
                pointer: format!("/{}", t.fact.replace('.', "/")),
                path: t.fact.split('.').map(String::from).collect(),
                label,
                requirement: requirement(t),
                source: t.source.as_deref().unwrap_or(source),
            }
            .into()
        }
    }
}

impl From<PreparedTest> for Node {
    fn from(t: PreparedTest) -> Node {
        Node::Test(t)
    }
}

fn requirement(t: &Test) -> Text {
    if let Some(want) = t.is {
        return if want { Text::new("có", "yes") } else { Text::new("không", "no") };
    }
    if let Some(set) = &t.one_of {
        let shown: Vec<(String, String)> = set.iter().map(|v| show(&t.fact, v)).collect();
        return Text::new(
            format!("một trong {}", shown.iter().map(|s| s.0.as_str()).collect::<Vec<_>>().join(", ")),
            format!("one of {}", shown.iter().map(|s| s.1.as_str()).collect::<Vec<_>>().join(", ")),
        );
    }
    if let Some(n) = t.at_least {
        return Text::new(format!("≥ {}", vi_number(&n)), format!("≥ {n}"));
    }
    if let Some(n) = t.below {
        return Text::new(format!("< {}", vi_number(&n)), format!("< {n}"));
    }
    if let Some(years) = t.within_years {
        return Text::new(format!("trong vòng {years} năm đến ngày"), format!("within {years} years up to"));
    }
    if let Some(d) = t.on_or_before {
        return Text::new(format!("trước hoặc đúng ngày {d}"), format!("on or before {d}"));
    }
    if let Some(d) = t.on_or_after {
        return Text::new(format!("từ ngày {d}"), format!("on or after {d}"));
    }
    Text::new("—", "—")
}
