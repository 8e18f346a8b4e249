//! KPIs (关键绩效指标): what is measured, how it is scored, and its values over time.
//!
//! Only data lives here; the arithmetic that turns an actual into a score is in `crate::score`.

use super::colour::Colour;
use super::ids::{DepartmentId, KpiId, ObjectiveId};
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// Which direction of the actual value is good.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    #[default]
    HigherIsBetter,
    LowerIsBetter,
    /// 趋中: best inside a band around the target (inventory days, staff turnover).
    ClosestToTarget,
}

impl Polarity {
    pub const ALL: [Polarity; 3] =
        [Polarity::HigherIsBetter, Polarity::LowerIsBetter, Polarity::ClosestToTarget];

    /// +1 when more is better, −1 when less is better; the closest-to-target band is symmetric
    /// and has no sign, so it counts as +1 where a sign is needed.
    pub fn sign(self) -> f64 {
        match self {
            Polarity::LowerIsBetter => -1.0,
            _ => 1.0,
        }
    }
}

/// How often a KPI is reported. Each period is identified by the date it starts on.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    Weekly,
    Monthly,
    Quarterly,
    HalfYearly,
    Yearly,
}

impl Frequency {
    pub const ALL: [Frequency; 5] = [
        Frequency::Weekly,
        Frequency::Monthly,
        Frequency::Quarterly,
        Frequency::HalfYearly,
        Frequency::Yearly,
    ];

    /// Whether `date` is the first day of a period of this frequency (weeks start on Monday).
    pub fn is_period_start(self, date: NaiveDate) -> bool {
        match self {
            Frequency::Weekly => date.weekday() == chrono::Weekday::Mon,
            Frequency::Monthly => date.day() == 1,
            Frequency::Quarterly => date.day() == 1 && (date.month() - 1).is_multiple_of(3),
            Frequency::HalfYearly => date.day() == 1 && (date.month() == 1 || date.month() == 7),
            Frequency::Yearly => date.day() == 1 && date.month() == 1,
        }
    }

    /// The start of the period that contains `date`.
    pub fn period_start(self, date: NaiveDate) -> NaiveDate {
        let first_of = |month: u32| NaiveDate::from_ymd_opt(date.year(), month, 1).unwrap_or(date);
        match self {
            Frequency::Weekly => date - chrono::Duration::days(date.weekday().num_days_from_monday() as i64),
            Frequency::Monthly => first_of(date.month()),
            Frequency::Quarterly => first_of((date.month() - 1) / 3 * 3 + 1),
            Frequency::HalfYearly => first_of(if date.month() <= 6 { 1 } else { 7 }),
            Frequency::Yearly => first_of(1),
        }
    }

    /// The start of the period after the one starting at `start`.
    pub fn next_start(self, start: NaiveDate) -> NaiveDate {
        let add = |m: u32| start.checked_add_months(Months::new(m)).unwrap_or(NaiveDate::MAX);
        match self {
            Frequency::Weekly => start + chrono::Duration::days(7),
            Frequency::Monthly => add(1),
            Frequency::Quarterly => add(3),
            Frequency::HalfYearly => add(6),
            Frequency::Yearly => add(12),
        }
    }

    /// The last day of the period starting at `start`.
    pub fn period_end(self, start: NaiveDate) -> NaiveDate {
        self.next_start(start).pred_opt().unwrap_or(start)
    }

    /// The day that places the period starting at `start` in a month, quarter or year view: its
    /// last day (a quarter counts in March, when it is reported), except for a week, which
    /// counts on its Thursday (ISO 8601): a week split between two months belongs to the one
    /// holding four of its days, so a month has four or five whole weeks and none twice.
    pub fn counts_on(self, start: NaiveDate) -> NaiveDate {
        match self {
            Frequency::Weekly => start.checked_add_days(chrono::Days::new(3)).unwrap_or(start),
            _ => self.period_end(start),
        }
    }

    /// Number of periods in a year, used for forecasts and for spreading annual targets.
    pub fn periods_per_year(self) -> u32 {
        match self {
            Frequency::Weekly => 52,
            Frequency::Monthly => 12,
            Frequency::Quarterly => 4,
            Frequency::HalfYearly => 2,
            Frequency::Yearly => 1,
        }
    }
}

/// How the values of several periods combine into a longer one (a quarter, a year, year-to-date).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// Flows such as sales: the quarter is the sum of its months. (时期指标)
    #[default]
    Sum,
    /// Rates such as satisfaction: the quarter is the mean of its months.
    Average,
    /// Stocks such as headcount: the quarter is its last month. (时点指标)
    Last,
}

impl Aggregation {
    pub const ALL: [Aggregation; 3] = [Aggregation::Sum, Aggregation::Average, Aggregation::Last];
}

