//! Re-planning: when a KPI is behind, targets for the periods still to come that bring the
//! horizon (the rest of the year, quarter or month) back to its target, or to a chosen share of
//! it (the 85 % and 95 % scenarios of a review meeting).
//!
//! The reference material's store exercise: a month target of 100,000 planned as four weeks of
//! 25,000; week 1 reaches 70 % (17,500), so the 7,500 shortfall is spread over the three
//! remaining weeks: 27,500 each.

use super::period::{DateRange, Fold};
use super::series::periods_between;
use crate::model::{Aggregation, Kpi, Period, Project};
use chrono::{Datelike, NaiveDate};

/// How the required remainder is spread over the remaining periods.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub enum Spread {
    /// The same target in every remaining period.
    #[default]
    Evenly,
    /// In proportion to last year's actuals in the same periods (the season's shape); falls back
    /// to the current plan's shape, then to evenly, where last year has no data.
    Seasonality,
}

/// The plan for one remaining period.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlannedPeriod {
    pub start: NaiveDate,
    pub old_target: Option<f64>,
    pub new_target: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Replan {
    pub horizon: DateRange,
    /// The horizon's target by the KPI's aggregation (before applying the level).
    pub horizon_target: f64,
    /// The share of the horizon target to reach (1.0 = all of it).
    pub level: f64,
    /// The aggregate of the actuals reported so far in the horizon.
    pub done: Option<f64>,
    /// How many periods of the horizon are reported.
    pub reported: usize,
    pub periods: Vec<PlannedPeriod>,
    /// The goal is already reached: the remaining targets are set to zero (sum) or kept.
    pub already_reached: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplanError {
    NoTarget,
    NothingLeft,
}

impl ReplanError {
    pub fn describe(&self, lang: crate::i18n::Lang) -> String {
        match self {
            ReplanError::NoTarget => crate::i18n::T::ReplanNoTarget,
            ReplanError::NothingLeft => crate::i18n::T::ReplanNothingLeft,
        }
        .get(lang)
        .into()
    }
}

impl std::fmt::Display for ReplanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(crate::i18n::Lang::En))
    }
}

impl std::error::Error for ReplanError {}

