//! The appraisal year (version 8): the record of how agreed targets and weights changed, each
//! department's sign-off, closed periods, targets and weights that change from a date, and the
//! roll forward into next year.
//!
//! "年初不是这么说的" — the dispute of every appraisal season is settled by the record: every change
//! of a KPI's target, stretch, thresholds, weight, scoring method or formula, and of a unit's
//! weight, is kept with its date, author and reason. A department's sign-off status is not stored
//! beside the department but read from the same record (the last sign-off event), so the status
//! and the history can never disagree.

use super::ids::{DepartmentId, KpiId};
use super::kpi::Kpi;
use super::org::Department;
use super::project::Project;
use crate::i18n::{Lang, T};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One entry of the project's change record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct HistoryEntry {
    /// The day the change was made.
    #[serde(with = "super::iso_date")]
    #[schemars(with = "NaiveDate")]
    pub date: NaiveDate,
    /// Who made it (the name set in the app's preferences).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    /// Why: asked for when an agreed department's targets or weights change; a returned
    /// sign-off's comment; why a period was reopened.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(flatten)]
    pub event: HistoryEvent,
}

/// What happened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "event", rename_all = "snake_case", deny_unknown_fields)]
pub enum HistoryEvent {
    /// A KPI field changed from one value to another (`null`: not set).
    KpiChange {
        kpi: KpiId,
        field: TrackedField,
        from: Value,
        to: Value,
        /// The first day the new value is in force; before it the old one still scores.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        effective: Option<NaiveDate>,
    },
    /// A unit's weight in its parent changed.
    DepartmentChange { department: DepartmentId, field: TrackedField, from: Value, to: Value },
    /// A department's KPIs, targets and weights moved to a sign-off status.
    SignOff { department: DepartmentId, status: SignOffStatus },
    /// A period was closed (actuals and commentary locked) or reopened.
    Period {
        #[serde(with = "super::iso_date")]
        #[schemars(with = "NaiveDate")]
        period: NaiveDate,
        closed: bool,
    },
}

/// The fields whose changes are recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TrackedField {
    Target,
    Stretch,
    /// The KPI's own red/amber/green rules.
    Thresholds,
    Weight,
    /// The KPI's own scoring method.
    Scoring,
    /// A computed KPI's formula.
    Expression,
}

impl TrackedField {
    /// Whether "not set" is a value of its own (the project's method or rules apply), so that
    /// setting one is a change; a first target, stretch or formula is the scorecard's design.
    pub fn unset_is_a_value(self) -> bool {
        matches!(self, TrackedField::Thresholds | TrackedField::Scoring)
    }

    pub const OF_KPI: [TrackedField; 6] = [
        TrackedField::Target,
        TrackedField::Stretch,
        TrackedField::Thresholds,
        TrackedField::Weight,
        TrackedField::Scoring,
        TrackedField::Expression,
    ];

    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            TrackedField::Target => T::Target,
            TrackedField::Stretch => T::Stretch,
            TrackedField::Thresholds => T::Thresholds,
            TrackedField::Weight => T::Weight,
            TrackedField::Scoring => T::ScoringMethod,
            TrackedField::Expression => T::Expression,
        }
        .get(lang)
    }

    /// The field's value on a KPI, as the record keeps it.
    pub fn of_kpi(self, k: &Kpi) -> Value {
        let json = |v: Result<Value, serde_json::Error>| v.unwrap_or(Value::Null);
        match self {
            TrackedField::Target => json(serde_json::to_value(k.target)),
            TrackedField::Stretch => json(serde_json::to_value(k.stretch)),
            TrackedField::Thresholds => json(serde_json::to_value(&k.status_rules)),
            TrackedField::Weight => json(serde_json::to_value(k.weight)),
            TrackedField::Scoring => json(serde_json::to_value(&k.scoring)),
            TrackedField::Expression => json(serde_json::to_value(&k.expression)),
        }
    }

    /// Puts a recorded value back on a KPI (to see the scorecard as of an earlier date).
    pub fn set_on_kpi(self, k: &mut Kpi, v: &Value) -> Result<(), serde_json::Error> {
        let v = v.clone();
        match self {
            TrackedField::Target => k.target = serde_json::from_value(v)?,
            TrackedField::Stretch => k.stretch = serde_json::from_value(v)?,
            TrackedField::Thresholds => k.status_rules = serde_json::from_value(v)?,
            TrackedField::Weight => k.weight = serde_json::from_value(v)?,
            TrackedField::Scoring => k.scoring = serde_json::from_value(v)?,
            TrackedField::Expression => k.expression = serde_json::from_value(v)?,
        }
        Ok(())
    }
}

