//! Design lint: advice on the quality of a scorecard, as typed findings that name the item they
//! concern. SMART checks on KPIs, weights that do not total 100 %, objectives nobody measures,
//! links pointing the wrong way, cascades that drifted from their parents.
//!
//! Unlike `validate`, nothing here stops a file from loading: a scorecard under construction
//! always has findings, and the findings panel is the consultant's to-do list.

use super::ids::*;
use super::kpi::{Aggregation, Cascade};
use super::project::Project;
use super::validate::{Problem, validate};
use crate::i18n::{Lang, T};
use std::collections::{HashMap, HashSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Hint,
}

impl Severity {
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Severity::Error => T::SeverityError,
            Severity::Warning => T::SeverityWarning,
            Severity::Hint => T::SeverityHint,
        }
        .get(lang)
    }
}

/// The item a finding is about; clicking a finding selects it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Subject {
    Project,
    Perspective(PerspectiveId),
    Theme(ThemeId),
    Objective(ObjectiveId),
    Link(LinkId),
    Kpi(KpiId),
    Department(DepartmentId),
    Initiative(InitiativeId),
    Element(ElementId),
}

/// Which field a SMART check found missing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KpiField {
    Target,
    Unit,
    Formula,
    Owner,
    Frequency,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FindingKind {
    /// A structural problem from `validate` (only possible in a document being edited).
    Invalid(Problem),
    KpiMissing(KpiField),
    ObjectiveWithoutKpi,
    PerspectiveWithoutObjective,
    /// The KPI weights of an objective or a department do not total 100.
    WeightsNotHundred {
        total: f64,
        count: usize,
    },
    DownwardLink {
        from: String,
        to: String,
    },
    /// A decomposed KPI whose parent KPI no longer exists.
    OrphanDecomposition {
        parent: String,
    },
    /// An aligned KPI whose objective no longer exists.
    OrphanAlignment {
        objective: String,
    },
    /// Department KPIs decomposing this KPI have targets that do not add up to its target.
    DecompositionMismatch {
        target: f64,
        children_total: f64,
        children: usize,
    },
    /// A company objective that no department carries through a cascade.
    ObjectiveNotCascaded,
    /// A department KPI that neither decomposes a company KPI nor aligns to an objective.
    DepartmentKpiUnlinked,
    TooManyObjectives {
        count: usize,
    },
    /// One id names items of two kinds (a KPI with the id `obj-1`): typed references keep them
    /// apart, but people and other tools reading the file cannot tell which is meant.
    IdSharedAcrossKinds {
        id: String,
        first: &'static str,
        second: &'static str,
    },
    /// A theme whose colour is too close to a perspective's or another theme's to tell apart.
    ColoursTooClose {
        other: String,
    },
    /// A computed KPI whose expression cannot be computed: it does not parse, names nothing
    /// known, or depends on itself. `expression` is the text, `reason` says why and where.
    BadExpression {
        expression: String,
        reason: crate::model::expr::Undefined,
    },
    /// A code used by two data elements or KPIs: an expression naming it is ambiguous.
    CodeUsedTwice {
        code: String,
    },
    /// The project asks for commentary on red KPIs, and this one is red in its latest reported
    /// period with no analysis, cause or action written there.
    RedWithoutCommentary {
        period: chrono::NaiveDate,
    },
    /// A conflict a merge recorded and nobody has resolved yet.
    MergeConflict(Box<crate::model::merge::Conflict>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub severity: Severity,
    pub subject: Subject,
    pub kind: FindingKind,
}

impl Finding {
    /// A stable machine name for the kind of finding, for `check --json` and filters.
    pub fn code(&self) -> &'static str {
        match &self.kind {
            FindingKind::Invalid(_) => "invalid",
            FindingKind::KpiMissing(KpiField::Target) => "kpi-no-target",
            FindingKind::KpiMissing(KpiField::Unit) => "kpi-no-unit",
            FindingKind::KpiMissing(KpiField::Formula) => "kpi-no-formula",
            FindingKind::KpiMissing(KpiField::Owner) => "kpi-no-owner",
            FindingKind::KpiMissing(KpiField::Frequency) => "kpi-no-frequency",
            FindingKind::ObjectiveWithoutKpi => "objective-without-kpi",
            FindingKind::PerspectiveWithoutObjective => "perspective-without-objective",
            FindingKind::WeightsNotHundred { .. } => "weights-not-100",
            FindingKind::DownwardLink { .. } => "downward-link",
            FindingKind::OrphanDecomposition { .. } => "orphan-decomposition",
            FindingKind::OrphanAlignment { .. } => "orphan-alignment",
            FindingKind::DecompositionMismatch { .. } => "decomposition-mismatch",
            FindingKind::ObjectiveNotCascaded => "objective-not-cascaded",
            FindingKind::DepartmentKpiUnlinked => "department-kpi-unlinked",
            FindingKind::TooManyObjectives { .. } => "too-many-objectives",
            FindingKind::IdSharedAcrossKinds { .. } => "id-shared-across-kinds",
            FindingKind::ColoursTooClose { .. } => "colours-too-close",
            FindingKind::BadExpression { .. } => "bad-expression",
            FindingKind::CodeUsedTwice { .. } => "code-used-twice",
            FindingKind::RedWithoutCommentary { .. } => "red-without-commentary",
            FindingKind::MergeConflict(_) => "merge-conflict",
        }
    }

    /// The finding as a sentence, naming the item.
    pub fn message(&self, project: &Project, lang: Lang) -> String {
        self.message_naming(project, subject_label(project, &self.subject, lang), lang)
    }

    /// The finding as a sentence with the item's label given (`Names` looks it up by id, for
    /// many findings at once).
    pub fn message_naming(&self, project: &Project, item: String, lang: Lang) -> String {
        match &self.kind {
            FindingKind::Invalid(p) => format!("{}: {}", p.path, p.kind.describe(lang)),
            FindingKind::KpiMissing(field) => {
                let what = match field {
                    KpiField::Target => T::LacksTarget,
                    KpiField::Unit => T::LacksUnit,
                    KpiField::Formula => T::LacksFormula,
                    KpiField::Owner => T::LacksOwner,
                    KpiField::Frequency => T::LacksFrequency,
                };
                crate::tr!(lang, ItemLacks, item = item, what = what.get(lang))
            }
            FindingKind::ObjectiveWithoutKpi => {
                crate::tr!(lang, HasNoKPIMeasuringIt, item = item)
            }
            FindingKind::PerspectiveWithoutObjective => {
                crate::tr!(lang, HasNoObjective, item = item)
            }
            FindingKind::WeightsNotHundred { total, count } => {
                let total = format_number(*total);
                crate::tr!(lang, TheWeightsOfTheKPIs, count = count, item = item, total = total)
            }
            FindingKind::DownwardLink { from, to } => {
                crate::tr!(lang, PointsDownFromToCause, from = from, item = item, to = to)
            }
            FindingKind::OrphanDecomposition { parent } => {
                crate::tr!(lang, DecomposesKPIWhichNoLonger, item = item, parent = parent)
            }
            FindingKind::OrphanAlignment { objective } => {
                crate::tr!(lang, AlignsToObjectiveWhichNo, item = item, objective = objective)
            }
            FindingKind::DecompositionMismatch { target, children_total, children } => {
                let diff = children_total - target;
                let (t, c, d) =
                    (format_number(*target), format_number(*children_total), format_number(diff.abs()));
                let text = if diff < 0.0 { T::DecompositionShort } else { T::DecompositionOver };
                text.fill(lang, &[("item", &item), ("t", &t), ("children", children), ("c", &c), ("d", &d)])
            }
            FindingKind::ObjectiveNotCascaded => {
                crate::tr!(lang, NoDepartmentCarries, item = item)
            }
            FindingKind::DepartmentKpiUnlinked => {
                crate::tr!(lang, NeitherDecomposesACompanyKPI, item = item)
            }
            FindingKind::TooManyObjectives { count } => {
                crate::tr!(lang, TheMapHasObjectivesMore, count = count)
            }
            FindingKind::ColoursTooClose { other } => {
                crate::tr!(lang, ColoursTooClose, item = item, other = other)
            }
            FindingKind::BadExpression { expression, reason } => {
                crate::tr!(
                    lang,
                    BadExpression,
                    item = item,
                    expression = expression,
                    reason = reason.describe(lang)
                )
            }
            FindingKind::CodeUsedTwice { code } => crate::tr!(lang, CodeUsedTwice, item = item, code = code),
            FindingKind::RedWithoutCommentary { period } => {
                crate::tr!(lang, RedWithoutCommentary, item = item, period = period)
            }
            FindingKind::MergeConflict(c) => crate::model::merge::describe_conflict(project, c, lang),
            FindingKind::IdSharedAcrossKinds { id, first, second } => {
                crate::tr!(
                    lang,
                    IdSharedAcrossKinds,
                    id = id,
                    first = item_kind_name(first, lang),
                    second = item_kind_name(second, lang)
                )
            }
        }
    }
}

