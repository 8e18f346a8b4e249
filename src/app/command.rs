//! Document commands: what views ask for, by id ("delete objective obj-3"), turned into edits
//! against the document as it is when the command runs. Deletions take their dependents with
//! them (an objective's links and KPIs), so one undo brings everything back.

use super::edit::{Edit, EditError, Item, ItemKind};
use crate::i18n::{Lang, T};
use crate::model::appraisal::{DatedField, HistoryEntry, HistoryEvent, TrackedField};
use crate::model::lint::Subject;
use crate::model::validate::{Problem, ProblemKind, validate};
use crate::model::*;
use chrono::NaiveDate;

/// A change to the document, by id.
#[derive(Clone, Debug, PartialEq)]
pub enum DocCommand {
    /// Replaces the item with the same id, or appends it.
    Upsert(Item),
    /// Inserts a new item at a position in its collection.
    InsertAt {
        at: usize,
        item: Item,
    },
    /// Deletes an item and what depends on it.
    Delete(Subject),
    /// Moves an item to another position in its collection.
    Move {
        subject: Subject,
        to: usize,
    },
    SetInfo(Box<ProjectInfo>),
    SetScoring(Box<ScoringSettings>),
    SetScreening(Box<Screening>),
    /// Sets or removes one period of a KPI.
    SetPeriod {
        kpi: KpiId,
        date: NaiveDate,
        period: Option<Period>,
    },
    /// Sets or removes one period's value of a data element.
    SetElementValue {
        element: ElementId,
        date: NaiveDate,
        value: Option<f64>,
    },
    /// Several commands as one undo step.
    Batch(Vec<DocCommand>),
    /// Replaces the whole document: a merge's result, or a merge conflict resolved.
    ReplaceAll(Box<Project>),
    /// Changes a KPI's target or weight from a date on; earlier periods keep the value in force.
    ChangeFrom {
        kpi: KpiId,
        field: DatedField,
        value: Option<f64>,
        from: NaiveDate,
    },
    /// Adds an entry to the change record (a sign-off, a period closed or reopened).
    Record(Box<HistoryEntry>),
    /// Gives the reason for the changes recorded from entry `from` on that have none.
    GiveReason {
        from: usize,
        reason: String,
    },
    /// Closes or reopens the project period starting on `period`.
    SetPeriodClosed {
        period: NaiveDate,
        closed: bool,
    },
}

/// Why a command was refused. The document is unchanged.
#[derive(Debug, Clone, PartialEq)]
pub enum CommandError {
    Missing(String),
    IdInUse(String),
    NotAnItem,
    /// The edit would make the document invalid: the first new problem, rendered in the user's
    /// language when shown.
    Invalid(Box<crate::model::validate::Problem>),
    /// The edit changes an actual or commentary in a closed period (of this frequency, starting
    /// on this day).
    PeriodClosed {
        period: NaiveDate,
        frequency: Frequency,
    },
    /// A dated change before one already recorded (its date).
    LaterChange(NaiveDate),
    Edit(EditError),
}

impl From<EditError> for CommandError {
    fn from(e: EditError) -> Self {
        CommandError::Edit(e)
    }
}

impl CommandError {
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            CommandError::Missing(id) => crate::tr!(lang, NoLongerExists, id = id),
            CommandError::IdInUse(id) => crate::tr!(lang, IdAlreadyUsed, id = id),
            CommandError::NotAnItem => T::ProjectNotAnItem.get(lang).into(),
            CommandError::Invalid(p) => format!("{}: {}", p.path, p.kind.describe(lang)),
            CommandError::PeriodClosed { period, frequency } => crate::tr!(
                lang,
                PeriodIsClosed,
                period = crate::model::appraisal::period_label(*frequency, *period, lang)
            ),
            CommandError::LaterChange(date) => {
                crate::tr!(lang, ChangeBeforeLaterChange, date = date.format("%Y-%m-%d"))
            }
            CommandError::Edit(e) => crate::tr!(lang, InternalEditError, detail = e.0),
        }
    }
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(crate::i18n::Lang::En))
    }
}

impl std::error::Error for CommandError {}

/// Applies `edit`, recording its inverse.
fn run(p: &mut Project, edit: Edit, inverses: &mut Vec<Edit>) -> Result<(), CommandError> {
    inverses.push(edit.apply(p)?);
    Ok(())
}

