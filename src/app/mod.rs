//! Application state without the GUI: the open document with its undo history, commands, file
//! jobs off the UI thread, preferences, autosave and crash recovery.

pub mod command;
pub mod document;
pub mod edit;
pub mod history;
pub mod import;
pub mod jobs;
pub mod new_item;
pub mod prefs;
pub mod recovery;
pub mod state;

pub use command::DocCommand;
pub use document::{Change, Document};
pub use edit::{Edit, Item, ItemKind};
pub use state::{AppCommand, AppState, Modal, Pending, Resolution, View};
