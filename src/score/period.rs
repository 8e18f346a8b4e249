//! The period a view looks at (a month, a quarter, year-to-date …) and how a KPI's series
//! aggregates into it.
//!
//! A KPI period counts for a view when it *ends* inside the view's date range (a week: when its
//! Thursday does, see `Frequency::counts_on`): a quarterly KPI
//! shows its Q1 value in March (when it is reported), not in January. Only periods that have an
//! actual are aggregated, and their targets aggregate by the same rule, so a quarter with two of
//! three months reported compares two months of actuals with two months of targets.

use crate::model::{Aggregation, Frequency, Kpi};
use chrono::{Datelike, NaiveDate};
use std::fmt;

/// The period a view looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PeriodSpec {
    Month {
        year: i32,
        month: u32,
    },
    Quarter {
        year: i32,
        quarter: u32,
    },
    HalfYear {
        year: i32,
        half: u32,
    },
    Year {
        year: i32,
    },
    /// From 1 January to the given day.
    YearToDate {
        to: NaiveDate,
    },
    /// From the first day of the quarter to the given day.
    QuarterToDate {
        to: NaiveDate,
    },
}

/// An inclusive range of days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateRange {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl DateRange {
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn month_end(y: i32, m: u32) -> NaiveDate {
    Frequency::Monthly.period_end(ymd(y, m, 1))
}

/// Why a period could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "\"{0}\" is not a period; write YYYY-MM, YYYY-Qn, YYYY-Hn, YYYY, YYYY-MM-DD (year to date) or YTD:YYYY-MM-DD / QTD:YYYY-MM-DD"
)]
pub struct PeriodParseError(pub String);

impl PeriodSpec {
    /// How the period is named in the window, the exports and the command line:
    /// "2026-03" / "2026年3月", "2026 Q1" / "2026年第1季度", "2026 YTD to 03-31" / "2026年初至03-31".
    pub fn label(self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::T;
        match self {
            PeriodSpec::Month { year, month } => {
                crate::tr!(lang, PeriodMonthLabel, year = year, month = month, mm = format!("{month:02}"))
            }
            PeriodSpec::Quarter { year, quarter } => {
                crate::tr!(lang, PeriodQuarterLabel, year = year, quarter = quarter)
            }
            PeriodSpec::HalfYear { year, half } => {
                let t = if half == 1 { T::PeriodFirstHalfLabel } else { T::PeriodSecondHalfLabel };
                t.fill(lang, &[("year", &year)])
            }
            PeriodSpec::Year { year } => crate::tr!(lang, PeriodYearLabel, year = year),
            PeriodSpec::YearToDate { to } => {
                crate::tr!(lang, PeriodYtdLabel, year = to.year(), to = to.format("%m-%d"))
            }
            PeriodSpec::QuarterToDate { to } => crate::tr!(lang, PeriodQtdLabel, to = to),
        }
    }

    /// The month containing `date`.
    pub fn month_of(date: NaiveDate) -> Self {
        PeriodSpec::Month { year: date.year(), month: date.month() }
    }

    pub fn range(&self) -> DateRange {
        match *self {
            PeriodSpec::Month { year, month } => {
                DateRange { start: ymd(year, month, 1), end: month_end(year, month) }
            }
            PeriodSpec::Quarter { year, quarter } => {
                let m = (quarter.clamp(1, 4) - 1) * 3 + 1;
                DateRange { start: ymd(year, m, 1), end: month_end(year, m + 2) }
            }
            PeriodSpec::HalfYear { year, half } => {
                let m = if half <= 1 { 1 } else { 7 };
                DateRange { start: ymd(year, m, 1), end: month_end(year, m + 5) }
            }
            PeriodSpec::Year { year } => DateRange { start: ymd(year, 1, 1), end: ymd(year, 12, 31) },
            PeriodSpec::YearToDate { to } => DateRange { start: ymd(to.year(), 1, 1), end: to },
            PeriodSpec::QuarterToDate { to } => {
                DateRange { start: Frequency::Quarterly.period_start(to), end: to }
            }
        }
    }

