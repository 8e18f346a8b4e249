//! What a chart of a KPI over time plots: one point per reporting period with its actual, target,
//! score and status, either period by period or accumulated from the start of the year (by the
//! KPI's own aggregation rule, so a sum becomes a running total and an average a running mean),
//! and the status bands behind them in value space.
//!
//! Everything is computed by the same engine as the scorecard (`aggregate`, `score_kpi`), so a
//! chart can never disagree with the number in the table.

use super::book::{evaluate, score_kpi};
use super::period::{DateRange, aggregate};
use super::status::Status;
use crate::model::{Frequency, Kpi, Project};
use chrono::{Datelike, NaiveDate};

/// Period by period, or year to date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub enum Accumulation {
    #[default]
    Period,
    YearToDate,
}

/// One reporting period on a chart.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartPoint {
    /// First and last day of the period.
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub actual: Option<f64>,
    pub target: Option<f64>,
    /// The score of this point (the period's, or the year to date's).
    pub score: Option<f64>,
    pub status: Option<Status>,
    /// How many periods a sum at this point spans (1 otherwise).
    pub scale: f64,
}

/// The periods of `frequency` that count inside `range` (see `Frequency::counts_on`), as
/// (start, end).
pub fn periods_between(frequency: Frequency, range: DateRange) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    let mut start = frequency.period_start(range.start);
    while start <= range.end && out.len() < 100_000 {
        if range.contains(frequency.counts_on(start)) {
            out.push((start, frequency.period_end(start)));
        }
        start = frequency.next_start(start);
    }
    out
}

/// The chart points of a KPI for the periods ending inside `range`.
pub fn kpi_series(
    project: &Project,
    kpi: &Kpi,
    range: DateRange,
    accumulation: Accumulation,
) -> Vec<ChartPoint> {
    let frequency = project.frequency_of(kpi);
    periods_between(frequency, range)
        .into_iter()
        .map(|(start, end)| {
            let scored = match accumulation {
                Accumulation::Period => DateRange { start, end },
                Accumulation::YearToDate => {
                    // The year the period counts in (a week ending on 3 January may belong to
                    // the year before), up to the day it counts on.
                    let counts = frequency.counts_on(start);
                    DateRange {
                        start: NaiveDate::from_ymd_opt(counts.year(), 1, 1).unwrap_or(start),
                        end: counts,
                    }
                }
            };
            let s = score_kpi(project, kpi, scored);
            // The target line shows what was planned even where nothing is reported yet.
            let target = s.aggregate.target.or_else(|| {
                let all = aggregate(kpi, frequency, scored);
                all.target.or(match accumulation {
                    Accumulation::Period => kpi.target,
                    Accumulation::YearToDate => None,
                })
            });
            ChartPoint {
                start,
                end,
                actual: s.aggregate.actual,
                target,
                score: s.score.ok(),
                status: s.status,
                scale: s.scale,
            }
        })
        .collect()
}

/// A stretch of values that scores to one status, for painting behind a period.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Band {
    pub low: f64,
    pub high: f64,
    pub status: Status,
}

/// The status bands of one period between `low` and `high` in value space: which actual would
/// have been green, amber or red against this period's target. Works for every scoring method
/// (including closest-to-target, where green sits between two reds) by sampling and then
/// refining each boundary by bisection.
pub fn status_bands(project: &Project, kpi: &Kpi, point: &ChartPoint, low: f64, high: f64) -> Vec<Band> {
    let Some(target) = point.target else { return Vec::new() };
    if high <= low || !low.is_finite() || !high.is_finite() {
        return Vec::new();
    }
    // Score one hypothetical actual against this point's target (over as many periods as the
    // point aggregates, which matters for sums with per-period baselines or bands).
    let scale = point.scale;
    let status_at =
        |v: f64, _: &mut ()| -> Option<Status> { evaluate(project, kpi, v, target, scale).status };
    let mut probe = ();
    // Enough to find a band a twentieth of the range wide; each boundary is then refined to a
    // millionth of the range, far below a pixel.
    const SAMPLES: usize = 32;
    let step = (high - low) / SAMPLES as f64;
    let mut bands: Vec<Band> = Vec::new();
    let mut prev: Option<(f64, Option<Status>)> = None;
    for i in 0..=SAMPLES {
        let v = if i == SAMPLES { high } else { low + step * i as f64 };
        let s = status_at(v, &mut probe);
        if let Some((pv, ps)) = prev
            && ps != s
        {
            // Refine each boundary between pv and v: a band narrower than a step may hide
            // between two samples (amber between red and green), so go on from each boundary
            // found until the status reached is the one at v.
            let (mut a, mut sa) = (pv, ps);
            for _ in 0..8 {
                let mut b = v;
                for _ in 0..16 {
                    let m = (a + b) / 2.0;
                    if status_at(m, &mut probe) == sa {
                        a = m;
                    } else {
                        b = m;
                    }
                }
                let sb = if b == v { s } else { status_at(b, &mut probe) };
                if sa.is_some()
                    && let Some(last) = bands.last_mut()
                {
                    last.high = b;
                }
                if let Some(sb) = sb {
                    bands.push(Band { low: b, high: v, status: sb });
                }
                if sb == s {
                    break;
                }
                (a, sa) = (b, sb);
            }
        } else if let Some(last) = bands.last_mut().filter(|_| s.is_some()) {
            last.high = v;
        } else if prev.is_none()
            && let Some(s) = s
        {
            bands.push(Band { low: v, high: v, status: s });
        }
        prev = Some((v, s));
    }
    bands.retain(|b| b.high > b.low);
    bands
}

