//! Undo and redo as stacks of inverse edits. Consecutive edits with the same merge key (typing
//! into one field, nudging one box with the arrow keys) become one step.

use super::edit::Edit;

use crate::model::ObjectiveId;
use crate::model::lint::Subject;

/// What a run of edits changes: an item, or one of the project's own settings.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum MergeTarget {
    Item(Subject),
    ProjectInfo,
    Scoring,
    Screening,
    /// Several objectives moved together (arrow-key nudges of a multi-selection).
    Objectives(Vec<ObjectiveId>),
}

/// The field a run of edits changes. Typing into one field, or nudging one box, is one step.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    AddCandidate,
    AddCriterion,
    Aggregation,
    BandAbove,
    BandBelow,
    Baseline,
    Budget,
    Cascade,
    CascadeObjective,
    CascadeParent,
    CascadeShare,
    ClampMax,
    ClampMin,
    Code,
    Colour,
    Currency,
    DataSource,
    Definition,
    Department,
    Description,
    Direction,
    End,
    EachPeriod,
    Excluded,
    Falloff,
    Formula,
    Expression,
    Frequency,
    Grades,
    Head,
    Kind,
    Label,
    Max,
    Method,
    Min,
    Missing,
    Name,
    Objectives,
    Organisation,
    Owner,
    Parent,
    Perspective,
    Pinned,
    PointsCap,
    PointsFloor,
    PointsPoints,
    PointsStep,
    Polarity,
    Position,
    Problem,
    Progress,
    RedNeedsCommentary,
    RemoveCandidate,
    RemoveCriterion,
    Rollup,
    Scoring,
    Start,
    Status,
    Stretch,
    Tags,
    Target,
    Theme,
    Tools,
    Unit,
    Weight,
    /// A screening criterion's name, by position.
    CriterionName(usize),
    /// A screening criterion's weight, by position.
    CriterionWeight(usize),
    /// A candidate's name, by position.
    CandidateName(usize),
    /// A candidate's rating on a criterion, by positions.
    Rating(usize, usize),
    /// One part of the commentary on a KPI's period starting on the date.
    Commentary(chrono::NaiveDate, CommentaryPart),
}

/// Which part of a period's commentary a run of typing changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CommentaryPart {
    Analysis,
    Cause,
    Action,
    Owner,
    Date,
}

/// What identifies a run of edits that undo together: a target and its field.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MergeKey {
    pub target: MergeTarget,
    pub field: Field,
}

impl MergeKey {
    pub fn new(target: MergeTarget, field: Field) -> Self {
        Self { target, field }
    }

    /// A field of an item.
    pub fn item(subject: Subject, field: Field) -> Self {
        Self::new(MergeTarget::Item(subject), field)
    }
}

#[derive(Debug)]
struct Step {
    /// Applying this undoes the step.
    inverse: Edit,
    merge: Option<MergeKey>,
    /// A unique number, so "saved at step n" survives undo and redo.
    id: u64,
    label: String,
}

#[derive(Debug)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    next_id: u64,
    /// The next edit starts a new step even if its merge key matches.
    sealed: bool,
    limit: usize,
    /// The oldest steps were dropped (past `limit`): the opened state is out of reach.
    truncated: bool,
}

impl Default for History {
    fn default() -> Self {
        Self { undo: Vec::new(), redo: Vec::new(), next_id: 1, sealed: true, limit: 500, truncated: false }
    }
}

impl History {
    /// The id of the state the document is in: 0 for the state it was opened in.
    pub fn state_id(&self) -> u64 {
        self.undo.last().map_or(0, |s| s.id)
    }

    /// Records an applied edit by its inverse; true when it merged into the previous step.
    pub fn record(&mut self, inverse: Edit, merge: Option<MergeKey>, label: String) -> bool {
        self.redo.clear();
        let id = self.next_id;
        self.next_id += 1;
        if let (false, Some(key), Some(top)) = (self.sealed, &merge, self.undo.last_mut())
            && top.merge.as_ref() == Some(key)
        {
            // Keep the oldest inverse: undoing returns to before the whole run. The new id marks
            // the document as changed since any save in the middle of the run.
            top.id = id;
            self.sealed = false;
            return true;
        }
        self.undo.push(Step { inverse, merge, id, label });
        self.sealed = false;
        if self.undo.len() > self.limit {
            self.undo.remove(0);
            self.truncated = true;
        }
        false
    }

    /// Adds `first` to what undoing the newest step does, before the rest: the step also made
    /// that change (it recorded what it changed in the project's change record).
    pub fn extend_top(&mut self, first: Edit) {
        if let Some(top) = self.undo.last_mut() {
            let rest = std::mem::replace(&mut top.inverse, Edit::Batch(Vec::new()));
            top.inverse = Edit::Batch(vec![first, rest]);
        }
    }

    /// The edits that take the document from its current state to the state `id` (the one a
    /// save wrote, say), in order: undoing down the undo stack, or redoing up the redo stack.
    /// `None` when that state is out of reach (its steps were dropped).
    pub fn path_to(&self, id: u64) -> Option<Vec<Edit>> {
        if self.state_id() == id {
            return Some(Vec::new());
        }
        let mut edits = Vec::new();
        for i in (0..self.undo.len()).rev() {
            edits.push(self.undo[i].inverse.clone());
            let before = match i {
                0 if self.truncated => None,
                0 => Some(0),
                _ => Some(self.undo[i - 1].id),
            };
            if before == Some(id) {
                return Some(edits);
            }
        }
        let mut edits = Vec::new();
        for step in self.redo.iter().rev() {
            edits.push(step.inverse.clone());
            if step.id == id {
                return Some(edits);
            }
        }
        None
    }

    /// Ends the current run: the next edit is a new step.
    pub fn seal(&mut self) {
        self.sealed = true;
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The label of the step Undo would revert.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Takes the newest step's inverse; the caller applies it and hands back the re-inverse.
    pub fn begin_undo(&mut self) -> Option<(Edit, u64, String)> {
        self.sealed = true;
        self.undo.pop().map(|s| (s.inverse, s.id, s.label))
    }

    /// Completes an undo: `redo` re-applies the undone step.
    pub fn finish_undo(&mut self, redo: Edit, id: u64, label: String) {
        self.redo.push(Step { inverse: redo, merge: None, id, label });
    }

    pub fn begin_redo(&mut self) -> Option<(Edit, u64, String)> {
        self.sealed = true;
        self.redo.pop().map(|s| (s.inverse, s.id, s.label))
    }

    pub fn finish_redo(&mut self, undo: Edit, id: u64, label: String) {
        self.undo.push(Step { inverse: undo, merge: None, id, label });
    }

    pub fn len(&self) -> (usize, usize) {
        (self.undo.len(), self.redo.len())
    }
}