/// The name of a kind of item, by the key findings record it with ("perspective", "KPI" …).
pub fn item_kind_name(key: &str, lang: Lang) -> &'static str {
    match key {
        "perspective" => T::ItemPerspective,
        "theme" => T::ItemTheme,
        "objective" => T::ItemObjective,
        "link" => T::ItemLink,
        "department" => T::ItemDepartment,
        "KPI" => T::ItemKpi,
        "data element" => T::ItemElement,
        _ => T::ItemInitiative,
    }
    .get(lang)
}

/// The items of a project by id, to name many findings without looking each item up by a scan
/// of its list (a check of a 32,000-KPI project names thousands).
pub struct Names<'a> {
    project: &'a Project,
    kpis: HashMap<&'a str, usize>,
    objectives: HashMap<&'a str, usize>,
    departments: HashMap<&'a str, usize>,
    elements: HashMap<&'a str, usize>,
}

impl<'a> Names<'a> {
    pub fn new(project: &'a Project) -> Self {
        fn by_id<'a, T>(items: &'a [T], id: impl Fn(&'a T) -> &'a str) -> HashMap<&'a str, usize> {
            let mut map = HashMap::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                // The first item with an id is the one lookups find, as `Project::kpi` does.
                map.entry(id(item)).or_insert(i);
            }
            map
        }
        Self {
            project,
            kpis: by_id(&project.kpis, |k| k.id.as_str()),
            objectives: by_id(&project.objectives, |o| o.id.as_str()),
            departments: by_id(&project.departments, |d| d.id.as_str()),
            elements: by_id(&project.elements, |e| e.id.as_str()),
        }
    }

    /// What `subject_label` says, with the many-item kinds found by id.
    pub fn label(&self, subject: &Subject, lang: Lang) -> String {
        let p = self.project;
        match subject {
            Subject::Kpi(id) => labelled(
                "KPI",
                self.kpis.get(id.as_str()).map(|&i| p.kpis[i].name.as_str()),
                id.as_str(),
                lang,
            ),
            Subject::Objective(id) => labelled(
                "objective",
                self.objectives.get(id.as_str()).map(|&i| p.objectives[i].name.as_str()),
                id.as_str(),
                lang,
            ),
            Subject::Department(id) => labelled(
                "department",
                self.departments.get(id.as_str()).map(|&i| p.departments[i].name.as_str()),
                id.as_str(),
                lang,
            ),
            Subject::Element(id) => labelled(
                "data element",
                self.elements.get(id.as_str()).map(|&i| p.elements[i].name.as_str()),
                id.as_str(),
                lang,
            ),
            other => subject_label(p, other, lang),
        }
    }

    /// A finding as a sentence.
    pub fn message(&self, finding: &Finding, lang: Lang) -> String {
        finding.message_naming(self.project, self.label(&finding.subject, lang), lang)
    }
}

