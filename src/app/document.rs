//! The open document: the project, where it lives on disk, its undo history and whether it has
//! unsaved changes. Every change goes through `execute`, `undo` or `redo`.

use super::command::{CommandError, DocCommand, apply_checked};
use super::edit::Edit;
use super::history::{History, MergeKey};
use crate::io::{DiskStamp, LoadNotice};
use crate::model::Project;
use crate::model::appraisal::{HistoryEntry, HistoryEvent};
use crate::model::validate::validate;
use crate::score::computed::{Dependents, materialize_kpis};
use std::path::PathBuf;

static NEXT_GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// What a change touched, so caches can update as little as possible.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Only the values of these KPIs (by index) changed.
    Values(Vec<usize>),
    /// Anything else: items added, removed or moved, settings.
    Structure,
}

#[derive(Debug)]
pub struct Document {
    pub project: Project,
    pub path: Option<PathBuf>,
    /// The file on disk as it was loaded or last saved, to detect changes by others.
    pub stamp: Option<DiskStamp>,
    /// What the user should be told about the file (migrated, had a byte-order mark).
    pub notices: Vec<LoadNotice>,
    /// The version on disk a merge brought in, until the merged document is saved: the base of
    /// the next merge (otherwise `saved_version` makes the base from the history).
    pub base: Option<std::sync::Arc<Project>>,
    history: History,
    saved_state: u64,
    /// Increments on every change; caches remember the revision they were computed for.
    pub revision: u64,
    /// Unique per document opened in this process, so caches keyed by `(generation, revision)`
    /// never confuse two documents.
    pub generation: u64,
    /// Structural problems the document had when opened (normally 0); commands may not add any.
    problems: usize,
    /// The computed KPIs' formulas and what depends on what, for the project as it is; `None`
    /// after a change that may have changed them (made again when next asked for).
    dependents: Option<std::sync::Arc<Dependents>>,
    /// Who and when, for the change record.
    pub recorder: Recorder,
    /// The changes the current undo step recorded (typing "120" is one change, not three).
    run: Option<RecordRun>,
}

/// The author and day written into the change record.
#[derive(Clone, Debug, Default)]
pub struct Recorder {
    pub author: String,
    /// The day of the record; `None`: today.
    pub today: Option<chrono::NaiveDate>,
}

impl Recorder {
    pub fn today(&self) -> chrono::NaiveDate {
        self.today.unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}

/// What one undo step has recorded: where its entries start and each change from the value
/// before the step to the latest.
#[derive(Debug)]
struct RecordRun {
    history_len: usize,
    events: Vec<HistoryEvent>,
}

/// Folds `new` into `run`: one event per item and field, from the first value to the last.
fn coalesce(run: &mut Vec<HistoryEvent>, new: Vec<HistoryEvent>) {
    use HistoryEvent::*;
    for e in new {
        let same = run.iter_mut().find(|x| match (&**x, &e) {
            (KpiChange { kpi: a, field: f, .. }, KpiChange { kpi: b, field: g, .. }) => a == b && f == g,
            (
                DepartmentChange { department: a, field: f, .. },
                DepartmentChange { department: b, field: g, .. },
            ) => a == b && f == g,
            _ => false,
        });
        match (same, e) {
            (Some(KpiChange { to, effective, .. }), KpiChange { to: t, effective: ef, .. }) => {
                *to = t;
                if ef.is_some() {
                    *effective = ef;
                }
            }
            (Some(DepartmentChange { to, .. }), DepartmentChange { to: t, .. }) => *to = t,
            (_, e) => run.push(e),
        }
    }
}

/// Whether a coalesced event is worth a record: a real change, not the first value.
fn worth_recording(e: &HistoryEvent) -> bool {
    match e {
        HistoryEvent::KpiChange { from, to, field, .. }
        | HistoryEvent::DepartmentChange { from, to, field, .. } => {
            from != to && (!from.is_null() || field.unset_is_a_value())
        }
        _ => true,
    }
}

impl Document {
    pub fn new(mut project: Project, path: Option<PathBuf>, stamp: Option<DiskStamp>) -> Self {
        let dependents = std::sync::Arc::new(Dependents::new(&project));
        if dependents.any() {
            materialize_all(&mut project, &dependents);
        }
        Self::with_dependents(project, path, stamp, dependents)
    }

    /// A document for a project just loaded, whose computed actuals the loader has already
    /// worked out (`io::load_file`): not a second time (over half a second at 32,000 KPIs).
    pub fn loaded(project: Project, path: Option<PathBuf>, stamp: Option<DiskStamp>) -> Self {
        let dependents = std::sync::Arc::new(Dependents::new(&project));
        Self::with_dependents(project, path, stamp, dependents)
    }

