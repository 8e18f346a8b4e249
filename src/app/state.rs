//! The application state and the one place it changes: `AppState::apply(AppCommand)`. Views read
//! the state and push commands; the shell applies them at the end of the frame.

use super::command::DocCommand;
use super::document::{Change, Document};
use super::history::MergeKey;
use super::jobs::{DialogPurpose, FileDialogs, JobResult, Jobs, LoadIntent};
use super::prefs::{Preferences, ThemePref};
use super::recovery::{AUTOSAVE_INTERVAL, Orphan, Recovery};
use crate::i18n::{Lang, Message, MessageLines, T};
use crate::io::{self, LoadError, SaveError, SaveOptions};
use crate::model::Project;
use crate::model::lint::{Finding, Subject};
use crate::score::{PeriodSpec, ScoreBook};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The main views of the central area.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum View {
    Map,
    Kpis,
    Cascade,
    Data,
    Dashboard,
}

impl View {
    pub const ALL: [View; 5] = [View::Map, View::Kpis, View::Cascade, View::Data, View::Dashboard];

    /// The view where an item is best seen.
    pub fn showing(subject: &crate::model::lint::Subject) -> Option<View> {
        use crate::model::lint::Subject;
        match subject {
            Subject::Objective(_) | Subject::Link(_) | Subject::Perspective(_) | Subject::Theme(_) => {
                Some(View::Map)
            }
            Subject::Kpi(_) => Some(View::Kpis),
            Subject::Department(_) => Some(View::Cascade),
            _ => None,
        }
    }
}

/// What to do once the unsaved-changes question is answered (or the save it asked for is done).
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    New {
        template: Option<PathBuf>,
    },
    /// Open next year's project made from this one (unsaved).
    NewYear(Box<Project>),
    Open(Option<PathBuf>),
    Quit,
}

/// The modal dialog on screen, if any.
#[derive(Clone, Debug, PartialEq)]
pub enum Modal {
    /// "Save changes to … before …?"
    Unsaved {
        then: Pending,
    },
    /// A file could not be opened; the document on screen is unchanged.
    LoadFailed {
        path: PathBuf,
        lines: MessageLines,
    },
    /// A save or export failed.
    SaveFailed {
        path: PathBuf,
        lines: MessageLines,
    },
    /// The file changed on disk since it was opened.
    ChangedOnDisk {
        path: PathBuf,
    },
    /// The app's own path field, when no native dialog is available.
    PathPrompt {
        purpose: DialogPurpose,
        text: String,
        error: Option<Message>,
    },
    /// Recovery files from a session that did not end cleanly.
    Recover {
        orphans: Vec<Orphan>,
    },
    /// What a merge brought in and the conflicts left to decide (`from` is empty when opened
    /// from the menu to look at the document's conflicts).
    Merge {
        from: String,
        incoming: Vec<crate::model::merge::Incoming>,
        /// The conflict whose value is being typed, and the text so far.
        edit: Option<(String, String)>,
    },
    /// Choose the department a pack is for.
    SendToDepartment {
        selected: usize,
    },
    /// The command palette.
    Palette {
        query: String,
        selected: usize,
    },
    /// Choose a sample project as a template for a new document: (file, project name).
    NewFromTemplate {
        templates: Vec<(PathBuf, String)>,
    },
    About,
    /// The name written into the change record.
    Author {
        text: String,
    },
    /// Why an agreed department's targets or weights changed: for the record entries from
    /// `from` on.
    Reason {
        from: usize,
        unit: String,
        agreed: String,
        text: String,
    },
    /// Return a submitted department with a comment.
    ReturnSignOff {
        department: crate::model::DepartmentId,
        text: String,
    },
    /// Close and reopen the project's periods (a reopen needs a reason).
    Periods {
        reason: String,
    },
    /// Start next year's scorecard from this one.
    NewYear {
        year: i32,
        /// 0 keep, 1 this year's results, 2 grow by `grow` percent.
        rule: u8,
        grow: String,
    },
}

/// How a merge conflict is decided.
#[derive(Clone, Debug, PartialEq)]
pub enum Resolution {
    KeepMine,
    TakeTheirs,
    /// A value typed as JSON.
    Value(serde_json::Value),
}

/// A short message shown in the status bar for a few seconds.
#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    pub text: Message,
    pub error: bool,
    pub at: Instant,
    /// The undo step the message is about: an Undo button shows beside it while that step is
    /// the one Undo would take back.
    pub undo: Option<String>,
}

/// What views and menus ask the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum AppCommand {
    /// Change the document (one undo step, merged with the previous one when `merge` matches).
    Doc {
        command: DocCommand,
        label: String,
        merge: Option<MergeKey>,
    },
    Undo,
    Redo,
    New {
        template: Option<PathBuf>,
    },
    /// Open a file; `None` asks for one.
    Open(Option<PathBuf>),
    Save,
    /// Save under a new name; `None` asks for one.
    SaveAs(Option<PathBuf>),
    /// Overwrite a file that changed on disk.
    SaveForce,
    Quit,
    /// The answer to the unsaved-changes question.
    SaveThenContinue,
    DiscardThenContinue,
    Recover(usize),
    DiscardRecovery(usize),
    Select(Option<Subject>),
    ShowView(View),
    SetPeriod(PeriodSpec),
    SetLang(Lang),
    /// Open the most recent file on start (remembered).
    SetOpenLastFile(bool),
    /// A side panel's width as the user dragged it (remembered).
    SetPanelWidth(super::prefs::SidePanel, f32),
    SetTheme(ThemePref),
    SetScale(f32),
    /// Open or close a side panel (remembered).
    ShowPanel(super::prefs::SidePanel, bool),
    /// The map's text size at fit, in points (remembered).
    SetMapText(f32),
    /// The map with KPIs listed under each objective, on the canvas and in exports (remembered).
    ShowMapKpis(bool),
    /// Curved or orthogonal links on the map and in its exports (remembered).
    SetMapLinks(crate::io::map_layout::LinkStyle),
    OpenPalette,
    ShowModal(Modal),
    CloseModal,
    ToggleFindings,
    /// Ends a run of merged edits (focus left a field).
    Seal,
    /// Write the pending export to this path.
    ExportTo(PathBuf),
    /// Export the document for the current period and language; asks where first.
    Export(crate::io::export::ExportKind),
    /// Import actuals from a spreadsheet; `None` asks for one.
    ImportActuals(Option<PathBuf>),
    /// Map the import's sheet anew and preview it.
    ImportRemap(crate::io::import::Mapping),
    /// Apply the import's accepted entries (one undo step) and close it.
    ImportApply,
    /// Close the import without changing anything.
    ImportCancel,
    Toast(Message, bool),
    /// Merge the version on disk into the document (it changed since it was opened), then save.
    MergeOnDisk,
    /// Merge a department's returned pack into the document; `None` asks for the file.
    MergePack(Option<PathBuf>),
    /// Write the pack of a department (by id); `None` asks where.
    WritePack {
        department: String,
        path: Option<PathBuf>,
    },
    /// Decide a merge conflict (by its path).
    ResolveConflict {
        path: String,
        choice: Resolution,
    },
    /// A message about the step just done, with an Undo button (what went with a deleted
    /// objective).
    ToastUndo(Message),
    /// The name written into the change record (remembered).
    SetAuthor(String),
    /// Move a department's sign-off to `status` (`comment`: why it is returned).
    SignOff {
        department: crate::model::DepartmentId,
        status: crate::model::appraisal::SignOffStatus,
        comment: String,
    },
    /// Close the project period starting on the day (one undo step, recorded).
    ClosePeriod(chrono::NaiveDate),
    /// Reopen a closed period, with the reason for the record.
    ReopenPeriod {
        period: chrono::NaiveDate,
        reason: String,
    },
    /// Replace the document by next year's made from it (asks to save changes first).
    NewYear {
        year: i32,
        targets: crate::model::appraisal::RolloverTargets,
    },
}