/// "KPI “销售额”", or the id when the item is gone.
fn labelled(kind: &str, name: Option<&str>, id: &str, lang: Lang) -> String {
    let kind = item_kind_name(kind, lang);
    match name {
        Some(name) => crate::tr!(lang, ItemNamed, kind = kind, name = name),
        None => crate::tr!(lang, ItemWithId, kind = kind, id = id),
    }
}

/// A readable name for an item: "KPI “销售额” (kpi-3)".
pub fn subject_label(project: &Project, subject: &Subject, lang: Lang) -> String {
    let named = |kind: &str, name: Option<&str>, id: &str| labelled(kind, name, id, lang);
    match subject {
        Subject::Project => T::TheProject.get(lang).to_string(),
        Subject::Perspective(id) => {
            named("perspective", project.perspective(id).map(|x| x.name.as_str()), id.as_str())
        }
        Subject::Theme(id) => named("theme", project.theme(id).map(|x| x.name.as_str()), id.as_str()),
        Subject::Objective(id) => {
            named("objective", project.objective(id).map(|x| x.name.as_str()), id.as_str())
        }
        Subject::Link(id) => {
            let name = project.link(id).map(|l| {
                let n = |o: &ObjectiveId| project.objective(o).map_or(o.0.clone(), |o| o.name.clone());
                format!("{} → {}", n(&l.from), n(&l.to))
            });
            named("link", name.as_deref(), id.as_str())
        }
        Subject::Kpi(id) => named("KPI", project.kpi(id).map(|x| x.name.as_str()), id.as_str()),
        Subject::Department(id) => {
            named("department", project.department(id).map(|x| x.name.as_str()), id.as_str())
        }
        Subject::Initiative(id) => {
            named("initiative", project.initiative(id).map(|x| x.name.as_str()), id.as_str())
        }
        Subject::Element(id) => {
            named("data element", project.element(id).map(|x| x.name.as_str()), id.as_str())
        }
    }
}