    /// The same kind of period, one step earlier (for carrying values forward and for deltas).
    pub fn previous(&self) -> Self {
        match *self {
            PeriodSpec::Month { year, month } => {
                if month == 1 {
                    PeriodSpec::Month { year: year - 1, month: 12 }
                } else {
                    PeriodSpec::Month { year, month: month - 1 }
                }
            }
            PeriodSpec::Quarter { year, quarter } => {
                if quarter <= 1 {
                    PeriodSpec::Quarter { year: year - 1, quarter: 4 }
                } else {
                    PeriodSpec::Quarter { year, quarter: quarter - 1 }
                }
            }
            PeriodSpec::HalfYear { year, half } => {
                if half <= 1 {
                    PeriodSpec::HalfYear { year: year - 1, half: 2 }
                } else {
                    PeriodSpec::HalfYear { year, half: 1 }
                }
            }
            PeriodSpec::Year { year } => PeriodSpec::Year { year: year - 1 },
            PeriodSpec::YearToDate { to } => {
                PeriodSpec::YearToDate { to: to.with_year(to.year() - 1).unwrap_or(to) }
            }
            PeriodSpec::QuarterToDate { to } => {
                PeriodSpec::QuarterToDate { to: to.checked_sub_months(chrono::Months::new(3)).unwrap_or(to) }
            }
        }
    }

    /// The same kind of period, one step later.
    pub fn next(&self) -> Self {
        match *self {
            PeriodSpec::Month { year, month } => {
                if month == 12 {
                    PeriodSpec::Month { year: year + 1, month: 1 }
                } else {
                    PeriodSpec::Month { year, month: month + 1 }
                }
            }
            PeriodSpec::Quarter { year, quarter } => {
                if quarter >= 4 {
                    PeriodSpec::Quarter { year: year + 1, quarter: 1 }
                } else {
                    PeriodSpec::Quarter { year, quarter: quarter + 1 }
                }
            }
            PeriodSpec::HalfYear { year, half } => {
                if half >= 2 {
                    PeriodSpec::HalfYear { year: year + 1, half: 1 }
                } else {
                    PeriodSpec::HalfYear { year, half: 2 }
                }
            }
            PeriodSpec::Year { year } => PeriodSpec::Year { year: year + 1 },
            PeriodSpec::YearToDate { to } => {
                PeriodSpec::YearToDate { to: to.checked_add_months(chrono::Months::new(1)).unwrap_or(to) }
            }
            PeriodSpec::QuarterToDate { to } => {
                PeriodSpec::QuarterToDate { to: to.checked_add_months(chrono::Months::new(1)).unwrap_or(to) }
            }
        }
    }

    /// Parses `2026-03`, `2026-Q1`, `2026-H2`, `2026`, `2026-03-15` (year to date), `YTD:2026-03-15`
    /// or `QTD:2026-03-15`.
    pub fn parse(text: &str) -> Result<Self, PeriodParseError> {
        let err = || PeriodParseError(text.to_string());
        let t = text.trim();
        let upper = t.to_ascii_uppercase();
        if let Some(rest) = upper.strip_prefix("YTD:") {
            return NaiveDate::parse_from_str(rest, "%Y-%m-%d")
                .map(|to| PeriodSpec::YearToDate { to })
                .map_err(|_| err());
        }
        if let Some(rest) = upper.strip_prefix("QTD:") {
            return NaiveDate::parse_from_str(rest, "%Y-%m-%d")
                .map(|to| PeriodSpec::QuarterToDate { to })
                .map_err(|_| err());
        }
        if let Ok(to) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            return Ok(PeriodSpec::YearToDate { to });
        }
        let (year, rest) = match upper.split_once('-') {
            Some((y, r)) => (y.parse::<i32>().map_err(|_| err())?, Some(r)),
            None => (upper.parse::<i32>().map_err(|_| err())?, None),
        };
        if !(1..=9999).contains(&year) {
            return Err(err());
        }
        match rest {
            None => Ok(PeriodSpec::Year { year }),
            Some(r) if r.starts_with('Q') => match r[1..].parse::<u32>() {
                Ok(q @ 1..=4) => Ok(PeriodSpec::Quarter { year, quarter: q }),
                _ => Err(err()),
            },
            Some(r) if r.starts_with('H') => match r[1..].parse::<u32>() {
                Ok(h @ 1..=2) => Ok(PeriodSpec::HalfYear { year, half: h }),
                _ => Err(err()),
            },
            Some(r) => match r.parse::<u32>() {
                Ok(m @ 1..=12) => Ok(PeriodSpec::Month { year, month: m }),
                _ => Err(err()),
            },
        }
    }
}