pub struct AppState {
    pub doc: Document,
    pub prefs: Preferences,
    pub config_dir: PathBuf,
    pub view: View,
    pub selection: Option<Subject>,
    pub period: PeriodSpec,
    pub modal: Option<Modal>,
    pub toasts: Vec<Toast>,
    pub jobs: Jobs,
    pub show_findings: bool,
    /// The import being mapped and previewed, if any.
    pub import: Option<Box<super::import::ImportSession>>,
    /// Set when the window may close (nothing unsaved, or the user chose to discard).
    pub quit_confirmed: bool,
    /// Set when the preferences changed and should be written.
    pub prefs_dirty: bool,
    recovery: Recovery,
    /// The key the open document's recovery file is written under (see `Recovery::key_for`); a
    /// recovered document keeps the key of the file it was recovered from.
    recovery_key: String,
    last_autosave: Instant,
    autosaved_revision: u64,
    book: ScoreBook,
    book_revision: u64,
    findings: Vec<Finding>,
    findings_revision: Option<(u64, u64)>,
    /// A save started by the unsaved-changes prompt, to continue with once it succeeds.
    after_save: Option<Pending>,
    /// The recovery file being loaded, removed once it loaded.
    pending_orphan: Option<Orphan>,
    /// The export waiting for the user to choose where it goes.
    pending_export: Option<crate::io::export::ExportRequest>,
    /// The state being saved, which becomes the merge base once the save is done.
    saving: Option<(u64, Arc<Project>)>,
    /// Record entries (from this index on) that changed an agreed department and wait for a
    /// reason; asked once the user leaves the field.
    pub pending_reason: Option<usize>,
    /// When the window last moved or changed size, until that is written to the preferences.
    window_moved: Option<Instant>,
}

impl AppState {
    /// A new state with a blank document. `config_dir` holds preferences and recovery files.
    pub fn new(config_dir: PathBuf, dialogs: Arc<dyn FileDialogs>) -> Self {
        let prefs = Preferences::load(&config_dir);
        let today = chrono::Local::now().date_naive();
        let project = Project::blank(prefs.lang, today);
        let period = crate::score::period::current_period(&project, today);
        let book = ScoreBook::compute(&project, period);
        let recovery = Recovery::new(&config_dir);
        let orphans = recovery.orphans();
        let mut doc = Document::new(project, None, None);
        doc.recorder.author = prefs.author.clone();
        let recovery_key = recovery.key_for(None, doc.generation);
        Self {
            doc,
            prefs,
            config_dir,
            view: View::Map,
            selection: None,
            period,
            modal: if orphans.is_empty() { None } else { Some(Modal::Recover { orphans }) },
            toasts: Vec::new(),
            jobs: Jobs::new(dialogs),
            show_findings: false,
            import: None,
            quit_confirmed: false,
            prefs_dirty: false,
            recovery,
            recovery_key,
            last_autosave: Instant::now(),
            window_moved: None,
            autosaved_revision: 0,
            book,
            book_revision: 0,
            findings: Vec::new(),
            findings_revision: None,
            after_save: None,
            pending_orphan: None,
            pending_export: None,
            saving: None,
            pending_reason: None,
        }
    }

    pub fn lang(&self) -> Lang {
        self.prefs.lang
    }

    pub fn project(&self) -> &Project {
        &self.doc.project
    }