    fn with_dependents(
        project: Project,
        path: Option<PathBuf>,
        stamp: Option<DiskStamp>,
        dependents: std::sync::Arc<Dependents>,
    ) -> Self {
        let problems = validate(&project).len();
        Self {
            dependents: Some(dependents),
            project,
            path,
            stamp,
            notices: Vec::new(),
            base: None,
            history: History::default(),
            saved_state: 0,
            revision: 0,
            generation: NEXT_GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            problems,
            recorder: Recorder::default(),
            run: None,
        }
    }

    /// Identifies the document's current content for caches.
    pub fn content_key(&self) -> (u64, u64) {
        (self.generation, self.revision)
    }

    pub fn is_dirty(&self) -> bool {
        self.history.state_id() != self.saved_state
    }

    /// The id of the current state, to pass to `mark_saved` when a save of this state finishes.
    pub fn state_id(&self) -> u64 {
        self.history.state_id()
    }

    /// Records that the state `state` was written to `path`.
    pub fn mark_saved(&mut self, state: u64, path: PathBuf, stamp: DiskStamp) {
        self.saved_state = state;
        self.path = Some(path);
        self.stamp = Some(stamp);
        self.notices.clear();
    }

    /// The document as its file holds it (as opened or last saved), made again from the current
    /// state and the undo history: the base of a merge when someone else changed the file. Kept
    /// this way rather than as a second copy, which would double the memory of a big project.
    /// `None` when the history no longer reaches back to it.
    pub fn saved_version(&self) -> Option<Project> {
        if self.saved_state == u64::MAX {
            return None;
        }
        let edits = self.history.path_to(self.saved_state)?;
        let mut project = self.project.clone();
        for edit in edits {
            edit.apply(&mut project).ok()?;
        }
        Some(project)
    }

    /// Marks the document as changed relative to its file (a recovered document).
    pub fn mark_unsaved(&mut self) {
        self.saved_state = u64::MAX;
    }

    /// How many structural problems the document has (normally 0).
    pub fn problems(&self) -> usize {
        self.problems
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    /// Ends the current run of merged edits.
    pub fn seal(&mut self) {
        self.history.seal();
    }

    /// Runs a command as one undo step (merged with the previous step when `merge` matches).
    pub fn execute(
        &mut self,
        command: DocCommand,
        label: impl Into<String>,
        merge: Option<MergeKey>,
    ) -> Result<Change, CommandError> {
        let mut events = Vec::new();
        if !matches!(command, DocCommand::ReplaceAll(_)) {
            command.recorded_changes(&self.project, &mut events);
        }
        let (inverse, problems) = apply_checked(&mut self.project, command, self.problems)?;
        self.problems = problems;
        let change = self.recompute(&inverse);
        let merged = self.history.record(inverse, merge, label.into());
        if !merged {
            self.run = None;
        }
        if !events.is_empty() {
            self.record(events);
        }
        self.revision += 1;
        Ok(change)
    }

    /// Writes the changes of the current step into the project's change record, folded with what
    /// the step recorded before, and makes undoing the step take the record with it.
    fn record(&mut self, events: Vec<HistoryEvent>) {
        let started = self.run.is_none();
        let run = self
            .run
            .get_or_insert_with(|| RecordRun { history_len: self.project.history.len(), events: Vec::new() });
        coalesce(&mut run.events, events);
        let date = self.recorder.today();
        let entries = run
            .events
            .iter()
            .filter(|e| worth_recording(e))
            .map(|e| HistoryEntry {
                date,
                author: self.recorder.author.clone(),
                reason: String::new(),
                event: e.clone(),
            })
            .collect();
        let edit = Edit::History { from: run.history_len, entries };
        if let Ok(inverse) = edit.apply(&mut self.project)
            && started
        {
            self.history.extend_top(inverse);
        }
    }

    /// Undoes the newest step; returns its label and what changed.
    pub fn undo(&mut self) -> Option<(String, Change)> {
        let (inverse, id, label) = self.history.begin_undo()?;
        match inverse.apply(&mut self.project) {
            Ok(redo) => {
                let change = self.recompute(&redo);
                self.history.finish_undo(redo, id, label.clone());
                self.revision += 1;
                self.problems = validate(&self.project).len();
                Some((label, change))
            }
            // Inverses are made for exactly this state; failing here is a bug, and losing the
            // step is better than corrupting the document.
            Err(_) => None,
        }
    }

    pub fn redo(&mut self) -> Option<(String, Change)> {
        let (edit, id, label) = self.history.begin_redo()?;
        match edit.apply(&mut self.project) {
            Ok(undo) => {
                let change = self.recompute(&undo);
                self.history.finish_redo(undo, id, label.clone());
                self.revision += 1;
                self.problems = validate(&self.project).len();
                Some((label, change))
            }
            Err(_) => None,
        }
    }
}

impl Document {
    /// The project's formulas and their dependencies, read once per structure.
    pub fn dependents(&mut self) -> std::sync::Arc<Dependents> {
        self.dependents.get_or_insert_with(|| std::sync::Arc::new(Dependents::new(&self.project))).clone()
    }