impl fmt::Display for PeriodSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            PeriodSpec::Month { year, month } => write!(f, "{year}-{month:02}"),
            PeriodSpec::Quarter { year, quarter } => write!(f, "{year}-Q{quarter}"),
            PeriodSpec::HalfYear { year, half } => write!(f, "{year}-H{half}"),
            PeriodSpec::Year { year } => write!(f, "{year}"),
            PeriodSpec::YearToDate { to } => write!(f, "YTD:{to}"),
            PeriodSpec::QuarterToDate { to } => write!(f, "QTD:{to}"),
        }
    }
}

/// The month a project is "at": the latest month in which some KPI period ends with an actual,
/// or the month of `today` within the planning horizon when nothing is reported yet.
pub fn current_period(project: &crate::model::Project, today: NaiveDate) -> PeriodSpec {
    let latest = project
        .kpis
        .iter()
        .filter_map(|k| {
            let f = project.frequency_of(k);
            k.series.iter().rev().find(|p| p.actual.is_some()).map(|p| f.counts_on(p.date))
        })
        .max();
    let fallback =
        today.clamp(project.info.start.min(project.info.end), project.info.end.max(project.info.start));
    PeriodSpec::month_of(latest.unwrap_or(fallback))
}

/// A KPI's series aggregated over a view's range.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Aggregate {
    /// The aggregated actual, when at least one period in range has one.
    pub actual: Option<f64>,
    /// The aggregated target of the reported periods; of all periods in range when none reported.
    pub target: Option<f64>,
    /// How many periods in range have an actual.
    pub reported: u32,
    /// How many periods of the KPI's frequency end inside the range.
    pub expected: u32,
    /// The last reported period in range.
    pub last_date: Option<NaiveDate>,
    /// Some reported period has no target of its own and the KPI has no default target.
    pub target_missing: bool,
}

/// How many periods of `frequency` end inside `range`.
pub fn expected_periods(frequency: Frequency, range: DateRange) -> u32 {
    let mut start = frequency.period_start(range.start);
    let mut n = 0;
    // Bounded: a range of a few years holds at most a few hundred weeks.
    while start <= range.end && n < 100_000 {
        if range.contains(frequency.counts_on(start)) {
            n += 1;
        }
        start = frequency.next_start(start);
    }
    n
}

/// Folds values by an aggregation rule.
#[derive(Clone, Copy, Debug)]
pub struct Fold {
    rule: Aggregation,
    sum: f64,
    n: u32,
    last: Option<f64>,
}

impl Fold {
    pub fn new(rule: Aggregation) -> Self {
        Self { rule, sum: 0.0, n: 0, last: None }
    }
    pub fn push(&mut self, v: f64) {
        self.sum += v;
        self.n += 1;
        self.last = Some(v);
    }
    pub fn result(&self) -> Option<f64> {
        if self.n == 0 {
            return None;
        }
        Some(match self.rule {
            Aggregation::Sum => self.sum,
            Aggregation::Average => self.sum / self.n as f64,
            Aggregation::Last => self.last.unwrap_or(0.0),
        })
    }
}

/// Indices of the series periods ending inside `range` (the series is sorted by date).
pub fn periods_in(kpi: &Kpi, frequency: Frequency, range: DateRange) -> std::ops::Range<usize> {
    // A period ends inside the range iff it starts after the period containing range.start
    // began … precisely: end ≥ range.start and end ≤ range.end. Ends are monotonic in starts.
    let lo = kpi.series.partition_point(|p| frequency.counts_on(p.date) < range.start);
    let hi = kpi.series.partition_point(|p| frequency.counts_on(p.date) <= range.end);
    lo..hi.max(lo)
}