    /// The computed KPIs' formulas and dependencies, as the document keeps them after each
    /// change (built here only in the rare case it has none).
    pub fn dependents(&self) -> std::borrow::Cow<'_, crate::score::computed::Dependents> {
        match self.doc.cached_dependents() {
            Some(d) => std::borrow::Cow::Borrowed(d),
            None => std::borrow::Cow::Owned(crate::score::computed::Dependents::new(&self.doc.project)),
        }
    }

    /// Scores for the current period, always up to date with the document.
    pub fn scores(&self) -> &ScoreBook {
        &self.book
    }

    /// Lint findings for the document, recomputed when it changed.
    pub fn findings(&mut self) -> &[Finding] {
        if self.findings_revision != Some(self.doc.content_key()) {
            self.findings = crate::model::lint::lint_with(&self.doc.project, self.doc.problems() > 0);
            self.findings_revision = Some(self.doc.content_key());
        }
        &self.findings
    }

    /// The findings as `findings` last computed them (call that first in the frame).
    pub fn cached_findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The document's display name: its file name, or "untitled".
    pub fn title(&self) -> String {
        match &self.doc.path {
            Some(p) => p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            None => T::Untitled.get(self.lang()).into(),
        }
    }

    fn toast(&mut self, text: Message, error: bool) {
        self.toasts.push(Toast { text, error, at: Instant::now(), undo: None });
        if self.toasts.len() > 5 {
            self.toasts.remove(0);
        }
    }

    /// Replaces the document (after New, Open, Recover).
    fn replace_document(&mut self, doc: Document) {
        self.doc = doc;
        self.doc.recorder.author = self.prefs.author.clone();
        self.pending_reason = None;
        self.selection = None;
        self.period =
            crate::score::period::current_period(&self.doc.project, chrono::Local::now().date_naive());
        self.book = ScoreBook::compute(&self.doc.project, self.period);
        self.book_revision = self.doc.revision;
        self.findings_revision = None;
        self.autosaved_revision = self.doc.revision;
        // The document this one replaced was saved or discarded (the unsaved-changes prompt ran).
        self.recovery.clear(&self.recovery_key);
        self.recovery_key = self.recovery.key_for(self.doc.path.as_deref(), self.doc.generation);
    }

    fn refresh_scores(&mut self, change: &Change) {
        match change {
            Change::Values(kpis) if self.book_revision + 1 == self.doc.revision => {
                let formulas = self.doc.cached_dependents().map(|d| &d.formulas);
                for &k in kpis {
                    if k < self.doc.project.kpis.len() {
                        self.book.update_kpi_with(&self.doc.project, formulas, k);
                    }
                }
            }
            _ => self.book = ScoreBook::compute(&self.doc.project, self.period),
        }
        self.book_revision = self.doc.revision;
    }

    /// Drops the selection when the selected item no longer exists.
    fn check_selection(&mut self) {
        let p = &self.doc.project;
        let exists = match &self.selection {
            None | Some(Subject::Project) => true,
            Some(Subject::Perspective(id)) => p.perspective(id).is_some(),
            Some(Subject::Theme(id)) => p.theme(id).is_some(),
            Some(Subject::Objective(id)) => p.objective(id).is_some(),
            Some(Subject::Link(id)) => p.link(id).is_some(),
            Some(Subject::Kpi(id)) => p.kpi(id).is_some(),
            Some(Subject::Department(id)) => p.department(id).is_some(),
            Some(Subject::Initiative(id)) => p.initiative(id).is_some(),
            Some(Subject::Element(id)) => p.element(id).is_some(),
        };
        if !exists {
            self.selection = None;
        }
    }

    /// Applies one command.
    pub fn apply(&mut self, command: AppCommand) {
        match command {
            AppCommand::Doc { command, .. }
                if self.doc.project.pack.is_some() && command.touches_company_map() =>
            {
                self.toast(Message::text(T::PackReadOnly), true);
            }
            AppCommand::Doc { command, label, merge } => {
                let before = self.doc.project.history.len();
                match self.doc.execute(command, label, merge) {
                    Ok(change) => {
                        self.refresh_scores(&change);
                        self.check_selection();
                        self.ask_reason_if_agreed(before);
                    }
                    Err(e) => {
                        self.toast(
                            Message::new(|lang| crate::tr!(lang, NotChanged, reason = e.describe(lang))),
                            true,
                        );
                    }
                }
            }
            AppCommand::Undo => match self.doc.undo() {
                Some((label, change)) => {
                    self.refresh_scores(&change);
                    self.check_selection();
                    self.toast(Message::new(|lang| crate::tr!(lang, Undone, step = label)), false);
                }
                None => self.toast(Message::text(T::NothingToUndo), false),
            },
            AppCommand::Redo => match self.doc.redo() {
                Some((label, change)) => {
                    self.refresh_scores(&change);
                    self.check_selection();
                    self.toast(Message::new(|lang| crate::tr!(lang, Redone, step = label)), false);
                }
                None => self.toast(Message::text(T::NothingToRedo), false),
            },
            AppCommand::New { template } => self.guard(Pending::New { template }),
            AppCommand::Open(path) => self.guard(Pending::Open(path)),
            AppCommand::Quit => self.guard(Pending::Quit),
            AppCommand::Save => self.save(None, false),
            AppCommand::SaveAs(path) => match path {
                Some(p) => self.save(Some(p), false),
                None => self.pick(DialogPurpose::SaveAs),
            },
            AppCommand::SaveForce => {
                self.modal = None;
                self.save(None, true);
            }
            AppCommand::SaveThenContinue => {
                if let Some(Modal::Unsaved { then }) = self.modal.take() {
                    self.after_save = Some(then);
                    self.save(None, false);
                }
            }
            AppCommand::DiscardThenContinue => {
                if let Some(Modal::Unsaved { then }) = self.modal.take() {
                    self.proceed(then);
                }
            }
            AppCommand::Recover(i) => {
                if let Some(Modal::Recover { orphans }) = &mut self.modal
                    && i < orphans.len()
                {
                    let orphan = orphans.remove(i);
                    if orphans.is_empty() {
                        self.modal = None;
                    }
                    self.jobs.load(orphan.project.clone(), LoadIntent::Recover, orphan.original.clone());
                    // The file is kept: once loaded, this instance takes it over until a save.
                    self.pending_orphan = Some(orphan);
                }
            }
            AppCommand::DiscardRecovery(i) => {
                if let Some(Modal::Recover { orphans }) = &mut self.modal
                    && i < orphans.len()
                {
                    orphans.remove(i).remove();
                    if orphans.is_empty() {
                        self.modal = None;
                    }
                }
            }
            AppCommand::Select(s) => {
                if s != self.selection {
                    self.doc.seal();
                }
                self.selection = s;
            }
            AppCommand::ShowView(v) => {
                self.view = v;
                if v == View::Dashboard {
                    self.show_latest_reported();
                }
            }
            AppCommand::SetPeriod(p) => {
                self.period = p;
                self.book = ScoreBook::compute(&self.doc.project, p);
                self.book_revision = self.doc.revision;
            }
            AppCommand::SetLang(l) => {
                self.set_lang(l);
                self.prefs_dirty = true;
            }
            AppCommand::SetPanelWidth(panel, width) => {
                match panel {
                    super::prefs::SidePanel::Navigator => self.prefs.navigator_width = width,
                    super::prefs::SidePanel::Inspector => self.prefs.inspector_width = width,
                }
                self.prefs_dirty = true;
            }
            AppCommand::SetOpenLastFile(on) => {
                self.prefs.open_last_file = on;
                self.prefs_dirty = true;
            }
            AppCommand::SetTheme(t) => {
                self.prefs.theme = t;
                self.prefs_dirty = true;
            }
            AppCommand::SetScale(s) => {
                self.prefs.ui_scale = s.clamp(super::prefs::MIN_SCALE, super::prefs::MAX_SCALE);
                self.prefs_dirty = true;
            }
            AppCommand::ShowPanel(panel, shown) => {
                match panel {
                    super::prefs::SidePanel::Navigator => self.prefs.show_navigator = shown,
                    super::prefs::SidePanel::Inspector => self.prefs.show_inspector = shown,
                }
                self.prefs_dirty = true;
            }
            AppCommand::ShowMapKpis(on) => {
                self.prefs.map_kpis = on;
                self.prefs_dirty = true;
            }
            AppCommand::SetMapLinks(style) => {
                self.prefs.map_links = style;
                self.prefs_dirty = true;
            }
            AppCommand::SetMapText(size) => {
                self.prefs.map_text = super::prefs::clamp_map_text(size);
                self.prefs_dirty = true;
            }
            AppCommand::OpenPalette => {
                self.modal = Some(Modal::Palette { query: String::new(), selected: 0 })
            }
            AppCommand::ShowModal(m) => self.modal = Some(m),
            AppCommand::CloseModal => {
                if matches!(self.modal, Some(Modal::PathPrompt { purpose: DialogPurpose::Export(_), .. })) {
                    self.pending_export = None;
                }
                self.modal = None;
            }
            AppCommand::Export(kind) => self.export(kind),
            AppCommand::ExportTo(path) => {
                self.modal = None;
                self.export_to(path);
            }
            AppCommand::ImportActuals(Some(path)) => self.read_import(path),
            AppCommand::ImportActuals(None) => self.pick(DialogPurpose::Import),
            AppCommand::ImportRemap(mapping) => {
                if let Some(session) = &mut self.import {
                    session.remap(&self.doc.project, mapping);
                }
            }
            AppCommand::ImportApply => self.apply_import(),
            AppCommand::ImportCancel => self.import = None,
            AppCommand::ToggleFindings => self.show_findings = !self.show_findings,
            AppCommand::Seal => self.doc.seal(),
            AppCommand::Toast(text, error) => self.toast(text, error),
            AppCommand::MergeOnDisk => self.merge_on_disk(),
            AppCommand::MergePack(None) => self.pick(DialogPurpose::MergePack),
            AppCommand::MergePack(Some(path)) => self.merge_pack(&path),
            AppCommand::WritePack { department, path: None } => {
                self.pick(DialogPurpose::WritePack(department));
            }
            AppCommand::WritePack { department, path: Some(path) } => self.write_pack(&department, &path),
            AppCommand::ResolveConflict { path, choice } => self.resolve_conflict(&path, choice),
            AppCommand::SetAuthor(name) => {
                self.prefs.author = name.trim().to_string();
                self.doc.recorder.author = self.prefs.author.clone();
                self.prefs_dirty = true;
            }
            AppCommand::SignOff { department, status, comment } => {
                let Some(unit) = self.doc.project.department(&department).map(|d| d.name.clone()) else {
                    return;
                };
                let entry = self.record_entry(
                    crate::model::appraisal::HistoryEvent::SignOff { department, status },
                    comment,
                );
                let label =
                    crate::tr!(self.lang(), SignOffStep, unit = unit, status = status.name(self.lang()));
                self.apply(AppCommand::Doc {
                    command: DocCommand::Record(Box::new(entry)),
                    label,
                    merge: None,
                });
            }
            AppCommand::ClosePeriod(period) => self.set_period_closed(period, true, String::new()),
            AppCommand::ReopenPeriod { period, reason } => self.set_period_closed(period, false, reason),
            AppCommand::NewYear { year, targets } => {
                let source = self
                    .doc
                    .path
                    .as_ref()
                    .and_then(|p| p.file_name())
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| self.doc.project.info.name.clone());
                let today = self.doc.recorder.today();
                let next =
                    crate::model::appraisal::rollover(&self.doc.project, year, targets, &source, today);
                self.guard(Pending::NewYear(Box::new(next)));
            }
            AppCommand::ToastUndo(text) => {
                // Only when the step happened: a refused delete already said why.
                if let Some(step) = self.doc.history().undo_label() {
                    let undo = Some(step.to_string());
                    self.toasts.push(Toast { text, error: false, at: Instant::now(), undo });
                }
            }
        }
    }

    /// Runs `then` now, or first asks about unsaved changes.
    fn guard(&mut self, then: Pending) {
        if self.doc.is_dirty() {
            self.modal = Some(Modal::Unsaved { then });
        } else {
            self.proceed(then);
        }
    }

    /// A record entry by the user, today.
    fn record_entry(
        &self,
        event: crate::model::appraisal::HistoryEvent,
        reason: String,
    ) -> crate::model::appraisal::HistoryEntry {
        crate::model::appraisal::HistoryEntry {
            date: self.doc.recorder.today(),
            author: self.doc.recorder.author.clone(),
            reason: reason.trim().to_string(),
            event,
        }
    }

    fn set_period_closed(&mut self, period: chrono::NaiveDate, closed: bool, reason: String) {
        let lang = self.lang();
        let label = crate::model::appraisal::period_label(self.doc.project.info.frequency, period, lang);
        let entry =
            self.record_entry(crate::model::appraisal::HistoryEvent::Period { period, closed }, reason);
        let step = if closed {
            crate::tr!(lang, ClosePeriodStep, period = label)
        } else {
            crate::tr!(lang, ReopenPeriodStep, period = label)
        };
        let command = DocCommand::Batch(vec![
            DocCommand::SetPeriodClosed { period, closed },
            DocCommand::Record(Box::new(entry)),
        ]);
        self.apply(AppCommand::Doc { command, label: step, merge: None });
    }

    /// After a change: when it recorded changes to a department already agreed, the user is
    /// asked why (once they leave the field).
    fn ask_reason_if_agreed(&mut self, before: usize) {
        let history = &self.doc.project.history;
        if let Some(from) = self.pending_reason
            && from > history.len()
        {
            self.pending_reason = None;
        }
        if history.len() <= before && self.pending_reason.is_none() {
            return;
        }
        let states = crate::model::appraisal::signoff_states(&self.doc.project);
        let from = self.pending_reason.unwrap_or(before).min(before);
        let needs = states.iter().any(|s| {
            s.status == crate::model::appraisal::SignOffStatus::Agreed
                && s.changed_since.iter().any(|&i| i >= from && history[i].reason.is_empty())
        });
        self.pending_reason = needs.then_some(from);
    }

    /// The dialog asking why, for the pending changes (the first agreed department they touch).
    pub fn reason_modal(&self) -> Option<Modal> {
        let from = self.pending_reason?;
        let p = &self.doc.project;
        let states = crate::model::appraisal::signoff_states(p);
        let (d, state) = states.iter().enumerate().find(|(_, s)| {
            s.status == crate::model::appraisal::SignOffStatus::Agreed
                && s.changed_since.iter().any(|&i| i >= from)
        })?;
        let agreed =
            state.entry.and_then(|i| p.history.get(i)).map(|e| e.date.format("%Y-%m-%d").to_string());
        Some(Modal::Reason {
            from,
            unit: p.departments[d].name.clone(),
            agreed: agreed.unwrap_or_default(),
            text: String::new(),
        })
    }

    fn proceed(&mut self, then: Pending) {
        match then {
            Pending::NewYear(project) => {
                self.replace_document(Document::new(*project, None, None));
                self.doc.mark_unsaved();
                let lang = self.lang();
                let p = &self.doc.project;
                let (name, kpis) = (p.info.name.clone(), p.kpis.len());
                let year = chrono::Datelike::year(&p.info.start) - 1;
                self.toast(
                    Message::new(move |l| crate::tr!(l, NewYearMade, name = name, kpis = kpis, year = year)),
                    false,
                );
                let _ = lang;
            }
            Pending::New { template: None } => {
                let project = Project::blank(self.lang(), chrono::Local::now().date_naive());
                self.replace_document(Document::new(project, None, None));
            }
            Pending::New { template: Some(path) } => self.jobs.load(path, LoadIntent::Template, None),
            Pending::Open(Some(path)) => self.jobs.load(path, LoadIntent::Open, None),
            Pending::Open(None) => self.pick(DialogPurpose::Open),
            Pending::Quit => {
                self.quit_confirmed = true;
                self.recovery.clear(&self.recovery_key);
            }
        }
    }

    fn pick(&mut self, purpose: DialogPurpose) {
        let lang = self.lang();
        let title = match purpose {
            DialogPurpose::Open => T::OpenProject.get(lang),
            DialogPurpose::SaveAs => T::SaveProjectAs.get(lang),
            DialogPurpose::Export(_) => T::MenuExport.get(lang),
            DialogPurpose::Import => T::ImportTitle.get(lang),
            DialogPurpose::MergePack => T::MenuMergePack.get(lang),
            DialogPurpose::WritePack(_) => T::SendToDepartmentTitle.get(lang),
        };
        let file_name = match (&purpose, &self.doc.path) {
            (DialogPurpose::Export(name), _) => name.clone(),
            (DialogPurpose::WritePack(id), _) => {
                let unit = self.project().department(&crate::model::DepartmentId::new(id.as_str()));
                let unit = unit.map_or(id.clone(), |d| d.name.clone());
                format!(
                    "{}.json",
                    crate::io::sanitize_file_name(&format!("{} {unit}", self.doc.project.info.name))
                )
            }
            (_, Some(p)) => p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            (_, None) => format!("{}.json", crate::io::sanitize_file_name(&self.doc.project.info.name)),
        };
        self.jobs.pick(purpose, title.into(), file_name);
    }

    /// Starts a save of the current state, to `to` or the document's own file.
    fn save(&mut self, to: Option<PathBuf>, force: bool) {
        let (path, expected) = match (to, &self.doc.path) {
            (Some(p), _) => (p, None),
            (None, Some(p)) => (p.clone(), self.doc.stamp.clone()),
            (None, None) => {
                self.pick(DialogPurpose::SaveAs);
                return;
            }
        };
        let options = SaveOptions { expected, force, backup: true };
        // One copy for the background save, shared with `saving`.
        let snapshot = Arc::new(self.doc.project.clone());
        self.saving = Some((self.doc.state_id(), snapshot.clone()));
        self.jobs.save(path, snapshot, self.doc.state_id(), options);
    }

    /// Handles finished background jobs; call once per frame.
    pub fn poll_jobs(&mut self) {
        for result in self.jobs.poll() {
            self.on_job(result);
        }
    }

    /// Waits for the next background job and handles it (tests and headless use).
    pub fn wait_for_job(&mut self, timeout: Duration) -> bool {
        match self.jobs.wait(timeout) {
            Some(r) => {
                self.on_job(r);
                true
            }
            None => false,
        }
    }

    fn on_job(&mut self, result: JobResult) {
        match result {
            JobResult::Picked { purpose, path: Some(path), .. } => match purpose {
                DialogPurpose::Open => self.jobs.load(path, LoadIntent::Open, None),
                DialogPurpose::SaveAs => self.save(Some(path), false),
                DialogPurpose::Export(_) => self.export_to(path),
                DialogPurpose::Import => self.read_import(path),
                DialogPurpose::MergePack => self.merge_pack(&path),
                DialogPurpose::WritePack(department) => self.write_pack(&department, &path),
            },
            JobResult::Picked { purpose, path: None, elapsed } => {
                // An answer within moments means no dialog was shown (no portal on this
                // desktop): offer the app's own path field instead of doing nothing.
                if elapsed < Duration::from_millis(400) {
                    let folder = self
                        .doc
                        .path
                        .as_ref()
                        .or(self.prefs.recent.first())
                        .and_then(|p| p.parent())
                        .map(|d| d.to_path_buf());
                    let text = match (&purpose, &self.doc.path) {
                        (DialogPurpose::Open | DialogPurpose::Import | DialogPurpose::MergePack, _) => {
                            folder.map(|d| format!("{}/", d.display())).unwrap_or_default()
                        }
                        (DialogPurpose::Export(name), _) => match folder {
                            Some(d) => d.join(name).display().to_string(),
                            None => name.clone(),
                        },
                        (DialogPurpose::WritePack(id), _) => match folder {
                            Some(d) => d.join(format!("{id}.json")).display().to_string(),
                            None => format!("{id}.json"),
                        },
                        (DialogPurpose::SaveAs, Some(p)) => p.display().to_string(),
                        (DialogPurpose::SaveAs, None) => String::new(),
                    };
                    self.modal = Some(Modal::PathPrompt { purpose, text, error: None });
                } else {
                    self.after_save = None;
                }
            }
            JobResult::Loaded { path, intent, original, result } => match *result {
                Ok(loaded) => {
                    let notices = loaded.notices.clone();
                    let doc = match intent {
                        LoadIntent::Open => {
                            self.prefs.add_recent(&path);
                            self.prefs_dirty = true;
                            // Absolute, so the document is saved where it came from whatever the
                            // working folder becomes.
                            let at = std::path::absolute(&path).unwrap_or_else(|_| path.clone());
                            let mut d = Document::loaded(loaded.project, Some(at), Some(loaded.stamp));
                            d.notices = notices.clone();
                            d
                        }
                        LoadIntent::Template => Document::new(loaded.project, None, None),
                        LoadIntent::Recover => {
                            let stamp =
                                original.as_ref().and_then(|o| io::load_file(o).ok()).map(|l| l.stamp);
                            let mut d = Document::new(loaded.project, original.clone(), stamp);
                            d.mark_unsaved();
                            d
                        }
                    };
                    self.replace_document(doc);
                    if intent == LoadIntent::Recover
                        && let Some(orphan) = self.pending_orphan.take()
                    {
                        // The recovery file stays until the document is saved: this instance takes
                        // it over at once (same key, its own lock), so a crash now loses nothing.
                        self.recovery_key = orphan.key;
                        self.write_recovery_now();
                    }
                    for n in notices {
                        self.toast(Message::new(|lang| n.describe(lang)), false);
                    }
                    if self.modal.as_ref().is_some_and(|m| matches!(m, Modal::PathPrompt { .. })) {
                        self.modal = None;
                    }
                }
                Err(e) => {
                    if intent == LoadIntent::Recover {
                        self.pending_orphan = None;
                    }
                    let lines = MessageLines::new(|lang| e.lines(lang));
                    self.open_failed(path, lines, matches!(e, LoadError::Io { .. }));
                }
            },
            JobResult::Saved { path, state, result } => match result {
                Ok(stamp) => {
                    self.doc.mark_saved(state, path.clone(), stamp);
                    // The file now holds the saved state: the history makes the next base.
                    if self.saving.take().is_some_and(|(s, _)| s == state) {
                        self.doc.base = None;
                    }
                    self.prefs.add_recent(&path);
                    self.prefs_dirty = true;
                    // Saved: nothing left to recover, and a Save As moves the document to a new key.
                    self.recovery.clear(&self.recovery_key);
                    self.recovery_key = self.recovery.key_for(self.doc.path.as_deref(), self.doc.generation);
                    self.autosaved_revision = self.doc.revision;
                    if matches!(self.modal, Some(Modal::PathPrompt { .. })) {
                        self.modal = None;
                    }
                    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    self.toast(Message::new(|lang| crate::tr!(lang, ToastSaved, name = name)), false);
                    if let Some(then) = self.after_save.take() {
                        self.proceed(then);
                    }
                }
                Err(SaveError::ChangedOnDisk { path }) => {
                    self.modal = Some(Modal::ChangedOnDisk { path });
                }
                Err(e) => {
                    self.after_save = None;
                    let lines = MessageLines::new(|lang| vec![e.describe(lang)]);
                    self.modal = Some(Modal::SaveFailed { path, lines });
                }
            },
            JobResult::Autosaved { revision, result } => {
                if result.is_ok() {
                    self.autosaved_revision = revision;
                }
            }
            JobResult::ImportRead { path, result } => match *result {
                Ok(read) => {
                    if matches!(self.modal, Some(Modal::PathPrompt { .. })) {
                        self.modal = None;
                    }
                    self.import = Some(Box::new(super::import::ImportSession::new(
                        path,
                        read.source,
                        read.mapping.ok(),
                        read.preview,
                        &self.doc.project,
                    )));
                }
                Err(e) => {
                    let lines = MessageLines::new(|lang| vec![e.describe(lang)]);
                    let mistyped = matches!(
                        e,
                        crate::io::import::ImportError::Unreadable { .. }
                            | crate::io::import::ImportError::UnknownKind { .. }
                    );
                    self.open_failed(path, lines, mistyped);
                }
            },
            JobResult::Exported { path, result } => match result {
                Ok(()) => {
                    let name = path.display().to_string();
                    self.toast(Message::new(|lang| crate::tr!(lang, ToastExported, name = name)), false);
                }
                Err(e) => {
                    let lines = MessageLines::new(|lang| vec![e.describe(lang)]);
                    self.modal = Some(Modal::SaveFailed { path, lines });
                }
            },
        }
    }

    /// Writes the recovery file when there are unsaved changes and 30 s have passed since the
    /// last one. Returns how long until the next check is due, for scheduling a repaint.
    pub fn autosave_tick(&mut self, now: Instant) -> Option<Duration> {
        if !self.doc.is_dirty() || self.autosaved_revision == self.doc.revision {
            return None;
        }
        let due = self.last_autosave + AUTOSAVE_INTERVAL;
        if now < due {
            return Some(due - now);
        }
        self.write_recovery_now();
        Some(AUTOSAVE_INTERVAL)
    }

    /// Writes the recovery file at once (in the background).
    pub fn write_recovery_now(&mut self) {
        self.last_autosave = Instant::now();
        let project = self.doc.project.clone();
        let original = self.doc.path.clone();
        let recovery = self.recovery.clone();
        let revision = self.doc.revision;
        let key = self.recovery_key.clone();
        self.jobs.autosave(
            move || recovery.write(&key, &io::project_to_bytes(&project), original.as_deref()),
            revision,
        );
    }

    /// The recovery file of the open document (for tests and the About box).
    pub fn recovery_path(&self) -> PathBuf {
        self.recovery.project_path(&self.recovery_key)
    }

    /// Removes the recovery file on a clean exit.
    pub fn on_exit(&mut self) {
        self.recovery.clear(&self.recovery_key);
        if self.prefs_dirty || self.window_moved.is_some() {
            let _ = self.prefs.save(&self.config_dir);
            self.prefs_dirty = false;
        }
    }

    /// Writes changed preferences now.
    /// Remembers where the window is on the monitor `key`; written when the place has settled
    /// for a second (a move or resize is many frames) and at exit.
    pub fn remember_window(&mut self, key: String, place: super::prefs::WindowPlace) {
        let same = self.prefs.last_monitor.as_ref() == Some(&key)
            && self.prefs.window_places.get(&key).is_some_and(|p| {
                p.position.iter().zip(place.position).all(|(a, b)| (a - b).abs() < 1.0)
                    && p.size.iter().zip(place.size).all(|(a, b)| (a - b).abs() < 1.0)
            });
        if !same {
            self.prefs.window_places.insert(key.clone(), place);
            self.prefs.last_monitor = Some(key);
            self.window_moved = Some(Instant::now());
        }
    }

    /// The dashboard opened on a period nobody has reported in (a new project in December with
    /// January to June entered): move to the latest month that has data, and say so.
    fn show_latest_reported(&mut self) {
        let nothing = self.book.kpis.iter().all(|k| k.aggregate.reported == 0);
        if !nothing {
            return;
        }
        let latest =
            crate::score::period::current_period(&self.doc.project, chrono::Local::now().date_naive());
        let any = self.doc.project.kpis.iter().any(|k| k.series.iter().any(|p| p.actual.is_some()));
        if any && latest != self.period {
            self.apply(AppCommand::SetPeriod(latest));
            let text = Message::new(move |lang| {
                crate::tr!(lang, ShowingLatestReported, period = latest.label(lang))
            });
            self.toast(text, false);
        }
    }

    /// Changes the language. A blank project nobody has touched yet is made again in the new
    /// language, so its perspectives and name follow the UI ("财务", "新建平衡计分卡").
    pub fn set_lang(&mut self, lang: Lang) {
        let old = self.prefs.lang;
        self.prefs.lang = lang;
        if old == lang
            || self.doc.path.is_some()
            || self.doc.history().can_undo()
            || self.doc.history().can_redo()
        {
            return;
        }
        let start = self.doc.project.info.start;
        if self.doc.project == Project::blank(old, start) {
            self.replace_document(Document::new(Project::blank(lang, start), None, None));
        }
    }

    /// The window moved and that is not written yet.
    pub fn window_place_unsaved(&self) -> bool {
        self.window_moved.is_some()
    }

    pub fn save_prefs_if_changed(&mut self) {
        if self.window_moved.is_some_and(|t| t.elapsed() > std::time::Duration::from_secs(1)) {
            self.prefs_dirty = true;
        }
        if self.prefs_dirty {
            self.window_moved = None;
            let _ = self.prefs.save(&self.config_dir);
            self.prefs_dirty = false;
        }
    }

    /// A file could not be opened or imported. When its path was typed into the app's own field
    /// and the file is not there (`mistyped`), say so next to the field; else in a dialog.
    fn open_failed(&mut self, path: PathBuf, lines: MessageLines, mistyped: bool) {
        if let (true, Some(Modal::PathPrompt { purpose, text, .. })) = (mistyped, &self.modal) {
            let (purpose, text) = (purpose.clone(), text.clone());
            self.modal = Some(Modal::PathPrompt {
                purpose,
                text,
                error: Some(Message { en: lines.en.join(" "), zh: lines.zh.join(" ") }),
            });
        } else {
            self.modal = Some(Modal::LoadFailed { path, lines });
        }
    }

    fn read_import(&mut self, path: PathBuf) {
        self.import = None;
        self.jobs.read_import(path, self.doc.project.clone());
    }

    fn apply_import(&mut self) {
        let Some(session) = self.import.take() else { return };
        let name = session.file_name();
        match session.command(&self.doc.project) {
            Some((command, preview, kpis)) => {
                let label = crate::tr!(self.lang(), ImportStep, name = name);
                // The latest month the file reports, to move a monthly view on to it.
                let latest = preview
                    .entries
                    .iter()
                    .filter(|e| e.problem.is_none() && e.actual.is_some())
                    .filter_map(|e| {
                        let kpi = self.doc.project.kpis.get(e.kpi?)?;
                        Some(self.doc.project.frequency_of(kpi).period_end(e.period?))
                    })
                    .max();
                self.apply(AppCommand::Doc { command, label, merge: None });
                if let (Some(end), PeriodSpec::Month { .. }) = (latest, self.period)
                    && end > self.period.range().end
                {
                    self.apply(AppCommand::SetPeriod(PeriodSpec::month_of(end)));
                }
                self.toast(
                    Message::new(|lang| {
                        crate::tr!(
                            lang,
                            ToastImported,
                            name = name,
                            accepted = preview.accepted,
                            kpis = kpis,
                            overwrites = preview.overwrites,
                            unchanged = preview.unchanged,
                            rejected = preview.rejected
                        )
                    }),
                    false,
                );
            }
            None => self.toast(Message::new(|lang| crate::tr!(lang, NothingToImport, name = name)), false),
        }
    }

    /// Asks where to export, then runs `job` with the chosen path in the background.
    /// Asks where to export, for the current period and language; a refusal (no contract to
    /// print) is said at once, before any dialog.
    fn export(&mut self, kind: crate::io::export::ExportKind) {
        use crate::io::export;
        let mut request = export::ExportRequest::new(kind, self.period, self.lang());
        // The map exports as the canvas shows it: with its KPIs when they are on.
        request.map_kpis = self.prefs.map_kpis;
        request.map_links = self.prefs.map_links;
        if let export::ExportKind::Contracts(scope) | export::ExportKind::ContractFiles(scope) = &request.kind
            && let Err(e) = export::contract_units(self.project(), scope)
        {
            self.toast(Message::new(|lang| e.describe(lang)), true);
            return;
        }
        let file_name = export::default_file_name(self.project(), &request);
        self.pending_export = Some(request);
        self.pick(DialogPurpose::Export(file_name));
    }

    fn export_to(&mut self, path: PathBuf) {
        if let Some(request) = self.pending_export.take() {
            let project = self.doc.project.clone();
            self.jobs.export(path, move |path, progress| {
                crate::io::export::write_with(&project, &request, path, &|f| progress.set_fraction(f))
                    .map(|_| ())
            });
        }
    }
}

