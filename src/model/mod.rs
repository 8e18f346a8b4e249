//! The project document: perspectives, objectives, links, KPIs and their series, departments,
//! cascade and initiatives, with structural validation and design lint. No GUI, no file I/O.

pub mod appraisal;
pub mod colour;
pub mod element;
pub mod expr;
pub mod ids;
pub mod initiative;
pub mod iso_date;
pub mod kpi;
pub mod library;
pub mod lint;
pub mod merge;
mod names;
pub mod org;
pub mod pack;
pub mod project;
pub mod screening;
pub mod strategy;
pub mod synthetic;
pub mod validate;

pub use colour::Colour;
pub use element::{DataElement, ElementValue};
pub use ids::*;
pub use initiative::{Initiative, InitiativeStatus};
pub use kpi::{
    Aggregation, Band, Cascade, Clamp, Commentary, Comparison, Frequency, Kpi, KpiTag, Period, Polarity,
    STATUS_AMBER, STATUS_BLUE, STATUS_GREEN, STATUS_RED, ScoringMethod, StatusBasis, StatusRule, TargetBand,
};
pub use org::{Department, DepartmentKind};
pub use project::{GradeBand, MissingData, Project, ProjectInfo, ScoringSettings};
pub use screening::{Candidate, Criterion, Screening};
pub use strategy::{Link, Objective, Perspective, Point, RollUp, Size, Theme};
