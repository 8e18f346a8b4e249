//! Files: the versioned JSON project format (atomic saves, migration, schema) and, later,
//! importers and exporters. Depends on `model` and `score`; knows nothing of the GUI.

pub mod contract;
pub mod export;
pub mod export_data;
pub mod format;
pub mod import;
pub mod library;
pub mod map_layout;
pub mod map_quality;
pub mod map_svg;
pub mod merge;
pub mod migrate;
pub mod number;
pub mod project_file;
pub mod review_pack;
pub mod schema;
pub mod workbook;
pub mod xls_check;

pub use project_file::{
    CURRENT_VERSION, DiskStamp, FORMAT_NAME, LoadError, LoadNotice, Loaded, SaveError, SaveOptions,
    load_file, parse_project, parse_unvalidated, project_to_bytes, read_project_bytes, save_bytes, save_file,
};

/// An operating-system error in the user's language. The system's own text is English whatever
/// the window's language, so English keeps the system's words (they are what a search finds) and
/// Chinese says the common kinds from the catalog, with the system's code.
pub fn os_error_text(e: &std::io::Error, lang: crate::i18n::Lang) -> String {
    use crate::i18n::{Lang, T};
    use std::io::ErrorKind::*;
    if lang == Lang::En {
        return e.to_string();
    }
    let said = match e.kind() {
        NotFound => T::OsNotFound,
        PermissionDenied => T::OsPermissionDenied,
        AlreadyExists => T::OsAlreadyExists,
        StorageFull => T::OsStorageFull,
        ReadOnlyFilesystem => T::OsReadOnly,
        IsADirectory => T::OsIsADirectory,
        NotADirectory => T::OsNotADirectory,
        InvalidFilename => T::OsInvalidFilename,
        FileTooLarge => T::OsFileTooLarge,
        ResourceBusy => T::OsBusy,
        Interrupted | TimedOut => T::OsInterrupted,
        UnexpectedEof => T::OsUnexpectedEof,
        InvalidData => T::OsInvalidData,
        _ => return e.to_string(),
    };
    match e.raw_os_error() {
        Some(code) => crate::tr!(lang, OsErrorWithCode, said = said.get(lang), code = code),
        None => said.get(lang).to_string(),
    }
}

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
