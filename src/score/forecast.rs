//! Trend and year-end forecast: a least-squares line through the last N reported periods, and
//! whether the year's aggregated value will reach the year's target if the trend holds.

use super::period::Fold;
use crate::model::{Frequency, Kpi, Polarity, Project};
use chrono::{Datelike, NaiveDate};

/// A straight line through recent actuals, `value = intercept + slope × ordinal`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Trend {
    /// Change per period.
    pub slope: f64,
    pub intercept: f64,
    /// How many periods the line was fitted to.
    pub points: usize,
    /// The ordinal of the first and last period used.
    pub from: i64,
    pub to: i64,
}

impl Trend {
    pub fn at(&self, ordinal: i64) -> f64 {
        self.intercept + self.slope * ordinal as f64
    }
}

/// The position of a period among all periods of its frequency (consecutive periods differ by 1).
pub fn period_ordinal(frequency: Frequency, date: NaiveDate) -> i64 {
    let (y, m) = (date.year() as i64, date.month0() as i64);
    match frequency {
        // Days since a Monday (0001-01-01 was a Monday).
        Frequency::Weekly => (date.num_days_from_ce() as i64 - 1).div_euclid(7),
        Frequency::Monthly => y * 12 + m,
        Frequency::Quarterly => y * 4 + m / 3,
        Frequency::HalfYearly => y * 2 + m / 6,
        Frequency::Yearly => y,
    }
}

/// Least squares through `(x, y)` points; `None` with fewer than two distinct x.
pub fn least_squares(points: &[(f64, f64)]) -> Option<(f64, f64)> {
    let n = points.len() as f64;
    if points.len() < 2 {
        return None;
    }
    let mean_x = points.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
    if sxx == 0.0 {
        return None;
    }
    let sxy: f64 = points.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
    let slope = sxy / sxx;
    Some((slope, mean_y - slope * mean_x))
}

/// The trend over the last `n` reported periods that start on or before `as_of`.
pub fn trend(project: &Project, kpi: &Kpi, as_of: NaiveDate, n: usize) -> Option<Trend> {
    let frequency = project.frequency_of(kpi);
    let end = kpi.series.partition_point(|p| p.date <= as_of);
    let recent: Vec<(i64, f64)> = kpi.series[..end]
        .iter()
        .rev()
        .filter_map(|p| p.actual.map(|a| (period_ordinal(frequency, p.date), a)))
        .take(n.max(2))
        .collect();
    let points: Vec<(f64, f64)> = recent.iter().map(|&(x, y)| (x as f64, y)).collect();
    let (slope, intercept) = least_squares(&points)?;
    Some(Trend {
        slope,
        intercept,
        points: points.len(),
        from: recent.last().map_or(0, |p| p.0),
        to: recent.first().map_or(0, |p| p.0),
    })
}

/// A forecast of the year's aggregated value.
#[derive(Clone, Debug, PartialEq)]
pub struct Forecast {
    pub year: i32,
    pub trend: Trend,
    /// The aggregate of the year's reported actuals up to `as_of`.
    pub actual_to_date: Option<f64>,
    /// Periods of the year after the last reported one, filled from the trend.
    pub forecast_periods: Vec<(NaiveDate, f64)>,
    /// The year's aggregated value if the trend holds.
    pub year_end: f64,
    /// The aggregate of the year's targets (period targets or the default).
    pub year_target: Option<f64>,
    /// Whether `year_end` meets `year_target` for the KPI's polarity.
    pub reaches: Option<bool>,
}

