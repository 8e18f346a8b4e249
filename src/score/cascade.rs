//! The cascade from company to departments and roles (公司KPI → 部门KPI → 员工KPI): whether
//! decomposed targets still add up, splitting a parent's target among its children, the
//! responsibility matrix (指标分解矩阵), each department's share of the company score, and the
//! appraisal grade of a performance contract (绩效合同).

use super::period::{DateRange, PeriodSpec};
use super::weights::objective_shares;
use crate::model::lint::DECOMPOSITION_TOLERANCE;
use crate::model::*;
use std::collections::HashMap;

/// The KPIs that decompose KPI `parent`, in document order.
pub fn children_of(project: &Project, parent: usize) -> Vec<usize> {
    let id = &project.kpis[parent].id;
    project
        .kpis
        .iter()
        .enumerate()
        .filter(|(_, k)| matches!(&k.cascade, Some(Cascade::Decompose { parent: p, .. }) if p == id))
        .map(|(i, _)| i)
        .collect()
}

/// Whether children's targets must add up to the parent's: only for KPIs that aggregate by sum
/// (a sales target is split by region; a rate cascaded to departments is carried whole).
pub fn is_additive(kpi: &Kpi) -> bool {
    kpi.aggregation == Aggregation::Sum
}

/// How the children's targets stand against the parent's target.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Balance {
    /// The children's targets add up to the parent's.
    Balanced,
    /// The children's targets fall short of the parent's by this much.
    Short(f64),
    /// The children's targets exceed the parent's by this much.
    Over(f64),
    /// The parent has no target, or some child has none yet.
    Unknown,
    /// The parent does not aggregate by sum: each child carries the parent's target whole.
    Carried,
}

/// One parent KPI and the KPIs decomposing it.
#[derive(Clone, Debug, PartialEq)]
pub struct Decomposition {
    pub parent: usize,
    pub children: Vec<usize>,
    pub target: Option<f64>,
    /// The sum of the children's targets.
    pub allocated: f64,
    /// Children without a target.
    pub unset: usize,
    pub balance: Balance,
}

/// The decomposition of KPI `parent`: its children and whether their targets add up.
pub fn decomposition(project: &Project, parent: usize) -> Decomposition {
    let children = children_of(project, parent);
    let kpi = &project.kpis[parent];
    let allocated: f64 = children.iter().filter_map(|&c| project.kpis[c].target).sum();
    let unset = children.iter().filter(|&&c| project.kpis[c].target.is_none()).count();
    let balance = match kpi.target {
        _ if !is_additive(kpi) => Balance::Carried,
        Some(t) if unset == 0 && !children.is_empty() => {
            let tolerance = DECOMPOSITION_TOLERANCE * t.abs().max(1e-9);
            let diff = allocated - t;
            if diff.abs() <= tolerance {
                Balance::Balanced
            } else if diff < 0.0 {
                Balance::Short(-diff)
            } else {
                Balance::Over(diff)
            }
        }
        _ => Balance::Unknown,
    };
    Decomposition { parent, children, target: kpi.target, allocated, unset, balance }
}

/// How a parent's target is split among its children.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SplitRule {
    /// The same share for every child.
    Evenly,
    /// In proportion to the weights of the children's departments in the organisation tree.
    ByDepartmentWeight,
    /// In proportion to what each child achieved in the given year.
    ByLastYear { year: i32 },
}

/// Why a target could not be split. Nothing is changed.
#[derive(Clone, Debug, PartialEq)]
pub enum SplitError {
    NoChildren,
    NoTarget,
    NotAdditive,
    NoHistory { year: i32, missing: Vec<String> },
    ZeroBasis,
}

impl SplitError {
    pub fn describe(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::T;
        match self {
            SplitError::NoChildren => T::SplitNoChildren.get(lang).into(),
            SplitError::NoTarget => T::SplitNoTarget.get(lang).into(),
            SplitError::NotAdditive => T::SplitNotAdditive.get(lang).into(),
            SplitError::NoHistory { year, missing } => {
                crate::tr!(lang, SplitNoHistory, year = year, kpis = missing.join(T::ListSeparator.get(lang)))
            }
            SplitError::ZeroBasis => T::SplitZeroBasis.get(lang).into(),
        }
    }
}