/// The sample projects that serve as templates: (file, project name), from the first folder
/// that has them: `$SCORECARD_STUDIO_SAMPLES`, `sample-projects/` next to the executable or up to
/// three folders above it (a cargo build), or in the working directory.
pub fn templates() -> Vec<(PathBuf, String)> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Some(d) = std::env::var_os("SCORECARD_STUDIO_SAMPLES") {
        dirs.push(d.into());
    }
    if let Ok(exe) = std::env::current_exe() {
        let mut at = exe.parent().map(Path::to_path_buf);
        for _ in 0..4 {
            let Some(dir) = at else { break };
            dirs.push(dir.join("sample-projects"));
            at = dir.parent().map(Path::to_path_buf);
        }
    }
    dirs.push(PathBuf::from("sample-projects"));
    dirs.push(PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/sample-projects")));
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut found: Vec<(PathBuf, String)> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| is_project_file(p))
            .filter_map(|p| io::load_file(&p).ok().map(|l| (p, l.project.info.name)))
            .collect();
        if !found.is_empty() {
            found.sort();
            return found;
        }
    }
    Vec::new()
}

/// Whether a path looks like a project file (for drag and drop).
pub fn is_project_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// Many hands on one scorecard: merging the file on disk and returned packs, writing packs, and
/// deciding conflicts. Each merge or decision is one undo step.
impl AppState {
    /// Puts a merge's result in as one undo step and shows what came in and what is left.
    fn take_merge(&mut self, outcome: crate::model::merge::MergeOutcome, from: String) -> bool {
        let lang = self.lang();
        if outcome.project == self.doc.project {
            self.toast(Message::new(|lang| crate::tr!(lang, MergeNothing, from = from)), false);
            return false;
        }
        let label = crate::tr!(lang, MergeStep, from = from);
        let (incoming, conflicts) = (outcome.incoming.len(), outcome.conflicts.len());
        self.apply(AppCommand::Doc {
            command: DocCommand::ReplaceAll(Box::new(outcome.project)),
            label,
            merge: None,
        });
        self.toast(
            Message::new(|lang| {
                crate::tr!(lang, MergeApplied, from = from, incoming = incoming, conflicts = conflicts)
            }),
            false,
        );
        self.modal = Some(Modal::Merge { from, incoming: outcome.incoming, edit: None });
        true
    }