/// The collection and id of a subject; the project itself is no item to delete or move.
fn kind_and_id(subject: &Subject) -> Result<(ItemKind, &str), CommandError> {
    Ok(match subject {
        Subject::Project => return Err(CommandError::NotAnItem),
        Subject::Perspective(id) => (ItemKind::Perspective, id.as_str()),
        Subject::Theme(id) => (ItemKind::Theme, id.as_str()),
        Subject::Objective(id) => (ItemKind::Objective, id.as_str()),
        Subject::Link(id) => (ItemKind::Link, id.as_str()),
        Subject::Kpi(id) => (ItemKind::Kpi, id.as_str()),
        Subject::Department(id) => (ItemKind::Department, id.as_str()),
        Subject::Initiative(id) => (ItemKind::Initiative, id.as_str()),
        Subject::Element(id) => (ItemKind::Element, id.as_str()),
    })
}

fn position(p: &Project, kind: ItemKind, id: &str) -> Result<usize, CommandError> {
    kind.position(p, id).ok_or_else(|| CommandError::Missing(id.to_string()))
}

impl DocCommand {
    /// Whether the command changes what a department pack holds only as context: the map
    /// (perspectives, themes, objectives, links) and the project's settings.
    pub fn touches_company_map(&self) -> bool {
        let map_item = |item: &Item| {
            matches!(item, Item::Perspective(_) | Item::Theme(_) | Item::Objective(_) | Item::Link(_))
        };
        let map_subject = |s: &Subject| {
            matches!(
                s,
                Subject::Perspective(_) | Subject::Theme(_) | Subject::Objective(_) | Subject::Link(_)
            )
        };
        match self {
            DocCommand::Upsert(item) | DocCommand::InsertAt { item, .. } => map_item(item),
            DocCommand::Delete(s) | DocCommand::Move { subject: s, .. } => map_subject(s),
            DocCommand::SetInfo(_)
            | DocCommand::SetScoring(_)
            | DocCommand::SetScreening(_)
            | DocCommand::SetPeriodClosed { .. } => true,
            DocCommand::Batch(commands) => commands.iter().any(DocCommand::touches_company_map),
            DocCommand::SetPeriod { .. }
            | DocCommand::SetElementValue { .. }
            | DocCommand::ReplaceAll(_)
            | DocCommand::ChangeFrom { .. }
            | DocCommand::Record(_)
            | DocCommand::GiveReason { .. } => false,
        }
    }

    /// Applies the command; returns the edit that undoes all of it. On error the project is
    /// unchanged.
    pub fn apply(self, p: &mut Project) -> Result<Edit, CommandError> {
        let mut inverses = Vec::new();
        let result = self.apply_into(p, &mut inverses);
        if let Err(e) = result {
            for inv in inverses.into_iter().rev() {
                let _ = inv.apply(p);
            }
            return Err(e);
        }
        inverses.reverse();
        Ok(if inverses.len() == 1 {
            inverses.pop().unwrap_or(Edit::Batch(Vec::new()))
        } else {
            Edit::Batch(inverses)
        })
    }