impl std::fmt::Display for SplitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(crate::i18n::Lang::En))
    }
}

impl std::error::Error for SplitError {}

/// The children's new shares and targets.
#[derive(Clone, Debug, PartialEq)]
pub struct SplitPlan {
    pub parent: usize,
    /// (child KPI, share 0–1, target).
    pub children: Vec<(usize, f64, f64)>,
}

impl SplitPlan {
    /// The children with their new target and share, ready to be written back.
    pub fn updated_kpis(&self, project: &Project) -> Vec<Kpi> {
        let parent = project.kpis[self.parent].id.clone();
        self.children
            .iter()
            .map(|&(c, share, target)| {
                let mut k = project.kpis[c].clone();
                k.target = Some(target);
                k.cascade = Some(Cascade::Decompose { parent: parent.clone(), share: Some(round(share, 4)) });
                k
            })
            .collect()
    }
}

fn round(v: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (v * f).round() / f
}

/// What each child achieved over `year`, by its own aggregation rule.
pub fn actual_in_year(project: &Project, kpi: &Kpi, year: i32) -> Option<f64> {
    let range = PeriodSpec::Year { year }.range();
    super::computed::aggregate_kpi(
        project,
        kpi,
        project.frequency_of(kpi),
        DateRange { start: range.start, end: range.end },
    )
    .actual
}

/// Splits the parent's target among its children by `rule`. Targets are rounded to 0.01 and
/// the rounding difference goes to the largest child, so they add up exactly.
pub fn plan_split(project: &Project, parent: usize, rule: SplitRule) -> Result<SplitPlan, SplitError> {
    let kpi = &project.kpis[parent];
    if !is_additive(kpi) {
        return Err(SplitError::NotAdditive);
    }
    let target = kpi.target.ok_or(SplitError::NoTarget)?;
    let children = children_of(project, parent);
    if children.is_empty() {
        return Err(SplitError::NoChildren);
    }
    let basis: Vec<f64> = match rule {
        SplitRule::Evenly => vec![1.0; children.len()],
        SplitRule::ByDepartmentWeight => children
            .iter()
            .map(|&c| {
                project.kpis[c]
                    .department
                    .as_ref()
                    .and_then(|d| project.department(d))
                    .map_or(0.0, |d| d.weight.max(0.0))
            })
            .collect(),
        SplitRule::ByLastYear { year } => {
            let values: Vec<Option<f64>> =
                children.iter().map(|&c| actual_in_year(project, &project.kpis[c], year)).collect();
            let missing: Vec<String> = children
                .iter()
                .zip(&values)
                .filter(|(_, v)| v.is_none())
                .map(|(&c, _)| child_label(project, c))
                .collect();
            if !missing.is_empty() {
                return Err(SplitError::NoHistory { year, missing });
            }
            values.into_iter().map(|v| v.unwrap_or(0.0).max(0.0)).collect()
        }
    };
    let total: f64 = basis.iter().sum();
    if total <= 0.0 {
        return Err(SplitError::ZeroBasis);
    }
    let mut targets: Vec<f64> = basis.iter().map(|b| round(target * b / total, 2)).collect();
    let diff = target - targets.iter().sum::<f64>();
    if diff.abs() > 1e-9
        && let Some(i) = (0..targets.len()).max_by(|&a, &b| targets[a].total_cmp(&targets[b]))
    {
        targets[i] = round(targets[i] + diff, 2);
    }
    Ok(SplitPlan {
        parent,
        children: children
            .iter()
            .zip(basis.iter().zip(targets))
            .map(|(&c, (b, t))| (c, b / total, t))
            .collect(),
    })
}

/// "销售部 K05.1": the child's department and code, to name it in messages.
pub fn child_label(project: &Project, k: usize) -> String {
    let kpi = &project.kpis[k];
    match kpi.department.as_ref().and_then(|d| project.department(d)) {
        Some(d) => format!("{} {}", d.name, kpi.label()),
        None => kpi.label(),
    }
}

