//! Crash recovery: while a document has unsaved changes it is written every 30 seconds to a
//! recovery file keyed by the document (its absolute path, or an id of an untitled document). Each
//! running instance holds a lock on a file of its own; a recovery file whose instance holds no
//! lock any more was left by a crash and is offered at the next start. A recovered document keeps
//! its recovery file, now owned by the instance that recovered it, until it is saved.

use serde::{Deserialize, Serialize};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// How often unsaved changes are written to the recovery file.
pub const AUTOSAVE_INTERVAL: std::time::Duration = std::time::Duration::from_secs(30);

/// What is known about a recovery file besides its project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecoveryMeta {
    /// The file the document belonged to (absolute), if it had been saved before.
    pub original: Option<PathBuf>,
    pub pid: u32,
    /// The instance that writes this file; it holds the lock `instance-ID.lock` while it runs.
    /// Missing in files of older versions, which are judged by their process id.
    #[serde(default)]
    pub instance: Option<String>,
    /// The document key the file is named by.
    #[serde(default)]
    pub key: Option<String>,
}

/// A recovery file found at start-up.
#[derive(Clone, Debug, PartialEq)]
pub struct Orphan {
    pub project: PathBuf,
    pub meta_file: PathBuf,
    pub original: Option<PathBuf>,
    pub modified: Option<SystemTime>,
    /// The document key: a recovered document goes on writing under it.
    pub key: String,
}

/// This instance's recovery files and its liveness lock.
#[derive(Clone, Debug)]
pub struct Recovery {
    pub dir: PathBuf,
    instance: String,
    /// Held while this instance runs; other instances tell it is alive by failing to lock it.
    _lock: Option<Arc<File>>,
}

impl Recovery {
    pub fn new(config_dir: &Path) -> Self {
        let dir = config_dir.join("recovery");
        let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let instance = format!("{}-{nanos:x}", std::process::id());
        let lock = std::fs::create_dir_all(&dir).ok().and_then(|_| {
            let f = File::create(dir.join(format!("instance-{instance}.lock"))).ok()?;
            f.try_lock().ok()?;
            Some(Arc::new(f))
        });
        Self { dir, instance, _lock: lock }
    }

    /// The key of a document: its absolute path, hashed, or for an untitled document an id of
    /// this instance and the document's generation.
    pub fn key_for(&self, path: Option<&Path>, generation: u64) -> String {
        match path {
            Some(p) => {
                let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
                // FNV-1a: stable across runs and versions, unlike the std hasher.
                let mut h: u64 = 0xcbf2_9ce4_8422_2325;
                for b in abs.as_os_str().as_encoded_bytes() {
                    h = (h ^ *b as u64).wrapping_mul(0x0100_0000_01b3);
                }
                format!("doc-{h:016x}")
            }
            None => format!("untitled-{}-{generation}", self.instance),
        }
    }

    pub fn project_path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("recovery-{key}.json"))
    }

    fn meta_path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("recovery-{key}.meta.json"))
    }

    /// Writes the project bytes and what they belong to, atomically, under the document's key.
    pub fn write(&self, key: &str, bytes: &[u8], original: Option<&Path>) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let original = original.map(|p| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()));
        let meta = RecoveryMeta {
            original,
            pid: std::process::id(),
            instance: Some(self.instance.clone()),
            key: Some(key.to_string()),
        };
        let options = crate::io::SaveOptions::default();
        crate::io::save_bytes(&self.project_path(key), bytes, &options).map_err(std::io::Error::other)?;
        let meta_bytes = serde_json::to_vec_pretty(&meta).map_err(std::io::Error::other)?;
        crate::io::save_bytes(&self.meta_path(key), &meta_bytes, &options).map_err(std::io::Error::other)?;
        Ok(())
    }

    /// Removes a document's recovery file (after a save, a clean exit or a discard).
    pub fn clear(&self, key: &str) {
        let _ = std::fs::remove_file(self.project_path(key));
        let _ = std::fs::remove_file(self.meta_path(key));
    }

    /// Whether the instance with this id is running: it holds its lock.
    fn instance_alive(&self, instance: &str) -> bool {
        if instance == self.instance {
            return true;
        }
        let Ok(f) =
            File::options().read(true).write(true).open(self.dir.join(format!("instance-{instance}.lock")))
        else {
            // No lock file: the instance ended (or never ran).
            return false;
        };
        match f.try_lock() {
            Ok(()) => false,
            Err(std::fs::TryLockError::WouldBlock) => true,
            // Where locks are not supported, nothing can be told: leave the file alone.
            Err(std::fs::TryLockError::Error(_)) => true,
        }
    }

    /// Recovery files whose instance is no longer running, newest first. Lock files of ended
    /// instances with nothing left to recover are removed.
    pub fn orphans(&self) -> Vec<Orphan> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return Vec::new() };
        let mut out = Vec::new();
        let mut referenced = std::collections::HashSet::new();
        let mut locks = Vec::new();
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if let Some(id) = name.strip_prefix("instance-").and_then(|r| r.strip_suffix(".lock")) {
                locks.push(id.to_string());
                continue;
            }
            let Some(key) = name
                .strip_prefix("recovery-")
                .and_then(|r| r.strip_suffix(".json"))
                .filter(|r| !r.ends_with(".meta"))
            else {
                continue;
            };
            let meta_file = self.dir.join(format!("recovery-{key}.meta.json"));
            let meta =
                std::fs::read(&meta_file).ok().and_then(|b| serde_json::from_slice::<RecoveryMeta>(&b).ok());
            let alive = match meta.as_ref().and_then(|m| m.instance.as_deref()) {
                Some(instance) => {
                    referenced.insert(instance.to_string());
                    self.instance_alive(instance)
                }
                // A file of an older version: by its process id.
                None => meta.as_ref().is_some_and(|m| process_alive(m.pid)),
            };
            if alive {
                continue;
            }
            out.push(Orphan {
                project: e.path(),
                meta_file,
                original: meta.and_then(|m| m.original),
                modified: e.metadata().ok().and_then(|m| m.modified().ok()),
                key: key.to_string(),
            });
        }
        for id in locks {
            let path = self.dir.join(format!("instance-{id}.lock"));
            // A lock file just created may not be locked yet: only old ones are cleared away.
            let old = std::fs::metadata(&path)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > std::time::Duration::from_secs(60));
            if old && id != self.instance && !referenced.contains(&id) && !self.instance_alive(&id) {
                let _ = std::fs::remove_file(path);
            }
        }
        out.sort_by_key(|o| std::cmp::Reverse(o.modified));
        out
    }
}