    fn apply_into(self, p: &mut Project, inv: &mut Vec<Edit>) -> Result<(), CommandError> {
        match self {
            DocCommand::Upsert(item) => match item.kind().position(p, item.id()) {
                Some(at) => {
                    if let Item::Kpi(new) = &item {
                        refuse_closed_series(p, &p.kpis[at], new)?;
                    }
                    run(p, Edit::Replace { at, item }, inv)
                }
                None => {
                    let at = item.kind().len(p);
                    run(p, Edit::Insert { at, item }, inv)
                }
            },
            DocCommand::InsertAt { at, item } => {
                if item.kind().position(p, item.id()).is_some() {
                    return Err(CommandError::IdInUse(item.id().to_string()));
                }
                let at = at.min(item.kind().len(p));
                run(p, Edit::Insert { at, item }, inv)
            }
            DocCommand::Move { subject, to } => {
                let (kind, id) = kind_and_id(&subject)?;
                let from = position(p, kind, id)?;
                let to = to.min(kind.len(p).saturating_sub(1));
                if from != to {
                    run(p, Edit::Move { kind, from, to }, inv)?;
                }
                Ok(())
            }
            DocCommand::SetInfo(info) => run(p, Edit::Info(info), inv),
            DocCommand::SetScoring(s) => run(p, Edit::Scoring(s), inv),
            DocCommand::SetScreening(s) => run(p, Edit::Screening(s), inv),
            DocCommand::ReplaceAll(new) => run(p, Edit::Whole(new), inv),
            DocCommand::SetPeriod { kpi, date, period } => {
                let k = position(p, ItemKind::Kpi, kpi.as_str())?;
                let period = period.filter(|x| !x.is_empty());
                let frequency = p.frequency_of(&p.kpis[k]);
                if period.as_ref() != p.kpis[k].period(date) {
                    refuse_if_closed(p, frequency, date)?;
                }
                run(p, Edit::Period { kpi: k, date, period }, inv)
            }
            DocCommand::SetElementValue { element, date, value } => {
                let e = position(p, ItemKind::Element, element.as_str())?;
                let el = &p.elements[e];
                let old = el.series.binary_search_by(|x| x.date.cmp(&date)).ok().map(|i| el.series[i].value);
                if old != value {
                    refuse_if_closed(p, el.frequency.unwrap_or(p.info.frequency), date)?;
                }
                run(p, Edit::ElementValue { element: e, date, value }, inv)
            }
            DocCommand::ChangeFrom { kpi, field, value, from } => {
                let at = position(p, ItemKind::Kpi, kpi.as_str())?;
                let new = p.kpis[at].changed_from(field, value, from).map_err(CommandError::LaterChange)?;
                run(p, Edit::Replace { at, item: Item::Kpi(Box::new(new)) }, inv)
            }
            DocCommand::Record(entry) => {
                let from = p.history.len();
                run(p, Edit::History { from, entries: vec![*entry] }, inv)
            }
            DocCommand::GiveReason { from, reason } => {
                let from = from.min(p.history.len());
                let entries = p.history[from..]
                    .iter()
                    .map(|e| {
                        let mut e = e.clone();
                        let change = matches!(
                            e.event,
                            HistoryEvent::KpiChange { .. } | HistoryEvent::DepartmentChange { .. }
                        );
                        if change && e.reason.is_empty() {
                            e.reason = reason.clone();
                        }
                        e
                    })
                    .collect();
                run(p, Edit::History { from, entries }, inv)
            }
            DocCommand::SetPeriodClosed { period, closed } => {
                let mut list = p.closed_periods.clone();
                match (list.binary_search(&period), closed) {
                    (Err(i), true) => list.insert(i, period),
                    (Ok(i), false) => {
                        list.remove(i);
                    }
                    _ => return Ok(()),
                }
                run(p, Edit::ClosedPeriods(list), inv)
            }
            DocCommand::Delete(subject) => {
                let (kind, id) = kind_and_id(&subject)?;
                delete(p, kind, id, inv)
            }
            DocCommand::Batch(commands) => {
                for c in commands {
                    c.apply_into(p, inv)?;
                }
                Ok(())
            }
        }
    }
}

/// Refuses a change to a period of `frequency` starting on `date` when a closed period holds it.
fn refuse_if_closed(p: &Project, frequency: Frequency, date: NaiveDate) -> Result<(), CommandError> {
    match p.closed_period_of(frequency, date) {
        Some(period) => Err(CommandError::PeriodClosed { period, frequency: p.info.frequency }),
        None => Ok(()),
    }
}

/// Refuses a new version of a KPI whose actuals or commentary differ in a closed period.
fn refuse_closed_series(p: &Project, old: &Kpi, new: &Kpi) -> Result<(), CommandError> {
    if p.closed_periods.is_empty() || old.series == new.series {
        return Ok(());
    }
    let frequency = p.frequency_of(new);
    let dates = old.series.iter().chain(&new.series).map(|x| x.date);
    for date in dates {
        if p.closed_period_of(frequency, date).is_some() && old.period(date) != new.period(date) {
            refuse_if_closed(p, frequency, date)?;
        }
    }
    Ok(())
}