/// How a department takes on a company KPI or objective.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CascadeMode {
    /// The department carries a share of the KPI's target.
    Decompose,
    /// The department writes its own KPI supporting the KPI's objective.
    Align,
}

/// New department KPIs taking on KPI `parent`, one per department in `departments` (skipping any
/// that already carry it). Decomposed children copy the parent's definition; for an additive
/// KPI the first child gets what is not yet allocated, so the split starts balanced and the user
/// divides it from there. Aligned KPIs start as a copy the department then rewrites.
pub fn cascade_kpis(
    project: &Project,
    parent: usize,
    departments: &[DepartmentId],
    mode: CascadeMode,
) -> Vec<Kpi> {
    let p = &project.kpis[parent];
    let existing = children_of(project, parent);
    let carried: Vec<&DepartmentId> = match mode {
        CascadeMode::Decompose => existing.iter().filter_map(|&c| project.kpis[c].department.as_ref()).collect(),
        CascadeMode::Align => project
            .kpis
            .iter()
            .filter(|k| matches!(&k.cascade, Some(Cascade::Align { objective }) if Some(objective) == p.objective.as_ref()))
            .filter_map(|k| k.department.as_ref())
            .collect(),
    };
    let mut next = next_number(KpiId::PREFIX, project.kpis.iter().map(|k| k.id.as_str()));
    let mut unallocated = match (is_additive(p), p.target) {
        (true, Some(t)) => {
            let d = decomposition(project, parent);
            Some((t - d.allocated).max(0.0))
        }
        _ => None,
    };
    let mut serial = existing.len();
    let mut out = Vec::new();
    for d in departments {
        if carried.contains(&d) || project.department(d).is_none() {
            continue;
        }
        let objective = match (mode, &p.objective) {
            (CascadeMode::Align, Some(o)) => o.clone(),
            (CascadeMode::Align, None) => continue,
            _ => ObjectiveId::new(""),
        };
        serial += 1;
        let mut k = Kpi::new(KpiId::numbered(next), p.name.clone());
        next += 1;
        k.code = if p.code.is_empty() { String::new() } else { format!("{}.{serial}", p.code) };
        k.definition = p.definition.clone();
        k.formula = p.formula.clone();
        k.unit = p.unit.clone();
        k.polarity = p.polarity;
        k.band = p.band;
        k.frequency = p.frequency;
        k.aggregation = p.aggregation;
        k.baseline = if is_additive(p) { None } else { p.baseline };
        k.scoring = p.scoring.clone();
        k.clamp = p.clamp;
        k.status_rules = p.status_rules.clone();
        k.data_source = p.data_source.clone();
        k.tags = p.tags.clone();
        k.department = Some(d.clone());
        k.owner = project.department(d).map(|d| d.head.clone()).unwrap_or_default();
        match mode {
            CascadeMode::Decompose => {
                k.cascade = Some(Cascade::Decompose { parent: p.id.clone(), share: None });
                k.target = match unallocated.take() {
                    Some(rest) => Some(rest),
                    None if is_additive(p) => Some(0.0),
                    None => p.target,
                };
                if is_additive(p) {
                    unallocated = Some(0.0);
                }
            }
            CascadeMode::Align => {
                k.cascade = Some(Cascade::Align { objective });
                k.target = p.target;
            }
        }
        out.push(k);
    }
    out
}

/// A row of the responsibility matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MatrixRow {
    /// A company objective: departments' KPIs aligned to it.
    Objective(usize),
    /// A company KPI: departments' KPIs decomposing it.
    Kpi(usize),
    /// Departments' other KPIs: their own, or cascaded from a department KPI.
    Other,
}

/// The responsibility matrix (指标分解矩阵): company objectives and KPIs as rows, departments
/// and roles as columns, and in each cell the department KPIs that carry the row.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Matrix {
    /// Department indices, in tree order.
    pub columns: Vec<usize>,
    pub rows: Vec<MatrixRow>,
    /// (row, column) → department KPIs in that cell.
    pub cells: HashMap<(usize, usize), Vec<usize>>,
    /// Each column's total KPI weight (excluded KPIs left out), which should be 100.
    pub column_totals: Vec<f64>,
}