    /// Save found the file changed on disk: merge that version into the document, using the
    /// version it was opened from as the base, and save the result.
    fn merge_on_disk(&mut self) {
        self.modal = None;
        let Some(path) = self.doc.path.clone() else { return };
        let Some(base) = self.doc.base.clone().or_else(|| self.doc.saved_version().map(Arc::new)) else {
            self.toast(Message::text(T::MergeNoBase), true);
            return;
        };
        match io::load_file(&path) {
            Ok(loaded) => {
                let from = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let outcome = io::merge::merge_projects(&base, &self.doc.project, &loaded.project, &from);
                // The merged document now stands on the version on disk.
                self.doc.stamp = Some(loaded.stamp);
                self.doc.base = Some(Arc::new(loaded.project));
                self.take_merge(outcome, from);
                self.save(None, false);
            }
            Err(e) => {
                let lines = MessageLines::new(|lang| e.lines(lang));
                self.modal = Some(Modal::LoadFailed { path, lines });
            }
        }
    }

    fn merge_pack(&mut self, path: &Path) {
        if matches!(self.modal, Some(Modal::PathPrompt { .. })) {
            self.modal = None;
        }
        let returned = match io::load_file(path) {
            Ok(l) => l.project,
            Err(e) => {
                let lines = MessageLines::new(|lang| e.lines(lang));
                self.modal = Some(Modal::LoadFailed { path: path.to_path_buf(), lines });
                return;
            }
        };
        match io::merge::merge_returned_pack(&self.doc.project, &returned) {
            Ok(outcome) => {
                let from = returned
                    .pack
                    .as_ref()
                    .and_then(|p| self.doc.project.department(&p.department))
                    .map(|d| d.name.clone())
                    .unwrap_or_else(|| path.display().to_string());
                self.take_merge(outcome, from);
            }
            Err(e) => {
                let lines = MessageLines::new(|lang| vec![e.describe(lang)]);
                self.modal = Some(Modal::LoadFailed { path: path.to_path_buf(), lines });
            }
        }
    }

