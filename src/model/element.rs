//! Data elements (基础数据项): the counts and amounts that computed KPIs are formulas over —
//! 邀约试乘试驾客户数, 试乘试驾客户数 — each with its own dated values and the rule by which its
//! periods combine (version 5).

use super::iso_date;
use super::{Aggregation, DepartmentId, ElementId, Frequency};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One input of computed KPIs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataElement {
    pub id: ElementId,
    /// What expressions call it: `E01`. Unique among elements and KPIs.
    #[serde(default)]
    pub code: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// How its periods combine into a longer one: counts are summed, levels averaged or the last.
    #[serde(default)]
    pub aggregation: Aggregation,
    /// How often it is counted; the project's frequency when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency: Option<Frequency>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<DepartmentId>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub data_source: String,
    /// Values by period, sorted by date; a period is identified by its first day, as KPI series.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub series: Vec<ElementValue>,
}

/// An element's value for one period.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ElementValue {
    #[serde(with = "iso_date")]
    #[schemars(with = "NaiveDate")]
    pub date: NaiveDate,
    pub value: f64,
}

impl DataElement {
    /// The value for the period starting on `date`.
    pub fn value_at(&self, date: NaiveDate) -> Option<f64> {
        self.series.binary_search_by(|v| v.date.cmp(&date)).ok().map(|i| self.series[i].value)
    }

    pub fn new(id: ElementId, code: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            id,
            code: code.into(),
            name: name.into(),
            unit: String::new(),
            aggregation: Aggregation::Sum,
            frequency: None,
            department: None,
            owner: String::new(),
            data_source: String::new(),
            series: Vec::new(),
        }
    }
}
