//! The score book: every score of a project for one period — KPIs, objectives, perspectives,
//! the scorecard and departments — computed in full or updated incrementally when one KPI's
//! values change.

use super::method::{self, Inputs, Undefined, apply_clamp};
use super::period::{Aggregate, DateRange, PeriodSpec};
use super::rollup::{Child, Coverage, roll_up};
use super::status::{self, Status};
use crate::model::{Aggregation, Kpi, MissingData, Project, RollUp};
use chrono::NaiveDate;
use std::collections::HashMap;

/// A KPI's score for the period, with what it was made from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KpiScore {
    /// The final score in percent, after any clamp, or why there is none.
    pub score: Result<f64, Undefined>,
    /// The method's result before the clamp.
    pub raw: Option<f64>,
    /// Whether the clamp changed the score.
    pub clamped: bool,
    pub status: Option<Status>,
    pub aggregate: Aggregate,
    /// Per-period quantities (baseline, bands, min/max) are multiplied by this for a sum over
    /// several periods.
    pub scale: f64,
    /// The band reached under the bands method.
    pub band: Option<usize>,
}

/// A rolled-up score with its coverage.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NodeScore {
    pub score: Result<f64, Undefined>,
    pub status: Option<Status>,
    pub coverage: Coverage,
}

impl NodeScore {
    const EMPTY: NodeScore = NodeScore {
        score: Err(Undefined::NoChildren),
        status: None,
        coverage: Coverage { reported: 0, total: 0, weight_share: 0.0 },
    };
}

/// Positions of items and who depends on whom, by index into the project's collections.
#[derive(Clone, Debug, Default)]
pub struct Index {
    pub kpi_objective: Vec<Option<usize>>,
    pub kpi_department: Vec<Option<usize>>,
    pub objective_perspective: Vec<Option<usize>>,
    pub department_parent: Vec<Option<usize>>,
    pub objective_kpis: Vec<Vec<usize>>,
    pub perspective_objectives: Vec<Vec<usize>>,
    pub department_kpis: Vec<Vec<usize>>,
    pub department_children: Vec<Vec<usize>>,
    /// Departments ordered so that every node comes after its sub-units.
    pub department_order: Vec<usize>,
}

impl Index {
    pub fn build(project: &Project) -> Self {
        let objective_pos: HashMap<&str, usize> =
            project.objectives.iter().enumerate().map(|(i, o)| (o.id.as_str(), i)).collect();
        let perspective_pos: HashMap<&str, usize> =
            project.perspectives.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
        let department_pos: HashMap<&str, usize> =
            project.departments.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();
        let mut ix = Index {
            kpi_objective: project
                .kpis
                .iter()
                .map(|k| k.objective.as_ref().and_then(|o| objective_pos.get(o.as_str()).copied()))
                .collect(),
            kpi_department: project
                .kpis
                .iter()
                .map(|k| k.department.as_ref().and_then(|d| department_pos.get(d.as_str()).copied()))
                .collect(),
            objective_perspective: project
                .objectives
                .iter()
                .map(|o| perspective_pos.get(o.perspective.as_str()).copied())
                .collect(),
            department_parent: project
                .departments
                .iter()
                .map(|d| d.parent.as_ref().and_then(|p| department_pos.get(p.as_str()).copied()))
                .collect(),
            objective_kpis: vec![Vec::new(); project.objectives.len()],
            perspective_objectives: vec![Vec::new(); project.perspectives.len()],
            department_kpis: vec![Vec::new(); project.departments.len()],
            department_children: vec![Vec::new(); project.departments.len()],
            department_order: Vec::new(),
        };
        for (k, o) in ix.kpi_objective.iter().enumerate() {
            if let Some(o) = o {
                ix.objective_kpis[*o].push(k);
            }
        }
        for (k, d) in ix.kpi_department.iter().enumerate() {
            if let Some(d) = d {
                ix.department_kpis[*d].push(k);
            }
        }
        for (o, p) in ix.objective_perspective.iter().enumerate() {
            if let Some(p) = p {
                ix.perspective_objectives[*p].push(o);
            }
        }
        for (d, p) in ix.department_parent.iter().enumerate() {
            if let Some(p) = p {
                ix.department_children[*p].push(d);
            }
        }
        // Deepest first. Depth is bounded by the node count, so a cycle (which validation
        // refuses) cannot loop forever here.
        let n = project.departments.len();
        let depth = |mut d: usize| {
            let mut depth = 0;
            while let Some(p) = ix.department_parent[d] {
                depth += 1;
                d = p;
                if depth > n {
                    break;
                }
            }
            depth
        };
        let mut order: Vec<(usize, usize)> = (0..n).map(|d| (depth(d), d)).collect();
        order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        ix.department_order = order.into_iter().map(|(_, d)| d).collect();
        ix
    }