    fn write_pack(&mut self, department: &str, path: &Path) {
        if matches!(self.modal, Some(Modal::PathPrompt { .. })) {
            self.modal = None;
        }
        let source = self.title();
        let today = chrono::Local::now().date_naive();
        let result = crate::model::pack::make_pack(&self.doc.project, department, &source, today)
            .map_err(|e| MessageLines::new(|lang| vec![e.describe(lang)]))
            .and_then(|pack| {
                io::save_file(path, &pack, &SaveOptions { expected: None, force: true, backup: true })
                    .map(|_| pack)
                    .map_err(|e| MessageLines::new(|lang| vec![e.describe(lang)]))
            });
        match result {
            Ok(pack) => {
                let unit = crate::model::pack::find_department(&self.doc.project, department)
                    .map(|d| d.name.clone())
                    .unwrap_or_default();
                let (k, e, i) = (pack.kpis.len(), pack.elements.len(), pack.initiatives.len());
                let shown = path.display().to_string();
                self.toast(
                    Message::new(|lang| {
                        crate::tr!(
                            lang,
                            PackWritten,
                            unit = unit,
                            path = shown,
                            kpis = k,
                            elements = e,
                            initiatives = i
                        )
                    }),
                    false,
                );
            }
            Err(lines) => self.modal = Some(Modal::SaveFailed { path: path.to_path_buf(), lines }),
        }
    }