/// Where a department's set of KPIs, targets and weights stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SignOffStatus {
    #[default]
    Draft,
    Submitted,
    Agreed,
    /// Sent back with a comment (the entry's reason).
    Returned,
}

impl SignOffStatus {
    pub const ALL: [SignOffStatus; 4] =
        [SignOffStatus::Draft, SignOffStatus::Submitted, SignOffStatus::Agreed, SignOffStatus::Returned];

    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            SignOffStatus::Draft => T::SignOffDraft,
            SignOffStatus::Submitted => T::SignOffSubmitted,
            SignOffStatus::Agreed => T::SignOffAgreed,
            SignOffStatus::Returned => T::SignOffReturned,
        }
        .get(lang)
    }

    /// The statuses a department may move to from this one: submit a draft or a returned set;
    /// agree or return a submitted one; reopen an agreed one as a draft.
    pub fn next(self) -> &'static [SignOffStatus] {
        match self {
            SignOffStatus::Draft | SignOffStatus::Returned => &[SignOffStatus::Submitted],
            SignOffStatus::Submitted => &[SignOffStatus::Agreed, SignOffStatus::Returned],
            SignOffStatus::Agreed => &[SignOffStatus::Submitted, SignOffStatus::Draft],
        }
    }
}

/// The values a KPI had before a change that took effect on a later date: before `until`,
/// `target` (when set) and `weight` (when set) were in force. Kept sorted by `until`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InForce {
    #[serde(with = "super::iso_date")]
    #[schemars(with = "NaiveDate")]
    pub until: NaiveDate,
    /// The target before `until`; `Some(None)` is "no target" (written as `null`).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
    #[schemars(with = "Option<f64>")]
    pub target: Option<Option<f64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
}

/// `Option<Option<f64>>` as "absent" / `null` / a number.
mod double_option {
    use serde::{Deserialize, Deserializer, Serializer};
    pub fn serialize<S: Serializer>(v: &Option<Option<f64>>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(Some(x)) => s.serialize_f64(*x),
            _ => s.serialize_none(),
        }
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<f64>>, D::Error> {
        Ok(Some(Option::<f64>::deserialize(d)?))
    }
}

/// The two fields that may change from a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DatedField {
    Target,
    Weight,
}

impl DatedField {
    pub fn tracked(self) -> TrackedField {
        match self {
            DatedField::Target => TrackedField::Target,
            DatedField::Weight => TrackedField::Weight,
        }
    }
    fn holds(self, e: &InForce) -> bool {
        match self {
            DatedField::Target => e.target.is_some(),
            DatedField::Weight => e.weight.is_some(),
        }
    }
}

impl Kpi {
    /// The default target in force for the period starting on `date`.
    pub fn target_at(&self, date: NaiveDate) -> Option<f64> {
        self.in_force
            .iter()
            .find(|e| date < e.until && e.target.is_some())
            .map_or(self.target, |e| e.target.flatten())
    }

    /// The weight in force on `date`.
    pub fn weight_at(&self, date: NaiveDate) -> f64 {
        self.in_force
            .iter()
            .find(|e| date < e.until && e.weight.is_some())
            .and_then(|e| e.weight)
            .unwrap_or(self.weight)
    }

    /// The latest date from which a change of `field` is in force, if any.
    pub fn last_change_from(&self, field: DatedField) -> Option<NaiveDate> {
        self.in_force.iter().rev().find(|e| field.holds(e)).map(|e| e.until)
    }

    /// This KPI with `field` set to `value` from `from` on; earlier periods keep the value in force
    /// until then. A second change from the same date keeps the value that was in force before
    /// the first (typing "120" is one change, not three). `Err` names the date of a later change
    /// already recorded: changes are made in the order they take effect.
    pub fn changed_from(
        &self,
        field: DatedField,
        value: Option<f64>,
        from: NaiveDate,
    ) -> Result<Kpi, NaiveDate> {
        if let Some(last) = self.last_change_from(field)
            && last > from
        {
            return Err(last);
        }
        let mut k = self.clone();
        let at = match k.in_force.binary_search_by(|e| e.until.cmp(&from)) {
            Ok(i) => i,
            Err(i) => {
                k.in_force.insert(i, InForce { until: from, target: None, weight: None });
                i
            }
        };
        let entry = &mut k.in_force[at];
        match field {
            DatedField::Target => {
                if entry.target.is_none() {
                    entry.target = Some(self.target);
                }
                k.target = value;
            }
            DatedField::Weight => {
                if entry.weight.is_none() {
                    entry.weight = Some(self.weight);
                }
                k.weight = value.unwrap_or(0.0);
            }
        }
        Ok(k)
    }
}