/// Formats a number without trailing zeros: 100, 99.5, 33.33.
pub fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    // Beyond a quadrillion, digits say nothing: 1.5e308, not 309 of them.
    if v.abs() >= 1e15 {
        let s = format!("{v:.3e}");
        let (mantissa, exponent) = s.split_once('e').unwrap_or((&s, "0"));
        let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
        return format!("{mantissa}e{exponent}");
    }
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

/// A computed number rounded for reading (a forecast, an average): whole above a thousand, one
/// decimal above a hundred, else two.
pub fn rounded(v: f64) -> f64 {
    let decimals = if v.abs() >= 1000.0 {
        0
    } else if v.abs() >= 100.0 {
        1
    } else {
        2
    };
    let f = 10f64.powi(decimals);
    (v * f).round() / f
}

/// The SMART check of one KPI, from the same conditions the lint reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Smart {
    /// A formula says what is counted.
    pub specific: bool,
    /// A unit and a target.
    pub measurable: bool,
    /// The target improves on the baseline in the KPI's direction (unknown without a baseline).
    pub attainable: Option<bool>,
    /// On a company objective, or cascaded to one.
    pub relevant: bool,
    /// A reporting frequency.
    pub time_bound: bool,
    /// An owner.
    pub owned: bool,
}

pub fn smart(k: &crate::model::Kpi) -> Smart {
    use crate::model::Polarity;
    let has_target = k.target.is_some() || k.series.iter().any(|p| p.target.is_some());
    let attainable = match (k.baseline, k.target) {
        (Some(b), Some(t)) => Some(match k.polarity {
            Polarity::HigherIsBetter => t >= b,
            Polarity::LowerIsBetter => t <= b,
            Polarity::ClosestToTarget => true,
        }),
        _ => None,
    };
    Smart {
        specific: !k.formula.trim().is_empty()
            || k.expression.as_deref().is_some_and(|e| !e.trim().is_empty()),
        measurable: !k.unit.trim().is_empty() && has_target,
        attainable,
        relevant: k.objective.is_some() || k.cascade.is_some(),
        time_bound: k.frequency.is_some(),
        owned: !k.owner.trim().is_empty(),
    }
}

