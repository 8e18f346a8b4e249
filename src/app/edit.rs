//! Edits: the smallest changes to a project, each returning its exact inverse when applied.
//! Undo replays inverses in reverse order, so edits may address items by index: the document
//! is always in the state the inverse was made for.

use crate::model::appraisal::HistoryEntry;
use crate::model::*;
use chrono::NaiveDate;

/// Any item of one of the project's collections.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Perspective(Perspective),
    Theme(Theme),
    Objective(Objective),
    Link(Link),
    Department(Department),
    Kpi(Box<Kpi>),
    Initiative(Initiative),
    Element(Box<DataElement>),
}

/// Which collection an item lives in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ItemKind {
    Perspective,
    Theme,
    Objective,
    Link,
    Department,
    Kpi,
    Initiative,
    Element,
}

impl Item {
    pub fn kind(&self) -> ItemKind {
        match self {
            Item::Perspective(_) => ItemKind::Perspective,
            Item::Theme(_) => ItemKind::Theme,
            Item::Objective(_) => ItemKind::Objective,
            Item::Link(_) => ItemKind::Link,
            Item::Department(_) => ItemKind::Department,
            Item::Kpi(_) => ItemKind::Kpi,
            Item::Initiative(_) => ItemKind::Initiative,
            Item::Element(_) => ItemKind::Element,
        }
    }

    /// The item as a subject (to select it, or to name it in a merge key).
    pub fn subject(&self) -> crate::model::lint::Subject {
        use crate::model::lint::Subject;
        match self {
            Item::Perspective(x) => Subject::Perspective(x.id.clone()),
            Item::Theme(x) => Subject::Theme(x.id.clone()),
            Item::Objective(x) => Subject::Objective(x.id.clone()),
            Item::Link(x) => Subject::Link(x.id.clone()),
            Item::Department(x) => Subject::Department(x.id.clone()),
            Item::Kpi(x) => Subject::Kpi(x.id.clone()),
            Item::Initiative(x) => Subject::Initiative(x.id.clone()),
            Item::Element(x) => Subject::Element(x.id.clone()),
        }
    }

    pub fn id(&self) -> &str {
        match self {
            Item::Perspective(x) => x.id.as_str(),
            Item::Theme(x) => x.id.as_str(),
            Item::Objective(x) => x.id.as_str(),
            Item::Link(x) => x.id.as_str(),
            Item::Department(x) => x.id.as_str(),
            Item::Kpi(x) => x.id.as_str(),
            Item::Initiative(x) => x.id.as_str(),
            Item::Element(x) => x.id.as_str(),
        }
    }
}

impl ItemKind {
    pub fn len(self, p: &Project) -> usize {
        match self {
            ItemKind::Perspective => p.perspectives.len(),
            ItemKind::Theme => p.themes.len(),
            ItemKind::Objective => p.objectives.len(),
            ItemKind::Link => p.links.len(),
            ItemKind::Department => p.departments.len(),
            ItemKind::Kpi => p.kpis.len(),
            ItemKind::Initiative => p.initiatives.len(),
            ItemKind::Element => p.elements.len(),
        }
    }

    /// The index of the item with this id.
    pub fn position(self, p: &Project, id: &str) -> Option<usize> {
        match self {
            ItemKind::Perspective => p.perspectives.iter().position(|x| x.id.as_str() == id),
            ItemKind::Theme => p.themes.iter().position(|x| x.id.as_str() == id),
            ItemKind::Objective => p.objectives.iter().position(|x| x.id.as_str() == id),
            ItemKind::Link => p.links.iter().position(|x| x.id.as_str() == id),
            ItemKind::Department => p.departments.iter().position(|x| x.id.as_str() == id),
            ItemKind::Kpi => p.kpis.iter().position(|x| x.id.as_str() == id),
            ItemKind::Initiative => p.initiatives.iter().position(|x| x.id.as_str() == id),
            ItemKind::Element => p.elements.iter().position(|x| x.id.as_str() == id),
        }
    }
}

/// A change to a project. `apply` performs it and returns the edit that undoes it.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    Insert {
        at: usize,
        item: Item,
    },
    Remove {
        kind: ItemKind,
        at: usize,
    },
    Replace {
        at: usize,
        item: Item,
    },
    Move {
        kind: ItemKind,
        from: usize,
        to: usize,
    },
    Info(Box<ProjectInfo>),
    Scoring(Box<ScoringSettings>),
    Screening(Box<Screening>),
    /// Sets (or with `None` removes) the period of KPI `kpi` starting on `date`.
    Period {
        kpi: usize,
        date: NaiveDate,
        period: Option<Period>,
    },
    /// Sets (or with `None` removes) the value of data element `element` for the period
    /// starting on `date`.
    ElementValue {
        element: usize,
        date: NaiveDate,
        value: Option<f64>,
    },
    /// Several edits as one; undone in reverse order.
    Batch(Vec<Edit>),
    /// The whole document at once (a merge, resolving one of its conflicts).
    Whole(Box<Project>),
    /// Replaces the change record from entry `from` on with `entries` (appending when `from` is
    /// its length).
    History {
        from: usize,
        entries: Vec<HistoryEntry>,
    },
    /// The list of closed periods.
    ClosedPeriods(Vec<NaiveDate>),
}

