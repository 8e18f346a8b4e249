//! The project document: everything a consultant builds for one client, saved as one JSON file.

use super::colour::Colour;
use super::ids::*;
use super::initiative::Initiative;
use super::kpi::{Clamp, Frequency, Kpi, ScoringMethod, StatusRule};
use super::org::Department;
use super::strategy::{Link, Objective, Perspective, RollUp, Theme};
use crate::i18n::{Lang, T};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Name, client and planning horizon.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectInfo {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default)]
    pub organisation: String,
    /// BCP-47 tag of the language the content is written in, e.g. `zh-CN`.
    #[serde(default = "default_locale")]
    pub locale: String,
    /// ISO 4217 code, e.g. `CNY`.
    #[serde(default = "default_currency")]
    pub currency: String,
    /// First day of the planning horizon.
    pub start: NaiveDate,
    /// Last day of the planning horizon.
    pub end: NaiveDate,
    /// Reporting frequency of KPIs that do not set their own.
    pub frequency: Frequency,
}

fn default_locale() -> String {
    "zh-CN".into()
}
fn default_currency() -> String {
    "CNY".into()
}

/// What a roll-up does with a child that has no score for the period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MissingData {
    /// Leave the child out and renormalise the other weights.
    #[default]
    Skip,
    /// Count the child as a score of 0.
    Zero,
    /// Use the child's most recent earlier score.
    CarryForward,
}

impl MissingData {
    pub const ALL: [MissingData; 3] = [MissingData::Skip, MissingData::Zero, MissingData::CarryForward];
}

/// A grade of the final appraisal (考核等级), reached at `min_score` and above.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GradeBand {
    pub grade: String,
    pub min_score: f64,
}

impl GradeBand {
    /// A ≥ 110, B ≥ 95, C ≥ 80, D below.
    pub fn default_bands() -> Vec<GradeBand> {
        [("A", 110.0), ("B", 95.0), ("C", 80.0), ("D", f64::MIN)]
            .into_iter()
            .map(|(g, s)| GradeBand { grade: g.into(), min_score: if s == f64::MIN { 0.0 } else { s } })
            .collect()
    }
}

/// Project-wide scoring rules; KPIs may override the method, the clamp and the status rules.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScoringSettings {
    pub method: ScoringMethod,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clamp: Option<Clamp>,
    pub status_rules: Vec<StatusRule>,
    #[serde(default)]
    pub missing_data: MissingData,
    /// How perspectives combine into the scorecard score.
    #[serde(default, skip_serializing_if = "RollUp::is_default")]
    pub roll_up: RollUp,
    /// How many recent periods the trend line is fitted over.
    #[serde(default = "default_trend_periods")]
    pub trend_periods: u32,
    /// Grade bands for appraisals, best first.
    #[serde(default = "GradeBand::default_bands")]
    pub grades: Vec<GradeBand>,
    /// `check` reports every KPI that is red in its latest reported period without commentary
    /// there (version 6): the review meeting asks the owner why.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub red_needs_commentary: bool,
}

fn default_trend_periods() -> u32 {
    6
}

impl Default for ScoringSettings {
    fn default() -> Self {
        Self {
            method: ScoringMethod::SignSafe,
            clamp: Some(Clamp { min: Some(0.0), max: Some(150.0) }),
            status_rules: StatusRule::default_rules(),
            missing_data: MissingData::Skip,
            roll_up: RollUp::WeightedAverage,
            trend_periods: default_trend_periods(),
            grades: GradeBand::default_bands(),
            red_needs_commentary: false,
        }
    }
}

