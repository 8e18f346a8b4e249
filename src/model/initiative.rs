//! Initiatives (战略行动方案 / 改善措施): the actions that close a gap, in the reference material's
//! form 根源问题 → 改善方向 → 责任对象 → 工具/方法.

use super::ids::{InitiativeId, KpiId, ObjectiveId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum InitiativeStatus {
    #[default]
    Planned,
    InProgress,
    OnHold,
    Done,
    Cancelled,
}

impl InitiativeStatus {
    pub const ALL: [InitiativeStatus; 5] = [
        InitiativeStatus::Planned,
        InitiativeStatus::InProgress,
        InitiativeStatus::OnHold,
        InitiativeStatus::Done,
        InitiativeStatus::Cancelled,
    ];
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Initiative {
    pub id: InitiativeId,
    pub name: String,
    /// 根源问题: the root problem the initiative addresses.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub problem: String,
    /// 改善方向: the direction of improvement.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub direction: String,
    /// 责任对象: who is responsible.
    #[serde(default)]
    pub owner: String,
    /// 工具/方法: tools and methods.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub tools: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<f64>,
    #[serde(default)]
    pub status: InitiativeStatus,
    /// Percent complete, 0–100.
    #[serde(default)]
    pub progress: f64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<ObjectiveId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kpis: Vec<KpiId>,
}

impl Initiative {
    pub fn new(id: InitiativeId, name: impl Into<String>) -> Self {
        Self {
            id,
            name: name.into(),
            problem: String::new(),
            direction: String::new(),
            owner: String::new(),
            tools: String::new(),
            start: None,
            end: None,
            budget: None,
            status: InitiativeStatus::Planned,
            progress: 0.0,
            objectives: Vec::new(),
            kpis: Vec::new(),
        }
    }
}