/// An edit that does not fit the document (a bug in the caller, never user input).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("edit out of range: {0}")]
pub struct EditError(pub String);

fn check(ok: bool, what: impl FnOnce() -> String) -> Result<(), EditError> {
    if ok { Ok(()) } else { Err(EditError(what())) }
}

macro_rules! with_collection {
    ($project:expr, $kind:expr, |$v:ident| $body:expr) => {
        match $kind {
            ItemKind::Perspective => {
                let $v = &mut $project.perspectives;
                $body
            }
            ItemKind::Theme => {
                let $v = &mut $project.themes;
                $body
            }
            ItemKind::Objective => {
                let $v = &mut $project.objectives;
                $body
            }
            ItemKind::Link => {
                let $v = &mut $project.links;
                $body
            }
            ItemKind::Department => {
                let $v = &mut $project.departments;
                $body
            }
            ItemKind::Kpi => {
                let $v = &mut $project.kpis;
                $body
            }
            ItemKind::Initiative => {
                let $v = &mut $project.initiatives;
                $body
            }
            ItemKind::Element => {
                let $v = &mut $project.elements;
                $body
            }
        }
    };
}

fn insert(p: &mut Project, at: usize, item: Item) -> Result<(), EditError> {
    let len = item.kind().len(p);
    check(at <= len, || format!("insert at {at} of {len}"))?;
    match item {
        Item::Perspective(x) => p.perspectives.insert(at, x),
        Item::Theme(x) => p.themes.insert(at, x),
        Item::Objective(x) => p.objectives.insert(at, x),
        Item::Link(x) => p.links.insert(at, x),
        Item::Department(x) => p.departments.insert(at, x),
        Item::Kpi(x) => p.kpis.insert(at, *x),
        Item::Initiative(x) => p.initiatives.insert(at, x),
        Item::Element(x) => p.elements.insert(at, *x),
    }
    Ok(())
}

fn remove(p: &mut Project, kind: ItemKind, at: usize) -> Result<Item, EditError> {
    let len = kind.len(p);
    check(at < len, || format!("remove {kind:?} {at} of {len}"))?;
    Ok(match kind {
        ItemKind::Perspective => Item::Perspective(p.perspectives.remove(at)),
        ItemKind::Theme => Item::Theme(p.themes.remove(at)),
        ItemKind::Objective => Item::Objective(p.objectives.remove(at)),
        ItemKind::Link => Item::Link(p.links.remove(at)),
        ItemKind::Department => Item::Department(p.departments.remove(at)),
        ItemKind::Kpi => Item::Kpi(Box::new(p.kpis.remove(at))),
        ItemKind::Initiative => Item::Initiative(p.initiatives.remove(at)),
        ItemKind::Element => Item::Element(Box::new(p.elements.remove(at))),
    })
}

fn replace(p: &mut Project, at: usize, item: Item) -> Result<Item, EditError> {
    let len = item.kind().len(p);
    check(at < len, || format!("replace {:?} {at} of {len}", item.kind()))?;
    Ok(match item {
        Item::Perspective(x) => Item::Perspective(std::mem::replace(&mut p.perspectives[at], x)),
        Item::Theme(x) => Item::Theme(std::mem::replace(&mut p.themes[at], x)),
        Item::Objective(x) => Item::Objective(std::mem::replace(&mut p.objectives[at], x)),
        Item::Link(x) => Item::Link(std::mem::replace(&mut p.links[at], x)),
        Item::Department(x) => Item::Department(std::mem::replace(&mut p.departments[at], x)),
        Item::Kpi(x) => Item::Kpi(Box::new(std::mem::replace(&mut p.kpis[at], *x))),
        Item::Initiative(x) => Item::Initiative(std::mem::replace(&mut p.initiatives[at], x)),
        Item::Element(x) => Item::Element(Box::new(std::mem::replace(&mut p.elements[at], *x))),
    })
}