    /// The formulas, when they are at hand (always after a change; for views that cannot build
    /// them, which read `&self`).
    pub fn cached_dependents(&self) -> Option<&Dependents> {
        self.dependents.as_deref()
    }

    /// Computes the computed KPIs' actuals again after an edit (`inverse` undoes it): after a
    /// value changed, only the KPIs that depend on it; after anything else, all of them.
    fn recompute(&mut self, inverse: &Edit) -> Change {
        let mut kpis = Vec::new();
        let mut elements = Vec::new();
        let values_only = inverse.touched_values(&self.project, &mut kpis, &mut elements)
            && !inverse.changes_formulas(&self.project);
        if !values_only {
            self.dependents = None;
            let index = self.dependents();
            if index.any() {
                materialize_all(&mut self.project, &index);
            }
            return Change::Structure;
        }
        kpis.sort_unstable();
        kpis.dedup();
        let mut index = self.dependents();
        if !index.any() {
            return Change::Values(kpis);
        }
        // A value dated outside the span evaluated so far widens every computed KPI's periods.
        if crate::score::computed::span(&self.project) != index.span {
            self.dependents = None;
            index = self.dependents();
            materialize_all(&mut self.project, &index);
            return Change::Structure;
        }
        let mut which = index.of(&elements, &kpis);
        which.extend(kpis.iter().copied().filter(|&k| index.formulas.is_computed(k)));
        which.sort_unstable();
        which.dedup();
        materialize_kpis(&mut self.project, &index, &which);
        kpis.extend(which);
        kpis.sort_unstable();
        kpis.dedup();
        Change::Values(kpis)
    }
}

fn materialize_all(project: &mut Project, index: &Dependents) {
    materialize_kpis(project, index, index.computed());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::edit::Item;
    use crate::app::history::{Field, MergeTarget};
    use crate::i18n::Lang;
    use crate::model::lint::Subject;
    use crate::model::*;
    use chrono::NaiveDate;

    fn doc() -> Document {
        let mut p = Project::blank(Lang::En, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        p.objectives.push(Objective {
            id: ObjectiveId::numbered(1),
            name: "Grow".into(),
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
        Document::new(p, None, None)
    }

    fn rename(d: &Document, name: &str) -> DocCommand {
        let mut o = d.project.objectives[0].clone();
        o.name = name.into();
        DocCommand::Upsert(Item::Objective(o))
    }

    #[test]
    fn the_saved_version_is_made_again_from_the_history() {
        let mut d = doc();
        let opened = d.project.clone();
        assert_eq!(d.saved_version().as_ref(), Some(&opened), "nothing changed");
        for name in ["Grow sales", "Grow margin"] {
            let c = rename(&d, name);
            d.execute(c, "Rename", None).unwrap();
        }
        assert_eq!(d.saved_version().as_ref(), Some(&opened), "two steps back");
        assert_eq!(d.project.objectives[0].name, "Grow margin", "the document itself is untouched");
        // Saved after the first step: that is the version on disk.
        d.undo().unwrap();
        let saved = d.project.clone();
        d.mark_saved(d.state_id(), "x.json".into(), DiskStamp { len: 0, modified: None, hash: 0 });
        d.redo().unwrap();
        assert_eq!(d.saved_version().as_ref(), Some(&saved));
        // Undone past the save: the saved version is ahead, by redo.
        d.undo().unwrap();
        d.undo().unwrap();
        assert_eq!(d.project, opened);
        assert_eq!(d.saved_version().as_ref(), Some(&saved));
        // A recovered document was never saved here: no base.
        d.mark_unsaved();
        assert_eq!(d.saved_version(), None);
    }

    #[test]
    fn typing_merges_into_one_step_and_dirty_follows_undo() {
        let mut d = doc();
        assert!(!d.is_dirty());
        for name in ["G", "Gr", "Gro", "Grow revenue"] {
            let c = rename(&d, name);
            d.execute(c, "Rename", Some(MergeKey::item(Subject::Objective("obj-1".into()), Field::Name)))
                .unwrap();
        }
        assert!(d.is_dirty());
        assert_eq!(d.history().len(), (1, 0));
        d.undo().unwrap();
        assert_eq!(d.project.objectives[0].name, "Grow");
        assert!(!d.is_dirty(), "undoing back to the saved state is clean");
        d.redo().unwrap();
        assert_eq!(d.project.objectives[0].name, "Grow revenue");
        assert!(d.is_dirty());
    }

    #[test]
    fn sealing_starts_a_new_step_and_saves_are_remembered() {
        let mut d = doc();
        let c = rename(&d, "A");
        d.execute(c, "Rename", Some(MergeKey::new(MergeTarget::Scoring, Field::Name))).unwrap();
        d.seal();
        let c = rename(&d, "B");
        d.execute(c, "Rename", Some(MergeKey::new(MergeTarget::Scoring, Field::Name))).unwrap();
        assert_eq!(d.history().len(), (2, 0));
        let state = d.state_id();
        d.mark_saved(state, "/tmp/x.json".into(), DiskStamp { len: 0, modified: None, hash: 0 });
        assert!(!d.is_dirty());
        d.undo();
        assert!(d.is_dirty());
        d.redo();
        assert!(!d.is_dirty());
    }

    #[test]
    fn value_edits_are_reported_as_values() {
        let mut d = doc();
        let mut k = Kpi::new(KpiId::numbered(1), "Sales");
        k.objective = Some(ObjectiveId::numbered(1));
        assert_eq!(
            d.execute(DocCommand::Upsert(Item::Kpi(Box::new(k))), "Add KPI", None).unwrap(),
            Change::Structure
        );
        let date = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let c = DocCommand::SetPeriod {
            kpi: KpiId::numbered(1),
            date,
            period: Some(Period { date, actual: Some(4.0), target: None, note: None, commentary: None }),
        };
        assert_eq!(d.execute(c, "Enter value", None).unwrap(), Change::Values(vec![0]));
        assert_eq!(d.undo().unwrap().1, Change::Values(vec![0]));
    }

    /// A project with computed KPIs over elements, and one computed KPI over two others.
    fn computed_doc() -> Document {
        let mut p = crate::model::synthetic::generate(crate::model::synthetic::SyntheticSpec {
            kpis: 8,
            departments: 2,
            periods: 12,
            seed: 3,
        });
        crate::model::synthetic::add_computed(&mut p, 4, 9);
        p.kpis[5].expression = Some("C1 - C2".into());
        p.kpis[5].code = "D1".into();
        Document::new(p, None, None)
    }

    #[test]
    fn an_element_value_recomputes_only_what_depends_on_it() {
        let mut d = computed_doc();
        let date = d.project.elements[0].series[2].date;
        let c =
            DocCommand::SetElementValue { element: d.project.elements[0].id.clone(), date, value: Some(1.0) };
        // E1 feeds C1 (KPI 0), and C1 feeds D1 (KPI 5).
        assert_eq!(d.execute(c, "Enter value", None).unwrap(), Change::Values(vec![0, 5]));
        let base = d.project.elements[1].series[2].value;
        assert_eq!(d.project.kpis[0].period(date).and_then(|p| p.actual), Some(100.0 / base));
        let mut full = d.project.clone();
        crate::score::computed::materialize(&mut full);
        assert_eq!(d.project, full);
        assert_eq!(d.undo().unwrap().1, Change::Values(vec![0, 5]));
        let mut full = d.project.clone();
        crate::score::computed::materialize(&mut full);
        assert_eq!(d.project, full);
    }

    #[test]
    fn renaming_what_a_formula_names_recomputes_everything() {
        let mut d = computed_doc();
        let mut e = d.project.elements[0].clone();
        e.code = "X1".into();
        let change = d.execute(DocCommand::Upsert(Item::Element(Box::new(e))), "Rename", None).unwrap();
        assert_eq!(change, Change::Structure);
        // C1 now names an element that does not exist: it has no values, nor has D1.
        assert!(d.project.kpis[0].series.iter().all(|p| p.actual.is_none()));
        assert!(d.project.kpis[5].series.iter().all(|p| p.actual.is_none()));
        d.undo();
        assert!(d.project.kpis[0].series.iter().any(|p| p.actual.is_some()));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
        /// Whatever values are typed, cleared, undone and redone, computing only what depends on
        /// them gives what computing everything gives.
        #[test]
        fn incremental_and_full_recompute_agree(
            steps in proptest::collection::vec((0usize..8, 0usize..14, proptest::option::of(0.0f64..500.0), 0u8..6), 1..12)
        ) {
            let mut d = computed_doc();
            for (element, month, value, op) in steps {
                match op {
                    0 => { d.undo(); }
                    1 => { d.redo(); }
                    _ => {
                        let start = d.project.info.start;
                        // Month 12 and 13 lie beyond the horizon: they widen what is computed.
                        let date = (0..month).fold(start, |x, _| crate::model::Frequency::Monthly.next_start(x));
                        let id = d.project.elements[element].id.clone();
                        let _ = d.execute(DocCommand::SetElementValue { element: id, date, value }, "v", None);
                    }
                }
                let mut full = d.project.clone();
                crate::score::computed::materialize(&mut full);
                proptest::prop_assert_eq!(&d.project, &full);
            }
        }
    }
}