    /// The departments from `d` up to the root.
    pub fn department_chain(&self, d: usize) -> impl Iterator<Item = usize> + '_ {
        let mut at = Some(d);
        let mut steps = 0;
        std::iter::from_fn(move || {
            let here = at?;
            steps += 1;
            at = if steps > self.department_parent.len() { None } else { self.department_parent[here] };
            Some(here)
        })
    }
}

/// All scores of a project for one period.
#[derive(Clone, Debug)]
pub struct ScoreBook {
    pub period: PeriodSpec,
    pub range: DateRange,
    pub index: Index,
    pub kpis: Vec<KpiScore>,
    /// Each KPI's most recent earlier score, when the project carries values forward.
    pub carried: Vec<Option<f64>>,
    pub objectives: Vec<NodeScore>,
    pub perspectives: Vec<NodeScore>,
    /// The roll-up of a department's own KPIs (before its sub-units are added).
    pub department_own: Vec<Option<NodeScore>>,
    pub departments: Vec<NodeScore>,
    pub scorecard: NodeScore,
}

impl ScoreBook {
    /// Computes every score of the project for `period`.
    pub fn compute(project: &Project, period: PeriodSpec) -> Self {
        let range = period.range();
        let index = Index::build(project);
        // Computed KPIs' formulas are read once for the whole book.
        let formulas = project
            .kpis
            .iter()
            .any(|k| k.expression.is_some())
            .then(|| super::computed::Formulas::new(project));
        let kpis: Vec<KpiScore> =
            (0..project.kpis.len()).map(|k| score_kpi_with(project, formulas.as_ref(), k, range)).collect();
        let carried = carried_scores(project, &kpis, range);
        let mut book = ScoreBook {
            period,
            range,
            kpis,
            carried,
            objectives: vec![NodeScore::EMPTY; project.objectives.len()],
            perspectives: vec![NodeScore::EMPTY; project.perspectives.len()],
            department_own: vec![None; project.departments.len()],
            departments: vec![NodeScore::EMPTY; project.departments.len()],
            scorecard: NodeScore::EMPTY,
            index,
        };
        for o in 0..project.objectives.len() {
            book.objectives[o] = book.objective_score(project, o);
        }
        for p in 0..project.perspectives.len() {
            book.perspectives[p] = book.perspective_score(project, p);
        }
        book.scorecard = book.scorecard_score(project);
        for i in 0..book.index.department_order.len() {
            let d = book.index.department_order[i];
            book.update_department_node(project, d);
        }
        book
    }

    /// Recomputes after the values (actuals, targets, method …) of KPI `k` changed, touching only
    /// the KPI, its objective, perspective and the scorecard, and its department chain. The
    /// project's structure (which KPIs, objectives, departments exist, and where) must be the one
    /// the book was computed for.
    pub fn update_kpi(&mut self, project: &Project, k: usize) {
        self.update_kpi_with(project, None, k);
    }

    /// `update_kpi`, with the project's formulas at hand (a computed KPI over a quarter or a
    /// year needs them; reading them for one KPI costs more than the rest of the update).
    pub fn update_kpi_with(
        &mut self,
        project: &Project,
        formulas: Option<&super::computed::Formulas>,
        k: usize,
    ) {
        self.kpis[k] = match formulas {
            Some(f) => score_kpi_with(project, Some(f), k, self.range),
            None => score_kpi(project, &project.kpis[k], self.range),
        };
        if project.scoring.missing_data == MissingData::CarryForward {
            self.carried[k] = carried_score(project, &project.kpis[k], &self.kpis[k], self.range);
        }
        if let Some(o) = self.index.kpi_objective[k] {
            self.objectives[o] = self.objective_score(project, o);
            if let Some(p) = self.index.objective_perspective[o] {
                self.perspectives[p] = self.perspective_score(project, p);
            }
            self.scorecard = self.scorecard_score(project);
        }
        if let Some(d) = self.index.kpi_department[k] {
            let chain: Vec<usize> = self.index.department_chain(d).collect();
            for d in chain {
                self.update_department_node(project, d);
            }
        }
    }