/// The year, quarter or month containing `date`.
pub fn horizon_of(date: NaiveDate, months: u32) -> DateRange {
    let m0 = (date.month0() / months) * months;
    let start = NaiveDate::from_ymd_opt(date.year(), m0 + 1, 1).unwrap_or(date);
    let next = if m0 + months >= 12 {
        NaiveDate::from_ymd_opt(date.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(date.year(), m0 + months + 1, 1)
    };
    DateRange { start, end: next.and_then(|d| d.pred_opt()).unwrap_or(date) }
}

/// Proposes targets for the periods of `horizon` not yet reported by `as_of` (periods that end
/// later, or have no actual), so that the horizon reaches `level` × its target.
pub fn replan(
    project: &Project,
    kpi: &Kpi,
    horizon: DateRange,
    as_of: NaiveDate,
    spread: Spread,
    level: f64,
) -> Result<Replan, ReplanError> {
    let frequency = project.frequency_of(kpi);
    let periods = periods_between(frequency, horizon);
    let target_of =
        |start: NaiveDate| kpi.period(start).and_then(|p| p.target).or_else(|| kpi.target_at(start));
    // What was reported for a period by the as-of date.
    let actual_by = |start: NaiveDate| {
        kpi.period(start).and_then(|p| p.actual).filter(|_| frequency.period_end(start) <= as_of)
    };
    let mut targets = Fold::new(kpi.aggregation);
    let mut done = Fold::new(kpi.aggregation);
    let mut remaining = Vec::new();
    for &(start, _) in &periods {
        match target_of(start) {
            Some(t) => targets.push(t),
            None => return Err(ReplanError::NoTarget),
        }
        match actual_by(start) {
            Some(a) => done.push(a),
            None => remaining.push(start),
        }
    }
    let horizon_target = targets.result().ok_or(ReplanError::NoTarget)?;
    if remaining.is_empty() {
        return Err(ReplanError::NothingLeft);
    }
    let goal = horizon_target * level;
    let n_all = periods.len() as f64;
    let done_sum: f64 = periods.iter().filter_map(|&(s, _)| actual_by(s)).sum();
    // What the remaining periods must add up to.
    let (need, per_period_level) = match kpi.aggregation {
        Aggregation::Sum => (goal - done_sum, false),
        Aggregation::Average => (goal * n_all - done_sum, false),
        // Only the last period counts: every remaining period aims at the goal itself.
        Aggregation::Last => (goal, true),
    };
    let shape = weights(project, kpi, &remaining, spread, &target_of);
    let sign_ok = goal.signum() * need.signum() >= 0.0;
    let already_reached = !per_period_level && !sign_ok;
    let planned = remaining
        .iter()
        .zip(&shape)
        .map(|(&start, &w)| PlannedPeriod {
            start,
            old_target: target_of(start),
            new_target: if per_period_level {
                goal
            } else if already_reached {
                0.0
            } else {
                need * w
            },
        })
        .collect();
    Ok(Replan {
        horizon,
        horizon_target,
        level,
        done: done.result(),
        reported: periods.len() - remaining.len(),
        periods: planned,
        already_reached,
    })
}

/// Shares (summing to 1) of the remaining periods.
fn weights(
    project: &Project,
    kpi: &Kpi,
    remaining: &[NaiveDate],
    spread: Spread,
    target_of: &dyn Fn(NaiveDate) -> Option<f64>,
) -> Vec<f64> {
    let even = vec![1.0 / remaining.len() as f64; remaining.len()];
    if spread == Spread::Evenly {
        return even;
    }
    let frequency = project.frequency_of(kpi);
    let normalise = |raw: Vec<Option<f64>>| -> Option<Vec<f64>> {
        let raw: Option<Vec<f64>> = raw.into_iter().map(|v| v.filter(|v| *v > 0.0)).collect();
        let raw = raw?;
        let total: f64 = raw.iter().sum();
        (total > 0.0).then(|| raw.iter().map(|v| v / total).collect())
    };
    let last_year: Vec<Option<f64>> = remaining
        .iter()
        .map(|d| {
            // The same week of last year is the same ISO week number, not the same date.
            let a_year_ago = if frequency == crate::model::Frequency::Weekly {
                let w = d.iso_week();
                NaiveDate::from_isoywd_opt(w.year() - 1, w.week(), chrono::Weekday::Mon)
            } else {
                d.with_year(d.year() - 1).map(|x| frequency.period_start(x))
            };
            a_year_ago.and_then(|x| kpi.period(x)).and_then(|p| p.actual)
        })
        .collect();
    normalise(last_year)
        .or_else(|| normalise(remaining.iter().map(|&d| target_of(d)).collect()))
        .unwrap_or(even)
}

/// The KPI with the plan's targets written into its series (one undoable change).
pub fn apply(kpi: &Kpi, plan: &Replan) -> Kpi {
    let mut out = kpi.clone();
    for p in &plan.periods {
        match out.series.iter_mut().find(|x| x.date == p.start) {
            Some(x) => x.target = Some(p.new_target),
            None => {
                let mut x = Period::new(p.start);
                x.target = Some(p.new_target);
                out.series.push(x);
            }
        }
    }
    out.series.sort_by_key(|p| p.date);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Frequency, KpiId};

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn project_with(kpi: Kpi) -> Project {
        let mut p = Project::blank(crate::i18n::Lang::Zh, ymd(2026, 1, 1));
        p.kpis.push(kpi);
        p
    }

    /// The store exercise: four weeks of 25,000 in June 2026 (weeks starting 1, 8, 15, 22 June).
    fn store() -> Kpi {
        let mut k = Kpi::new(KpiId("S1".into()), "门店销售额");
        k.frequency = Some(Frequency::Weekly);
        k.aggregation = Aggregation::Sum;
        k.target = Some(25_000.0);
        let mut w1 = Period::new(ymd(2026, 6, 1));
        w1.actual = Some(17_500.0);
        k.series.push(w1);
        k
    }

    #[test]
    fn store_exercise_spreads_the_shortfall_evenly() {
        let p = project_with(store());
        // The month's four weeks (1 June 2026 is a Monday; the week of 29 June ends in July).
        let horizon = DateRange { start: ymd(2026, 6, 1), end: ymd(2026, 6, 28) };
        let plan = replan(&p, &p.kpis[0], horizon, horizon.end, Spread::Evenly, 1.0).unwrap();
        assert_eq!(plan.horizon_target, 100_000.0);
        assert_eq!(plan.done, Some(17_500.0));
        assert_eq!(plan.reported, 1);
        let targets: Vec<f64> = plan.periods.iter().map(|x| x.new_target).collect();
        assert_eq!(targets, vec![27_500.0; 3]);
        assert_eq!(plan.periods[0].old_target, Some(25_000.0));
        // Applied, the month adds up to its target again.
        let k = apply(&p.kpis[0], &plan);
        let planned: f64 = k
            .series
            .iter()
            .map(|x| x.actual.unwrap_or(0.0) + x.target.filter(|_| x.actual.is_none()).unwrap_or(0.0))
            .sum();
        assert_eq!(planned, 100_000.0);
    }

    #[test]
    fn actuals_after_the_as_of_date_are_still_to_come() {
        let mut k = store();
        for d in [8, 15] {
            let mut x = Period::new(ymd(2026, 6, d));
            x.actual = Some(30_000.0);
            k.series.push(x);
        }
        let p = project_with(k);
        let horizon = DateRange { start: ymd(2026, 6, 1), end: ymd(2026, 6, 28) };
        // As of the end of week 1, weeks 2 and 3 have not happened yet.
        let plan = replan(&p, &p.kpis[0], horizon, ymd(2026, 6, 7), Spread::Evenly, 1.0).unwrap();
        assert_eq!(plan.periods.len(), 3);
        assert_eq!(plan.periods[0].new_target, 27_500.0);
        // As of the end of the month they are facts: 100,000 − 77,500 for the last week.
        let plan = replan(&p, &p.kpis[0], horizon, horizon.end, Spread::Evenly, 1.0).unwrap();
        assert_eq!(plan.periods.len(), 1);
        assert_eq!(plan.periods[0].new_target, 22_500.0);
    }

    #[test]
    fn scenarios_set_the_horizon_to_a_share_of_its_target() {
        let p = project_with(store());
        let horizon = DateRange { start: ymd(2026, 6, 1), end: ymd(2026, 6, 28) };
        let at = |level| {
            replan(&p, &p.kpis[0], horizon, horizon.end, Spread::Evenly, level).unwrap().periods[0].new_target
        };
        // 85 %: 85,000 − 17,500 = 67,500 over three weeks.
        assert!((at(0.85) - 22_500.0).abs() < 1e-9);
        assert!((at(0.95) - 25_833.333_333).abs() < 1e-3);
    }

    #[test]
    fn seasonality_follows_last_years_shape() {
        let mut k = store();
        for (d, a) in [(ymd(2025, 6, 9), 10.0), (ymd(2025, 6, 16), 20.0), (ymd(2025, 6, 23), 30.0)] {
            let mut x = Period::new(d);
            x.actual = Some(a);
            k.series.push(x);
        }
        k.series.sort_by_key(|x| x.date);
        let p = project_with(k);
        let horizon = DateRange { start: ymd(2026, 6, 1), end: ymd(2026, 6, 28) };
        let plan = replan(&p, &p.kpis[0], horizon, horizon.end, Spread::Seasonality, 1.0).unwrap();
        let t: Vec<f64> = plan.periods.iter().map(|x| x.new_target).collect();
        // 82,500 split 1 : 2 : 3.
        assert!(
            (t[0] - 13_750.0).abs() < 1e-6
                && (t[1] - 27_500.0).abs() < 1e-6
                && (t[2] - 41_250.0).abs() < 1e-6,
            "{t:?}"
        );
        // Without last year's data the current plan's shape is used (here flat).
        let p = project_with(store());
        let plan = replan(&p, &p.kpis[0], horizon, horizon.end, Spread::Seasonality, 1.0).unwrap();
        assert_eq!(plan.periods[2].new_target, 27_500.0);
    }

    #[test]
    fn averages_lasts_reached_goals_and_errors() {
        let mut k = store();
        k.aggregation = Aggregation::Average;
        k.target = Some(90.0);
        k.series[0].actual = Some(84.0);
        let p = project_with(k.clone());
        let horizon = DateRange { start: ymd(2026, 6, 1), end: ymd(2026, 6, 28) };
        // Average 90 over four weeks needs 360; 84 done, so 92 in each of three.
        let plan = replan(&p, &p.kpis[0], horizon, horizon.end, Spread::Evenly, 1.0).unwrap();
        assert!((plan.periods[0].new_target - 92.0).abs() < 1e-9);
        k.aggregation = Aggregation::Last;
        let p = project_with(k.clone());
        let plan = replan(&p, &p.kpis[0], horizon, horizon.end, Spread::Evenly, 0.95).unwrap();
        assert!((plan.periods[2].new_target - 85.5).abs() < 1e-9);
        // Already beyond the month's target: nothing more is needed.
        let mut big = store();
        big.series[0].actual = Some(120_000.0);
        let p = project_with(big);
        let plan = replan(&p, &p.kpis[0], horizon, horizon.end, Spread::Evenly, 1.0).unwrap();
        assert!(plan.already_reached);
        assert!(plan.periods.iter().all(|x| x.new_target == 0.0));
        // No target anywhere.
        let mut none = store();
        none.target = None;
        let p = project_with(none);
        assert_eq!(
            replan(&p, &p.kpis[0], horizon, horizon.end, Spread::Evenly, 1.0),
            Err(ReplanError::NoTarget)
        );
        // Everything reported.
        let one_week = DateRange { start: ymd(2026, 6, 1), end: ymd(2026, 6, 7) };
        let p = project_with(store());
        assert_eq!(
            replan(&p, &p.kpis[0], one_week, one_week.end, Spread::Evenly, 1.0),
            Err(ReplanError::NothingLeft)
        );
    }

    #[test]
    fn horizons() {
        assert_eq!(
            horizon_of(ymd(2026, 5, 17), 12),
            DateRange { start: ymd(2026, 1, 1), end: ymd(2026, 12, 31) }
        );
        assert_eq!(
            horizon_of(ymd(2026, 5, 17), 3),
            DateRange { start: ymd(2026, 4, 1), end: ymd(2026, 6, 30) }
        );
        assert_eq!(
            horizon_of(ymd(2026, 12, 17), 1),
            DateRange { start: ymd(2026, 12, 1), end: ymd(2026, 12, 31) }
        );
    }
}
