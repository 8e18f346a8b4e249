//! Why a score is what it is, in the words an executive asks it in: which status band it falls in
//! and where that band starts and ends; which children pull it down most (their share of the gap
//! from 100 %, with their own numbers down to the KPI behind them); what is not counted and why
//! (no data, not due, no target) with the share of the weight it leaves out; and the change since
//! the previous period. The trace (`super::trace`) says how the number was computed; this says
//! what it means.

use super::book::ScoreBook;
use super::method::Undefined;
use super::period::PeriodSpec;
use super::rollup::Treatment;
use super::status::{Status, StatusSource, status_label};
use super::trace::{self, TraceDetail, TraceSubject};
use crate::i18n::{Lang, T};
use crate::model::lint::format_number as n;
use crate::model::{Comparison, Frequency, Project, RollUp, StatusBasis, StatusRule};

/// The interval of scores (or values) that gets a status: "amber: 90 % ≤ score < 100 %".
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    /// The status key (`amber`, or a project's own name).
    pub status: String,
    pub basis: StatusBasis,
    /// The lower bound and whether it belongs to the band.
    pub lower: Option<(f64, bool)>,
    pub upper: Option<(f64, bool)>,
}

/// What a KPI's number is: its actual against its target, its score and status.
#[derive(Clone, Debug, PartialEq)]
pub struct KpiFacts {
    pub k: usize,
    pub label: String,
    pub unit: String,
    pub actual: Option<f64>,
    pub target: Option<f64>,
    pub score: Result<f64, Undefined>,
    pub status: Option<String>,
    pub reported: u32,
    pub expected: u32,
}

/// A child that pulls the score down.
#[derive(Clone, Debug, PartialEq)]
pub struct Driver {
    pub subject: TraceSubject,
    pub id: String,
    pub name: String,
    /// The score the roll-up used for it (its own, or carried forward, or 0).
    pub score: f64,
    pub status: Option<String>,
    /// Its share of the roll-up.
    pub share: f64,
    /// Points of the parent's gap from 100 % that come from it: share × (100 − score).
    pub gap: f64,
    /// For a KPI, its numbers; for an objective, perspective or unit, the KPI that drives it most.
    pub kpi: Option<KpiFacts>,
}

/// Why KPIs under the item are not counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GapReason {
    /// No actual for the period.
    NoData,
    /// No period of the KPI's frequency ends in the period viewed.
    NotDue,
    /// No target to score against.
    NoTarget,
    /// Any other reason the score is undefined (a zero target, no baseline …).
    Other,
}

/// The KPIs under the item left out of its score for one reason.
#[derive(Clone, Debug, PartialEq)]
pub struct Gap {
    pub reason: GapReason,
    /// Each KPI's label and frequency.
    pub kpis: Vec<(usize, String, Frequency)>,
    /// The share of the item's weight they would have carried (0–1).
    pub share: f64,
}

