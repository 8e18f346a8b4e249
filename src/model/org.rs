//! The organisation tree that KPIs cascade into: company → divisions → departments → teams → roles.

use super::ids::DepartmentId;
use super::strategy::RollUp;
use serde::{Deserialize, Serialize};

/// What level of the organisation a node is. Roles (岗位) carry performance contracts (绩效合同).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DepartmentKind {
    Company,
    Division,
    #[default]
    Department,
    Team,
    Role,
}

impl DepartmentKind {
    pub const ALL: [DepartmentKind; 5] = [
        DepartmentKind::Company,
        DepartmentKind::Division,
        DepartmentKind::Department,
        DepartmentKind::Team,
        DepartmentKind::Role,
    ];
}

/// One node of the organisation tree.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Department {
    pub id: DepartmentId,
    pub name: String,
    #[serde(default)]
    pub kind: DepartmentKind,
    /// `None` for the root(s) of the tree.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<DepartmentId>,
    /// The head of the department, or the person holding the role.
    #[serde(default)]
    pub head: String,
    /// Relative weight of this node in its parent's score.
    #[serde(default = "one")]
    pub weight: f64,
    #[serde(default, skip_serializing_if = "RollUp::is_default")]
    pub roll_up: RollUp,
}

fn one() -> f64 {
    1.0
}

impl Department {
    pub fn new(id: DepartmentId, name: impl Into<String>, parent: Option<DepartmentId>) -> Self {
        Self {
            id,
            name: name.into(),
            kind: DepartmentKind::Department,
            parent,
            head: String::new(),
            weight: 1.0,
            roll_up: RollUp::WeightedAverage,
        }
    }
}
