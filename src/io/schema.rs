//! The JSON Schema of the project file, generated from the same types that read it, so the
//! schema cannot drift from the loader.

use super::project_file::{CURRENT_VERSION, FORMAT_NAME};
use crate::model::{
    Department, Initiative, Kpi, Link, Objective, Perspective, ProjectInfo, ScoringSettings, Theme,
};
use schemars::JsonSchema;

/// Mirrors the file as the loader reads it; only used to describe it.
#[allow(dead_code)]
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct ProjectFile {
    /// Always "scorecard-studio".
    format: String,
    /// The format version; this build writes the current one and migrates older ones.
    version: u64,
    /// Name, client and planning horizon.
    project: ProjectInfo,
    /// Project-wide scoring rules; KPIs may override method, clamp and status rules.
    #[serde(default)]
    scoring: Option<ScoringSettings>,
    /// The perspectives (维度) in map order, top band first.
    perspectives: Vec<Perspective>,
    #[serde(default)]
    themes: Vec<Theme>,
    #[serde(default)]
    objectives: Vec<Objective>,
    /// Cause-and-effect links between objectives.
    #[serde(default)]
    links: Vec<Link>,
    /// The organisation tree, each node naming its parent.
    #[serde(default)]
    departments: Vec<Department>,
    #[serde(default)]
    kpis: Vec<Kpi>,
    /// The data elements (基础数据项) computed KPIs are formulas over, with their values.
    #[serde(default)]
    elements: Vec<crate::model::DataElement>,
    #[serde(default)]
    initiatives: Vec<Initiative>,
    /// The KPI screening workshop: criteria with weights and rated candidates.
    #[serde(default)]
    screening: Option<crate::model::Screening>,
    /// What a merge left for someone to decide (version 7): the path (`kpis[kpi-12].target`),
    /// why, and the base, ours and theirs values. The document holds ours until resolved.
    #[serde(default)]
    conflicts: Vec<crate::model::merge::Conflict>,
    /// Present in a department's pack (version 7): the unit, the source file, the day it was
    /// made and the items as sent (the base its return is merged against).
    #[serde(default)]
    pack: Option<crate::model::pack::PackInfo>,
    /// The change record (version 8), oldest first: changes of KPIs' targets, stretch,
    /// thresholds, weights, methods and formulas and of units' weights (with the value before
    /// and after, and the day a dated change takes effect), sign-offs and periods closed or
    /// reopened, each with its day, author and reason.
    #[serde(default)]
    history: Vec<crate::model::appraisal::HistoryEntry>,
    /// The first days of the closed project periods (version 8), sorted.
    #[serde(default)]
    closed_periods: Vec<chrono::NaiveDate>,
}

/// The schema as a JSON value.
pub fn project_schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(ProjectFile)).unwrap_or_default();
    schema["title"] = "Scorecard Studio project file".into();
    schema["$id"] = format!("https://scorecard-studio.example/schema/v{CURRENT_VERSION}.json").into();
    if let Some(props) = schema.get_mut("properties") {
        props["format"]["const"] = FORMAT_NAME.into();
        props["version"]["minimum"] = 1.into();
        props["version"]["maximum"] = CURRENT_VERSION.into();
    }
    schema
}

/// The schema as pretty-printed text.
pub fn project_schema_text() -> String {
    serde_json::to_string_pretty(&project_schema()).unwrap_or_default() + "\n"
}