impl DocCommand {
    /// The changes to recorded fields this command would make, judged before it runs: targets,
    /// weights, thresholds, methods and formulas of existing KPIs, units' weights. A first target,
    /// stretch or formula (from "not set") is the scorecard's design, not a change of it, and is
    /// left out by the document (`TrackedField::unset_is_a_value`).
    pub fn recorded_changes(&self, p: &Project, out: &mut Vec<HistoryEvent>) {
        match self {
            DocCommand::Upsert(Item::Kpi(new)) => {
                if let Some(old) = p.kpis.iter().find(|k| k.id == new.id) {
                    for (field, from, to) in crate::model::appraisal::kpi_changes(old, new) {
                        out.push(HistoryEvent::KpiChange {
                            kpi: new.id.clone(),
                            field,
                            from,
                            to,
                            effective: None,
                        });
                    }
                }
            }
            DocCommand::Upsert(Item::Department(new)) => {
                if let Some(old) = p.departments.iter().find(|d| d.id == new.id) {
                    for (field, from, to) in crate::model::appraisal::department_changes(old, new) {
                        out.push(HistoryEvent::DepartmentChange {
                            department: new.id.clone(),
                            field,
                            from,
                            to,
                        });
                    }
                }
            }
            DocCommand::ChangeFrom { kpi, field, value, from } => {
                if let Some(old) = p.kpis.iter().find(|k| &k.id == kpi) {
                    let field = field.tracked();
                    let to = match field {
                        TrackedField::Weight => serde_json::Value::from(value.unwrap_or(0.0)),
                        _ => serde_json::to_value(value).unwrap_or(serde_json::Value::Null),
                    };
                    out.push(HistoryEvent::KpiChange {
                        kpi: kpi.clone(),
                        field,
                        from: field.of_kpi(old),
                        to,
                        effective: Some(*from),
                    });
                }
            }
            DocCommand::Batch(commands) => {
                for c in commands {
                    c.recorded_changes(p, out);
                }
            }
            _ => {}
        }
    }
}

/// Removes the ids in `gone` from every initiative that lists them.
fn drop_from_initiatives(
    p: &mut Project,
    objectives: &[ObjectiveId],
    kpis: &[KpiId],
    inv: &mut Vec<Edit>,
) -> Result<(), CommandError> {
    for at in 0..p.initiatives.len() {
        let init = &p.initiatives[at];
        if init.objectives.iter().any(|o| objectives.contains(o))
            || init.kpis.iter().any(|k| kpis.contains(k))
        {
            let mut new = init.clone();
            new.objectives.retain(|o| !objectives.contains(o));
            new.kpis.retain(|k| !kpis.contains(k));
            run(p, Edit::Replace { at, item: Item::Initiative(new) }, inv)?;
        }
    }
    Ok(())
}

fn remove_all(
    p: &mut Project,
    kind: ItemKind,
    mut indices: Vec<usize>,
    inv: &mut Vec<Edit>,
) -> Result<(), CommandError> {
    indices.sort_unstable();
    for at in indices.into_iter().rev() {
        run(p, Edit::Remove { kind, at }, inv)?;
    }
    Ok(())
}