/// The whole document. Collections keep the order the user gave them; that order is also the
/// order in the file, so an unchanged project saves byte-identically.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    #[serde(rename = "project")]
    pub info: ProjectInfo,
    pub scoring: ScoringSettings,
    pub perspectives: Vec<Perspective>,
    pub themes: Vec<Theme>,
    pub objectives: Vec<Objective>,
    pub links: Vec<Link>,
    pub departments: Vec<Department>,
    pub kpis: Vec<Kpi>,
    /// The data elements computed KPIs are formulas over (version 5).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elements: Vec<crate::model::DataElement>,
    pub initiatives: Vec<Initiative>,
    /// The KPI screening workshop (指标筛选), if the project uses it.
    #[serde(default, skip_serializing_if = "crate::model::Screening::is_empty")]
    pub screening: crate::model::Screening,
    /// What a merge left for someone to decide (version 7): each field keeps this side's value
    /// until resolved, and `check` reports every one as an error.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<crate::model::merge::Conflict>,
    /// Set when this project is a department's pack of a company file (version 7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pack: Option<Box<crate::model::pack::PackInfo>>,
    /// The record of changes to targets and weights, sign-offs and period closes (version 8),
    /// oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<crate::model::appraisal::HistoryEntry>,
    /// The first days of the project periods that are closed (version 8), sorted: their actuals
    /// and commentary are locked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closed_periods: Vec<NaiveDate>,
}

/// The four default perspectives with their colours, financial first.
pub const DEFAULT_PERSPECTIVES: [(&str, T, Colour); 4] = [
    ("persp-financial", T::PerspFinancial, Colour::rgb(0x1e, 0x63, 0xb4)),
    ("persp-customer", T::PerspCustomer, Colour::rgb(0x2e, 0x8b, 0x57)),
    ("persp-process", T::PerspProcess, Colour::rgb(0xc7, 0x7c, 0x0e)),
    ("persp-learning", T::PerspLearning, Colour::rgb(0x7b, 0x3f, 0xa0)),
];