impl Edit {
    /// Applies the edit and returns its inverse. On error the project is unchanged (a batch that
    /// fails half-way is rolled back).
    pub fn apply(self, p: &mut Project) -> Result<Edit, EditError> {
        match self {
            Edit::Insert { at, item } => {
                let kind = item.kind();
                insert(p, at, item)?;
                Ok(Edit::Remove { kind, at })
            }
            Edit::Remove { kind, at } => Ok(Edit::Insert { at, item: remove(p, kind, at)? }),
            Edit::Replace { at, item } => Ok(Edit::Replace { at, item: replace(p, at, item)? }),
            Edit::Move { kind, from, to } => {
                let len = kind.len(p);
                check(from < len && to < len, || format!("move {kind:?} {from} → {to} of {len}"))?;
                with_collection!(p, kind, |v| {
                    let x = v.remove(from);
                    v.insert(to, x);
                });
                Ok(Edit::Move { kind, from: to, to: from })
            }
            Edit::Info(info) => Ok(Edit::Info(Box::new(std::mem::replace(&mut p.info, *info)))),
            Edit::Scoring(s) => Ok(Edit::Scoring(Box::new(std::mem::replace(&mut p.scoring, *s)))),
            Edit::Screening(s) => Ok(Edit::Screening(Box::new(std::mem::replace(&mut p.screening, *s)))),
            Edit::Whole(new) => Ok(Edit::Whole(Box::new(std::mem::replace(p, *new)))),
            Edit::History { from, entries } => {
                let len = p.history.len();
                check(from <= len, || format!("history from {from} of {len}"))?;
                let old = p.history.split_off(from);
                p.history.extend(entries);
                Ok(Edit::History { from, entries: old })
            }
            Edit::ClosedPeriods(list) => {
                Ok(Edit::ClosedPeriods(std::mem::replace(&mut p.closed_periods, list)))
            }
            Edit::Period { kpi, date, period } => {
                let len = p.kpis.len();
                check(kpi < len, || format!("period of KPI {kpi} of {len}"))?;
                let series = &mut p.kpis[kpi].series;
                let old = match series.binary_search_by(|x| x.date.cmp(&date)) {
                    Ok(i) => match period {
                        Some(mut new) => {
                            new.date = date;
                            Some(std::mem::replace(&mut series[i], new))
                        }
                        None => Some(series.remove(i)),
                    },
                    Err(i) => {
                        if let Some(mut new) = period {
                            new.date = date;
                            series.insert(i, new);
                        }
                        None
                    }
                };
                Ok(Edit::Period { kpi, date, period: old })
            }
            Edit::ElementValue { element, date, value } => {
                let len = p.elements.len();
                check(element < len, || format!("value of element {element} of {len}"))?;
                let series = &mut p.elements[element].series;
                let old = match series.binary_search_by(|x| x.date.cmp(&date)) {
                    Ok(i) => match value {
                        Some(v) => Some(std::mem::replace(&mut series[i].value, v)),
                        None => Some(series.remove(i).value),
                    },
                    Err(i) => {
                        if let Some(value) = value {
                            series.insert(i, ElementValue { date, value });
                        }
                        None
                    }
                };
                Ok(Edit::ElementValue { element, date, value: old })
            }
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for e in edits {
                    match e.apply(p) {
                        Ok(inv) => inverses.push(inv),
                        Err(err) => {
                            // Roll back what was applied, newest first.
                            for inv in inverses.into_iter().rev() {
                                let _ = inv.apply(p);
                            }
                            return Err(err);
                        }
                    }
                }
                inverses.reverse();
                Ok(Edit::Batch(inverses))
            }
        }
    }

    /// Whether the edit changes what the project's formulas say or name: an expression, or the
    /// code or name of a KPI (which expressions refer to). Judged, like `touched_kpi_values`, from
    /// an inverse and the project it applies to.
    pub fn changes_formulas(&self, p: &Project) -> bool {
        match self {
            Edit::Replace { at, item: Item::Kpi(other) } => p.kpis.get(*at).is_none_or(|k| {
                k.code != other.code || k.name != other.name || k.expression != other.expression
            }),
            Edit::Batch(edits) => edits.iter().any(|e| e.changes_formulas(p)),
            Edit::Whole(_) => true,
            _ => false,
        }
    }

    /// KPIs whose values may have changed, when nothing else did (for incremental scoring);
    /// `None` when the edit touches the project's structure or settings.
    pub fn touched_kpi_values(&self, p: &Project, out: &mut Vec<usize>) -> bool {
        self.touched_values(p, out, &mut Vec::new())
    }

    /// `touched_kpi_values`, also collecting the data elements whose values changed (by index):
    /// the computed KPIs that depend on them are all that need computing again.
    pub fn touched_values(&self, p: &Project, kpis: &mut Vec<usize>, elements: &mut Vec<usize>) -> bool {
        let out = kpis;
        match self {
            Edit::Period { kpi, .. } => {
                out.push(*kpi);
                true
            }
            Edit::ElementValue { element, .. } => {
                elements.push(*element);
                true
            }
            Edit::Replace { at, item: Item::Kpi(new) } => {
                // Structure is unchanged when the KPI stays where it was with the same weight.
                let old = &p.kpis[*at];
                let same_place = old.id == new.id
                    && old.objective == new.objective
                    && old.department == new.department
                    && old.weight == new.weight
                    && old.excluded == new.excluded;
                if same_place {
                    out.push(*at);
                }
                same_place
            }
            Edit::Batch(edits) => edits.iter().all(|e| e.touched_values(p, out, elements)),
            // The record and the closed periods change no score.
            Edit::History { .. } | Edit::ClosedPeriods(_) => true,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn sample() -> Project {
        let mut p = Project::blank(Lang::Zh, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        p.objectives.push(Objective {
            id: ObjectiveId::numbered(1),
            name: "提高收入".into(),
            description: String::new(),
            perspective: PerspectiveId::new("persp-financial"),
            theme: None,
            owner: String::new(),
            weight: 1.0,
            roll_up: RollUp::WeightedAverage,
            position: Point::default(),
            size: Objective::DEFAULT_SIZE,
            pinned: false,
            colour: None,
        });
        let mut k = Kpi::new(KpiId::numbered(1), "销售额");
        k.objective = Some(ObjectiveId::numbered(1));
        p.kpis.push(k);
        p.elements.push(DataElement::new(ElementId::numbered(1), "E01", "到店客户数"));
        p
    }

    #[test]
    fn every_edit_is_undone_by_its_inverse() {
        let d = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
        let original = sample();
        let mut renamed = original.objectives[0].clone();
        renamed.name = "增加收入".into();
        let edits = vec![
            Edit::Insert {
                at: 0,
                item: Item::Theme(Theme {
                    id: ThemeId::numbered(1),
                    name: "t".into(),
                    colour: Colour::rgb(1, 2, 3),
                    description: String::new(),
                }),
            },
            Edit::Remove { kind: ItemKind::Kpi, at: 0 },
            Edit::Replace { at: 0, item: Item::Objective(renamed) },
            Edit::Move { kind: ItemKind::Perspective, from: 3, to: 0 },
            Edit::Period { kpi: 0, date: d(2), period: Some(Period::new(d(2))) },
            Edit::ElementValue { element: 0, date: d(2), value: Some(12.0) },
            Edit::Remove { kind: ItemKind::Element, at: 0 },
            Edit::Batch(vec![
                Edit::ElementValue { element: 0, date: d(3), value: Some(1.0) },
                Edit::ElementValue { element: 0, date: d(3), value: Some(2.0) },
                Edit::ElementValue { element: 0, date: d(1), value: None },
                Edit::Period {
                    kpi: 0,
                    date: d(3),
                    period: Some(Period {
                        date: d(3),
                        actual: Some(5.0),
                        target: None,
                        note: None,
                        commentary: None,
                    }),
                },
                Edit::Period { kpi: 0, date: d(1), period: Some(Period::new(d(1))) },
            ]),
        ];
        for e in edits {
            let mut p = original.clone();
            let inverse = e.clone().apply(&mut p).unwrap();
            assert_ne!(p, original, "{e:?} changed nothing");
            let redo = inverse.apply(&mut p).unwrap();
            assert_eq!(p, original, "{e:?} was not undone");
            redo.apply(&mut p).unwrap();
            assert_ne!(p, original);
        }
    }

    #[test]
    fn period_edits_keep_the_series_sorted() {
        let d = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
        let mut p = sample();
        for m in [5, 1, 3] {
            Edit::Period { kpi: 0, date: d(m), period: Some(Period::new(d(m))) }.apply(&mut p).unwrap();
        }
        let dates: Vec<_> = p.kpis[0].series.iter().map(|x| x.date).collect();
        assert_eq!(dates, vec![d(1), d(3), d(5)]);
        let inverse = Edit::Period { kpi: 0, date: d(3), period: None }.apply(&mut p).unwrap();
        assert_eq!(p.kpis[0].series.len(), 2);
        inverse.apply(&mut p).unwrap();
        assert_eq!(p.kpis[0].series.len(), 3);
    }

    #[test]
    fn a_failing_batch_changes_nothing() {
        let original = sample();
        let mut p = original.clone();
        let batch = Edit::Batch(vec![
            Edit::Remove { kind: ItemKind::Kpi, at: 0 },
            Edit::Remove { kind: ItemKind::Kpi, at: 0 },
        ]);
        assert!(batch.apply(&mut p).is_err());
        assert_eq!(p, original);
    }
}
