//! The user's own KPI library: KPIs saved from projects for reuse, in the configuration folder
//! next to the preferences.

use crate::model::library::LibraryKpi;
use std::path::{Path, PathBuf};

pub fn user_library_path(config_dir: &Path) -> PathBuf {
    config_dir.join("kpi-library.json")
}

/// The saved KPIs; none when the file does not exist yet. A damaged file is an error (and is
/// left alone), so the user's entries are never overwritten by an empty list.
pub fn load_user_library(config_dir: &Path) -> Result<Vec<LibraryKpi>, String> {
    let path = user_library_path(config_dir);
    match std::fs::read(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(format!("{}: {e}", path.display())),
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", path.display())),
    }
}

pub fn save_user_library(config_dir: &Path, entries: &[LibraryKpi]) -> Result<(), String> {
    std::fs::create_dir_all(config_dir).map_err(|e| e.to_string())?;
    let bytes = serde_json::to_vec_pretty(entries).map_err(|e| e.to_string())?;
    super::save_bytes(
        &user_library_path(config_dir),
        &bytes,
        &super::SaveOptions { backup: true, ..Default::default() },
    )
    .map(|_| ())
    .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kpi, KpiId};

    #[test]
    fn save_and_load_and_damaged_file() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load_user_library(dir.path()).unwrap(), vec![]);
        let mut k = Kpi::new(KpiId::numbered(1), "门店毛利额");
        k.unit = "元".into();
        let entry = LibraryKpi::from_kpi(&k, "user-1".into());
        save_user_library(dir.path(), std::slice::from_ref(&entry)).unwrap();
        assert_eq!(load_user_library(dir.path()).unwrap(), vec![entry]);
        std::fs::write(user_library_path(dir.path()), b"[{").unwrap();
        assert!(load_user_library(dir.path()).is_err());
    }
}