impl HistoryEntry {
    /// The KPI or department the entry is about.
    pub fn department(&self) -> Option<&DepartmentId> {
        match &self.event {
            HistoryEvent::DepartmentChange { department, .. } | HistoryEvent::SignOff { department, .. } => {
                Some(department)
            }
            _ => None,
        }
    }

    pub fn kpi(&self) -> Option<&KpiId> {
        match &self.event {
            HistoryEvent::KpiChange { kpi, .. } => Some(kpi),
            _ => None,
        }
    }

    /// The entry in words: "目标值 100 → 120（自 2026-07-01 起）", "状态：已同意".
    pub fn describe(&self, project: &Project, lang: Lang) -> String {
        let value = |v: &Value| value_text(v, lang);
        match &self.event {
            HistoryEvent::KpiChange { field, from, to, effective, .. } => {
                let mut s = format!("{} {} → {}", field.name(lang), value(from), value(to));
                if let Some(d) = effective {
                    s.push_str(&crate::tr!(lang, EffectiveFrom, date = d.format("%Y-%m-%d")));
                }
                s
            }
            HistoryEvent::DepartmentChange { field, from, to, .. } => {
                format!("{} {} → {}", field.name(lang), value(from), value(to))
            }
            HistoryEvent::SignOff { status, .. } => {
                format!("{}{}{}", T::SignOff.get(lang), T::Text2.get(lang), status.name(lang))
            }
            HistoryEvent::Period { period, closed } => {
                let label = period_label(project.info.frequency, *period, lang);
                if *closed {
                    crate::tr!(lang, PeriodClosedEvent, period = label)
                } else {
                    crate::tr!(lang, PeriodReopenedEvent, period = label)
                }
            }
        }
    }
}

/// A recorded value for people: numbers as numbers, `null` as "not set", a method by its name.
pub fn value_text(v: &Value, lang: Lang) -> String {
    match v {
        Value::Null => T::NotSet.get(lang).into(),
        Value::Number(n) => n.as_f64().map(super::lint::format_number).unwrap_or_else(|| n.to_string()),
        Value::String(s) => s.clone(),
        Value::Object(o) => match o.get("method").and_then(Value::as_str) {
            Some(key) => super::kpi::ScoringMethod::name_of_key(key, lang).to_string(),
            None => v.to_string(),
        },
        Value::Array(rules) => rules
            .iter()
            .filter_map(|r| {
                let status = r.get("status")?.as_str()?;
                let when = r.get("when")?.as_str()?;
                let t = r.get("threshold").and_then(Value::as_f64).unwrap_or(0.0);
                Some(match when {
                    "always" => status.to_string(),
                    "at_least" => format!("{status} ≥ {}", super::lint::format_number(t)),
                    "above" => format!("{status} > {}", super::lint::format_number(t)),
                    "at_most" => format!("{status} ≤ {}", super::lint::format_number(t)),
                    _ => format!("{status} < {}", super::lint::format_number(t)),
                })
            })
            .collect::<Vec<_>>()
            .join(", "),
        Value::Bool(b) => b.to_string(),
    }
}

/// The label of the project period of `frequency` starting on `start` ("2026年3月", "2026年第2季度").
pub fn period_label(frequency: super::kpi::Frequency, start: NaiveDate, lang: Lang) -> String {
    use crate::score::PeriodSpec;
    use chrono::Datelike;
    let (y, m) = (start.year(), start.month());
    let spec = match frequency {
        super::kpi::Frequency::Monthly => PeriodSpec::Month { year: y, month: m },
        super::kpi::Frequency::Quarterly => PeriodSpec::Quarter { year: y, quarter: (m - 1) / 3 + 1 },
        super::kpi::Frequency::HalfYearly => {
            PeriodSpec::HalfYear { year: y, half: if m <= 6 { 1 } else { 2 } }
        }
        super::kpi::Frequency::Yearly => PeriodSpec::Year { year: y },
        super::kpi::Frequency::Weekly => return start.format("%Y-%m-%d").to_string(),
    };
    spec.label(lang)
}

