//! Work off the UI thread: file dialogs, loading and saving. Results come back through a
//! channel, and the UI is woken to pick them up, so the window keeps painting meanwhile.

use crate::io::import::{self, ImportError, Mapping, Preview, Source};
use crate::io::{self, DiskStamp, LoadError, Loaded, SaveError, SaveOptions};
use crate::model::Project;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

/// Native file dialogs, behind a trait so tests never reach a real one.
pub trait FileDialogs: Send + Sync {
    /// Blocks until the user picks a file or cancels.
    fn pick_open(&self, title: &str, kind: OpenKind) -> Option<PathBuf>;
    fn pick_save(&self, title: &str, file_name: &str) -> Option<PathBuf>;
}

/// The desktop's dialogs through rfd (the XDG portal on Linux). Where no portal is available
/// rfd returns at once, which the app answers with its own path field.
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn pick_open(&self, title: &str, kind: OpenKind) -> Option<PathBuf> {
        let dialog = rfd::FileDialog::new().set_title(title);
        match kind {
            OpenKind::Project => dialog.add_filter("Scorecard Studio", &["json"]),
            OpenKind::Spreadsheet => dialog
                .add_filter("Excel / CSV", &["xlsx", "xlsm", "xls", "ods", "csv", "txt"])
                .add_filter("*", &["*"]),
        }
        .pick_file()
    }
    fn pick_save(&self, title: &str, file_name: &str) -> Option<PathBuf> {
        // Offer the type of the file being written (a project, a picture, a contract …).
        let ext = std::path::Path::new(file_name).extension().and_then(|e| e.to_str()).unwrap_or("json");
        let kind = if ext == "json" { "Scorecard Studio" } else { ext };
        rfd::FileDialog::new().set_title(title).add_filter(kind, &[ext]).set_file_name(file_name).save_file()
    }
}

/// No dialogs: every request is answered with "no choice" at once (tests, headless use).
pub struct NoDialogs;

impl FileDialogs for NoDialogs {
    fn pick_open(&self, _: &str, _: OpenKind) -> Option<PathBuf> {
        None
    }
    fn pick_save(&self, _: &str, _: &str) -> Option<PathBuf> {
        None
    }
}

/// What kind of file an open dialog offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenKind {
    Project,
    Spreadsheet,
}

/// What a file dialog was opened for.
#[derive(Clone, Debug, PartialEq)]
pub enum DialogPurpose {
    Open,
    SaveAs,
    /// Choose a spreadsheet of actuals to import.
    Import,
    /// Choose a file to export to; the string names the export.
    Export(String),
    /// Choose a department's returned pack to merge in.
    MergePack,
    /// Choose where a department's pack goes; the string is the department's id.
    WritePack(String),
}

/// What to do once a load finishes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadIntent {
    /// Open the file as the document.
    Open,
    /// Use the file as a template: a new, untitled document with its content.
    Template,
    /// A recovery file: open as an unsaved document belonging to `original`.
    Recover,
}

pub enum JobResult {
    Picked {
        purpose: DialogPurpose,
        path: Option<PathBuf>,
        elapsed: Duration,
    },
    Loaded {
        path: PathBuf,
        intent: LoadIntent,
        original: Option<PathBuf>,
        result: Box<Result<Loaded, LoadError>>,
    },
    Saved {
        path: PathBuf,
        state: u64,
        result: Result<DiskStamp, SaveError>,
    },
    Autosaved {
        revision: u64,
        result: std::io::Result<()>,
    },
    Exported {
        path: PathBuf,
        result: Result<(), crate::io::export::ExportError>,
    },
    /// A spreadsheet read and mapped for the import preview.
    ImportRead {
        path: PathBuf,
        result: Box<Result<ImportRead, ImportError>>,
    },
}

/// A spreadsheet read for import, with the mapping guessed and its preview.
pub struct ImportRead {
    pub source: Arc<Source>,
    /// `Err` when no sheet has a header the importer recognises (the user maps by hand).
    pub mapping: Result<Mapping, ImportError>,
    pub preview: Preview,
}

