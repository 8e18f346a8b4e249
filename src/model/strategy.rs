//! The strategy map: perspectives (维度), strategic themes (战略主题), objectives (战略目标)
//! and the cause-and-effect links between them.

use super::colour::Colour;
use super::ids::{LinkId, ObjectiveId, PerspectiveId, ThemeId};
use serde::{Deserialize, Serialize};

/// How a node's score is made from its children's scores.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RollUp {
    /// Weighted average with the children's relative weights normalised to 1.
    #[default]
    WeightedAverage,
    /// Plain mean, ignoring weights.
    Average,
    /// The worst child (minimum score).
    Worst,
    /// The sum of the children's scores.
    Sum,
}

impl RollUp {
    pub const ALL: [RollUp; 4] = [RollUp::WeightedAverage, RollUp::Average, RollUp::Worst, RollUp::Sum];

    pub fn is_default(&self) -> bool {
        *self == RollUp::WeightedAverage
    }
}

/// A horizontal band of the strategy map, e.g. 财务 / Financial.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Perspective {
    pub id: PerspectiveId,
    pub name: String,
    pub colour: Colour,
    /// Relative weight of this perspective in the scorecard score.
    #[serde(default = "one")]
    pub weight: f64,
    #[serde(default, skip_serializing_if = "RollUp::is_default")]
    pub roll_up: RollUp,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

fn one() -> f64 {
    1.0
}

/// A vertical slice across perspectives, e.g. "operational excellence".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub id: ThemeId,
    pub name: String,
    pub colour: Colour,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// A point on the strategy map, in map units (roughly pixels at 100 % zoom).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// A box size on the strategy map, in map units.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Size {
    pub w: f64,
    pub h: f64,
}

impl Default for Size {
    fn default() -> Self {
        Objective::DEFAULT_SIZE
    }
}

/// A strategic objective, sitting in one perspective and measured by KPIs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub id: ObjectiveId,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub perspective: PerspectiveId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<ThemeId>,
    #[serde(default)]
    pub owner: String,
    /// Relative weight within its perspective.
    #[serde(default = "one")]
    pub weight: f64,
    #[serde(default, skip_serializing_if = "RollUp::is_default")]
    pub roll_up: RollUp,
    /// Top-left corner on the map. `y` is relative to the top of the perspective's band, so
    /// moving an objective to another perspective or reordering perspectives keeps it tidy.
    #[serde(default)]
    pub position: Point,
    #[serde(default)]
    pub size: Size,
    /// Placed by hand and kept there: auto-layout and "Tidy links" do not move it (version 3).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pinned: bool,
    /// The box's own colour, chosen by the user (version 4); without it the box takes its theme's
    /// colour, or its perspective's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<crate::model::Colour>,
}

impl Objective {
    pub const DEFAULT_SIZE: Size = Size { w: 160.0, h: 64.0 };

    /// The colour the map draws the box in: its own, else its theme's, else `perspective`'s.
    pub fn accent(
        &self,
        project: &crate::model::Project,
        perspective: crate::model::Colour,
    ) -> crate::model::Colour {
        self.colour
            .or_else(|| self.theme.as_ref().and_then(|t| project.theme(t)).map(|t| t.colour))
            .unwrap_or(perspective)
    }
}

/// A cause-and-effect link: achieving `from` drives `to` (normally upwards on the map).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub id: LinkId,
    pub from: ObjectiveId,
    pub to: ObjectiveId,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
}
