//! An import of actuals in progress: the spreadsheet read, how its columns map onto KPIs and
//! periods, and the preview of what would change. Nothing touches the document until the user
//! applies it, and then as one undoable command.

use super::command::DocCommand;
use super::edit::Item;
use crate::io::import::{self, Mapping, Preview, Source};
use crate::model::Project;
use std::path::PathBuf;
use std::sync::Arc;

pub struct ImportSession {
    pub path: PathBuf,
    pub source: Arc<Source>,
    /// `None` until a header row is found or chosen.
    pub mapping: Option<Mapping>,
    pub preview: Preview,
    /// How many KPIs and data elements the accepted entries change.
    pub kpis_changed: usize,
}

impl ImportSession {
    pub fn new(
        path: PathBuf,
        source: Arc<Source>,
        mapping: Option<Mapping>,
        preview: Preview,
        project: &Project,
    ) -> Self {
        let kpis_changed = changed(project, &preview);
        Self { path, source, mapping, preview, kpis_changed }
    }

    /// Maps the sheet anew (another sheet, header row, column or field) and previews it.
    pub fn remap(&mut self, project: &Project, mapping: Mapping) {
        self.preview = import::preview(project, &self.source, &mapping, None);
        self.kpis_changed = changed(project, &self.preview);
        self.mapping = Some(mapping);
    }

    /// The document change that applies the accepted entries: one batch, one undo step. The
    /// preview is recomputed against the document as it is now, so it can never be stale.
    pub fn command(&self, project: &Project) -> Option<(DocCommand, Preview, usize)> {
        let mapping = self.mapping.as_ref()?;
        let preview = import::preview(project, &self.source, mapping, None);
        let kpis = import::updated_kpis(project, &preview);
        let elements = import::updated_elements(project, &preview);
        if kpis.is_empty() && elements.is_empty() {
            return None;
        }
        let n = kpis.len() + elements.len();
        let commands = kpis
            .into_iter()
            .map(|k| DocCommand::Upsert(Item::Kpi(Box::new(k))))
            .chain(elements.into_iter().map(|e| DocCommand::Upsert(Item::Element(Box::new(e)))))
            .collect();
        Some((DocCommand::Batch(commands), preview, n))
    }

    pub fn file_name(&self) -> String {
        self.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    }
}

/// How many KPIs and data elements the accepted entries change.
fn changed(project: &Project, preview: &Preview) -> usize {
    import::updated_kpis(project, preview).len() + import::updated_elements(project, preview).len()
}
