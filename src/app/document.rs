//! The open document: the project, where it lives on disk, its undo history and whether it has
//! unsaved changes. Every change goes through `execute`, `undo` or `redo`.

use super::command::{CommandError, DocCommand, apply_checked};
use super::edit::Edit;
use super::history::{History, MergeKey};
use crate::io::{DiskStamp, LoadNotice};
use crate::model::Project;
use crate::model::validate::validate;
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
    history: History,
    saved_state: u64,
    /// Increments on every change; caches remember the revision they were computed for.
    pub revision: u64,
    /// Unique per document opened in this process, so caches keyed by `(generation, revision)`
    /// never confuse two documents.
    pub generation: u64,
    /// Structural problems the document had when opened (normally 0); commands may not add any.
    problems: usize,
}

impl Document {
    pub fn new(mut project: Project, path: Option<PathBuf>, stamp: Option<DiskStamp>) -> Self {
        crate::score::computed::materialize(&mut project);
        let problems = validate(&project).len();
        Self {
            project,
            path,
            stamp,
            notices: Vec::new(),
            history: History::default(),
            saved_state: 0,
            revision: 0,
            generation: NEXT_GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            problems,
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
        let (inverse, problems) = apply_checked(&mut self.project, command, self.problems)?;
        self.problems = problems;
        let change = self.recompute(change_of(&self.project, &inverse));
        self.history.record(inverse, merge, label.into());
        self.revision += 1;
        Ok(change)
    }

    /// Undoes the newest step; returns its label and what changed.
    pub fn undo(&mut self) -> Option<(String, Change)> {
        let (inverse, id, label) = self.history.begin_undo()?;
        match inverse.apply(&mut self.project) {
            Ok(redo) => {
                let change = self.recompute(change_of(&self.project, &redo));
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
                let change = self.recompute(change_of(&self.project, &undo));
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
    /// Computes the computed KPIs' actuals again after an edit. When there are any, a value
    /// typed into one KPI can change others, so the change is reported as structural.
    fn recompute(&mut self, change: Change) -> Change {
        if crate::score::computed::materialize(&mut self.project) > 0 { Change::Structure } else { change }
    }
}

/// What an applied edit changed, judged from its inverse (which names the same items).
fn change_of(project: &Project, inverse: &Edit) -> Change {
    let mut kpis = Vec::new();
    if inverse.touched_kpi_values(project, &mut kpis) {
        kpis.sort_unstable();
        kpis.dedup();
        Change::Values(kpis)
    } else {
        Change::Structure
    }
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
            period: Some(Period { date, actual: Some(4.0), target: None, note: None }),
        };
        assert_eq!(d.execute(c, "Enter value", None).unwrap(), Change::Values(vec![0]));
        assert_eq!(d.undo().unwrap().1, Change::Values(vec![0]));
    }
}