    fn kpi_child(&self, project: &Project, k: usize) -> Child {
        // A weight changed from a date weighs the periods from then on (a year, by its weight at
        // the year's end).
        Child {
            score: self.kpis[k].score,
            weight: project.kpis[k].weight_at(self.range.end),
            carried: self.carried[k],
        }
    }

    /// The children of an objective as the roll-up sees them (excluded KPIs are left out).
    pub fn objective_children(&self, project: &Project, o: usize) -> Vec<(usize, Child)> {
        self.index.objective_kpis[o]
            .iter()
            .filter(|&&k| !project.kpis[k].excluded)
            .map(|&k| (k, self.kpi_child(project, k)))
            .collect()
    }

    pub fn perspective_children(&self, project: &Project, p: usize) -> Vec<(usize, Child)> {
        self.index.perspective_objectives[p]
            .iter()
            .map(|&o| {
                (
                    o,
                    Child {
                        score: self.objectives[o].score,
                        weight: project.objectives[o].weight,
                        carried: None,
                    },
                )
            })
            .collect()
    }

    pub fn scorecard_children(&self, project: &Project) -> Vec<(usize, Child)> {
        (0..project.perspectives.len())
            .map(|p| {
                (
                    p,
                    Child {
                        score: self.perspectives[p].score,
                        weight: project.perspectives[p].weight,
                        carried: None,
                    },
                )
            })
            .collect()
    }

    pub fn department_kpi_children(&self, project: &Project, d: usize) -> Vec<(usize, Child)> {
        self.index.department_kpis[d]
            .iter()
            .filter(|&&k| !project.kpis[k].excluded)
            .map(|&k| (k, self.kpi_child(project, k)))
            .collect()
    }

    /// A department's children when it has sub-units: its own KPIs as one child (weight 1, when
    /// it has any) followed by each sub-unit with its weight.
    pub fn department_unit_children(&self, project: &Project, d: usize) -> Vec<(Option<usize>, Child)> {
        let mut out = Vec::new();
        if let Some(own) = self.department_own[d] {
            out.push((None, Child { score: own.score, weight: 1.0, carried: None }));
        }
        for &c in &self.index.department_children[d] {
            out.push((
                Some(c),
                Child {
                    score: self.departments[c].score,
                    weight: project.departments[c].weight,
                    carried: None,
                },
            ));
        }
        out
    }

    fn node(&self, project: &Project, rule: RollUp, children: &[Child]) -> NodeScore {
        let (score, coverage) = roll_up(rule, project.scoring.missing_data, children);
        let status = score.ok().and_then(|s| status::node_status(project, s));
        NodeScore { score, status, coverage }
    }

    fn objective_score(&self, project: &Project, o: usize) -> NodeScore {
        let children: Vec<Child> = self.objective_children(project, o).into_iter().map(|(_, c)| c).collect();
        self.node(project, project.objectives[o].roll_up, &children)
    }

    fn perspective_score(&self, project: &Project, p: usize) -> NodeScore {
        let children: Vec<Child> =
            self.perspective_children(project, p).into_iter().map(|(_, c)| c).collect();
        self.node(project, project.perspectives[p].roll_up, &children)
    }

    fn scorecard_score(&self, project: &Project) -> NodeScore {
        let children: Vec<Child> = self.scorecard_children(project).into_iter().map(|(_, c)| c).collect();
        self.node(project, project.scoring.roll_up, &children)
    }

    fn update_department_node(&mut self, project: &Project, d: usize) {
        let rule = project.departments[d].roll_up;
        let own: Vec<Child> = self.department_kpi_children(project, d).into_iter().map(|(_, c)| c).collect();
        self.department_own[d] = (!own.is_empty()).then(|| self.node(project, rule, &own));
        self.departments[d] = if self.index.department_children[d].is_empty() {
            self.department_own[d].unwrap_or(NodeScore::EMPTY)
        } else {
            let children: Vec<Child> =
                self.department_unit_children(project, d).into_iter().map(|(_, c)| c).collect();
            self.node(project, rule, &children)
        };
    }
}

/// Scores one KPI over a date range.
pub fn score_kpi(project: &Project, kpi: &Kpi, range: DateRange) -> KpiScore {
    let frequency = project.frequency_of(kpi);
    let agg = super::computed::aggregate_kpi(project, kpi, frequency, range);
    score_aggregate(project, kpi, range, agg)
}