/// Objectives above this many make a map lose focus (Kaplan & Norton suggest 15–20).
pub const MAX_OBJECTIVES: usize = 20;
/// Weight totals within this distance of 100 count as 100.
const WEIGHT_TOLERANCE: f64 = 0.01;
/// Relative tolerance for decomposed targets adding up to the parent's.
pub const DECOMPOSITION_TOLERANCE: f64 = 0.005;

/// Every finding for the project, errors first, then in document order.
pub fn lint(project: &Project) -> Vec<Finding> {
    lint_with(project, true)
}

/// The lint, optionally without the structural validation (the app skips it when the document
/// is known to be sound, which keeps a large project's findings cheap to refresh).
pub fn lint_with(project: &Project, structure: bool) -> Vec<Finding> {
    let problems = if structure { validate(project) } else { Vec::new() };
    let mut out: Vec<Finding> = problems
        .into_iter()
        .map(|p| Finding {
            severity: Severity::Error,
            subject: Subject::Project,
            kind: FindingKind::Invalid(p),
        })
        .collect();
    let mut push = |severity, subject, kind| out.push(Finding { severity, subject, kind });

    let perspective_rank: HashMap<&PerspectiveId, usize> =
        project.perspectives.iter().enumerate().map(|(i, p)| (&p.id, i)).collect();
    let objective_ids: HashSet<&ObjectiveId> = project.objectives.iter().map(|o| &o.id).collect();
    let kpi_index: HashMap<&KpiId, usize> =
        project.kpis.iter().enumerate().map(|(i, k)| (&k.id, i)).collect();

    // Ids shared by items of two kinds.
    let mut kind_of_id: HashMap<&str, &'static str> = HashMap::new();
    let ids = project
        .perspectives
        .iter()
        .map(|x| (x.id.as_str(), "perspective"))
        .chain(project.themes.iter().map(|x| (x.id.as_str(), "theme")))
        .chain(project.objectives.iter().map(|x| (x.id.as_str(), "objective")))
        .chain(project.links.iter().map(|x| (x.id.as_str(), "link")))
        .chain(project.departments.iter().map(|x| (x.id.as_str(), "department")))
        .chain(project.kpis.iter().map(|x| (x.id.as_str(), "KPI")))
        .chain(project.initiatives.iter().map(|x| (x.id.as_str(), "initiative")));
    for (id, kind) in ids {
        match kind_of_id.get(id) {
            Some(&first) if first != kind => push(
                Severity::Warning,
                Subject::Project,
                FindingKind::IdSharedAcrossKinds { id: id.to_string(), first, second: kind },
            ),
            Some(_) => {}
            None => {
                kind_of_id.insert(id, kind);
            }
        }
    }

    // Theme colours that cannot be told from a perspective's or an earlier theme's.
    for (ti, t) in project.themes.iter().enumerate() {
        let others = project
            .perspectives
            .iter()
            .map(|p| (&p.name, p.colour))
            .chain(project.themes[..ti].iter().map(|x| (&x.name, x.colour)));
        for (name, colour) in others {
            if t.colour.distance(colour) < crate::model::colour::TOO_CLOSE {
                push(
                    Severity::Hint,
                    Subject::Theme(t.id.clone()),
                    FindingKind::ColoursTooClose { other: name.clone() },
                );
            }
        }
    }

    // Perspectives and objectives.
    let mut objectives_per_perspective: HashMap<&PerspectiveId, usize> = HashMap::new();
    for o in &project.objectives {
        *objectives_per_perspective.entry(&o.perspective).or_default() += 1;
    }
    for p in &project.perspectives {
        if !objectives_per_perspective.contains_key(&p.id) {
            push(
                Severity::Warning,
                Subject::Perspective(p.id.clone()),
                FindingKind::PerspectiveWithoutObjective,
            );
        }
    }
    if project.objectives.len() > MAX_OBJECTIVES {
        push(
            Severity::Warning,
            Subject::Project,
            FindingKind::TooManyObjectives { count: project.objectives.len() },
        );
    }

    // Weight totals per objective and per department, in one pass over the KPIs.
    let mut by_objective: HashMap<&ObjectiveId, (f64, usize)> = HashMap::new();
    let mut by_department: HashMap<&DepartmentId, (f64, usize)> = HashMap::new();
    // Objectives carried by some department (aligned to, or owning a KPI that is decomposed).
    let mut carried: HashSet<&ObjectiveId> = HashSet::new();
    // Decomposition children per parent: (sum of targets, count, all children have targets).
    let mut decomposed: HashMap<usize, (f64, usize, bool)> = HashMap::new();
    for k in project.kpis.iter().filter(|k| !k.excluded) {
        if let Some(o) = &k.objective {
            let e = by_objective.entry(o).or_default();
            e.0 += k.weight;
            e.1 += 1;
        }
        if let Some(d) = &k.department {
            let e = by_department.entry(d).or_default();
            e.0 += k.weight;
            e.1 += 1;
        }
    }
    for k in &project.kpis {
        let subject = || Subject::Kpi(k.id.clone());
        let sm = smart(k);
        if k.target.is_none() && k.series.iter().all(|p| p.target.is_none()) {
            push(Severity::Warning, subject(), FindingKind::KpiMissing(KpiField::Target));
        }
        if k.unit.trim().is_empty() {
            push(Severity::Warning, subject(), FindingKind::KpiMissing(KpiField::Unit));
        }
        if !sm.specific {
            push(Severity::Warning, subject(), FindingKind::KpiMissing(KpiField::Formula));
        }
        if !sm.owned {
            push(Severity::Warning, subject(), FindingKind::KpiMissing(KpiField::Owner));
        }
        if !sm.time_bound {
            push(Severity::Hint, subject(), FindingKind::KpiMissing(KpiField::Frequency));
        }
        match &k.cascade {
            Some(Cascade::Decompose { parent, .. }) => match kpi_index.get(parent) {
                None => push(
                    Severity::Warning,
                    subject(),
                    FindingKind::OrphanDecomposition { parent: parent.0.clone() },
                ),
                Some(&pi) => {
                    if let Some(o) = &project.kpis[pi].objective {
                        carried.insert(o);
                    }
                    let e = decomposed.entry(pi).or_insert((0.0, 0, true));
                    e.1 += 1;
                    match k.target {
                        Some(t) => e.0 += t,
                        None => e.2 = false,
                    }
                }
            },
            Some(Cascade::Align { objective }) => {
                if objective_ids.contains(objective) {
                    carried.insert(objective);
                } else {
                    push(
                        Severity::Warning,
                        subject(),
                        FindingKind::OrphanAlignment { objective: objective.0.clone() },
                    );
                }
            }
            None => {
                if k.department.is_some() {
                    push(Severity::Hint, subject(), FindingKind::DepartmentKpiUnlinked);
                }
            }
        }
    }
    for o in &project.objectives {
        match by_objective.get(&o.id) {
            None => {
                if !project.kpis_of_objective(&o.id).any(|_| true) {
                    push(
                        Severity::Warning,
                        Subject::Objective(o.id.clone()),
                        FindingKind::ObjectiveWithoutKpi,
                    );
                }
            }
            Some(&(total, count)) => {
                if (total - 100.0).abs() > WEIGHT_TOLERANCE {
                    push(
                        Severity::Warning,
                        Subject::Objective(o.id.clone()),
                        FindingKind::WeightsNotHundred { total, count },
                    );
                }
            }
        }
        if !project.departments.is_empty() && !carried.contains(&o.id) {
            push(Severity::Hint, Subject::Objective(o.id.clone()), FindingKind::ObjectiveNotCascaded);
        }
    }
    for d in &project.departments {
        if let Some(&(total, count)) = by_department.get(&d.id)
            && (total - 100.0).abs() > WEIGHT_TOLERANCE
        {
            push(
                Severity::Warning,
                Subject::Department(d.id.clone()),
                FindingKind::WeightsNotHundred { total, count },
            );
        }
    }
    // Decomposed targets add up only for KPIs that aggregate by sum (sales split by region);
    // a rate cascaded to departments is not split, so its children are not summed.
    let mut parents: Vec<_> = decomposed.into_iter().collect();
    parents.sort_by_key(|(i, _)| *i);
    for (pi, (children_total, children, all_have_targets)) in parents {
        let parent = &project.kpis[pi];
        let (Some(target), true) = (parent.target, all_have_targets) else { continue };
        if parent.aggregation != Aggregation::Sum {
            continue;
        }
        let tolerance = DECOMPOSITION_TOLERANCE * target.abs().max(1e-9);
        if (children_total - target).abs() > tolerance {
            push(
                Severity::Warning,
                Subject::Kpi(parent.id.clone()),
                FindingKind::DecompositionMismatch { target, children_total, children },
            );
        }
    }
    for l in &project.links {
        let rank = |o: &ObjectiveId| {
            project.objective(o).and_then(|o| perspective_rank.get(&o.perspective).copied())
        };
        if let (Some(from), Some(to)) = (rank(&l.from), rank(&l.to))
            && from < to
        {
            push(
                Severity::Hint,
                Subject::Link(l.id.clone()),
                FindingKind::DownwardLink {
                    from: project.perspectives[from].name.clone(),
                    to: project.perspectives[to].name.clone(),
                },
            );
        }
    }
    expressions(project, &mut out);
    if project.scoring.red_needs_commentary {
        red_without_commentary(project, &mut out);
    }
    for c in &project.conflicts {
        out.push(Finding {
            severity: Severity::Error,
            subject: crate::model::merge::subject_of(&c.path),
            kind: FindingKind::MergeConflict(Box::new(c.clone())),
        });
    }
    out.sort_by_key(|f| f.severity);
    out
}