fn delete(p: &mut Project, kind: ItemKind, id: &str, inv: &mut Vec<Edit>) -> Result<(), CommandError> {
    let at = position(p, kind, id)?;
    match kind {
        ItemKind::Objective => {
            let oid = ObjectiveId::new(id);
            let links: Vec<usize> = p
                .links
                .iter()
                .enumerate()
                .filter(|(_, l)| l.from == oid || l.to == oid)
                .map(|(i, _)| i)
                .collect();
            remove_all(p, ItemKind::Link, links, inv)?;
            let kpis: Vec<usize> = p
                .kpis
                .iter()
                .enumerate()
                .filter(|(_, k)| k.objective.as_ref() == Some(&oid))
                .map(|(i, _)| i)
                .collect();
            let kpi_ids: Vec<KpiId> = kpis.iter().map(|&i| p.kpis[i].id.clone()).collect();
            remove_all(p, ItemKind::Kpi, kpis, inv)?;
            drop_from_initiatives(p, std::slice::from_ref(&oid), &kpi_ids, inv)?;
            let at = position(p, kind, id)?;
            run(p, Edit::Remove { kind, at }, inv)
        }
        ItemKind::Perspective => {
            let pid = PerspectiveId::new(id);
            let objectives: Vec<String> = p.objectives_in(&pid).map(|o| o.id.0.clone()).collect();
            for o in objectives {
                delete(p, ItemKind::Objective, &o, inv)?;
            }
            let at = position(p, kind, id)?;
            run(p, Edit::Remove { kind, at }, inv)
        }
        ItemKind::Kpi => {
            drop_from_initiatives(p, &[], &[KpiId::new(id)], inv)?;
            let at = position(p, kind, id)?;
            run(p, Edit::Remove { kind, at }, inv)
        }
        ItemKind::Department => {
            let did = DepartmentId::new(id);
            let parent = p.departments[at].parent.clone();
            for child in 0..p.departments.len() {
                if p.departments[child].parent.as_ref() == Some(&did) {
                    let mut d = p.departments[child].clone();
                    d.parent = parent.clone();
                    run(p, Edit::Replace { at: child, item: Item::Department(d) }, inv)?;
                }
            }
            // Its data elements hold counts other formulas may use: they move up with the units.
            for e in 0..p.elements.len() {
                if p.elements[e].department.as_ref() == Some(&did) {
                    let mut el = p.elements[e].clone();
                    el.department = parent.clone();
                    run(p, Edit::Replace { at: e, item: Item::Element(Box::new(el)) }, inv)?;
                }
            }
            let kpis: Vec<usize> = p
                .kpis
                .iter()
                .enumerate()
                .filter(|(_, k)| k.department.as_ref() == Some(&did))
                .map(|(i, _)| i)
                .collect();
            let kpi_ids: Vec<KpiId> = kpis.iter().map(|&i| p.kpis[i].id.clone()).collect();
            remove_all(p, ItemKind::Kpi, kpis, inv)?;
            drop_from_initiatives(p, &[], &kpi_ids, inv)?;
            let at = position(p, kind, id)?;
            run(p, Edit::Remove { kind, at }, inv)
        }
        ItemKind::Theme => {
            let tid = ThemeId::new(id);
            for o in 0..p.objectives.len() {
                if p.objectives[o].theme.as_ref() == Some(&tid) {
                    let mut obj = p.objectives[o].clone();
                    obj.theme = None;
                    run(p, Edit::Replace { at: o, item: Item::Objective(obj) }, inv)?;
                }
            }
            run(p, Edit::Remove { kind, at }, inv)
        }
        // The formulas that name a deleted element are left as they are, and `check` says which
        // reference no longer resolves: the user may mean to add it back under the same code.
        ItemKind::Link | ItemKind::Initiative | ItemKind::Element => run(p, Edit::Remove { kind, at }, inv),
    }
}

