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
pub mod workbook;
pub mod xls_check;

pub use project_file::{
    CURRENT_VERSION, DiskStamp, FORMAT_NAME, LoadError, LoadNotice, Loaded, SaveError, SaveOptions,
    load_file, parse_project, parse_unvalidated, project_to_bytes, read_project_bytes, save_bytes, save_file,
};

/// An operating-system error in the user's language: the system's own text is English whatever
/// the window's language, so the common kinds are said here and the rest keep the system's words.
pub fn os_error_text(e: &std::io::Error, lang: crate::i18n::Lang) -> String {
    use std::io::ErrorKind::*;
    if lang == crate::i18n::Lang::En {
        return e.to_string();
    }
    let said = match e.kind() {
        NotFound => "文件或文件夹不存在",
        PermissionDenied => "没有访问权限",
        AlreadyExists => "文件已存在",
        StorageFull => "磁盘空间已满",
        ReadOnlyFilesystem => "文件系统为只读",
        IsADirectory => "这是一个文件夹，不是文件",
        NotADirectory => "路径中的某一部分不是文件夹",
        InvalidFilename => "文件名无效",
        FileTooLarge => "文件过大",
        ResourceBusy => "文件正被占用",
        Interrupted | TimedOut => "操作被中断",
        UnexpectedEof => "文件意外结束",
        InvalidData => "文件内容无效",
        _ => return e.to_string(),
    };
    match e.raw_os_error() {
        Some(code) => format!("{said}（系统错误 {code}）"),
        None => said.to_string(),
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