/// Rows done out of rows in total, shared with a background job for a progress bar.
#[derive(Debug, Default)]
pub struct Progress {
    pub done: AtomicUsize,
    pub total: AtomicUsize,
}

impl Progress {
    /// Sets the fraction done (0–1), for jobs that count in shares rather than rows.
    pub fn set_fraction(&self, f: f32) {
        self.total.store(1000, Ordering::Relaxed);
        self.done.store((f.clamp(0.0, 1.0) * 1000.0) as usize, Ordering::Relaxed);
    }

    /// The fraction done, once the total is known.
    pub fn fraction(&self) -> Option<f32> {
        let total = self.total.load(Ordering::Relaxed);
        (total > 0).then(|| (self.done.load(Ordering::Relaxed) as f32 / total as f32).min(1.0))
    }
}

/// A job in progress, for the status bar.
#[derive(Clone, Debug)]
pub struct Busy {
    pub what: BusyKind,
    pub path: Option<PathBuf>,
    pub bytes: Option<u64>,
    pub since: Instant,
    pub progress: Option<Arc<Progress>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BusyKind {
    Dialog,
    Loading,
    Saving,
    Exporting,
    Importing,
}

pub struct Jobs {
    tx: Sender<JobResult>,
    rx: Receiver<JobResult>,
    wake: Arc<dyn Fn() + Send + Sync>,
    pub dialogs: Arc<dyn FileDialogs>,
    pub busy: Vec<Busy>,
    /// Jobs started whose result has not been taken yet, shown or not (autosaves are not shown).
    in_flight: usize,
}

impl Jobs {
    pub fn new(dialogs: Arc<dyn FileDialogs>) -> Self {
        let (tx, rx) = channel();
        Self { tx, rx, wake: Arc::new(|| {}), dialogs, busy: Vec::new(), in_flight: 0 }
    }

    /// How to wake the UI when a result arrives (egui's `request_repaint`).
    pub fn set_waker(&mut self, wake: Arc<dyn Fn() + Send + Sync>) {
        self.wake = wake;
    }

    fn spawn(&mut self, f: impl FnOnce() -> JobResult + Send + 'static) {
        self.in_flight += 1;
        let tx = self.tx.clone();
        let wake = self.wake.clone();
        std::thread::spawn(move || {
            let result = f();
            let _ = tx.send(result);
            wake();
        });
    }

    fn start(&mut self, what: BusyKind, path: Option<PathBuf>) {
        let bytes = path.as_ref().and_then(|p| std::fs::metadata(p).ok()).map(|m| m.len());
        self.busy.push(Busy { what, path, bytes, since: Instant::now(), progress: None });
    }

    fn finish(&mut self, what: BusyKind) {
        if let Some(i) = self.busy.iter().position(|b| b.what == what) {
            self.busy.remove(i);
        }
    }

    pub fn pick(&mut self, purpose: DialogPurpose, title: String, file_name: String) {
        self.start(BusyKind::Dialog, None);
        let dialogs = self.dialogs.clone();
        self.spawn(move || {
            let started = Instant::now();
            let path = match purpose {
                DialogPurpose::Open => dialogs.pick_open(&title, OpenKind::Project),
                DialogPurpose::Import => dialogs.pick_open(&title, OpenKind::Spreadsheet),
                DialogPurpose::MergePack => dialogs.pick_open(&title, OpenKind::Project),
                DialogPurpose::SaveAs | DialogPurpose::Export(_) | DialogPurpose::WritePack(_) => {
                    dialogs.pick_save(&title, &file_name)
                }
            };
            JobResult::Picked { purpose, path, elapsed: started.elapsed() }
        });
    }

    pub fn load(&mut self, path: PathBuf, intent: LoadIntent, original: Option<PathBuf>) {
        self.start(BusyKind::Loading, Some(path.clone()));
        let progress = Arc::new(Progress::default());
        if let Some(b) = self.busy.last_mut() {
            b.progress = Some(progress.clone());
        }
        self.spawn(move || {
            let result =
                Box::new(io::project_file::load_file_reporting(&path, &|f| progress.set_fraction(f)));
            JobResult::Loaded { path, intent, original, result }
        });
    }