/// The score of the previous period, for the change.
#[derive(Clone, Debug, PartialEq)]
pub struct Previous {
    pub period: PeriodSpec,
    pub score: Result<f64, Undefined>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Why {
    pub subject: TraceSubject,
    pub name: String,
    pub period: PeriodSpec,
    pub score: Result<f64, Undefined>,
    pub status: Option<String>,
    pub band: Option<Band>,
    /// Largest contribution to the gap first; only children below 100 %.
    pub drivers: Vec<Driver>,
    /// Reasons in a fixed order (no data, not due, no target, other).
    pub gaps: Vec<Gap>,
    pub previous: Option<Previous>,
    /// For a KPI: its own numbers.
    pub kpi: Option<KpiFacts>,
}

/// The band of `rules` that a score (or value) `x` falls in: rule `index` matched, so `x` is
/// inside its own bound and outside every earlier rule's.
pub fn band_of(rules: &[StatusRule], index: usize) -> Option<Band> {
    let rule = rules.get(index)?;
    let mut lower: Option<(f64, bool)> = None;
    let mut upper: Option<(f64, bool)> = None;
    // Keeps the tighter bound; at equal values the exclusive one is tighter.
    let raise = |b: &mut Option<(f64, bool)>, v: f64, inclusive: bool| match b {
        Some((x, inc)) if *x > v || (*x == v && !*inc) => {}
        _ if v.is_finite() => *b = Some((v, inclusive)),
        _ => {}
    };
    let lower_to = |b: &mut Option<(f64, bool)>, v: f64, inclusive: bool| match b {
        Some((x, inc)) if *x < v || (*x == v && !*inc) => {}
        _ if v.is_finite() => *b = Some((v, inclusive)),
        _ => {}
    };
    match rule.when {
        Comparison::AtLeast => raise(&mut lower, rule.threshold, true),
        Comparison::Above => raise(&mut lower, rule.threshold, false),
        Comparison::AtMost => lower_to(&mut upper, rule.threshold, true),
        Comparison::Below => lower_to(&mut upper, rule.threshold, false),
        Comparison::Always => {}
    }
    // Not matched by any earlier rule on the same basis.
    for earlier in rules[..index].iter().filter(|r| r.basis == rule.basis) {
        match earlier.when {
            Comparison::AtLeast => lower_to(&mut upper, earlier.threshold, false),
            Comparison::Above => lower_to(&mut upper, earlier.threshold, true),
            Comparison::AtMost => raise(&mut lower, earlier.threshold, false),
            Comparison::Below => raise(&mut lower, earlier.threshold, true),
            Comparison::Always => {}
        }
    }
    Some(Band { status: rule.status.clone(), basis: rule.basis, lower, upper })
}

/// The band a status came from, where it came from rules (a bands-method band has no bounds).
pub fn band_of_status(project: &Project, kpi: Option<&crate::model::Kpi>, status: Status) -> Option<Band> {
    match status.source {
        StatusSource::Project(i) => band_of(&project.scoring.status_rules, i),
        StatusSource::Kpi(i) => band_of(kpi?.status_rules.as_deref()?, i),
        StatusSource::Band(_) => None,
    }
}

fn facts(project: &Project, book: &ScoreBook, k: usize) -> KpiFacts {
    let kpi = &project.kpis[k];
    let s = &book.kpis[k];
    KpiFacts {
        k,
        label: kpi.label(),
        unit: kpi.unit.clone(),
        actual: s.aggregate.actual,
        target: s.aggregate.target,
        score: s.score,
        status: s.status.map(|st| st.key(project, Some(kpi)).to_owned()),
        reported: s.aggregate.reported,
        expected: s.aggregate.expected,
    }
}

/// Each child's share of the roll-up's weight had every child been counted.
fn planned_shares(rule: RollUp, weights: &[f64]) -> Vec<f64> {
    let total: f64 = weights.iter().map(|w| w.max(0.0)).sum();
    weights
        .iter()
        .map(|w| match rule {
            RollUp::WeightedAverage if total > 0.0 => w.max(0.0) / total,
            _ => 1.0 / weights.len().max(1) as f64,
        })
        .collect()
}

/// How deep the explanation follows children: a department tree deeper than this is damaged.
const MAX_DEPTH: usize = 32;

/// Adds the KPIs under `subject` that have no score to `gaps`, each with its share of the
/// top item (`factor` = the share of `subject` in it).
fn collect_gaps(
    project: &Project,
    book: &ScoreBook,
    subject: &TraceSubject,
    factor: f64,
    depth: usize,
    gaps: &mut Vec<Gap>,
) {
    if depth > MAX_DEPTH {
        return;
    }
    let t = trace::explain(project, book, subject);
    let TraceDetail::RollUp(r) = &t.detail else { return };
    let weights: Vec<f64> = r.children.iter().map(|c| c.weight).collect();
    for (c, share) in r.children.iter().zip(planned_shares(r.rule, &weights)) {
        match (&c.subject, c.score) {
            (TraceSubject::Kpi(k), Err(u)) => {
                let reason = match u {
                    Undefined::NoActual => GapReason::NoData,
                    Undefined::NotDue => GapReason::NotDue,
                    Undefined::NoTarget => GapReason::NoTarget,
                    Undefined::Excluded => continue,
                    _ => GapReason::Other,
                };
                let kpi = &project.kpis[*k];
                let entry = match gaps.iter_mut().position(|g| g.reason == reason) {
                    Some(i) => &mut gaps[i],
                    None => {
                        gaps.push(Gap { reason, kpis: Vec::new(), share: 0.0 });
                        gaps.last_mut().expect("pushed")
                    }
                };
                entry.kpis.push((*k, kpi.label(), project.frequency_of(kpi)));
                entry.share += factor * share;
            }
            (TraceSubject::Kpi(_), Ok(_)) => {}
            (child, _) => collect_gaps(project, book, child, factor * share, depth + 1, gaps),
        }
    }
}

/// The children of `subject` below 100 %, largest share of the gap first.
fn drivers_of(project: &Project, book: &ScoreBook, subject: &TraceSubject, depth: usize) -> Vec<Driver> {
    let t = trace::explain(project, book, subject);
    let TraceDetail::RollUp(r) = &t.detail else { return Vec::new() };
    let mut out: Vec<Driver> = r
        .children
        .iter()
        .filter(|c| c.contribution.share > 0.0 && !matches!(c.contribution.treatment, Treatment::NotDue))
        .filter_map(|c| {
            let used = c.contribution.used?;
            let gap = c.contribution.share * (100.0 - used);
            (gap > 1e-9).then(|| {
                let (status, kpi) = match c.subject {
                    TraceSubject::Kpi(k) => {
                        let f = facts(project, book, k);
                        (f.status.clone(), Some(f))
                    }
                    ref other => {
                        let status = trace::explain(project, book, other)
                            .status
                            .map(|s| s.key(project, None).to_owned());
                        let behind = if depth < MAX_DEPTH {
                            drivers_of(project, book, other, depth + 1).into_iter().next().and_then(|d| d.kpi)
                        } else {
                            None
                        };
                        (status, behind)
                    }
                };
                Driver {
                    subject: c.subject.clone(),
                    id: c.id.clone(),
                    name: c.name.clone(),
                    score: used,
                    status,
                    share: c.contribution.share,
                    gap,
                    kpi,
                }
            })
        })
        .collect();
    out.sort_by(|a, b| b.gap.total_cmp(&a.gap));
    out
}

/// Explains `subject` in `book`; `previous` is the book of the period before, for the change.
pub fn why(project: &Project, book: &ScoreBook, previous: Option<&ScoreBook>, subject: &TraceSubject) -> Why {
    let t = trace::explain(project, book, subject);
    let kpi = match subject {
        TraceSubject::Kpi(k) => project.kpis.get(*k),
        _ => None,
    };
    let band = t.status.and_then(|s| band_of_status(project, kpi, s));
    let mut gaps = Vec::new();
    let (drivers, facts) = match subject {
        TraceSubject::Kpi(k) => (Vec::new(), Some(facts(project, book, *k))),
        _ => {
            collect_gaps(project, book, subject, 1.0, 0, &mut gaps);
            (drivers_of(project, book, subject, 0), None)
        }
    };
    gaps.sort_by_key(|g| g.reason);
    let previous =
        previous.map(|b| Previous { period: b.period, score: trace::explain(project, b, subject).score });
    Why {
        subject: subject.clone(),
        name: t.name,
        period: book.period,
        score: t.score,
        status: t.status.map(|s| s.key(project, kpi).to_owned()),
        band,
        drivers,
        gaps,
        previous,
        kpi: facts,
    }
}

/// "90 %" for scores, "5 h" for values.
fn bound_text(v: f64, basis: StatusBasis, unit: &str) -> String {
    match basis {
        StatusBasis::Score => format!("{} %", n(v)),
        StatusBasis::Value if unit.is_empty() => n(v),
        StatusBasis::Value => format!("{} {unit}", n(v)),
    }
}

impl Band {
    /// "amber: 90 % ≤ score < 100 %".
    pub fn text(&self, unit: &str, lang: Lang) -> String {
        let what = match self.basis {
            StatusBasis::Score => T::WhyScore.get(lang),
            StatusBasis::Value => T::WhyValue.get(lang),
        };
        let lower = self
            .lower
            .map(|(v, inc)| format!("{} {} ", bound_text(v, self.basis, unit), if inc { "≤" } else { "<" }));
        let upper = self
            .upper
            .map(|(v, inc)| format!(" {} {}", if inc { "≤" } else { "<" }, bound_text(v, self.basis, unit)));
        let range = match (lower, upper) {
            (None, None) => T::WhyAnyScore.get(lang).to_owned(),
            (l, u) => format!("{}{what}{}", l.unwrap_or_default(), u.unwrap_or_default()),
        };
        crate::tr!(lang, WhyBand, status = status_label(&self.status, lang), range = range)
    }
}

fn value_text(v: Option<f64>, unit: &str) -> String {
    match v {
        Some(v) if unit.is_empty() => n(v),
        Some(v) => format!("{} {unit}", n(v)),
        None => "—".into(),
    }
}

fn score_words(score: Result<f64, Undefined>, lang: Lang) -> String {
    match score {
        Ok(s) => format!("{:.1} %", s),
        Err(u) => u.short(lang).to_owned(),
    }
}

impl KpiFacts {
    /// "CUS4 Mean time to resolve: 27 h against a target of 24 h, 81.0 %, red".
    pub fn text(&self, lang: Lang) -> String {
        let status = self
            .status
            .as_deref()
            .map(|s| crate::tr!(lang, WhyStatusAfter, status = status_label(s, lang)))
            .unwrap_or_default();
        crate::tr!(
            lang,
            WhyKpiFacts,
            kpi = self.label,
            actual = value_text(self.actual, &self.unit),
            target = value_text(self.target, &self.unit),
            score = score_words(self.score, lang),
            status = status
        )
    }
}

impl Why {
    /// The explanation as lines of plain text, for the inspector, the dashboard, `score --explain`
    /// and the review pack.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        let mut out = Vec::new();
        let unit = self.kpi.as_ref().map_or("", |k| k.unit.as_str());
        let status = self.status.as_deref().map(|s| status_label(s, lang));
        let headline = match (&self.score, status, &self.band) {
            (Ok(s), Some(st), Some(b)) => {
                crate::tr!(
                    lang,
                    WhyHeadlineBand,
                    name = self.name,
                    score = format!("{s:.1} %"),
                    status = st,
                    band = b.text(unit, lang)
                )
            }
            (Ok(s), Some(st), None) => {
                crate::tr!(lang, WhyHeadline, name = self.name, score = format!("{s:.1} %"), status = st)
            }
            (Ok(s), None, _) => {
                crate::tr!(lang, WhyHeadlineNoStatus, name = self.name, score = format!("{s:.1} %"))
            }
            (Err(u), _, _) => {
                crate::tr!(lang, WhyHeadlineUndefined, name = self.name, reason = u.describe(lang))
            }
        };
        out.push(headline);
        if let Some(k) = &self.kpi {
            out.push(format!("  {}", k.text(lang)));
            if k.reported > 0 && k.reported < k.expected {
                out.push(format!(
                    "  {}",
                    crate::tr!(lang, PeriodsOfReported, reported = k.reported, expected = k.expected)
                ));
            }
        }
        if !self.drivers.is_empty() {
            out.push(T::WhyPulledDown.get(lang).to_owned());
            for (i, d) in self.drivers.iter().take(5).enumerate() {
                let status = d
                    .status
                    .as_deref()
                    .map(|s| crate::tr!(lang, WhyStatusAfter, status = status_label(s, lang)))
                    .unwrap_or_default();
                out.push(format!(
                    "  {}. {}",
                    i + 1,
                    crate::tr!(
                        lang,
                        WhyDriver,
                        name = match d.subject {
                            TraceSubject::DepartmentOwn(_) =>
                                format!("{} · {}", d.name, T::OwnKpis.get(lang)),
                            _ => d.name.clone(),
                        },
                        score = format!("{:.1} %", d.score),
                        status = status,
                        share = n(d.share * 100.0),
                        gap = format!("{:.1}", d.gap)
                    )
                ));
                match (&d.subject, &d.kpi) {
                    (TraceSubject::Kpi(_), Some(k)) => out.push(format!(
                        "     {}",
                        crate::tr!(
                            lang,
                            WhyActualTarget,
                            actual = value_text(k.actual, &k.unit),
                            target = value_text(k.target, &k.unit)
                        )
                    )),
                    (_, Some(k)) => {
                        out.push(format!("     {}", crate::tr!(lang, WhyMainly, kpi = k.text(lang))))
                    }
                    _ => {}
                }
            }
        } else if self.kpi.is_none() && self.score.as_ref().is_ok_and(|s| *s >= 100.0) {
            out.push(T::WhyNothingBelow.get(lang).to_owned());
        }
        if !self.gaps.is_empty() {
            out.push(T::WhyNotCounted.get(lang).to_owned());
            for g in &self.gaps {
                let reason = match g.reason {
                    GapReason::NoData => crate::tr!(lang, WhyNoData, period = self.period),
                    GapReason::NotDue => crate::tr!(lang, WhyNotDue, period = self.period),
                    GapReason::NoTarget => T::WhyNoTarget.get(lang).to_owned(),
                    GapReason::Other => T::WhyOther.get(lang).to_owned(),
                };
                let shown: Vec<String> = g
                    .kpis
                    .iter()
                    .take(6)
                    .map(|(_, label, f)| match g.reason {
                        GapReason::NotDue => format!("{label} ({})", f.name(lang)),
                        _ => label.clone(),
                    })
                    .collect();
                let more = if g.kpis.len() > shown.len() {
                    crate::tr!(lang, WhyAndMore, n = g.kpis.len() - shown.len())
                } else {
                    String::new()
                };
                out.push(format!(
                    "  - {}",
                    crate::tr!(
                        lang,
                        WhyGap,
                        reason = reason,
                        kpis = format!("{}{more}", shown.join(T::ListSeparator.get(lang))),
                        share = n(g.share * 100.0)
                    )
                ));
            }
        }
        if let Some(p) = &self.previous {
            let line = match (p.score, self.score) {
                (Ok(before), Ok(now)) => {
                    let change = now - before;
                    let key = if change.abs() < 0.05 {
                        T::WhyUnchanged
                    } else if change > 0.0 {
                        T::WhyUp
                    } else {
                        T::WhyDown
                    };
                    key.fill(
                        lang,
                        &[
                            ("period", &p.period.to_string()),
                            ("before", &format!("{before:.1} %")),
                            ("now", &format!("{now:.1} %")),
                            ("change", &format!("{:.1}", change.abs())),
                        ],
                    )
                }
                (Err(_), Ok(_)) => crate::tr!(lang, WhyNoScoreBefore, period = p.period),
                _ => String::new(),
            };
            if !line.is_empty() {
                out.push(line);
            }
        }
        out
    }