/// Classification tags from the methodology (指标的类型).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum KpiTag {
    Financial,
    NonFinancial,
    Quantitative,
    Qualitative,
    Leading,
    Lagging,
    /// 时点指标: a stock measured at a point in time.
    PointInTime,
    /// 时期指标: a flow measured over a period.
    OverPeriod,
}

impl KpiTag {
    pub const ALL: [KpiTag; 8] = [
        KpiTag::Financial,
        KpiTag::NonFinancial,
        KpiTag::Quantitative,
        KpiTag::Qualitative,
        KpiTag::Leading,
        KpiTag::Lagging,
        KpiTag::PointInTime,
        KpiTag::OverPeriod,
    ];
}

/// One anchor of a threshold-band scoring rule: reaching `value` earns `score`, shown in `colour`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub value: f64,
    pub score: f64,
    pub label: String,
    pub colour: Colour,
}

/// How a KPI's actual value becomes a score. Scores are percentages: 100 means "on target".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum ScoringMethod {
    /// 达成率: A / T when higher is better, 2 − A / T when lower is better.
    AchievementRatio,
    /// 1 + s·(A − T)/|T|: equals A / T for positive targets and stays right for negative ones.
    SignSafe,
    /// (A − B) / (T − B): how far from the baseline towards the target.
    ProgressFromBaseline,
    /// (A − min) / (max − min) on the KPI's min and max (reversed when lower is better).
    RangeNormalisation,
    /// Piecewise linear between anchors ordered by value; the status follows the band reached.
    Bands { bands: Vec<Band> },
    /// 100 points at target, `points` per whole `step` percent of deviation, between floor and cap.
    Points { step: f64, points: f64, cap: f64, floor: f64 },
    /// 趋中: 100 inside the KPI's band around the target, falling linearly to 0 over `falloff`
    /// (in the KPI's unit) beyond the band; without `falloff`, over |T|.
    ClosestToTarget {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        falloff: Option<f64>,
    },
    /// 100 when the target is met (per polarity), else 0.
    Binary,
}

impl ScoringMethod {
    /// A short, stable name for the method, used in traces, menus and the file.
    pub fn key(&self) -> &'static str {
        match self {
            ScoringMethod::AchievementRatio => "achievement_ratio",
            ScoringMethod::SignSafe => "sign_safe",
            ScoringMethod::ProgressFromBaseline => "progress_from_baseline",
            ScoringMethod::RangeNormalisation => "range_normalisation",
            ScoringMethod::Bands { .. } => "bands",
            ScoringMethod::Points { .. } => "points",
            ScoringMethod::ClosestToTarget { .. } => "closest_to_target",
            ScoringMethod::Binary => "binary",
        }
    }

    /// One method of each kind with its usual parameters, in the order menus offer them. The
    /// match in `key` and the one in `names.rs` make a new kind a compile error until it has a
    /// key and a name; list it here too.
    pub fn one_of_each() -> [ScoringMethod; 8] {
        [
            ScoringMethod::AchievementRatio,
            ScoringMethod::SignSafe,
            ScoringMethod::ProgressFromBaseline,
            ScoringMethod::RangeNormalisation,
            ScoringMethod::goal_red_flag(0.0, 60.0, 90.0, 100.0),
            ScoringMethod::points_five_per_five(),
            ScoringMethod::ClosestToTarget { falloff: None },
            ScoringMethod::Binary,
        ]
    }

    /// The points-rule preset "100 at target, ±5 points per 5 %, capped at 120, floored at 0".
    pub fn points_five_per_five() -> Self {
        ScoringMethod::Points { step: 5.0, points: 5.0, cap: 120.0, floor: 0.0 }
    }

    /// The points-rule preset "one point per percent, capped at 120 %".
    pub fn points_cap_120() -> Self {
        ScoringMethod::Points { step: 1.0, points: 1.0, cap: 120.0, floor: 0.0 }
    }

    /// The goal / red-flag preset on a 0–10 scale expressed in percent: red flag → 33.3,
    /// goal → 66.7, and `best` → 100. `worst` scores 0.
    pub fn goal_red_flag(worst: f64, red_flag: f64, goal: f64, best: f64) -> Self {
        ScoringMethod::Bands {
            bands: vec![
                Band { value: worst, score: 0.0, label: "red".into(), colour: STATUS_RED },
                Band { value: red_flag, score: 100.0 / 3.0, label: "amber".into(), colour: STATUS_AMBER },
                Band { value: goal, score: 200.0 / 3.0, label: "green".into(), colour: STATUS_GREEN },
                Band { value: best, score: 100.0, label: "green".into(), colour: STATUS_GREEN },
            ],
        }
    }
}