/// KPIs red in their latest reported period without commentary there. The period is the KPI's
/// own last one with an actual, so the finding does not depend on the day `check` runs.
fn red_without_commentary(project: &Project, out: &mut Vec<Finding>) {
    for (k, kpi) in project.kpis.iter().enumerate() {
        if kpi.excluded {
            continue;
        }
        let Some(last) = kpi.series.iter().rev().find(|p| p.actual.is_some()) else { continue };
        let frequency = project.frequency_of(kpi);
        let range = crate::score::DateRange { start: last.date, end: frequency.period_end(last.date) };
        // Computed actuals are in the series already: no formulas needed.
        let score = crate::score::book::score_kpi_with(project, None, k, range);
        let red = score.status.is_some_and(|s| s.key(project, Some(kpi)) == "red");
        if red && last.commentary.as_ref().is_none_or(|c| c.is_blank()) {
            out.push(Finding {
                severity: Severity::Error,
                subject: Subject::Kpi(kpi.id.clone()),
                kind: FindingKind::RedWithoutCommentary { period: last.date },
            });
        }
    }
}

/// Computed KPIs: every expression parses, every name it uses is a data element or a KPI, no KPI
/// depends on itself, and no code an expression uses names two things.
fn expressions(project: &Project, out: &mut Vec<Finding>) {
    use crate::model::expr::Undefined;
    use crate::score::computed::Formulas;
    if !project.kpis.iter().any(|k| k.expression.is_some()) {
        return;
    }
    let formulas = Formulas::new(project);
    // Codes that expressions use, and how many items carry each.
    let mut used: HashMap<String, usize> = HashMap::new();
    for k in 0..project.kpis.len() {
        if let Some(Ok(e)) = formulas.expression(k) {
            let mut refs = Vec::new();
            e.references(&mut refs);
            for r in refs.iter().filter(|r| !r.bracketed) {
                used.insert(r.text.trim().to_string(), 0);
            }
        }
    }
    let all_codes = project
        .elements
        .iter()
        .map(|e| (e.code.trim(), None))
        .chain(project.kpis.iter().map(|k| (k.code.trim(), Some(&k.id))));
    for (code, kpi) in all_codes {
        if let Some(n) = used.get_mut(code) {
            *n += 1;
            if *n == 2 {
                let subject = kpi.map_or(Subject::Project, |id| Subject::Kpi(id.clone()));
                let kind = FindingKind::CodeUsedTwice { code: code.to_string() };
                out.push(Finding { severity: Severity::Error, subject, kind });
            }
        }
    }
    for (k, kpi) in project.kpis.iter().enumerate() {
        let Some(text) = kpi.expression.as_deref() else { continue };
        let reason = match formulas.expression(k) {
            None => continue,
            Some(Err(e)) => Some(e.clone()),
            Some(Ok(e)) => {
                let mut refs = Vec::new();
                e.references(&mut refs);
                refs.iter()
                    .find(|r| formulas.resolve(r).is_none())
                    .map(|r| Undefined::Unknown { name: r.text.clone() })
                    .or_else(|| {
                        formulas.cycle_from(k).map(|cycle| Undefined::Cycle {
                            cycle: cycle
                                .iter()
                                .map(|&i| {
                                    let x = &project.kpis[i];
                                    if x.code.is_empty() { x.name.clone() } else { x.code.clone() }
                                })
                                .collect(),
                        })
                    })
            }
        };
        if let Some(reason) = reason {
            out.push(Finding {
                severity: Severity::Error,
                subject: Subject::Kpi(kpi.id.clone()),
                kind: FindingKind::BadExpression { expression: text.to_string(), reason },
            });
        }
    }
}