    fn resolve_conflict(&mut self, path: &str, choice: Resolution) {
        let p = &self.doc.project;
        let Some(conflict) = p.conflicts.iter().find(|c| c.path == path).cloned() else { return };
        let value = match choice {
            Resolution::KeepMine => None,
            Resolution::TakeTheirs => Some(conflict.theirs.clone()),
            Resolution::Value(v) => Some(Some(v)),
        };
        let mut new = match value {
            None => Some(p.clone()),
            Some(v) => crate::model::merge::with_value_at(p, path, v),
        };
        if let Some(n) = &mut new {
            n.conflicts.retain(|c| c.path != path);
        }
        let fits = new.as_ref().is_some_and(|n| crate::model::validate::validate(n).is_empty());
        match new {
            Some(new) if fits => {
                let label = crate::tr!(self.lang(), MergeResolveStep, path = path);
                self.apply(AppCommand::Doc {
                    command: DocCommand::ReplaceAll(Box::new(new)),
                    label,
                    merge: None,
                });
                if let Some(Modal::Merge { edit, .. }) = &mut self.modal {
                    *edit = None;
                }
            }
            _ => {
                let path = path.to_string();
                self.toast(Message::new(|lang| crate::tr!(lang, MergeValueRefused, path = path)), true);
            }
        }
    }
}