/// Applies a command only if it introduces no new structural problem (dangling reference,
/// duplicate link, cycle …): the safety net that keeps every document saveable.
pub fn apply_checked(
    p: &mut Project,
    command: DocCommand,
    problems_before: usize,
) -> Result<(Edit, usize), CommandError> {
    // Changing one KPI's values (not its id or cascade) can only add problems to that KPI: check
    // just it, instead of the whole document, on every keystroke.
    // One element value: the only problems it can bring are its own date and number, checked
    // here instead of the whole document on every keystroke.
    if let DocCommand::SetElementValue { element, date, value } = &command {
        let i = position(p, ItemKind::Element, element.as_str())?;
        let e = &p.elements[i];
        let frequency = e.frequency.unwrap_or(p.info.frequency);
        let problem = if !frequency.is_period_start(*date) {
            Some((format!("elements[{i}].series"), ProblemKind::PeriodNotStart { date: *date, frequency }))
        } else if value.is_some_and(|v| !v.is_finite()) {
            Some((format!("elements[{i}].series"), ProblemKind::NotFinite))
        } else {
            None
        };
        if let Some((path, kind)) = problem {
            return Err(CommandError::Invalid(Box::new(Problem { path, kind })));
        }
        return Ok((command.apply(p)?, problems_before));
    }
    let local = match &command {
        DocCommand::Upsert(Item::Kpi(k)) => {
            p.kpis.iter().position(|x| x.id == k.id).filter(|&i| p.kpis[i].cascade == k.cascade)
        }
        DocCommand::SetPeriod { kpi, .. } => p.kpis.iter().position(|x| &x.id == kpi),
        _ => None,
    };
    if let Some(i) = local {
        let before = crate::model::validate::validate_kpi(p, i).len();
        let inverse = command.apply(p)?;
        let after = crate::model::validate::validate_kpi(p, i);
        let count = after.len();
        if count > before
            && let Some(first) = after.into_iter().next()
        {
            let _ = inverse.apply(p);
            return Err(CommandError::Invalid(Box::new(first)));
        }
        return Ok((inverse, problems_before + count - before));
    }
    let inverse = command.apply(p)?;
    let problems = validate(p);
    let count = problems.len();
    if count > problems_before
        && let Some(first) = problems.into_iter().next()
    {
        let _ = inverse.apply(p);
        return Err(CommandError::Invalid(Box::new(first)));
    }
    Ok((inverse, count))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io;

    fn dealership() -> Project {
        let bytes =
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/sample-projects/dealership-sales.json"))
                .unwrap();
        io::parse_project(&bytes).unwrap().project
    }

    #[test]
    fn deleting_an_objective_takes_links_kpis_and_initiative_refs_and_undoes() {
        let original = dealership();
        let mut p = original.clone();
        let oid = ObjectiveId::new("obj-8");
        assert!(p.links.iter().any(|l| l.from == oid || l.to == oid));
        let inverse =
            DocCommand::Delete(Subject::Objective(ObjectiveId::new("obj-8"))).apply(&mut p).unwrap();
        assert!(p.objective(&oid).is_none());
        assert!(!p.links.iter().any(|l| l.from == oid || l.to == oid));
        assert!(!p.kpis.iter().any(|k| k.objective.as_ref() == Some(&oid)));
        assert!(!p.initiatives.iter().any(|i| i.objectives.contains(&oid)));
        assert!(validate(&p).is_empty());
        inverse.apply(&mut p).unwrap();
        assert_eq!(p, original);
    }

    /// A refused edit keeps its problem typed, so a Chinese window says it in Chinese.
    #[test]
    fn a_refused_edit_is_told_in_the_window_language() {
        let original = dealership();
        let mut p = original.clone();
        let mut k = p.kpis[0].clone();
        k.weight = -5.0;
        let e = apply_checked(&mut p, DocCommand::Upsert(Item::Kpi(Box::new(k))), 0).unwrap_err();
        assert_eq!(p, original, "nothing changed");
        assert!(e.describe(Lang::Zh).contains("权重不能为负数"), "{}", e.describe(Lang::Zh));
        assert!(e.describe(Lang::En).contains("kpis[0].weight"), "{}", e.describe(Lang::En));
    }

    #[test]
    fn deleting_a_department_reparents_its_units() {
        let original = dealership();
        let mut p = original.clone();
        let inverse =
            DocCommand::Delete(Subject::Department(DepartmentId::new("dept-2"))).apply(&mut p).unwrap();
        let role = p.department(&DepartmentId::new("dept-7")).unwrap();
        assert_eq!(role.parent, Some(DepartmentId::new("dept-1")));
        assert!(validate(&p).is_empty());
        inverse.apply(&mut p).unwrap();
        assert_eq!(p, original);
    }

    #[test]
    fn deleting_a_perspective_and_a_theme() {
        let original = dealership();
        for (subject, id) in [
            (Subject::Perspective(PerspectiveId::new("persp-customer")), "persp-customer"),
            (Subject::Theme(ThemeId::new("theme-2")), "theme-2"),
            (Subject::Kpi(KpiId::new("kpi-15")), "kpi-15"),
        ] {
            let mut p = original.clone();
            let inverse = DocCommand::Delete(subject).apply(&mut p).unwrap();
            assert!(validate(&p).is_empty(), "{id}: {:?}", validate(&p));
            inverse.apply(&mut p).unwrap();
            assert_eq!(p, original, "{id}");
        }
    }

    #[test]
    fn invalid_commands_are_refused_and_change_nothing() {
        let original = dealership();
        let mut p = original.clone();
        let self_link = Link {
            id: LinkId::numbered(99),
            from: ObjectiveId::new("obj-1"),
            to: ObjectiveId::new("obj-1"),
            label: String::new(),
        };
        let e = apply_checked(&mut p, DocCommand::Upsert(Item::Link(self_link)), 0).unwrap_err();
        assert!(matches!(e, CommandError::Invalid(_)));
        assert_eq!(p, original);
        let e = DocCommand::Delete(Subject::Kpi(KpiId::new("kpi-404"))).apply(&mut p).unwrap_err();
        assert_eq!(e, CommandError::Missing("kpi-404".into()));
        // A batch failing half-way is rolled back.
        let batch = DocCommand::Batch(vec![
            DocCommand::Delete(Subject::Kpi(KpiId::new("kpi-1"))),
            DocCommand::Delete(Subject::Kpi(KpiId::new("kpi-1"))),
        ]);
        assert!(batch.apply(&mut p).is_err());
        assert_eq!(p, original);
    }
}