    pub fn save(&mut self, path: PathBuf, project: Arc<Project>, state: u64, options: SaveOptions) {
        self.start(BusyKind::Saving, Some(path.clone()));
        self.spawn(move || {
            let result = io::save_file(&path, &project, &options);
            JobResult::Saved { path, state, result }
        });
    }

    pub fn autosave(&mut self, write: impl FnOnce() -> std::io::Result<()> + Send + 'static, revision: u64) {
        self.spawn(move || JobResult::Autosaved { revision, result: write() });
    }

    /// Runs an export in the background; `write` reports its share done (0–1) for the progress
    /// bar through the `Progress` it is given.
    pub fn export(
        &mut self,
        path: PathBuf,
        write: impl FnOnce(&std::path::Path, &Progress) -> Result<(), crate::io::export::ExportError>
        + Send
        + 'static,
    ) {
        self.start(BusyKind::Exporting, Some(path.clone()));
        let progress = Arc::new(Progress::default());
        if let Some(b) = self.busy.last_mut() {
            b.progress = Some(progress.clone());
        }
        self.spawn(move || {
            let result = write(&path, &progress);
            JobResult::Exported { path, result }
        });
    }

    /// Reads a spreadsheet, guesses its mapping and previews it against `project`.
    pub fn read_import(&mut self, path: PathBuf, project: Project) {
        self.start(BusyKind::Importing, Some(path.clone()));
        let progress = Arc::new(Progress::default());
        if let Some(b) = self.busy.last_mut() {
            b.progress = Some(progress.clone());
        }
        self.spawn(move || {
            let result = import::read_file(&path).map(|source| {
                let mapping = (0..source.sheets.len())
                    .find_map(|s| import::guess_mapping(&source, s).ok())
                    .ok_or(ImportError::NoHeader);
                let preview = match &mapping {
                    Ok(m) => {
                        let rows = source.sheets.get(m.sheet).map_or(0, |s| s.rows.len());
                        progress.total.store(rows.saturating_sub(m.header_row + 1), Ordering::Relaxed);
                        import::preview(&project, &source, m, Some(&progress.done))
                    }
                    Err(_) => Preview::default(),
                };
                ImportRead { source: Arc::new(source), mapping, preview }
            });
            JobResult::ImportRead { path, result: Box::new(result) }
        });
    }

    fn done(&mut self, r: &JobResult) {
        match r {
            JobResult::Picked { .. } => self.finish(BusyKind::Dialog),
            JobResult::Loaded { .. } => self.finish(BusyKind::Loading),
            JobResult::Saved { .. } => self.finish(BusyKind::Saving),
            JobResult::Exported { .. } => self.finish(BusyKind::Exporting),
            JobResult::ImportRead { .. } => self.finish(BusyKind::Importing),
            JobResult::Autosaved { .. } => {}
        }
    }

    /// Results that have arrived, clearing their busy markers.
    pub fn poll(&mut self) -> Vec<JobResult> {
        let results: Vec<JobResult> = self.rx.try_iter().collect();
        self.in_flight = self.in_flight.saturating_sub(results.len());
        for r in &results {
            self.done(r);
        }
        results
    }

    /// Waits for the next result (tests and headless use).
    pub fn wait(&mut self, timeout: Duration) -> Option<JobResult> {
        let r = self.rx.recv_timeout(timeout).ok()?;
        self.in_flight = self.in_flight.saturating_sub(1);
        self.done(&r);
        Some(r)
    }

    pub fn is_busy(&self) -> bool {
        !self.busy.is_empty()
    }

    /// Whether every job started has reported, including the silent ones (tests wait for this).
    pub fn is_idle(&self) -> bool {
        self.in_flight == 0 && self.busy.is_empty()
    }
}