/// Aggregates a KPI's actuals and targets over `range` by its aggregation rule.
pub fn aggregate(kpi: &Kpi, frequency: Frequency, range: DateRange) -> Aggregate {
    let mut actual = Fold::new(kpi.aggregation);
    let mut target = Fold::new(kpi.aggregation);
    let mut all_targets = Fold::new(kpi.aggregation);
    let mut out = Aggregate { expected: expected_periods(frequency, range), ..Default::default() };
    let mut missing_target = false;
    for p in &kpi.series[periods_in(kpi, frequency, range)] {
        let t = p.target.or_else(|| kpi.target_at(p.date));
        if let Some(t) = t {
            all_targets.push(t);
        }
        if let Some(a) = p.actual {
            actual.push(a);
            out.reported += 1;
            out.last_date = Some(p.date);
            match t {
                Some(t) => target.push(t),
                None => missing_target = true,
            }
        }
    }
    out.actual = actual.result();
    out.target_missing = missing_target;
    out.target = if out.reported > 0 {
        if missing_target { None } else { target.result() }
    } else if all_targets.n > 0 {
        all_targets.result()
    } else {
        // No period rows at all: the default target stands for each expected period.
        if kpi.in_force.is_empty() {
            kpi.target.map(|t| {
                let mut f = Fold::new(kpi.aggregation);
                for _ in 0..out.expected.max(1) {
                    f.push(t);
                }
                f.result().unwrap_or(t)
            })
        } else {
            // Targets that change from a date: each period's own.
            let mut f = Fold::new(kpi.aggregation);
            let mut start = frequency.period_start(range.start);
            let mut n = 0;
            while start <= range.end && n < 100_000 {
                if range.contains(frequency.counts_on(start))
                    && let Some(t) = kpi.target_at(start)
                {
                    f.push(t);
                }
                start = frequency.next_start(start);
                n += 1;
            }
            f.result().or_else(|| kpi.target_at(range.end))
        }
    };
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{KpiId, Period};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn monthly(rule: Aggregation, values: &[(u32, Option<f64>, Option<f64>)]) -> Kpi {
        let mut k = Kpi::new(KpiId::numbered(1), "k");
        k.aggregation = rule;
        k.frequency = Some(Frequency::Monthly);
        k.target = Some(100.0);
        k.series = values
            .iter()
            .map(|&(m, a, t)| Period {
                date: d(2026, m, 1),
                actual: a,
                target: t,
                note: None,
                commentary: None,
            })
            .collect();
        k
    }

    #[test]
    fn parse_and_print_periods() {
        for s in ["2026-03", "2026-Q2", "2026-H1", "2026", "YTD:2026-05-31", "QTD:2026-05-15"] {
            assert_eq!(PeriodSpec::parse(s).unwrap().to_string(), s);
        }
        assert_eq!(PeriodSpec::parse("2026-05-31").unwrap(), PeriodSpec::YearToDate { to: d(2026, 5, 31) });
        for bad in ["2026-13", "2026-Q5", "2026-H3", "March", "", "2026-02-30", "0-01"] {
            assert!(PeriodSpec::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ranges() {
        let r = PeriodSpec::Quarter { year: 2026, quarter: 1 }.range();
        assert_eq!((r.start, r.end), (d(2026, 1, 1), d(2026, 3, 31)));
        let r = PeriodSpec::QuarterToDate { to: d(2026, 5, 10) }.range();
        assert_eq!((r.start, r.end), (d(2026, 4, 1), d(2026, 5, 10)));
        let r = PeriodSpec::HalfYear { year: 2026, half: 2 }.range();
        assert_eq!((r.start, r.end), (d(2026, 7, 1), d(2026, 12, 31)));
        assert_eq!(
            PeriodSpec::Month { year: 2026, month: 1 }.previous(),
            PeriodSpec::Month { year: 2025, month: 12 }
        );
        assert_eq!(
            PeriodSpec::Quarter { year: 2026, quarter: 4 }.next(),
            PeriodSpec::Quarter { year: 2027, quarter: 1 }
        );
    }

    #[test]
    fn a_week_split_between_months_counts_in_the_one_holding_its_thursday() {
        let nov = PeriodSpec::Month { year: 2026, month: 11 }.range();
        let dec = PeriodSpec::Month { year: 2026, month: 12 }.range();
        // Mon 26 Oct – Sun 1 Nov has its Thursday in October; 30 Nov – 6 Dec in December.
        assert_eq!(expected_periods(Frequency::Weekly, nov), 4);
        assert_eq!(expected_periods(Frequency::Weekly, dec), 5);
        let oct_26 = NaiveDate::from_ymd_opt(2026, 10, 26).unwrap();
        assert_eq!(Frequency::Weekly.counts_on(oct_26), NaiveDate::from_ymd_opt(2026, 10, 29).unwrap());
        // Every other frequency counts on its last day.
        let q = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        assert_eq!(Frequency::Quarterly.counts_on(q), NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
    }

    #[test]
    fn expected_period_counts() {
        let q1 = PeriodSpec::Quarter { year: 2026, quarter: 1 }.range();
        assert_eq!(expected_periods(Frequency::Monthly, q1), 3);
        assert_eq!(expected_periods(Frequency::Quarterly, q1), 1);
        assert_eq!(expected_periods(Frequency::Yearly, q1), 0);
        // Weeks ending inside Q1 2026: Mon 2025-12-29 … ends 2026-01-04, through the week ending 2026-03-29.
        assert_eq!(expected_periods(Frequency::Weekly, q1), 13);
        let feb = PeriodSpec::Month { year: 2026, month: 2 }.range();
        assert_eq!(expected_periods(Frequency::Quarterly, feb), 0);
    }

    #[test]
    fn aggregation_rules_over_a_quarter() {
        let q1 = PeriodSpec::Quarter { year: 2026, quarter: 1 }.range();
        let values = [(1, Some(90.0), None), (2, Some(120.0), Some(110.0)), (3, Some(60.0), None)];
        let sum = aggregate(&monthly(Aggregation::Sum, &values), Frequency::Monthly, q1);
        assert_eq!((sum.actual, sum.target, sum.reported, sum.expected), (Some(270.0), Some(310.0), 3, 3));
        let avg = aggregate(&monthly(Aggregation::Average, &values), Frequency::Monthly, q1);
        assert_eq!(avg.actual, Some(90.0));
        assert!((avg.target.unwrap() - 310.0 / 3.0).abs() < 1e-12);
        let last = aggregate(&monthly(Aggregation::Last, &values), Frequency::Monthly, q1);
        assert_eq!((last.actual, last.target), (Some(60.0), Some(100.0)));
    }

    #[test]
    fn missing_periods_compare_like_with_like() {
        let q1 = PeriodSpec::Quarter { year: 2026, quarter: 1 }.range();
        // February has no actual: only January and March count, actuals and targets alike.
        let k = monthly(
            Aggregation::Sum,
            &[(1, Some(90.0), None), (2, None, Some(500.0)), (3, Some(60.0), None)],
        );
        let a = aggregate(&k, Frequency::Monthly, q1);
        assert_eq!((a.actual, a.target, a.reported, a.expected), (Some(150.0), Some(200.0), 2, 3));
        assert_eq!(a.last_date, Some(d(2026, 3, 1)));
        // Nothing reported: no actual, and the target of the whole range.
        let k = monthly(Aggregation::Sum, &[(1, None, None), (2, None, Some(500.0))]);
        let a = aggregate(&k, Frequency::Monthly, q1);
        assert_eq!((a.actual, a.target, a.reported), (None, Some(600.0), 0));
    }

    #[test]
    fn quarterly_kpi_counts_in_the_month_it_ends() {
        let mut k = monthly(Aggregation::Sum, &[]);
        k.frequency = Some(Frequency::Quarterly);
        k.series = vec![Period {
            date: d(2026, 1, 1),
            actual: Some(5.0),
            target: None,
            note: None,
            commentary: None,
        }];
        let march = PeriodSpec::Month { year: 2026, month: 3 }.range();
        let jan = PeriodSpec::Month { year: 2026, month: 1 }.range();
        assert_eq!(aggregate(&k, Frequency::Quarterly, march).actual, Some(5.0));
        assert_eq!(aggregate(&k, Frequency::Quarterly, jan).actual, None);
    }

    #[test]
    fn period_without_any_target_is_reported() {
        let mut k = monthly(Aggregation::Sum, &[(1, Some(1.0), None)]);
        k.target = None;
        let a = aggregate(&k, Frequency::Monthly, PeriodSpec::Month { year: 2026, month: 1 }.range());
        assert_eq!((a.actual, a.target, a.target_missing), (Some(1.0), None, true));
    }
}