/// What changed in the recorded fields between two versions of a KPI.
pub fn kpi_changes(old: &Kpi, new: &Kpi) -> Vec<(TrackedField, Value, Value)> {
    let mut out = Vec::new();
    let same = |f: TrackedField| match f {
        TrackedField::Target => old.target == new.target,
        TrackedField::Stretch => old.stretch == new.stretch,
        TrackedField::Thresholds => old.status_rules == new.status_rules,
        TrackedField::Weight => old.weight == new.weight,
        TrackedField::Scoring => old.scoring == new.scoring,
        TrackedField::Expression => old.expression == new.expression,
    };
    for f in TrackedField::OF_KPI {
        if !same(f) {
            out.push((f, f.of_kpi(old), f.of_kpi(new)));
        }
    }
    out
}

/// What changed in a unit's recorded fields (its weight).
pub fn department_changes(old: &Department, new: &Department) -> Vec<(TrackedField, Value, Value)> {
    if old.weight == new.weight {
        return Vec::new();
    }
    vec![(TrackedField::Weight, Value::from(old.weight), Value::from(new.weight))]
}

/// A department's sign-off as the record tells it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SignOffState {
    pub status: SignOffStatus,
    /// The entry that set the status (none: a draft nobody has touched).
    pub entry: Option<usize>,
    /// Changes to the department's KPIs and weight recorded after it was agreed (indices into
    /// the history); empty unless agreed.
    pub changed_since: Vec<usize>,
}

impl SignOffState {
    pub fn changed_since_agreed(&self) -> bool {
        self.status == SignOffStatus::Agreed && !self.changed_since.is_empty()
    }
}

/// Every department's sign-off state, by department index; one pass over the record.
pub fn signoff_states(project: &Project) -> Vec<SignOffState> {
    let mut states = vec![SignOffState::default(); project.departments.len()];
    if project.history.is_empty() {
        return states;
    }
    let dept_index: std::collections::HashMap<&str, usize> =
        project.departments.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();
    let kpi_dept: std::collections::HashMap<&str, usize> = project
        .kpis
        .iter()
        .filter_map(|k| Some((k.id.as_str(), *dept_index.get(k.department.as_ref()?.as_str())?)))
        .collect();
    for (i, e) in project.history.iter().enumerate() {
        match &e.event {
            HistoryEvent::SignOff { department, status } => {
                if let Some(&d) = dept_index.get(department.as_str()) {
                    states[d] = SignOffState { status: *status, entry: Some(i), changed_since: Vec::new() };
                }
            }
            HistoryEvent::KpiChange { kpi, .. } => {
                if let Some(&d) = kpi_dept.get(kpi.as_str())
                    && states[d].status == SignOffStatus::Agreed
                {
                    states[d].changed_since.push(i);
                }
            }
            HistoryEvent::DepartmentChange { department, .. } => {
                if let Some(&d) = dept_index.get(department.as_str())
                    && states[d].status == SignOffStatus::Agreed
                {
                    states[d].changed_since.push(i);
                }
            }
            HistoryEvent::Period { .. } => {}
        }
    }
    states
}

impl Project {
    /// The closed period that holds a KPI or element period starting on `start` of `frequency`
    /// (a period is placed where it counts: a quarter in its last month), if any.
    pub fn closed_period_of(&self, frequency: super::kpi::Frequency, start: NaiveDate) -> Option<NaiveDate> {
        if self.closed_periods.is_empty() {
            return None;
        }
        let day = frequency.counts_on(start);
        let project = self.info.frequency;
        let holder = project.period_start(day);
        self.closed_periods.binary_search(&holder).ok().map(|i| self.closed_periods[i])
    }

    /// The history entries about one KPI, oldest first.
    pub fn history_of_kpi<'a>(
        &'a self,
        id: &'a KpiId,
    ) -> impl Iterator<Item = (usize, &'a HistoryEntry)> + 'a {
        self.history.iter().enumerate().filter(move |(_, e)| e.kpi() == Some(id))
    }
}