    pub fn to_text(&self, lang: Lang) -> String {
        let mut s = self.lines(lang).join("\n");
        s.push('\n');
        s
    }

    /// The explanation as JSON for `score --explain --json`.
    pub fn to_json(&self, project: &Project, lang: Lang) -> serde_json::Value {
        use serde_json::json;
        let score = |s: Result<f64, Undefined>| s.ok();
        let facts = |k: &KpiFacts| {
            json!({
                "id": project.kpis[k.k].id.as_str(), "code": project.kpis[k.k].code, "label": k.label,
                "unit": k.unit, "actual": k.actual, "target": k.target, "score": score(k.score),
                "status": k.status, "reported": k.reported, "expected": k.expected,
            })
        };
        json!({
            "text": self.lines(lang),
            "status": self.status,
            "band": self.band.as_ref().map(|b| json!({
                "status": b.status,
                "basis": match b.basis { StatusBasis::Score => "score", StatusBasis::Value => "value" },
                "lower": b.lower.map(|(v, inc)| json!({"value": v, "inclusive": inc})),
                "upper": b.upper.map(|(v, inc)| json!({"value": v, "inclusive": inc})),
                "text": b.text(self.kpi.as_ref().map_or("", |k| k.unit.as_str()), lang),
            })),
            "kpi": self.kpi.as_ref().map(facts),
            "drivers": self.drivers.iter().map(|d| json!({
                "id": d.id, "name": d.name, "score": d.score, "status": d.status,
                "share": d.share, "gap": d.gap, "kpi": d.kpi.as_ref().map(facts),
            })).collect::<Vec<_>>(),
            "not_counted": self.gaps.iter().map(|g| json!({
                "reason": match g.reason { GapReason::NoData => "no_data", GapReason::NotDue => "not_due", GapReason::NoTarget => "no_target", GapReason::Other => "other" },
                "kpis": g.kpis.iter().map(|(k, _, _)| project.kpis[*k].id.as_str()).collect::<Vec<_>>(),
                "share": g.share,
            })).collect::<Vec<_>>(),
            "previous": self.previous.as_ref().map(|p| json!({
                "period": p.period.to_string(),
                "score": score(p.score),
                "change": match (p.score, self.score) { (Ok(a), Ok(b)) => Some(b - a), _ => None },
            })),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use chrono::NaiveDate;

    fn d(m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, 1).unwrap()
    }

    /// One objective with three monthly KPIs (weights 50, 30, 20) and a quarterly one (weight 25).
    fn project() -> Project {
        let mut p = Project::blank(crate::i18n::Lang::En, d(1));
        p.objectives.push(Objective {
            id: ObjectiveId::numbered(1),
            name: "Resolve complaints fast".into(),
            description: String::new(),
            perspective: p.perspectives[1].id.clone(),
            theme: None,
            owner: String::new(),
            weight: 1.0,
            roll_up: RollUp::WeightedAverage,
            position: Point::default(),
            size: Objective::DEFAULT_SIZE,
            pinned: false,
            colour: None,
        });
        let kpi = |n: u64, code: &str, weight: f64, target: f64, actuals: &[(u32, f64)]| {
            let mut k = Kpi::new(KpiId::numbered(n), format!("KPI {code}"));
            k.code = code.into();
            k.unit = "h".into();
            k.objective = Some(ObjectiveId::numbered(1));
            k.frequency = Some(Frequency::Monthly);
            k.weight = weight;
            k.target = Some(target);
            k.series = actuals
                .iter()
                .map(|&(m, a)| Period {
                    date: d(m),
                    actual: Some(a),
                    target: None,
                    note: None,
                    commentary: None,
                })
                .collect();
            k
        };
        p.kpis.push(kpi(1, "A", 50.0, 100.0, &[(9, 100.0), (10, 80.0)]));
        p.kpis.push(kpi(2, "B", 30.0, 100.0, &[(9, 90.0), (10, 90.0)]));
        p.kpis.push(kpi(3, "C", 20.0, 100.0, &[(9, 100.0)]));
        let mut q = kpi(4, "Q", 25.0, 100.0, &[]);
        q.frequency = Some(Frequency::Quarterly);
        p.kpis.push(q);
        p.scoring.clamp = None;
        p
    }

    fn rule(status: &str, when: Comparison, threshold: f64) -> StatusRule {
        StatusRule { status: status.into(), colour: STATUS_GREEN, basis: StatusBasis::Score, when, threshold }
    }

    #[test]
    fn band_bounds_follow_the_rules_in_order() {
        let rules = StatusRule::default_rules();
        let amber = band_of(&rules, 1).unwrap();
        assert_eq!((amber.lower, amber.upper), (Some((90.0, true)), Some((100.0, false))));
        assert_eq!(amber.text("", crate::i18n::Lang::En), "amber: 90 % ≤ score < 100 %");
        assert_eq!(amber.text("", crate::i18n::Lang::Zh), "黄：90 % ≤ 得分 < 100 %");
        let green = band_of(&rules, 0).unwrap();
        assert_eq!((green.lower, green.upper), (Some((100.0, true)), None));
        assert_eq!(green.text("", crate::i18n::Lang::En), "green: 100 % ≤ score");
        let red = band_of(&rules, 2).unwrap();
        assert_eq!((red.lower, red.upper), (None, Some((90.0, false))));
        // "Above" before "at most": the band between them is (80, 120] below and excludes 120.
        let rules = vec![
            rule("blue", Comparison::Above, 120.0),
            rule("red", Comparison::AtMost, 80.0),
            rule("green", Comparison::Always, 0.0),
        ];
        let green = band_of(&rules, 2).unwrap();
        assert_eq!((green.lower, green.upper), (Some((80.0, false)), Some((120.0, true))));
        assert_eq!(band_of(&rules, 3), None);
    }

    #[test]
    fn drivers_are_ordered_by_their_share_of_the_gap_with_their_numbers() {
        let p = project();
        let oct = PeriodSpec::Month { year: 2026, month: 10 };
        let book = ScoreBook::compute(&p, oct);
        let w = why(&p, &book, None, &TraceSubject::Objective(0));
        // A: 80 % on 50/80 of the counted weight = 12.5 points; B: 90 % on 30/80 = 3.75 points.
        let gaps: Vec<(String, f64)> = w.drivers.iter().map(|d| (d.id.clone(), d.gap)).collect();
        assert_eq!(gaps.len(), 2, "{gaps:?}");
        assert_eq!(gaps[0].0, "kpi-1");
        assert!((gaps[0].1 - 12.5).abs() < 1e-9 && (gaps[1].1 - 3.75).abs() < 1e-9, "{gaps:?}");
        let text = w.to_text(crate::i18n::Lang::En);
        assert!(
            text.contains("1. A KPI A: 80.0 %, red; 62.5 % of the counted weight, 12.5 points"),
            "{text}"
        );
        assert!(text.contains("80 h against a target of 100 h"), "{text}");
        // The perspective names the KPI behind its objective.
        let w = why(&p, &book, None, &TraceSubject::Perspective(1));
        let text = w.to_text(crate::i18n::Lang::En);
        assert!(text.contains("mainly A KPI A: 80 h against a target of 100 h, 80.0 %, red"), "{text}");
        assert!(text.contains("Customer: 83.8 %, red (red: score < 90 %)."), "{text}");
    }

    #[test]
    fn not_due_and_no_data_are_told_apart_with_their_weight() {
        let p = project();
        let oct = PeriodSpec::Month { year: 2026, month: 10 };
        let book = ScoreBook::compute(&p, oct);
        let w = why(&p, &book, None, &TraceSubject::Objective(0));
        // Weights 50 + 30 + 20 + 25 = 125: C has no October value (16 %), Q is quarterly (20 %).
        assert_eq!(w.gaps.len(), 2);
        assert_eq!((w.gaps[0].reason, w.gaps[0].kpis[0].0), (GapReason::NoData, 2));
        assert!((w.gaps[0].share - 0.16).abs() < 1e-12);
        assert_eq!((w.gaps[1].reason, w.gaps[1].kpis[0].0), (GapReason::NotDue, 3));
        assert!((w.gaps[1].share - 0.2).abs() < 1e-12);
        let text = w.to_text(crate::i18n::Lang::En);
        assert!(text.contains("no data for 2026-10: C KPI C; 16 % of the weight"), "{text}");
        assert!(text.contains("not due in 2026-10: Q KPI Q (Quarterly); 20 % of the weight"), "{text}");
        let zh = w.to_text(crate::i18n::Lang::Zh);
        assert!(zh.contains("2026-10 没有数据：C KPI C；占权重 16%"), "{zh}");
        // In the quarter's last month Q is due and, without a value, missing.
        let dec = ScoreBook::compute(&p, PeriodSpec::Month { year: 2026, month: 12 });
        let w = why(&p, &dec, None, &TraceSubject::Objective(0));
        assert!(w.gaps.iter().any(|g| g.reason == GapReason::NoData && g.kpis.iter().any(|k| k.0 == 3)));
        assert!(!w.gaps.iter().any(|g| g.reason == GapReason::NotDue));
    }

    #[test]
    fn the_change_since_the_previous_period() {
        let p = project();
        let oct = PeriodSpec::Month { year: 2026, month: 10 };
        let book = ScoreBook::compute(&p, oct);
        let before = ScoreBook::compute(&p, oct.previous());
        let w = why(&p, &book, Some(&before), &TraceSubject::Kpi(0));
        assert_eq!(w.previous.as_ref().map(|x| x.score), Some(Ok(100.0)));
        let text = w.to_text(crate::i18n::Lang::En);
        assert!(text.contains("Since 2026-09: 100.0 % → 80.0 %, down 20.0 points."), "{text}");
        assert!(text.starts_with("A KPI A: 80.0 %, red (red: score < 90 %)."), "{text}");
        let zh = w.to_text(crate::i18n::Lang::Zh);
        assert!(zh.contains("与 2026-09 相比：100.0 % → 80.0 %，下降 20.0 个百分点。"), "{zh}");
        // No score a month earlier: said so, not a change from zero.
        let w =
            why(&p, &before, Some(&ScoreBook::compute(&p, oct.previous().previous())), &TraceSubject::Kpi(0));
        assert!(w.to_text(crate::i18n::Lang::En).contains("2026-08 had no score to compare with."));
    }
}