impl Orphan {
    /// Deletes the recovery file (discarded).
    pub fn remove(&self) {
        let _ = std::fs::remove_file(&self.project);
        let _ = std::fs::remove_file(&self.meta_file);
    }
}

/// Whether a process with this id is running, for recovery files of older versions only.
fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") { Path::new(&format!("/proc/{pid}")).exists() } else { false }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_running_instance_is_known_by_its_lock_not_its_process_id() {
        let dir = tempfile::tempdir().unwrap();
        let first = Recovery::new(dir.path());
        let key = first.key_for(Some(Path::new("/data/plan.json")), 0);
        first.write(&key, b"{}", Some(Path::new("/data/plan.json"))).unwrap();
        // A second instance (same process id here, as after a reboot) is not offered the
        // unsaved work of the first while it runs.
        let second = Recovery::new(dir.path());
        assert!(first.orphans().is_empty());
        assert!(second.orphans().is_empty(), "the first instance is alive");
        // The first instance dies: its lock goes with it, whatever process has its id now.
        drop(first);
        let orphans = second.orphans();
        assert_eq!(orphans.len(), 1);
        assert_eq!(orphans[0].original.as_deref(), Some(Path::new("/data/plan.json")));
        assert_eq!(orphans[0].key, key);
        // Recovering means writing under the same key as the new owner: no longer an orphan.
        second.write(&orphans[0].key, b"{}", orphans[0].original.as_deref()).unwrap();
        let third = Recovery::new(dir.path());
        assert!(third.orphans().is_empty(), "the recovering instance owns the file now");
        drop(second);
        assert_eq!(third.orphans().len(), 1, "and it is offered again if that instance dies too");
        third.clear(&key);
        assert!(third.orphans().is_empty());
    }

    #[test]
    fn keys_are_absolute_and_untitled_documents_have_their_own() {
        let dir = tempfile::tempdir().unwrap();
        let r = Recovery::new(dir.path());
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(r.key_for(Some(Path::new("plan.json")), 1), r.key_for(Some(&cwd.join("plan.json")), 2));
        assert_ne!(r.key_for(None, 1), r.key_for(None, 2));
        // The original is stored absolute, so recovering from another folder saves in the right place.
        let key = r.key_for(None, 1);
        r.write(&key, b"{}", Some(Path::new("rel/plan.json"))).unwrap();
        let meta: RecoveryMeta = serde_json::from_slice(&std::fs::read(r.meta_path(&key)).unwrap()).unwrap();
        assert_eq!(meta.original, Some(cwd.join("rel/plan.json")));
    }

    #[test]
    fn files_of_older_versions_are_judged_by_process_id() {
        let dir = tempfile::tempdir().unwrap();
        let r = Recovery::new(dir.path());
        std::fs::write(r.project_path("999999999"), b"{}").unwrap();
        let meta = RecoveryMeta { original: None, pid: 999_999_999, instance: None, key: None };
        std::fs::write(r.meta_path("999999999"), serde_json::to_vec(&meta).unwrap()).unwrap();
        assert_eq!(r.orphans().len(), 1);
    }
}