/// The project as it stood on `date`: changes recorded after that day are undone (newest
/// first) and periods starting after it are left out. Sign-offs and closed periods recorded
/// later are dropped with them.
pub fn as_of(project: &Project, date: NaiveDate) -> Project {
    let mut p = project.clone();
    let keep = p.history.iter().position(|e| e.date > date).unwrap_or(p.history.len());
    let later: Vec<HistoryEntry> = p.history.split_off(keep);
    for e in later.iter().rev() {
        match &e.event {
            HistoryEvent::KpiChange { kpi, field, from, effective, .. } => {
                if let Some(k) = p.kpis.iter_mut().find(|k| &k.id == kpi) {
                    let _ = field.set_on_kpi(k, from);
                    if let Some(until) = effective {
                        // The dated change's record of the earlier value goes with it.
                        if let Some(i) = k.in_force.iter().position(|x| x.until == *until) {
                            match field {
                                TrackedField::Target => k.in_force[i].target = None,
                                TrackedField::Weight => k.in_force[i].weight = None,
                                _ => {}
                            }
                            if k.in_force[i].target.is_none() && k.in_force[i].weight.is_none() {
                                k.in_force.remove(i);
                            }
                        }
                    }
                }
            }
            HistoryEvent::DepartmentChange { department, field: TrackedField::Weight, from, .. } => {
                if let Some(d) = p.departments.iter_mut().find(|d| &d.id == department)
                    && let Some(w) = from.as_f64()
                {
                    d.weight = w;
                }
            }
            HistoryEvent::Period { period, closed } => {
                // Undo the close or reopen.
                if *closed {
                    p.closed_periods.retain(|x| x != period);
                } else if let Err(i) = p.closed_periods.binary_search(period) {
                    p.closed_periods.insert(i, *period);
                }
            }
            _ => {}
        }
    }
    for k in &mut p.kpis {
        k.series.retain(|x| x.date <= date);
    }
    for e in &mut p.elements {
        e.series.retain(|x| x.date <= date);
    }
    p
}

/// What the new year's targets are.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RolloverTargets {
    /// The same targets.
    Keep,
    /// This year's result of each KPI (its actuals aggregated over the year).
    LastActual,
    /// This year's targets grown by this many percent.
    Grow(f64),
}

impl std::str::FromStr for RolloverTargets {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        match s {
            "keep" => Ok(RolloverTargets::Keep),
            "last-actual" => Ok(RolloverTargets::LastActual),
            _ => {
                let n = s
                    .strip_prefix("grow:")
                    .map(|n| n.trim().trim_end_matches('%').trim())
                    .and_then(|n| n.parse::<f64>().ok())
                    .filter(|n| n.is_finite() && *n > -100.0);
                n.map(RolloverTargets::Grow).ok_or_else(|| {
                    format!("\"{s}\" is not keep, last-actual or grow:N% (N a number above -100)")
                })
            }
        }
    }
}

/// The next year's project made from this one: the same map, KPIs, elements, departments,
/// weights and the initiatives still open; no actuals, commentary or element values; each KPI's
/// baseline set from this year's result; targets per `targets`; the record and sign-offs
/// restarted with a note of where the year came from.
pub fn rollover(
    project: &Project,
    year: i32,
    targets: RolloverTargets,
    source: &str,
    today: NaiveDate,
) -> Project {
    use chrono::Datelike;
    let mut p = project.clone();
    // This year's result of each KPI: the year before the new one, per period (a flow's monthly
    // average: targets and baselines are per period), as its aggregation rule gives it.
    let last_year = crate::score::PeriodSpec::Year { year: year - 1 }.range();
    let results: Vec<Option<f64>> = {
        let formulas = project
            .kpis
            .iter()
            .any(|k| k.expression.is_some())
            .then(|| crate::score::computed::Formulas::new(project));
        (0..project.kpis.len())
            .map(|k| {
                let kpi = &project.kpis[k];
                let frequency = project.frequency_of(kpi);
                let agg = match &formulas {
                    Some(f) => {
                        crate::score::computed::aggregate_kpi_with(project, f, k, frequency, last_year)
                    }
                    None => crate::score::period::aggregate(kpi, frequency, last_year),
                };
                let per_period = match kpi.aggregation {
                    super::kpi::Aggregation::Sum => agg.actual.map(|a| a / agg.reported.max(1) as f64),
                    _ => agg.actual,
                };
                per_period.map(round_sensibly)
            })
            .collect()
    };
    let years = year - project.info.start.year();
    let shift = |d: NaiveDate| -> NaiveDate {
        d.with_year(d.year() + years)
            .or_else(|| NaiveDate::from_ymd_opt(d.year() + years, d.month(), 28))
            .unwrap_or(d)
    };
    p.info.start = shift(project.info.start);
    p.info.end = shift(project.info.end);
    let from_year = year - 1;
    let note = crate::tr!(
        if project.info.locale.starts_with("zh") { Lang::Zh } else { Lang::En },
        RolledOverFrom,
        year = from_year,
        file = source,
        date = today.format("%Y-%m-%d")
    );
    p.info.description =
        if p.info.description.is_empty() { note } else { format!("{}\n{note}", p.info.description) };
    p.info.name = replace_year(&p.info.name, from_year, year);
    for (k, kpi) in p.kpis.iter_mut().enumerate() {
        let result = results[k];
        if result.is_some() {
            kpi.baseline = result;
        }
        kpi.target = match targets {
            RolloverTargets::Keep => kpi.target,
            RolloverTargets::LastActual => result.or(kpi.target),
            RolloverTargets::Grow(n) => kpi.target.map(|t| round_sensibly(t * (1.0 + n / 100.0))),
        };
        kpi.series.clear();
        kpi.in_force.clear();
    }
    for e in &mut p.elements {
        e.series.clear();
    }
    p.initiatives
        .retain(|i| !matches!(i.status, super::InitiativeStatus::Done | super::InitiativeStatus::Cancelled));
    p.history.clear();
    p.closed_periods.clear();
    p.conflicts.clear();
    p
}

