//! Crash recovery: while a document has unsaved changes it is written every 30 seconds to a
//! recovery file of this process. A clean exit or a save removes it; a file left by a process
//! that is no longer running is offered for recovery at the next start.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// How often unsaved changes are written to the recovery file.
pub const AUTOSAVE_INTERVAL: std::time::Duration = std::time::Duration::from_secs(30);

/// What is known about a recovery file besides its project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecoveryMeta {
    /// The file the document belonged to, if it had been saved before.
    pub original: Option<PathBuf>,
    pub pid: u32,
}

/// A recovery file found at start-up.
#[derive(Clone, Debug, PartialEq)]
pub struct Orphan {
    pub project: PathBuf,
    pub meta_file: PathBuf,
    pub original: Option<PathBuf>,
    pub modified: Option<SystemTime>,
}

/// This process's recovery file.
#[derive(Clone, Debug)]
pub struct Recovery {
    pub dir: PathBuf,
    pid: u32,
}

impl Recovery {
    pub fn new(config_dir: &Path) -> Self {
        Self { dir: config_dir.join("recovery"), pid: std::process::id() }
    }

    pub fn project_path(&self) -> PathBuf {
        self.dir.join(format!("recovery-{}.json", self.pid))
    }

    fn meta_path(&self) -> PathBuf {
        self.dir.join(format!("recovery-{}.meta.json", self.pid))
    }

    /// Writes the project bytes and what they belong to, atomically.
    pub fn write(&self, bytes: &[u8], original: Option<&Path>) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let meta = RecoveryMeta { original: original.map(Path::to_path_buf), pid: self.pid };
        let options = crate::io::SaveOptions::default();
        crate::io::save_bytes(&self.project_path(), bytes, &options).map_err(std::io::Error::other)?;
        let meta_bytes = serde_json::to_vec_pretty(&meta).map_err(std::io::Error::other)?;
        crate::io::save_bytes(&self.meta_path(), &meta_bytes, &options).map_err(std::io::Error::other)?;
        Ok(())
    }

    /// Removes this process's recovery file (after a save or a clean exit).
    pub fn clear(&self) {
        let _ = std::fs::remove_file(self.project_path());
        let _ = std::fs::remove_file(self.meta_path());
    }

    /// Recovery files left by processes that are no longer running, newest first.
    pub fn orphans(&self) -> Vec<Orphan> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return Vec::new() };
        let mut out = Vec::new();
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let Some(pid) = name
                .strip_prefix("recovery-")
                .and_then(|r| r.strip_suffix(".json"))
                .filter(|r| !r.ends_with(".meta"))
                .and_then(|r| r.parse::<u32>().ok())
            else {
                continue;
            };
            if pid == self.pid || process_alive(pid) {
                continue;
            }
            let meta_file = self.dir.join(format!("recovery-{pid}.meta.json"));
            let original = std::fs::read(&meta_file)
                .ok()
                .and_then(|b| serde_json::from_slice::<RecoveryMeta>(&b).ok())
                .and_then(|m| m.original);
            out.push(Orphan {
                project: e.path(),
                meta_file,
                original,
                modified: e.metadata().ok().and_then(|m| m.modified().ok()),
            });
        }
        out.sort_by_key(|o| std::cmp::Reverse(o.modified));
        out
    }
}

impl Orphan {
    /// Deletes the recovery file (recovered or discarded).
    pub fn remove(&self) {
        let _ = std::fs::remove_file(&self.project);
        let _ = std::fs::remove_file(&self.meta_file);
    }
}

/// Whether a process with this id is running. Only Linux can tell cheaply; elsewhere every
/// other process's file counts as left behind (two instances at once are rare on a laptop).
fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") { Path::new(&format!("/proc/{pid}")).exists() } else { false }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_of_dead_processes_are_orphans() {
        let dir = tempfile::tempdir().unwrap();
        let mine = Recovery::new(dir.path());
        mine.write(b"{}", Some(Path::new("/data/plan.json"))).unwrap();
        // Our own file is not an orphan.
        assert!(mine.orphans().is_empty());
        // A file of a process id that does not exist is.
        let dead = Recovery { dir: mine.dir.clone(), pid: 999_999_999 };
        dead.write(b"{}", Some(Path::new("/data/plan.json"))).unwrap();
        let orphans = mine.orphans();
        assert_eq!(orphans.len(), 1);
        assert_eq!(orphans[0].original.as_deref(), Some(Path::new("/data/plan.json")));
        orphans[0].remove();
        assert!(mine.orphans().is_empty());
        mine.clear();
        assert_eq!(std::fs::read_dir(&mine.dir).unwrap().count(), 0);
    }
}
