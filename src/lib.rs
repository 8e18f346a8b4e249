//! Scorecard Studio (平衡计分卡设计器): a balanced-scorecard designer.
//!
//! Layers, each depending only on those before it: `model` (the document), `score` (pure
//! calculation), `io` (files), `app` (state, commands, undo), `ui` (egui views).

pub mod app;
pub mod assets;
pub mod cli;
pub mod i18n;
pub mod io;
pub mod model;
pub mod score;
pub mod ui;