/// "2026年度经营计划" → "2027年度经营计划": the year in a name follows the roll forward.
fn replace_year(name: &str, from: i32, to: i32) -> String {
    let from = from.to_string();
    if name.contains(&from) { name.replace(&from, &to.to_string()) } else { name.to_string() }
}

/// A grown target to a precision people write: 4 significant digits.
fn round_sensibly(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let digits = 4 - (x.abs().log10().floor() as i32 + 1);
    let f = 10f64.powi(digits);
    (x * f).round() / f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::KpiId;

    fn d(m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, 1).unwrap()
    }

    #[test]
    fn dated_changes_keep_earlier_values_in_force() {
        let mut k = Kpi::new(KpiId::numbered(1), "k");
        k.target = Some(100.0);
        k.weight = 30.0;
        let k = k.changed_from(DatedField::Target, Some(110.0), d(4)).unwrap();
        // Typing 120 after 110 with the same date is still one change from 100.
        let k = k.changed_from(DatedField::Target, Some(120.0), d(4)).unwrap();
        let k = k.changed_from(DatedField::Weight, Some(40.0), d(7)).unwrap();
        let k = k.changed_from(DatedField::Target, Some(130.0), d(7)).unwrap();
        assert_eq!(k.target_at(d(3)), Some(100.0));
        assert_eq!(k.target_at(d(4)), Some(120.0));
        assert_eq!(k.target_at(d(6)), Some(120.0));
        assert_eq!(k.target_at(d(7)), Some(130.0));
        assert_eq!(k.weight_at(d(6)), 30.0);
        assert_eq!(k.weight_at(d(12)), 40.0);
        assert_eq!(k.changed_from(DatedField::Target, Some(1.0), d(5)), Err(d(7)));
        let json = serde_json::to_value(&k.in_force).unwrap();
        let back: Vec<InForce> = serde_json::from_value(json).unwrap();
        assert_eq!(back, k.in_force);
    }

    #[test]
    fn rollover_targets_parse() {
        assert_eq!("keep".parse::<RolloverTargets>(), Ok(RolloverTargets::Keep));
        assert_eq!("grow:5%".parse::<RolloverTargets>(), Ok(RolloverTargets::Grow(5.0)));
        assert_eq!("grow:-3".parse::<RolloverTargets>(), Ok(RolloverTargets::Grow(-3.0)));
        for bad in ["grow", "grow:x%", "grow:-100", "more", ""] {
            assert!(bad.parse::<RolloverTargets>().is_err(), "{bad}");
        }
        assert_eq!(round_sensibly(1234.5678), 1235.0);
        assert_eq!(round_sensibly(0.123456), 0.1235);
    }

    #[test]
    fn history_entries_read_and_write_flat() {
        let text = r#"{"date":"2026-03-02","author":"李","reason":"市场变化","event":"kpi_change","kpi":"kpi-1","field":"target","from":100,"to":120,"effective":"2026-04-01"}"#;
        let e: HistoryEntry = serde_json::from_str(text).unwrap();
        assert_eq!(e.kpi(), Some(&KpiId::new("kpi-1")));
        assert_eq!(serde_json::to_string(&e).unwrap(), text);
        let bad = r#"{"date":"2026-03-02","event":"kpi_change","kpi":"kpi-1","field":"target","from":1,"to":2,"colour":1}"#;
        assert!(serde_json::from_str::<HistoryEntry>(bad).is_err(), "unknown keys are refused");
    }
}