/// Counts of findings by severity: (errors, warnings, hints).
pub fn counts(findings: &[Finding]) -> (usize, usize, usize) {
    findings.iter().fold((0, 0, 0), |(e, w, h), f| match f.severity {
        Severity::Error => (e + 1, w, h),
        Severity::Warning => (e, w + 1, h),
        Severity::Hint => (e, w, h + 1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_theme_coloured_like_a_perspective_gets_a_hint_and_a_new_theme_never_does() {
        use crate::model::{Colour, Theme, ThemeId};
        let mut p = Project::blank(Lang::Zh, chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        let financial = p.perspectives[0].colour;
        let theme = |id: &str, colour: Colour| Theme {
            id: ThemeId::new(id),
            name: "增长".into(),
            colour,
            description: String::new(),
        };
        p.themes.push(theme("t1", financial));
        let close: Vec<_> = lint(&p).into_iter().filter(|f| f.code() == "colours-too-close").collect();
        assert_eq!(close.len(), 1);
        assert_eq!(close[0].severity, Severity::Hint);
        assert!(close[0].message(&p, Lang::Zh).contains("“财务”"), "{}", close[0].message(&p, Lang::Zh));
        // Themes made one after another take palette colours apart from all of these.
        p.themes.clear();
        for i in 0..6 {
            let used: Vec<Colour> =
                p.perspectives.iter().map(|x| x.colour).chain(p.themes.iter().map(|t| t.colour)).collect();
            p.themes.push(theme(&format!("t{i}"), crate::model::colour::most_distinct(&used)));
        }
        assert!(lint(&p).iter().all(|f| f.code() != "colours-too-close"));
    }

    #[test]
    fn an_id_shared_by_two_kinds_is_pointed_out() {
        let mut p = Project::blank(Lang::En, chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        let shared = p.perspectives[0].id.as_str().to_string();
        let mut k = crate::model::Kpi::new(crate::model::KpiId::new(shared.as_str()), "Revenue");
        k.department = None;
        p.kpis.push(k);
        let findings = lint(&p);
        let f = findings.iter().find(|f| f.code() == "id-shared-across-kinds").expect("a finding");
        assert_eq!(f.severity, Severity::Warning);
        assert!(
            f.message(&p, Lang::En).contains(&format!("\"{shared}\" names both a perspective and a KPI"))
        );
        assert!(f.message(&p, Lang::Zh).contains("同时用于维度和指标"));
        p.kpis[0].id = crate::model::KpiId::new("kpi-1");
        assert!(lint(&p).iter().all(|f| f.code() != "id-shared-across-kinds"));
    }
}