impl Matrix {
    pub fn build(project: &Project) -> Self {
        let dept_pos: HashMap<&DepartmentId, usize> =
            project.departments.iter().enumerate().map(|(i, d)| (&d.id, i)).collect();
        // Columns: every node in depth-first tree order, roots only when they carry KPIs.
        let mut columns = Vec::new();
        for d in tree_order(project) {
            let dept = &project.departments[d];
            if dept.parent.is_some() || project.kpis_of_department(&dept.id).next().is_some() {
                columns.push(d);
            }
        }
        let column_of: HashMap<usize, usize> = columns.iter().enumerate().map(|(c, &d)| (d, c)).collect();
        // Rows: objectives in perspective order, each followed by its KPIs.
        let mut rows = Vec::new();
        let mut objective_row = HashMap::new();
        let mut kpi_row = HashMap::new();
        for persp in &project.perspectives {
            for (o, obj) in project.objectives.iter().enumerate().filter(|(_, o)| o.perspective == persp.id) {
                objective_row.insert(&obj.id, rows.len());
                rows.push(MatrixRow::Objective(o));
                for (k, kpi) in project.kpis.iter().enumerate() {
                    if kpi.objective.as_ref() == Some(&obj.id) {
                        kpi_row.insert(&kpi.id, rows.len());
                        rows.push(MatrixRow::Kpi(k));
                    }
                }
            }
        }
        let other = rows.len();
        rows.push(MatrixRow::Other);
        let mut cells: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
        let mut column_totals = vec![0.0; columns.len()];
        for (k, kpi) in project.kpis.iter().enumerate() {
            let Some(col) =
                kpi.department.as_ref().and_then(|d| dept_pos.get(d)).and_then(|d| column_of.get(d)).copied()
            else {
                continue;
            };
            if !kpi.excluded {
                column_totals[col] += kpi.weight;
            }
            let row = match &kpi.cascade {
                Some(Cascade::Decompose { parent, .. }) => kpi_row.get(parent).copied(),
                Some(Cascade::Align { objective }) => objective_row.get(objective).copied(),
                None => None,
            }
            .unwrap_or(other);
            cells.entry((row, col)).or_default().push(k);
        }
        Matrix { columns, rows, cells, column_totals }
    }

    pub fn cell(&self, row: usize, column: usize) -> &[usize] {
        self.cells.get(&(row, column)).map_or(&[], |v| v.as_slice())
    }

    /// The weight total of one cell.
    pub fn cell_weight(&self, project: &Project, row: usize, column: usize) -> f64 {
        self.cell(row, column).iter().map(|&k| project.kpis[k].weight).sum()
    }
}

/// Whether a weight total counts as 100 %.
pub fn is_hundred(total: f64) -> bool {
    (total - 100.0).abs() <= 0.01
}

/// Department indices in depth-first order (each node followed by its sub-units), roots in
/// document order.
pub fn tree_order(project: &Project) -> Vec<usize> {
    let n = project.departments.len();
    let pos: HashMap<&DepartmentId, usize> =
        project.departments.iter().enumerate().map(|(i, d)| (&d.id, i)).collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for (i, d) in project.departments.iter().enumerate() {
        match d.parent.as_ref().and_then(|p| pos.get(p)) {
            Some(&p) if p != i => children[p].push(i),
            _ => roots.push(i),
        }
    }
    let mut out = Vec::with_capacity(n);
    let mut seen = vec![false; n];
    let mut stack: Vec<usize> = roots.into_iter().rev().collect();
    while let Some(d) = stack.pop() {
        if std::mem::replace(&mut seen[d], true) {
            continue;
        }
        out.push(d);
        stack.extend(children[d].iter().rev());
    }
    // Nodes on a cycle (which validation refuses) are still listed once.
    out.extend((0..n).filter(|&d| !seen[d]));
    out
}