/// Scores KPI `k` over a date range, with the project's formulas read already (when it has
/// computed KPIs).
pub fn score_kpi_with(
    project: &Project,
    formulas: Option<&super::computed::Formulas>,
    k: usize,
    range: DateRange,
) -> KpiScore {
    let kpi = &project.kpis[k];
    let frequency = project.frequency_of(kpi);
    let agg = match formulas {
        Some(f) => super::computed::aggregate_kpi_with(project, f, k, frequency, range),
        None => super::period::aggregate(kpi, frequency, range),
    };
    score_aggregate(project, kpi, range, agg)
}

fn score_aggregate(project: &Project, kpi: &Kpi, _range: DateRange, agg: Aggregate) -> KpiScore {
    let scale = if kpi.aggregation == Aggregation::Sum { agg.reported.max(1) as f64 } else { 1.0 };
    let mut out = KpiScore {
        score: Err(Undefined::NoActual),
        raw: None,
        clamped: false,
        status: None,
        aggregate: agg,
        scale,
        band: None,
    };
    if kpi.excluded {
        out.score = Err(Undefined::Excluded);
        return out;
    }
    if agg.expected == 0 && agg.actual.is_none() {
        out.score = Err(Undefined::NotDue);
        return out;
    }
    let Some(actual) = agg.actual else { return out };
    let Some(target) = agg.target else {
        out.score = Err(Undefined::NoTarget);
        return out;
    };
    if !actual.is_finite() || !target.is_finite() {
        out.score = Err(Undefined::TooLarge);
        return out;
    }
    let e = evaluate(project, kpi, actual, target, scale);
    out.score = e.score;
    out.raw = e.raw;
    out.clamped = e.clamped;
    out.band = e.band;
    out.status = e.status;
    out
}

/// One actual scored against one target.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Evaluated {
    pub score: Result<f64, Undefined>,
    pub raw: Option<f64>,
    pub clamped: bool,
    pub band: Option<usize>,
    pub status: Option<Status>,
}

/// Scores `actual` against `target` by the KPI's method, clamp and status rules; `scale` is the
/// number of periods a sum spans. The one place a KPI's number becomes a score and a status
/// (`score_kpi` uses it, and so do the charts' status bands).
pub fn evaluate(project: &Project, kpi: &Kpi, actual: f64, target: f64, scale: f64) -> Evaluated {
    let method = kpi.scoring.as_ref().unwrap_or(&project.scoring.method);
    let inputs = Inputs {
        actual,
        target,
        baseline: kpi.baseline,
        min: kpi.min,
        max: kpi.max,
        band: kpi.band,
        polarity: kpi.polarity,
        scale,
        bands: None,
    };
    match method::apply(method, &inputs) {
        Err(e) => Evaluated { score: Err(e), raw: None, clamped: false, band: None, status: None },
        // Overflow (1e300 / 1e-300) is a stated reason, never "inf %" or "NaN %".
        Ok(r) if !r.raw.is_finite() => {
            Evaluated { score: Err(Undefined::TooLarge), raw: None, clamped: false, band: None, status: None }
        }
        Ok(r) => {
            let clamp = kpi.clamp.as_ref().or(project.scoring.clamp.as_ref());
            let (score, clamped) = apply_clamp(r.raw, clamp);
            Evaluated {
                score: Ok(score),
                raw: Some(r.raw),
                clamped,
                band: r.band,
                status: status::kpi_status(project, kpi, score, Some(actual), r.band),
            }
        }
    }
}

/// The most recent reported period of `kpi` ending before `before`.
pub fn last_reported_before(project: &Project, kpi: &Kpi, before: NaiveDate) -> Option<DateRange> {
    let frequency = project.frequency_of(kpi);
    let end = kpi.series.partition_point(|p| frequency.period_end(p.date) < before);
    kpi.series[..end]
        .iter()
        .rev()
        .find(|p| p.actual.is_some())
        .map(|p| DateRange { start: p.date, end: frequency.period_end(p.date) })
}

fn carried_score(project: &Project, kpi: &Kpi, current: &KpiScore, range: DateRange) -> Option<f64> {
    if current.score.is_ok() || kpi.excluded {
        return None;
    }
    let earlier = last_reported_before(project, kpi, range.start)?;
    score_kpi(project, kpi, earlier).score.ok()
}

fn carried_scores(project: &Project, kpis: &[KpiScore], range: DateRange) -> Vec<Option<f64>> {
    if project.scoring.missing_data != MissingData::CarryForward {
        return vec![None; kpis.len()];
    }
    project.kpis.iter().zip(kpis).map(|(k, s)| carried_score(project, k, s, range)).collect()
}