pub const STATUS_RED: Colour = Colour::rgb(0xd3, 0x2f, 0x2f);
pub const STATUS_AMBER: Colour = Colour::rgb(0xf9, 0xa8, 0x25);
pub const STATUS_GREEN: Colour = Colour::rgb(0x2e, 0x7d, 0x32);
pub const STATUS_BLUE: Colour = Colour::rgb(0x15, 0x65, 0xc0);

/// Bounds applied to a score after it is computed, e.g. 0–120 %.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Clamp {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
}

/// What a status rule compares.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatusBasis {
    /// The score in percent.
    #[default]
    Score,
    /// The aggregated actual value in the KPI's unit.
    Value,
}

/// The comparison of a status rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    AtLeast,
    Above,
    AtMost,
    Below,
    /// Always matches: the last rule of a list, the fallback.
    Always,
}

impl Comparison {
    pub fn holds(self, x: f64, threshold: f64) -> bool {
        match self {
            Comparison::AtLeast => x >= threshold,
            Comparison::Above => x > threshold,
            Comparison::AtMost => x <= threshold,
            Comparison::Below => x < threshold,
            Comparison::Always => true,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::AtLeast => "≥",
            Comparison::Above => ">",
            Comparison::AtMost => "≤",
            Comparison::Below => "<",
            Comparison::Always => "*",
        }
    }
}

/// One status rule: "green when the score is at least 100". Rules are evaluated in order and the
/// first that matches gives the status.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusRule {
    /// The status this rule gives: `green`, `amber`, `red`, or a project's own (`blue`, `exceeded` …).
    pub status: String,
    pub colour: Colour,
    #[serde(default)]
    pub basis: StatusBasis,
    pub when: Comparison,
    #[serde(default)]
    pub threshold: f64,
}

impl StatusRule {
    /// The traffic light most Chinese HR practice uses: green ≥ 100 %, amber ≥ 90 %, else red.
    pub fn default_rules() -> Vec<StatusRule> {
        vec![
            StatusRule {
                status: "green".into(),
                colour: STATUS_GREEN,
                basis: StatusBasis::Score,
                when: Comparison::AtLeast,
                threshold: 100.0,
            },
            StatusRule {
                status: "amber".into(),
                colour: STATUS_AMBER,
                basis: StatusBasis::Score,
                when: Comparison::AtLeast,
                threshold: 90.0,
            },
            StatusRule {
                status: "red".into(),
                colour: STATUS_RED,
                basis: StatusBasis::Score,
                when: Comparison::Always,
                threshold: 0.0,
            },
        ]
    }
}

/// The 趋中 band around the target inside which a closest-to-target KPI earns full score.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetBand {
    /// Allowed shortfall below the target, in the KPI's unit.
    pub below: f64,
    /// Allowed excess above the target, in the KPI's unit.
    pub above: f64,
}

/// How a department KPI relates to the company scorecard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Cascade {
    /// The KPI carries a share of a parent KPI's target (sales split by region).
    Decompose {
        parent: KpiId,
        /// The planned share of the parent's target, 0–1, when it was split by share.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        share: Option<f64>,
    },
    /// The department's own KPI supports a company objective.
    Align { objective: ObjectiveId },
}

/// One reporting period of a KPI, identified by the date it starts on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    #[serde(with = "super::iso_date")]
    #[schemars(with = "NaiveDate")]
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<f64>,
    /// Overrides the KPI's default target for this period only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The owner's commentary on the period's result (version 6): what a review pack prints
    /// beside a red or amber KPI. Boxed: most periods have none, and series are long.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commentary: Option<Box<Commentary>>,
}

impl Period {
    pub fn new(date: NaiveDate) -> Self {
        Self { date, actual: None, target: None, note: None, commentary: None }
    }

    pub fn is_empty(&self) -> bool {
        self.actual.is_none() && self.target.is_none() && self.note.is_none() && self.commentary.is_none()
    }
}

/// The commentary of a monthly review (经营分析): analysis of the result (分析), its cause (原因)
/// and the action taken or planned (措施), by whom and when.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Commentary {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub analysis: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub cause: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub action: String,
    /// Who wrote it (the KPI's owner, as a rule).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// When it was written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
}