/// The depth of each department in the tree (roots 0).
pub fn depths(project: &Project) -> Vec<usize> {
    let pos: HashMap<&DepartmentId, usize> =
        project.departments.iter().enumerate().map(|(i, d)| (&d.id, i)).collect();
    (0..project.departments.len())
        .map(|mut d| {
            let mut depth = 0;
            while let Some(&p) = project.departments[d].parent.as_ref().and_then(|p| pos.get(p)) {
                depth += 1;
                d = p;
                if depth > project.departments.len() {
                    break;
                }
            }
            depth
        })
        .collect()
}

/// Each KPI's share (percent) of the company scorecard that it carries through the cascade.
/// A company KPI carries its absolute weight. A decomposing KPI carries its parent's share in
/// proportion to its target among its siblings' (or its planned share, or equally when targets
/// are not additive). An aligned KPI carries an equal part of its objective's weight with the
/// other KPIs aligned to it. KPIs outside the cascade carry nothing.
pub fn company_shares(project: &Project) -> Vec<f64> {
    let n = project.kpis.len();
    let absolute = super::weights::absolute_weights(project);
    let objectives = objective_shares(project);
    let objective_pos: HashMap<&ObjectiveId, usize> =
        project.objectives.iter().enumerate().map(|(i, o)| (&o.id, i)).collect();
    let kpi_pos: HashMap<&KpiId, usize> = project.kpis.iter().enumerate().map(|(i, k)| (&k.id, i)).collect();
    let mut aligned_count: HashMap<&ObjectiveId, usize> = HashMap::new();
    let mut siblings: HashMap<&KpiId, (usize, f64, bool)> = HashMap::new();
    for k in project.kpis.iter().filter(|k| !k.excluded) {
        match &k.cascade {
            Some(Cascade::Align { objective }) => *aligned_count.entry(objective).or_default() += 1,
            Some(Cascade::Decompose { parent, .. }) => {
                let e = siblings.entry(parent).or_insert((0, 0.0, true));
                e.0 += 1;
                match k.target {
                    Some(t) => e.1 += t,
                    None => e.2 = false,
                }
            }
            None => {}
        }
    }
    let mut memo: Vec<Option<f64>> = vec![None; n];
    fn share_of(k: usize, project: &Project, cx: &Context, memo: &mut Vec<Option<f64>>, depth: usize) -> f64 {
        if let Some(v) = memo[k] {
            return v;
        }
        let kpi = &project.kpis[k];
        let v = if kpi.excluded || depth > project.kpis.len() {
            0.0
        } else if kpi.objective.is_some() {
            cx.absolute[k]
        } else {
            match &kpi.cascade {
                Some(Cascade::Align { objective }) => match cx.objective_pos.get(objective) {
                    Some(&o) => {
                        let count = cx.aligned_count.get(objective).copied().unwrap_or(1).max(1);
                        cx.objectives[o] * 100.0 / count as f64
                    }
                    None => 0.0,
                },
                Some(Cascade::Decompose { parent, share }) => match cx.kpi_pos.get(parent) {
                    Some(&p) => {
                        let parent_share = share_of(p, project, cx, memo, depth + 1);
                        let (count, total, all) = cx.siblings.get(parent).copied().unwrap_or((1, 0.0, false));
                        let fraction = if is_additive(&project.kpis[p]) && all && total > 0.0 {
                            kpi.target.unwrap_or(0.0).max(0.0) / total
                        } else if let Some(s) = share {
                            *s
                        } else {
                            1.0 / count.max(1) as f64
                        };
                        parent_share * fraction
                    }
                    None => 0.0,
                },
                None => 0.0,
            }
        };
        memo[k] = Some(v);
        v
    }
    struct Context<'a> {
        absolute: Vec<f64>,
        objectives: Vec<f64>,
        objective_pos: HashMap<&'a ObjectiveId, usize>,
        kpi_pos: HashMap<&'a KpiId, usize>,
        aligned_count: HashMap<&'a ObjectiveId, usize>,
        siblings: HashMap<&'a KpiId, (usize, f64, bool)>,
    }
    let cx = Context { absolute, objectives, objective_pos, kpi_pos, aligned_count, siblings };
    (0..n).map(|k| share_of(k, project, &cx, &mut memo, 0)).collect()
}

