//! Files: the versioned JSON project format (atomic saves, migration, schema) and, later,
//! importers and exporters. Depends on `model` and `score`; knows nothing of the GUI.

pub mod contract;
pub mod export_data;
pub mod format;
pub mod import;
pub mod library;
pub mod map_layout;
pub mod map_svg;
pub mod migrate;
pub mod number;
pub mod project_file;
pub mod schema;

pub use project_file::{
    CURRENT_VERSION, DiskStamp, FORMAT_NAME, LoadError, LoadNotice, Loaded, SaveError, SaveOptions,
    load_file, parse_project, parse_unvalidated, project_to_bytes, save_bytes, save_file,
};

/// A file name made from a project or unit name: no path separators or characters Windows refuses.
pub fn sanitize_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim().trim_matches('.');
    if trimmed.is_empty() { "scorecard".into() } else { trimmed.into() }
}