impl Commentary {
    /// Nothing written: analysis, cause and action all blank.
    pub fn is_blank(&self) -> bool {
        self.analysis.trim().is_empty() && self.cause.trim().is_empty() && self.action.trim().is_empty()
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A key performance indicator, either on a company objective or on a department / role.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Kpi {
    pub id: KpiId,
    #[serde(default)]
    pub code: String,
    pub name: String,
    /// Definition and management meaning (意义).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub definition: String,
    /// The calculation formula as text (计算公式), e.g. "邀约试乘试驾客户数 ÷ 试乘试驾客户数 × 100%".
    #[serde(default)]
    pub formula: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub polarity: Polarity,
    /// Full-score band for closest-to-target KPIs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band: Option<TargetBand>,
    /// Reporting frequency; `None` means not yet decided (the project default is used meanwhile).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency: Option<Frequency>,
    #[serde(default)]
    pub aggregation: Aggregation,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stretch: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Overrides the project's scoring method.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scoring: Option<ScoringMethod>,
    /// Overrides the project's clamp.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clamp: Option<Clamp>,
    /// Overrides the project's status rules (this KPI's red/amber/green thresholds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_rules: Option<Vec<StatusRule>>,
    /// Relative weight within its objective or department.
    #[serde(default)]
    pub weight: f64,
    /// 责任人
    #[serde(default)]
    pub owner: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub data_source: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<KpiTag>,
    /// The company objective this KPI measures (company level) …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<ObjectiveId>,
    /// … or the department / role that carries it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<DepartmentId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cascade: Option<Cascade>,
    /// Kept on the scorecard but excluded from roll-ups (e.g. a KPI being piloted).
    #[serde(default, skip_serializing_if = "is_false")]
    pub excluded: bool,
    /// A computed KPI's formula over data element and KPI codes (version 5), e.g.
    /// `E01 / E02 * 100`: its actuals are computed, and typed actuals are not used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expression: Option<String>,
    /// What an input without a value for the period does to the result (version 5).
    #[serde(default, skip_serializing_if = "crate::model::expr::MissingInputs::is_default")]
    pub missing_inputs: crate::model::expr::MissingInputs,
    /// Evaluate the expression for each period, then aggregate the results by the KPI's rule,
    /// instead of aggregating each input first (version 5; rarely right for ratios).
    #[serde(default, skip_serializing_if = "is_false")]
    pub evaluate_each_period: bool,
    /// Targets and weights in force before changes that took effect on a later date (version 8).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub in_force: Vec<super::appraisal::InForce>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub series: Vec<Period>,
}

impl Kpi {
    /// A new KPI with sensible empty values, to be placed on an objective or department.
    pub fn new(id: KpiId, name: impl Into<String>) -> Self {
        Self {
            id,
            code: String::new(),
            name: name.into(),
            definition: String::new(),
            formula: String::new(),
            unit: String::new(),
            polarity: Polarity::HigherIsBetter,
            band: None,
            frequency: None,
            aggregation: Aggregation::Sum,
            baseline: None,
            target: None,
            stretch: None,
            min: None,
            max: None,
            scoring: None,
            clamp: None,
            status_rules: None,
            weight: 1.0,
            owner: String::new(),
            data_source: String::new(),
            tags: Vec::new(),
            objective: None,
            department: None,
            cascade: None,
            excluded: false,
            expression: None,
            missing_inputs: Default::default(),
            evaluate_each_period: false,
            in_force: Vec::new(),
            series: Vec::new(),
        }
    }

    /// The period of the series that starts on `date`, if any (series are sorted by date).
    pub fn period(&self, date: NaiveDate) -> Option<&Period> {
        self.series.binary_search_by(|p| p.date.cmp(&date)).ok().map(|i| &self.series[i])
    }

    /// A label for lists: "code name" or just the name.
    pub fn label(&self) -> String {
        if self.code.is_empty() { self.name.clone() } else { format!("{} {}", self.code, self.name) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn period_starts_per_frequency() {
        assert!(Frequency::Monthly.is_period_start(d(2026, 3, 1)));
        assert!(!Frequency::Monthly.is_period_start(d(2026, 3, 2)));
        assert!(Frequency::Quarterly.is_period_start(d(2026, 4, 1)));
        assert!(!Frequency::Quarterly.is_period_start(d(2026, 5, 1)));
        assert!(Frequency::HalfYearly.is_period_start(d(2026, 7, 1)));
        assert!(Frequency::Yearly.is_period_start(d(2026, 1, 1)));
        assert!(!Frequency::Yearly.is_period_start(d(2026, 2, 1)));
        // 2026-01-05 is a Monday.
        assert!(Frequency::Weekly.is_period_start(d(2026, 1, 5)));
        assert!(!Frequency::Weekly.is_period_start(d(2026, 1, 6)));
    }

    #[test]
    fn period_arithmetic() {
        assert_eq!(Frequency::Quarterly.period_start(d(2026, 8, 17)), d(2026, 7, 1));
        assert_eq!(Frequency::Weekly.period_start(d(2026, 1, 8)), d(2026, 1, 5));
        assert_eq!(Frequency::Monthly.next_start(d(2026, 12, 1)), d(2027, 1, 1));
        assert_eq!(Frequency::Monthly.period_end(d(2028, 2, 1)), d(2028, 2, 29));
        assert_eq!(Frequency::HalfYearly.period_end(d(2026, 7, 1)), d(2026, 12, 31));
    }
}