/// The appraisal grade for a score: the best band whose minimum the score reaches, or the lowest
/// band when it reaches none.
pub fn grade(score: f64, bands: &[GradeBand]) -> Option<&GradeBand> {
    let mut sorted: Vec<&GradeBand> = bands.iter().collect();
    sorted.sort_by(|a, b| b.min_score.total_cmp(&a.min_score));
    sorted.iter().find(|b| score >= b.min_score).or(sorted.last()).copied()
}

/// The bands as one line: "A ≥ 110, B ≥ 95, C ≥ 80, D < 80".
pub fn grade_legend(bands: &[GradeBand]) -> String {
    let mut sorted: Vec<&GradeBand> = bands.iter().collect();
    sorted.sort_by(|a, b| b.min_score.total_cmp(&a.min_score));
    let mut parts: Vec<String> = Vec::new();
    for (i, b) in sorted.iter().enumerate() {
        if i + 1 == sorted.len() && i > 0 {
            parts.push(format!(
                "{} < {}",
                b.grade,
                crate::model::lint::format_number(sorted[i - 1].min_score)
            ));
        } else {
            parts.push(format!("{} ≥ {}", b.grade, crate::model::lint::format_number(b.min_score)));
        }
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io;

    fn sample(name: &str) -> Project {
        let bytes = std::fs::read(format!("{}/sample-projects/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        io::parse_project(&bytes).unwrap().project
    }

    fn by_code(p: &Project, code: &str) -> usize {
        p.kpis.iter().position(|k| k.code == code).unwrap()
    }

    #[test]
    fn manufacturer_sales_decomposition_is_balanced() {
        let p = sample("manufacturer-kra.json");
        let k05 = by_code(&p, "K05");
        let d = decomposition(&p, k05);
        assert_eq!(d.children.len(), 2);
        assert_eq!(d.target, Some(6000.0));
        assert!((d.allocated - 6000.0).abs() < 1e-9);
        assert_eq!(d.balance, Balance::Balanced);
        // A rate is carried whole, never summed.
        assert_eq!(decomposition(&p, by_code(&p, "K12")).balance, Balance::Carried);
    }

    #[test]
    fn shortfall_and_over_allocation_are_measured() {
        let mut p = sample("manufacturer-kra.json");
        let k05 = by_code(&p, "K05");
        let child = decomposition(&p, k05).children[0];
        p.kpis[child].target = Some(p.kpis[child].target.unwrap() - 100.0);
        assert_eq!(decomposition(&p, k05).balance, Balance::Short(100.0));
        p.kpis[child].target = Some(p.kpis[child].target.unwrap() + 250.0);
        assert_eq!(decomposition(&p, k05).balance, Balance::Over(150.0));
        p.kpis[child].target = None;
        let d = decomposition(&p, k05);
        assert_eq!((d.balance, d.unset), (Balance::Unknown, 1));
    }

    #[test]
    fn splits_evenly_by_weight_and_by_last_year() {
        let mut p = sample("manufacturer-kra.json");
        let k05 = by_code(&p, "K05");
        // Evenly: 3000 each.
        let plan = plan_split(&p, k05, SplitRule::Evenly).unwrap();
        let targets: Vec<f64> = plan.children.iter().map(|c| c.2).collect();
        assert_eq!(targets, vec![3000.0, 3000.0]);
        // By department weight 1 : 3.
        let kids = children_of(&p, k05);
        let dept_of = |p: &Project, k: usize| {
            p.departments.iter().position(|d| Some(&d.id) == p.kpis[k].department.as_ref()).unwrap()
        };
        let (a, b) = (dept_of(&p, kids[0]), dept_of(&p, kids[1]));
        p.departments[a].weight = 1.0;
        p.departments[b].weight = 3.0;
        let plan = plan_split(&p, k05, SplitRule::ByDepartmentWeight).unwrap();
        assert_eq!(plan.children.iter().map(|c| c.2).collect::<Vec<_>>(), vec![1500.0, 4500.0]);
        assert_eq!(plan.children[0].1, 0.25);
        // By last year's actuals: 2025 totals of each child, in proportion; thirds round so the
        // targets still add up exactly.
        let y0 = actual_in_year(&p, &p.kpis[kids[0]], 2025).unwrap();
        let y1 = actual_in_year(&p, &p.kpis[kids[1]], 2025).unwrap();
        let plan = plan_split(&p, k05, SplitRule::ByLastYear { year: 2025 }).unwrap();
        assert!((plan.children[0].2 - 6000.0 * y0 / (y0 + y1)).abs() < 0.011);
        let total: f64 = plan.children.iter().map(|c| c.2).sum();
        assert!((total - 6000.0).abs() < 1e-9, "{total}");
        // Applying the plan balances the decomposition.
        for k in plan.updated_kpis(&p) {
            let at = p.kpis.iter().position(|x| x.id == k.id).unwrap();
            p.kpis[at] = k;
        }
        assert_eq!(decomposition(&p, k05).balance, Balance::Balanced);
        assert!(crate::model::validate::validate(&p).is_empty());
        // Thirds: 2000.00 + 2000.00 + 2000.00, and 1000/3 rounds with the remainder placed.
        p.kpis[k05].target = Some(1000.0);
        let extra = cascade_kpis(&p, k05, &[DepartmentId::new("dept-2")], CascadeMode::Decompose);
        p.kpis.extend(extra);
        let plan = plan_split(&p, k05, SplitRule::Evenly).unwrap();
        let t: Vec<f64> = plan.children.iter().map(|c| c.2).collect();
        assert_eq!(t.iter().filter(|&&x| x == 333.33).count(), 2);
        assert!((t.iter().sum::<f64>() - 1000.0).abs() < 1e-9, "{t:?}");
    }

    #[test]
    fn split_refuses_what_it_cannot_do() {
        let p = sample("manufacturer-kra.json");
        assert_eq!(plan_split(&p, by_code(&p, "K12"), SplitRule::Evenly), Err(SplitError::NotAdditive));
        assert_eq!(plan_split(&p, by_code(&p, "K01"), SplitRule::Evenly), Err(SplitError::NoChildren));
        // 2020 is before the data starts.
        let e = plan_split(&p, by_code(&p, "K05"), SplitRule::ByLastYear { year: 2020 }).unwrap_err();
        assert!(matches!(&e, SplitError::NoHistory { year: 2020, missing } if missing.len() == 2), "{e:?}");
        assert!(e.describe(crate::i18n::Lang::Zh).contains("2020 年没有实际值"));
        let mut p = p;
        let k05 = by_code(&p, "K05");
        p.kpis[k05].target = None;
        assert_eq!(plan_split(&p, k05, SplitRule::Evenly), Err(SplitError::NoTarget));
    }

    #[test]
    fn cascading_creates_balanced_children_once_per_department() {
        let mut p = sample("manufacturer-kra.json");
        let k01 = by_code(&p, "K01");
        let depts = [DepartmentId::new("dept-4"), DepartmentId::new("dept-8")];
        let new = cascade_kpis(&p, k01, &depts, CascadeMode::Decompose);
        assert_eq!(new.len(), 2);
        assert_eq!(new[0].code, "K01.1");
        assert_eq!(new[0].unit, "万元");
        assert_eq!(new[0].owner, "生产总监 方正");
        // The first child takes the whole unallocated target, the others start at 0.
        assert_eq!((new[0].target, new[1].target), (Some(800.0), Some(0.0)));
        let ids: Vec<&str> = new.iter().map(|k| k.id.as_str()).collect();
        assert_ne!(ids[0], ids[1]);
        p.kpis.extend(new);
        assert!(crate::model::validate::validate(&p).is_empty());
        assert_eq!(decomposition(&p, k01).balance, Balance::Balanced);
        // Cascading again to the same department adds nothing.
        assert!(cascade_kpis(&p, k01, &depts[..1], CascadeMode::Decompose).is_empty());
        // Alignment: the department's KPI links to the KPI's objective.
        let aligned = cascade_kpis(&p, k01, &[DepartmentId::new("dept-2")], CascadeMode::Align);
        assert_eq!(aligned[0].cascade, Some(Cascade::Align { objective: ObjectiveId::new("obj-1") }));
    }

    #[test]
    fn manufacturer_matrix_columns_total_hundred() {
        let p = sample("manufacturer-kra.json");
        let m = Matrix::build(&p);
        let names: Vec<&str> = m.columns.iter().map(|&d| p.departments[d].name.as_str()).collect();
        assert_eq!(
            names,
            [
                "行政中心",
                "研发中心",
                "生产中心",
                "质量管理部",
                "海外事业部",
                "物流部",
                "财务部",
                "国内销售经理"
            ]
        );
        for (c, total) in m.column_totals.iter().enumerate() {
            assert!(is_hundred(*total), "{}: {total}", names[c]);
        }
        // 生产中心 carries K12 at 35; 物流部 aligns to 按时交货 (the objective's row) at 40.
        let row_of = |r: MatrixRow| m.rows.iter().position(|x| *x == r).unwrap();
        let k12 = row_of(MatrixRow::Kpi(by_code(&p, "K12")));
        let production = names.iter().position(|n| *n == "生产中心").unwrap();
        assert_eq!(m.cell_weight(&p, k12, production), 35.0);
        let on_time = p.objectives.iter().position(|o| o.name == "按时交货").unwrap();
        let logistics = names.iter().position(|n| *n == "物流部").unwrap();
        assert_eq!(m.cell_weight(&p, row_of(MatrixRow::Objective(on_time)), logistics), 40.0);
        // Every department KPI is in exactly one cell.
        let placed: usize = m.cells.values().map(|v| v.len()).sum();
        assert_eq!(placed, p.kpis.iter().filter(|k| k.department.is_some()).count());
    }

    #[test]
    fn company_shares_follow_the_cascade() {
        let p = sample("manufacturer-kra.json");
        let shares = company_shares(&p);
        let abs = super::super::weights::absolute_weights(&p);
        let k05 = by_code(&p, "K05");
        assert_eq!(shares[k05], abs[k05]);
        // 海外事业部 carries 1800 of 6000 (30 %), 国内销售经理 4200 (70 %).
        let kids = children_of(&p, k05);
        let sum: f64 = kids.iter().map(|&c| shares[c]).sum();
        assert!((sum - abs[k05]).abs() < 1e-9);
        assert!((shares[kids[0]] - 0.3 * abs[k05]).abs() < 1e-9);
    }

    #[test]
    fn grades_follow_the_bands() {
        let bands = GradeBand::default_bands();
        let g = |s| grade(s, &bands).unwrap().grade.clone();
        assert_eq!(
            (g(120.0), g(110.0), g(109.9), g(95.0), g(80.0), g(79.9)),
            ("A".into(), "A".into(), "B".into(), "B".into(), "C".into(), "D".into())
        );
        // Below every minimum: the lowest band.
        assert_eq!(g(-20.0), "D");
        assert!(grade(100.0, &[]).is_none());
        // Bands in any order.
        let shuffled = vec![bands[2].clone(), bands[0].clone(), bands[3].clone(), bands[1].clone()];
        assert_eq!(grade(100.0, &shuffled).unwrap().grade, "B");
        assert_eq!(grade_legend(&bands), "A ≥ 110, B ≥ 95, C ≥ 80, D < 80");
    }

    #[test]
    fn tree_order_is_depth_first() {
        let p = sample("retail-chain.json");
        let order: Vec<&str> = tree_order(&p).into_iter().map(|d| p.departments[d].name.as_str()).collect();
        assert_eq!(order[0], "优品服饰");
        let east = order.iter().position(|n| *n == "华东区").unwrap();
        assert_eq!(order[east + 1], "上海南京路店");
    }
}