/// The bands of `point` predicted from a neighbouring point's by scaling with the target (as
/// they move for ratio-like methods), checked at every boundary and inside every band; `None`
/// when the prediction does not hold and `status_bands` must search. Year-to-date charts, whose
/// target grows every period, need this to rebuild in a few milliseconds.
pub fn status_bands_like(
    project: &Project,
    kpi: &Kpi,
    point: &ChartPoint,
    low: f64,
    high: f64,
    previous: &[Band],
    previous_target: f64,
) -> Option<Vec<Band>> {
    let target = point.target?;
    let ratio = target / previous_target;
    if previous.is_empty() || !ratio.is_finite() || ratio <= 0.0 {
        return None;
    }
    // Only contiguous bands that cover the whole range are predicted.
    if previous[0].low != low
        || previous[previous.len() - 1].high != high
        || previous.windows(2).any(|w| w[0].high != w[1].low)
    {
        return None;
    }
    let scale = point.scale;
    let status_at = |v: f64| evaluate(project, kpi, v, target, scale).status;
    let mut bands: Vec<Band> = previous.to_vec();
    for i in 1..bands.len() {
        let b = (bands[i].low * ratio).clamp(low, high);
        bands[i - 1].high = b;
        bands[i].low = b;
    }
    if bands.iter().any(|b| b.high <= b.low) {
        return None;
    }
    let epsilon = (high - low) * 1e-5;
    for w in bands.windows(2) {
        let b = w[0].high;
        if status_at(b - epsilon) != Some(w[0].status) || status_at(b + epsilon) != Some(w[1].status) {
            return None;
        }
    }
    for b in &bands {
        if status_at((b.low + b.high) / 2.0) != Some(b.status) {
            return None;
        }
    }
    Some(bands)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Aggregation, KpiId, Period, Polarity};

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn project_with(kpi: Kpi) -> Project {
        let mut p = Project::blank(crate::i18n::Lang::En, ymd(2026, 1, 1));
        p.kpis.push(kpi);
        p
    }

    fn sales() -> Kpi {
        let mut k = Kpi::new(KpiId("K1".into()), "Sales");
        k.frequency = Some(Frequency::Monthly);
        k.aggregation = Aggregation::Sum;
        k.polarity = Polarity::HigherIsBetter;
        k.target = Some(100.0);
        for (m, a) in [(1, 80.0), (2, 120.0), (3, 100.0)] {
            let mut p = Period::new(ymd(2026, m, 1));
            p.actual = Some(a);
            k.series.push(p);
        }
        let mut p = Period::new(ymd(2026, 4, 1));
        p.target = Some(150.0);
        k.series.push(p);
        k
    }

    #[test]
    fn period_points_carry_actual_target_and_score() {
        let p = project_with(sales());
        let range = DateRange { start: ymd(2026, 1, 1), end: ymd(2026, 6, 30) };
        let pts = kpi_series(&p, &p.kpis[0], range, Accumulation::Period);
        assert_eq!(pts.len(), 6);
        assert_eq!(pts[0].actual, Some(80.0));
        assert_eq!(pts[0].target, Some(100.0));
        assert_eq!(pts[0].score, Some(80.0));
        assert_eq!(pts[1].score, Some(120.0));
        // April: a period target, nothing reported yet.
        assert_eq!((pts[3].actual, pts[3].target, pts[3].score), (None, Some(150.0), None));
        // May: no series entry at all; the default target still shows.
        assert_eq!((pts[4].actual, pts[4].target), (None, Some(100.0)));
        assert_eq!(pts[4].end, ymd(2026, 5, 31));
    }

    #[test]
    fn year_to_date_accumulates_by_the_aggregation_rule() {
        let mut p = project_with(sales());
        let range = DateRange { start: ymd(2026, 1, 1), end: ymd(2026, 3, 31) };
        let pts = kpi_series(&p, &p.kpis[0], range, Accumulation::YearToDate);
        let actuals: Vec<_> = pts.iter().map(|x| x.actual).collect();
        let targets: Vec<_> = pts.iter().map(|x| x.target).collect();
        assert_eq!(actuals, vec![Some(80.0), Some(200.0), Some(300.0)]);
        assert_eq!(targets, vec![Some(100.0), Some(200.0), Some(300.0)]);
        assert_eq!(pts[1].score, Some(100.0));
        // An average KPI accumulates as a running mean.
        p.kpis[0].aggregation = Aggregation::Average;
        let pts = kpi_series(&p, &p.kpis[0], range, Accumulation::YearToDate);
        assert_eq!(pts[1].actual, Some(100.0));
        assert_eq!(pts[2].actual, Some(100.0));
        // A new year starts again from zero.
        let range = DateRange { start: ymd(2025, 12, 1), end: ymd(2026, 1, 31) };
        let pts = kpi_series(&p, &p.kpis[0], range, Accumulation::YearToDate);
        assert_eq!(pts[0].actual, None);
        assert_eq!(pts[1].actual, Some(80.0));
    }

    #[test]
    fn predicted_bands_match_searched_ones() {
        let p = project_with(sales());
        let range = DateRange { start: ymd(2026, 1, 1), end: ymd(2026, 4, 30) };
        let pts = kpi_series(&p, &p.kpis[0], range, Accumulation::YearToDate);
        let first = status_bands(&p, &p.kpis[0], &pts[0], 0.0, 600.0);
        let predicted =
            status_bands_like(&p, &p.kpis[0], &pts[2], 0.0, 600.0, &first, pts[0].target.unwrap()).unwrap();
        let searched = status_bands(&p, &p.kpis[0], &pts[2], 0.0, 600.0);
        assert_eq!(predicted.len(), searched.len());
        for (a, b) in predicted.iter().zip(&searched) {
            assert_eq!(a.status, b.status);
            assert!((a.low - b.low).abs() < 0.01 && (a.high - b.high).abs() < 0.01, "{a:?} {b:?}");
        }
        // A method whose bands do not scale (progress from a baseline) is not predicted wrongly.
        let mut k = sales();
        k.baseline = Some(50.0);
        k.scoring = Some(crate::model::ScoringMethod::ProgressFromBaseline);
        let p = project_with(k);
        let pts = kpi_series(&p, &p.kpis[0], range, Accumulation::Period);
        let mut other = pts[3].clone();
        other.target = Some(150.0);
        let first = status_bands(&p, &p.kpis[0], &pts[0], 0.0, 300.0);
        if let Some(b) = status_bands_like(&p, &p.kpis[0], &other, 0.0, 300.0, &first, 100.0) {
            let searched = status_bands(&p, &p.kpis[0], &other, 0.0, 300.0);
            for (a, s) in b.iter().zip(&searched) {
                assert!((a.high - s.high).abs() < 0.01, "{a:?} {s:?}");
            }
        }
    }

    #[test]
    fn a_week_ending_in_january_accumulates_into_the_year_it_counts_in() {
        let mut k = Kpi::new(KpiId("W".into()), "Weekly");
        k.frequency = Some(Frequency::Weekly);
        k.aggregation = Aggregation::Sum;
        k.target = Some(10.0);
        for d in [ymd(2026, 12, 21), ymd(2026, 12, 28), ymd(2027, 1, 4)] {
            let mut p = Period::new(d);
            p.actual = Some(10.0);
            k.series.push(p);
        }
        let p = project_with(k);
        let range = DateRange { start: ymd(2026, 12, 1), end: ymd(2027, 1, 31) };
        let pts = kpi_series(&p, &p.kpis[0], range, Accumulation::YearToDate);
        let by_start = |d| pts.iter().find(|x| x.start == d).unwrap();
        // 28 Dec – 3 Jan has its Thursday on 31 December: it closes 2026 (with 21 Dec, 2 × 10 …).
        assert!(by_start(ymd(2026, 12, 28)).actual.unwrap() >= 20.0);
        // … and 2027 starts again from the week of 4 January.
        assert_eq!(by_start(ymd(2027, 1, 4)).actual, Some(10.0));
    }

    #[test]
    fn status_bands_follow_the_rules_in_value_space() {
        // Default rules: green ≥ 100 %, amber ≥ 90 %, red below; ratio scoring.
        let p = project_with(sales());
        let range = DateRange { start: ymd(2026, 1, 1), end: ymd(2026, 1, 31) };
        let pt = &kpi_series(&p, &p.kpis[0], range, Accumulation::Period)[0];
        let bands = status_bands(&p, &p.kpis[0], pt, 0.0, 200.0);
        let keys: Vec<&str> = bands.iter().map(|b| b.status.key(&p, None)).collect();
        assert_eq!(keys, vec!["red", "amber", "green"]);
        assert!((bands[0].high - 90.0).abs() < 1e-3, "{bands:?}");
        assert!((bands[1].high - 100.0).abs() < 1e-3, "{bands:?}");
        assert_eq!((bands[0].low, bands[2].high), (0.0, 200.0));
        // Lower is better: the bands turn over.
        let mut k = sales();
        k.polarity = Polarity::LowerIsBetter;
        let p = project_with(k);
        let bands = status_bands(&p, &p.kpis[0], pt, 0.0, 200.0);
        let keys: Vec<&str> = bands.iter().map(|b| b.status.key(&p, None)).collect();
        assert_eq!(keys.first(), Some(&"green"));
        assert_eq!(keys.last(), Some(&"red"));
        // No target, no bands.
        let mut none = pt.clone();
        none.target = None;
        assert!(status_bands(&p, &p.kpis[0], &none, 0.0, 200.0).is_empty());
    }
}