/// Forecasts the year containing `as_of`. `None` without at least two reported periods.
pub fn forecast_year_end(project: &Project, kpi: &Kpi, as_of: NaiveDate) -> Option<Forecast> {
    let frequency = project.frequency_of(kpi);
    let trend = trend(project, kpi, as_of, project.scoring.trend_periods as usize)?;
    let year = as_of.year();
    let year_start = NaiveDate::from_ymd_opt(year, 1, 1)?;
    let year_end_day = NaiveDate::from_ymd_opt(year, 12, 31)?;

    let mut actual = Fold::new(kpi.aggregation);
    let mut with_forecast = Fold::new(kpi.aggregation);
    let mut targets = Fold::new(kpi.aggregation);
    let mut forecast_periods = Vec::new();
    let mut start = frequency.period_start(year_start);
    let mut guard = 0;
    while start <= year_end_day && guard < 1000 {
        guard += 1;
        let counts = frequency.counts_on(start);
        if counts >= year_start && counts <= year_end_day {
            let period = kpi.period(start);
            if let Some(t) = period.and_then(|p| p.target).or_else(|| kpi.target_at(start)) {
                targets.push(t);
            }
            match period.and_then(|p| p.actual).filter(|_| start <= as_of) {
                Some(a) => {
                    actual.push(a);
                    with_forecast.push(a);
                }
                None if start > as_of || period_ordinal(frequency, start) > trend.to => {
                    let v = trend.at(period_ordinal(frequency, start));
                    forecast_periods.push((start, v));
                    with_forecast.push(v);
                }
                // A gap before the last reported period stays a gap.
                None => {}
            }
        }
        start = frequency.next_start(start);
    }
    let year_end = with_forecast.result()?;
    let year_target = targets.result();
    let reaches = year_target.map(|t| match kpi.polarity {
        Polarity::HigherIsBetter => year_end >= t,
        Polarity::LowerIsBetter => year_end <= t,
        Polarity::ClosestToTarget => {
            let band = kpi.band.unwrap_or_default();
            year_end >= t - band.below && year_end <= t + band.above
        }
    });
    Some(Forecast {
        year,
        trend,
        actual_to_date: actual.result(),
        forecast_periods,
        year_end,
        year_target,
        reaches,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::model::{Aggregation, KpiId, ObjectiveId, Period};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn ordinals_are_consecutive() {
        assert_eq!(
            period_ordinal(Frequency::Monthly, d(2026, 2, 1))
                - period_ordinal(Frequency::Monthly, d(2025, 12, 1)),
            2
        );
        assert_eq!(
            period_ordinal(Frequency::Quarterly, d(2026, 1, 1))
                - period_ordinal(Frequency::Quarterly, d(2025, 10, 1)),
            1
        );
        assert_eq!(
            period_ordinal(Frequency::Weekly, d(2026, 1, 12))
                - period_ordinal(Frequency::Weekly, d(2026, 1, 5)),
            1
        );
        assert_eq!(
            period_ordinal(Frequency::Weekly, d(2026, 1, 11)),
            period_ordinal(Frequency::Weekly, d(2026, 1, 5))
        );
    }

    #[test]
    fn least_squares_on_a_line() {
        let (slope, intercept) = least_squares(&[(0.0, 1.0), (1.0, 3.0), (2.0, 5.0)]).unwrap();
        assert!((slope - 2.0).abs() < 1e-12 && (intercept - 1.0).abs() < 1e-12);
        assert_eq!(least_squares(&[(1.0, 1.0)]), None);
        assert_eq!(least_squares(&[(1.0, 1.0), (1.0, 2.0)]), None);
    }

    fn sales(actuals: &[f64]) -> (Project, Kpi) {
        let mut p = Project::blank(Lang::En, d(2026, 1, 1));
        let mut k = Kpi::new(KpiId::numbered(1), "Sales");
        k.objective = Some(ObjectiveId::numbered(1));
        k.frequency = Some(Frequency::Monthly);
        k.aggregation = Aggregation::Sum;
        k.target = Some(100.0);
        k.series = actuals
            .iter()
            .enumerate()
            .map(|(i, &a)| Period {
                date: d(2026, i as u32 + 1, 1),
                actual: Some(a),
                target: None,
                note: None,
                commentary: None,
            })
            .collect();
        p.scoring.trend_periods = 6;
        (p, k)
    }

    #[test]
    fn year_end_forecast_of_a_growing_sum() {
        // 80, 85, 90, 95, 100, 105 in H1: +5 a month, so July … December are 110 … 135.
        let (p, k) = sales(&[80.0, 85.0, 90.0, 95.0, 100.0, 105.0]);
        let f = forecast_year_end(&p, &k, d(2026, 6, 30)).unwrap();
        assert!((f.trend.slope - 5.0).abs() < 1e-9);
        assert_eq!(f.forecast_periods.len(), 6);
        assert!((f.forecast_periods[0].1 - 110.0).abs() < 1e-9);
        assert_eq!(f.actual_to_date, Some(555.0));
        assert!((f.year_end - (555.0 + 110.0 + 115.0 + 120.0 + 125.0 + 130.0 + 135.0)).abs() < 1e-9);
        assert_eq!(f.year_target, Some(1200.0));
        assert_eq!(f.reaches, Some(true));
    }

    #[test]
    fn declining_trend_misses_the_target() {
        let (p, k) = sales(&[100.0, 96.0, 92.0, 88.0]);
        let f = forecast_year_end(&p, &k, d(2026, 4, 30)).unwrap();
        assert!((f.trend.slope + 4.0).abs() < 1e-9);
        assert_eq!(f.reaches, Some(false));
        assert!(forecast_year_end(&p, &sales(&[100.0]).1, d(2026, 4, 30)).is_none());
    }
}
