//! Files: the versioned JSON project format (atomic saves, migration, schema) and, later,
//! importers and exporters. Depends on `model` and `score`; knows nothing of the GUI.

pub mod format;
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
