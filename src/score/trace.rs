//! Traces: how a score was made, as a structure for the UI and as text for the CLI. For a KPI:
//! the periods used, the aggregated inputs, the method, the formula with numbers substituted and
//! any clamp. For a roll-up: each child's score, how missing data was treated, its weight share
//! and its contribution.

use super::book::ScoreBook;
use super::method::{self, Inputs, Undefined};
use super::period::{PeriodSpec, periods_in};
use super::rollup::{Child, Contribution, Coverage, Treatment, roll_up_explained};
use super::status::Status;
use crate::i18n::{Lang, T};
use crate::model::lint::format_number as n;
use crate::model::{Aggregation, Clamp, Kpi, MissingData, Project, RollUp};
use chrono::NaiveDate;

/// What a trace is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TraceSubject {
    Scorecard,
    Perspective(usize),
    Objective(usize),
    Kpi(usize),
    Department(usize),
    /// The own KPIs of a department that also has sub-units.
    DepartmentOwn(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Trace {
    pub subject: TraceSubject,
    pub id: String,
    pub name: String,
    pub period: PeriodSpec,
    pub score: Result<f64, Undefined>,
    pub status: Option<Status>,
    pub detail: TraceDetail,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TraceDetail {
    Kpi(KpiTrace),
    RollUp(RollUpTrace),
}

#[derive(Clone, Debug, PartialEq)]
pub struct KpiTrace {
    /// The periods in range: date, actual, effective target (period target or default).
    pub periods: Vec<(NaiveDate, Option<f64>, Option<f64>)>,
    pub aggregation: Aggregation,
    pub actual: Option<f64>,
    pub target: Option<f64>,
    pub baseline: Option<f64>,
    pub reported: u32,
    pub expected: u32,
    pub scale: f64,
    pub method: &'static str,
    pub formula: &'static str,
    pub substituted: Option<String>,
    pub raw: Option<f64>,
    pub clamp: Option<Clamp>,
    pub clamped: bool,
    /// How a computed KPI's actual came about.
    pub computed: Option<Box<ComputedTrace>>,
}

/// A computed KPI's actual for the period: its inputs aggregated over the period, the expression
/// with their values put in, and the result (or why there is none).
#[derive(Clone, Debug, PartialEq)]
pub struct ComputedTrace {
    /// The expression with names: 邀约试乘试驾客户数 ÷ 试乘试驾客户数 × 100.
    pub expression: String,
    /// Each input as the expression names it, and its value over the period.
    pub inputs: Vec<(String, Option<f64>)>,
    /// The expression with the values put in.
    pub substituted: String,
    pub result: Result<f64, crate::model::expr::Undefined>,
    /// Each base period evaluated, then aggregated by the KPI's rule.
    pub each_period: bool,
    /// When the inputs are the sums over the department KPIs decomposing it (its ratio total):
    /// those KPIs, as "code name".
    pub across: Vec<String>,
}

/// How KPI `k`'s actual over `range` is computed, when it is a computed KPI.
pub fn computed_trace(project: &Project, k: usize, range: super::DateRange) -> Option<Box<ComputedTrace>> {
    project.kpis[k].expression.as_ref()?;
    computed_trace_with(project, &super::computed::Formulas::new(project), k, range)
}

/// `computed_trace` with the project's formulas read already (the inspector asks every frame).
pub fn computed_trace_with(
    project: &Project,
    formulas: &super::computed::Formulas,
    k: usize,
    range: super::DateRange,
) -> Option<Box<ComputedTrace>> {
    use super::computed::{Evaluator, Input};
    let kpi = &project.kpis[k];
    kpi.expression.as_ref()?;
    let name_of = |r: &crate::model::expr::Reference| match formulas.resolve(r) {
        Some(Input::Element(i)) => project.elements[i].name.clone(),
        Some(Input::Kpi(i)) => project.kpis[i].name.clone(),
        None => r.text.clone(),
    };
    let parsed = formulas.expression(k)?;
    let expression = match parsed {
        Ok(e) => e.display(&name_of),
        Err(_) => kpi.expression.clone().unwrap_or_default(),
    };
    let eval = Evaluator { project, formulas };
    let mut inputs: Vec<(String, Option<f64>)> = Vec::new();
    let mut values: std::collections::HashMap<String, Option<f64>> = std::collections::HashMap::new();
    // Each input once, named as the project names it.
    let once = eval.evaluate(k, range, &mut Vec::new(), &mut |v| {
        if !values.contains_key(&v.reference) {
            values.insert(v.reference.clone(), v.value);
            let name = match v.input {
                Some(Input::Element(i)) => project.elements[i].name.clone(),
                Some(Input::Kpi(i)) => project.kpis[i].name.clone(),
                None => v.reference.clone(),
            };
            inputs.push((name, v.value));
        }
    });
    let substituted = match parsed {
        Ok(e) => e.display(&|r| {
            values.get(&r.text).copied().flatten().map_or("—".into(), crate::model::lint::format_number)
        }),
        Err(_) => String::new(),
    };
    let result = if kpi.evaluate_each_period { eval.computed(k, range, &mut Vec::new()) } else { once };
    let across = if eval.uses_ratio_total(k, range) {
        formulas.sharing(k).iter().map(|&c| project.kpis[c].label()).collect()
    } else {
        Vec::new()
    };
    Some(Box::new(ComputedTrace {
        expression,
        inputs,
        substituted,
        result,
        each_period: kpi.evaluate_each_period,
        across,
    }))
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChildTrace {
    pub subject: TraceSubject,
    pub id: String,
    pub name: String,
    pub score: Result<f64, Undefined>,
    pub weight: f64,
    pub contribution: Contribution,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RollUpTrace {
    pub rule: RollUp,
    pub policy: MissingData,
    pub children: Vec<ChildTrace>,
    pub coverage: Coverage,
}

/// Finds what an id names: `scorecard`, or the id of a perspective, objective, KPI or department.
pub fn resolve(project: &Project, id: &str) -> Option<TraceSubject> {
    if id.eq_ignore_ascii_case("scorecard") || id.eq_ignore_ascii_case("project") {
        return Some(TraceSubject::Scorecard);
    }
    if let Some(i) = project.kpis.iter().position(|k| k.id.as_str() == id) {
        return Some(TraceSubject::Kpi(i));
    }
    if let Some(i) = project.objectives.iter().position(|o| o.id.as_str() == id) {
        return Some(TraceSubject::Objective(i));
    }
    if let Some(i) = project.perspectives.iter().position(|p| p.id.as_str() == id) {
        return Some(TraceSubject::Perspective(i));
    }
    if let Some(i) = project.departments.iter().position(|d| d.id.as_str() == id) {
        return Some(TraceSubject::Department(i));
    }
    // A KPI code is what people remember.
    project.kpis.iter().position(|k| !k.code.is_empty() && k.code == id).map(TraceSubject::Kpi)
}

fn kpi_trace(project: &Project, book: &ScoreBook, k: usize) -> KpiTrace {
    let kpi: &Kpi = &project.kpis[k];
    let score = &book.kpis[k];
    let frequency = project.frequency_of(kpi);
    let periods = kpi.series[periods_in(kpi, frequency, book.range)]
        .iter()
        .map(|p| (p.date, p.actual, p.target.or_else(|| kpi.target_at(p.date))))
        .collect();
    let method_def = kpi.scoring.as_ref().unwrap_or(&project.scoring.method);
    let agg = score.aggregate;
    let substituted = match (agg.actual, agg.target) {
        (Some(actual), Some(target)) => {
            let inputs = Inputs {
                actual,
                target,
                baseline: kpi.baseline,
                min: kpi.min,
                max: kpi.max,
                band: kpi.band,
                polarity: kpi.polarity,
                scale: score.scale,
                bands: None,
            };
            method::apply(method_def, &inputs).ok().map(|r| r.substituted)
        }
        _ => None,
    };
    KpiTrace {
        periods,
        aggregation: kpi.aggregation,
        actual: agg.actual,
        target: agg.target,
        baseline: kpi.baseline.map(|b| b * score.scale),
        reported: agg.reported,
        expected: agg.expected,
        scale: score.scale,
        method: method_def.key(),
        formula: method::formula(method_def, kpi.polarity),
        substituted,
        raw: score.raw,
        clamp: kpi.clamp.or(project.scoring.clamp),
        clamped: score.clamped,
        computed: computed_trace(project, k, book.range),
    }
}

fn roll_up_trace(
    project: &Project,
    rule: RollUp,
    children: Vec<(TraceSubject, String, String, Child)>,
) -> RollUpTrace {
    let plain: Vec<Child> = children.iter().map(|c| c.3).collect();
    let (_, coverage, contributions) = roll_up_explained(rule, project.scoring.missing_data, &plain);
    RollUpTrace {
        rule,
        policy: project.scoring.missing_data,
        coverage,
        children: children
            .into_iter()
            .zip(contributions)
            .map(|((subject, id, name, child), contribution)| ChildTrace {
                subject,
                id,
                name,
                score: child.score,
                weight: child.weight,
                contribution,
            })
            .collect(),
    }
}

/// The trace of one score in the book.
pub fn explain(project: &Project, book: &ScoreBook, subject: &TraceSubject) -> Trace {
    let kpi_child = |k: usize, c: Child| {
        let kpi = &project.kpis[k];
        (TraceSubject::Kpi(k), kpi.id.0.clone(), kpi.label(), c)
    };
    match *subject {
        TraceSubject::Kpi(k) => Trace {
            subject: subject.clone(),
            id: project.kpis[k].id.0.clone(),
            name: project.kpis[k].label(),
            period: book.period,
            score: book.kpis[k].score,
            status: book.kpis[k].status,
            detail: TraceDetail::Kpi(kpi_trace(project, book, k)),
        },
        TraceSubject::Objective(o) => {
            let children =
                book.objective_children(project, o).into_iter().map(|(k, c)| kpi_child(k, c)).collect();
            let obj = &project.objectives[o];
            Trace {
                subject: subject.clone(),
                id: obj.id.0.clone(),
                name: obj.name.clone(),
                period: book.period,
                score: book.objectives[o].score,
                status: book.objectives[o].status,
                detail: TraceDetail::RollUp(roll_up_trace(project, obj.roll_up, children)),
            }
        }
        TraceSubject::Perspective(p) => {
            let children = book
                .perspective_children(project, p)
                .into_iter()
                .map(|(o, c)| {
                    let obj = &project.objectives[o];
                    (TraceSubject::Objective(o), obj.id.0.clone(), obj.name.clone(), c)
                })
                .collect();
            let persp = &project.perspectives[p];
            Trace {
                subject: subject.clone(),
                id: persp.id.0.clone(),
                name: persp.name.clone(),
                period: book.period,
                score: book.perspectives[p].score,
                status: book.perspectives[p].status,
                detail: TraceDetail::RollUp(roll_up_trace(project, persp.roll_up, children)),
            }
        }
        TraceSubject::Scorecard => {
            let children = book
                .scorecard_children(project)
                .into_iter()
                .map(|(p, c)| {
                    let persp = &project.perspectives[p];
                    (TraceSubject::Perspective(p), persp.id.0.clone(), persp.name.clone(), c)
                })
                .collect();
            Trace {
                subject: subject.clone(),
                id: "scorecard".into(),
                name: project.info.name.clone(),
                period: book.period,
                score: book.scorecard.score,
                status: book.scorecard.status,
                detail: TraceDetail::RollUp(roll_up_trace(project, project.scoring.roll_up, children)),
            }
        }
        TraceSubject::Department(d) | TraceSubject::DepartmentOwn(d) => {
            let dept = &project.departments[d];
            let own_only = matches!(subject, TraceSubject::DepartmentOwn(_))
                || book.index.department_children[d].is_empty();
            let children: Vec<_> = if own_only {
                book.department_kpi_children(project, d).into_iter().map(|(k, c)| kpi_child(k, c)).collect()
            } else {
                book.department_unit_children(project, d)
                    .into_iter()
                    .map(|(sub, c)| match sub {
                        None => (
                            TraceSubject::DepartmentOwn(d),
                            dept.id.0.clone(),
                            // Named in the reader's language where it is printed.
                            dept.name.clone(),
                            c,
                        ),
                        Some(s) => {
                            let sd = &project.departments[s];
                            (TraceSubject::Department(s), sd.id.0.clone(), sd.name.clone(), c)
                        }
                    })
                    .collect()
            };
            let node = match subject {
                TraceSubject::DepartmentOwn(_) => book.department_own[d].unwrap_or(book.departments[d]),
                _ => book.departments[d],
            };
            Trace {
                subject: subject.clone(),
                id: dept.id.0.clone(),
                name: dept.name.clone(),
                period: book.period,
                score: node.score,
                status: node.status,
                detail: TraceDetail::RollUp(roll_up_trace(project, dept.roll_up, children)),
            }
        }
    }
}

/// A score as text: "87.5 %" or the reason it is undefined.
pub fn score_text(score: Result<f64, Undefined>, lang: Lang) -> String {
    match score {
        Ok(s) => format!("{} %", n(s)),
        Err(u) => format!("— ({})", u.describe(lang)),
    }
}

impl Trace {
    /// The trace as plain text for `score --explain`.
    pub fn to_text(&self, project: &Project, lang: Lang) -> String {
        let mut out = String::new();
        let status = self
            .status
            .map(|s| format!(" [{}]", s.label(project, self.kpi(project), lang)))
            .unwrap_or_default();
        out.push_str(&format!(
            "{} ({}) — {} {}: {}{}\n",
            self.name,
            self.id,
            T::Period2.get(lang),
            self.period,
            score_text(self.score, lang),
            status
        ));
        match &self.detail {
            TraceDetail::Kpi(k) => {
                out.push_str(&format!(
                    "  {}: {} / {} {}\n",
                    T::PeriodsReported.get(lang),
                    k.reported,
                    k.expected,
                    T::Expected.get(lang)
                ));
                for (date, a, t) in &k.periods {
                    let show = |v: &Option<f64>| v.map(n).unwrap_or_else(|| "—".into());
                    out.push_str(&format!("    {date}  A = {:<12} T = {}\n", show(a), show(t)));
                }
                let show = |v: Option<f64>| v.map(n).unwrap_or_else(|| "—".into());
                if let Some(c) = &k.computed {
                    let how = if c.each_period { T::ComputedEachPeriod } else { T::ComputedInputsFirst };
                    out.push_str(&format!(
                        "  {}: {} ({})\n",
                        T::ComputedActual.get(lang),
                        c.expression,
                        how.get(lang)
                    ));
                    if !c.across.is_empty() {
                        out.push_str(&format!(
                            "  {}\n",
                            crate::tr!(lang, ComputedAcross, n = c.across.len(), kpis = c.across.join(", "))
                        ));
                    }
                    for (name, v) in &c.inputs {
                        out.push_str(&format!("    {name} = {}\n", show(*v)));
                    }
                    let result = match &c.result {
                        Ok(v) => n(*v),
                        Err(e) => format!("— ({})", e.describe(lang)),
                    };
                    out.push_str(&format!("  = {} = {result}\n", c.substituted));
                }
                out.push_str(&format!(
                    "  {} ({}): A = {}, T = {}, B = {}\n",
                    T::Aggregated.get(lang),
                    k.aggregation.name(lang),
                    show(k.actual),
                    show(k.target),
                    show(k.baseline)
                ));
                if k.scale != 1.0 {
                    out.push_str(&format!("  {} × {}\n", T::PerPeriodBaselineBandsAnd.get(lang), n(k.scale)));
                }
                out.push_str(&format!(
                    "  {}: {} = {}\n",
                    T::Method.get(lang),
                    crate::model::ScoringMethod::name_of_key(k.method, lang),
                    method::formula_text(k.formula, lang)
                ));
                if let Some(s) = &k.substituted {
                    out.push_str(&format!("  = {s}\n"));
                }
                if let Some(raw) = k.raw {
                    out.push_str(&format!("  {} = {} %\n", T::RawScore.get(lang), n(raw)));
                }
                if let Some(c) = k.clamp {
                    let lo = c.min.map(n).unwrap_or_else(|| "−∞".into());
                    let hi = c.max.map(n).unwrap_or_else(|| "+∞".into());
                    let applied = if k.clamped { T::Applied.get(lang) } else { T::NotNeeded.get(lang) };
                    out.push_str(&format!("  {} [{lo}, {hi}] %: {applied}\n", T::Clamp.get(lang)));
                }
                if let Err(u) = self.score {
                    out.push_str(&format!("  {}: {}\n", T::NoScore.get(lang), u.describe(lang)));
                }
            }
            TraceDetail::RollUp(r) => {
                out.push_str(&format!(
                    "  {}: {}; {}: {}\n",
                    T::RollUp2.get(lang),
                    r.rule.name(lang),
                    T::MissingData2.get(lang),
                    r.policy.name(lang)
                ));
                out.push_str(&format!(
                    "  {}: {} / {}, {} %\n",
                    T::Coverage2.get(lang),
                    r.coverage.reported,
                    r.coverage.total,
                    n(r.coverage.weight_share * 100.0)
                ));
                for c in &r.children {
                    let treatment = match c.contribution.treatment {
                        Treatment::Used => String::new(),
                        Treatment::Skipped => format!(" ({})", T::Skipped.get(lang)),
                        Treatment::CountedAsZero => format!(" ({})", T::CountedAs0.get(lang)),
                        Treatment::NotDue => format!(" ({})", Undefined::NotDue.short(lang)),
                        Treatment::CarriedForward => format!(
                            " ({} {})",
                            T::CarriedForward.get(lang),
                            c.contribution.used.map(n).unwrap_or_default()
                        ),
                    };
                    let name = match c.subject {
                        TraceSubject::DepartmentOwn(_) => format!("{} · {}", c.name, T::OwnKpis.get(lang)),
                        _ => c.name.clone(),
                    };
                    out.push_str(&format!(
                        "    {:<28} {:>10}  {} {:<6} {} {:>6} %  → {}{}\n",
                        format!("{name} ({})", c.id),
                        match c.score {
                            Ok(s) => format!("{} %", n(s)),
                            Err(u) => format!("— {}", u.short(lang)),
                        },
                        T::Weight2.get(lang),
                        n(c.weight),
                        T::Share2.get(lang),
                        n(c.contribution.share * 100.0),
                        n(c.contribution.contribution),
                        treatment
                    ));
                }
                if let Ok(s) = self.score {
                    let parts: Vec<String> = r
                        .children
                        .iter()
                        .filter(|c| c.contribution.share > 0.0)
                        .map(|c| n(c.contribution.contribution))
                        .collect();
                    out.push_str(&format!("  = {} = {} %\n", parts.join(" + "), n(s)));
                }
            }
        }
        out
    }

    fn kpi<'a>(&self, project: &'a Project) -> Option<&'a Kpi> {
        match self.subject {
            TraceSubject::Kpi(k) => project.kpis.get(k),
            _ => None,
        }
    }
}