impl Project {
    /// A blank scorecard with the four default perspectives named in `lang`, planning the
    /// calendar year that contains `today`.
    pub fn blank(lang: Lang, today: NaiveDate) -> Self {
        let year = today.year();
        let perspectives = DEFAULT_PERSPECTIVES
            .iter()
            .map(|(id, name, colour)| Perspective {
                id: PerspectiveId::new(*id),
                name: name.get(lang).into(),
                colour: *colour,
                weight: 1.0,
                roll_up: RollUp::WeightedAverage,
                description: String::new(),
            })
            .collect();
        Self {
            info: ProjectInfo {
                name: T::NewScorecard.get(lang).into(),
                description: String::new(),
                organisation: String::new(),
                locale: lang.locale_tag().into(),
                currency: "CNY".into(),
                start: NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today),
                end: NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today),
                frequency: Frequency::Monthly,
            },
            scoring: ScoringSettings::default(),
            perspectives,
            themes: Vec::new(),
            objectives: Vec::new(),
            links: Vec::new(),
            departments: Vec::new(),
            kpis: Vec::new(),
            elements: Vec::new(),
            initiatives: Vec::new(),
            screening: crate::model::Screening::default(),
            conflicts: Vec::new(),
            pack: None,
            history: Vec::new(),
            closed_periods: Vec::new(),
        }
    }

    pub fn perspective(&self, id: &PerspectiveId) -> Option<&Perspective> {
        self.perspectives.iter().find(|p| &p.id == id)
    }
    pub fn theme(&self, id: &ThemeId) -> Option<&Theme> {
        self.themes.iter().find(|t| &t.id == id)
    }
    pub fn objective(&self, id: &ObjectiveId) -> Option<&Objective> {
        self.objectives.iter().find(|o| &o.id == id)
    }
    pub fn objective_mut(&mut self, id: &ObjectiveId) -> Option<&mut Objective> {
        self.objectives.iter_mut().find(|o| &o.id == id)
    }
    pub fn kpi(&self, id: &KpiId) -> Option<&Kpi> {
        self.kpis.iter().find(|k| &k.id == id)
    }
    pub fn kpi_mut(&mut self, id: &KpiId) -> Option<&mut Kpi> {
        self.kpis.iter_mut().find(|k| &k.id == id)
    }
    pub fn department(&self, id: &DepartmentId) -> Option<&Department> {
        self.departments.iter().find(|d| &d.id == id)
    }
    pub fn initiative(&self, id: &InitiativeId) -> Option<&Initiative> {
        self.initiatives.iter().find(|i| &i.id == id)
    }
    pub fn element(&self, id: &ElementId) -> Option<&crate::model::DataElement> {
        self.elements.iter().find(|e| &e.id == id)
    }
    pub fn link(&self, id: &LinkId) -> Option<&Link> {
        self.links.iter().find(|l| &l.id == id)
    }

    /// Objectives of one perspective, in document order.
    pub fn objectives_in<'a>(
        &'a self,
        perspective: &'a PerspectiveId,
    ) -> impl Iterator<Item = &'a Objective> + 'a {
        self.objectives.iter().filter(move |o| &o.perspective == perspective)
    }

    /// Company-level KPIs measuring one objective.
    pub fn kpis_of_objective<'a>(&'a self, id: &'a ObjectiveId) -> impl Iterator<Item = &'a Kpi> + 'a {
        self.kpis.iter().filter(move |k| k.objective.as_ref() == Some(id))
    }

    /// KPIs carried by one department or role (not its sub-units).
    pub fn kpis_of_department<'a>(&'a self, id: &'a DepartmentId) -> impl Iterator<Item = &'a Kpi> + 'a {
        self.kpis.iter().filter(move |k| k.department.as_ref() == Some(id))
    }

    /// Direct children of a department node.
    pub fn sub_departments<'a>(&'a self, id: &'a DepartmentId) -> impl Iterator<Item = &'a Department> + 'a {
        self.departments.iter().filter(move |d| d.parent.as_ref() == Some(id))
    }

    /// The effective reporting frequency of a KPI.
    pub fn frequency_of(&self, kpi: &Kpi) -> Frequency {
        kpi.frequency.unwrap_or(self.info.frequency)
    }

    pub fn next_perspective_id(&self) -> PerspectiveId {
        PerspectiveId::numbered(next_number(
            PerspectiveId::PREFIX,
            self.perspectives.iter().map(|x| x.id.as_str()),
        ))
    }
    pub fn next_theme_id(&self) -> ThemeId {
        ThemeId::numbered(next_number(ThemeId::PREFIX, self.themes.iter().map(|x| x.id.as_str())))
    }
    pub fn next_objective_id(&self) -> ObjectiveId {
        ObjectiveId::numbered(next_number(ObjectiveId::PREFIX, self.objectives.iter().map(|x| x.id.as_str())))
    }
    pub fn next_link_id(&self) -> LinkId {
        LinkId::numbered(next_number(LinkId::PREFIX, self.links.iter().map(|x| x.id.as_str())))
    }
    pub fn next_kpi_id(&self) -> KpiId {
        KpiId::numbered(next_number(KpiId::PREFIX, self.kpis.iter().map(|x| x.id.as_str())))
    }
    pub fn next_department_id(&self) -> DepartmentId {
        DepartmentId::numbered(next_number(
            DepartmentId::PREFIX,
            self.departments.iter().map(|x| x.id.as_str()),
        ))
    }
    pub fn next_element_id(&self) -> ElementId {
        ElementId::numbered(next_number(ElementId::PREFIX, self.elements.iter().map(|x| x.id.as_str())))
    }
    /// The next free element code in the `E01`, `E02` … series (codes are unique among elements
    /// and KPIs).
    pub fn next_element_code(&self) -> String {
        let taken = |c: &str| {
            self.elements.iter().any(|e| e.code.eq_ignore_ascii_case(c))
                || self.kpis.iter().any(|k| k.code.eq_ignore_ascii_case(c))
        };
        let n = self
            .elements
            .iter()
            .filter_map(|e| e.code.strip_prefix('E').and_then(|d| d.parse::<u64>().ok()))
            .max()
            .unwrap_or(0);
        (n + 1..).map(|i| format!("E{i:02}")).find(|c| !taken(c)).unwrap_or_default()
    }
    pub fn next_initiative_id(&self) -> InitiativeId {
        InitiativeId::numbered(next_number(
            InitiativeId::PREFIX,
            self.initiatives.iter().map(|x| x.id.as_str()),
        ))
    }
}
