//! The score engine end to end: hand-built projects with the expected numbers written out, and
//! property tests on roll-ups and incremental recompute.

use chrono::NaiveDate;
use proptest::prelude::*;
use scorecard_studio::i18n::Lang;
use scorecard_studio::model::synthetic::{SyntheticSpec, generate};
use scorecard_studio::model::*;
use scorecard_studio::score::rollup::{Child, roll_up};
use scorecard_studio::score::trace::{self, TraceSubject};
use scorecard_studio::score::{PeriodSpec, ScoreBook, Undefined};

fn d(y: i32, m: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, 1).unwrap()
}

fn jan() -> PeriodSpec {
    PeriodSpec::Month { year: 2026, month: 1 }
}

/// One objective on the financial perspective with the given KPIs; no clamp, so raw numbers show.
fn project(kpis: Vec<Kpi>) -> Project {
    let mut p = Project::blank(Lang::En, d(2026, 1));
    p.scoring.clamp = None;
    p.objectives.push(Objective {
        id: ObjectiveId::numbered(1),
        name: "Grow profit".into(),
        description: String::new(),
        perspective: PerspectiveId::new("persp-financial"),
        theme: None,
        owner: String::new(),
        weight: 1.0,
        roll_up: RollUp::WeightedAverage,
        position: Point::default(),
        size: Objective::DEFAULT_SIZE,
        pinned: false,
        colour: None,
    });
    p.kpis = kpis;
    p
}

fn kpi(n: u64, target: Option<f64>, actuals: &[(u32, f64)]) -> Kpi {
    let mut k = Kpi::new(KpiId::numbered(n), format!("KPI {n}"));
    k.objective = Some(ObjectiveId::numbered(1));
    k.frequency = Some(Frequency::Monthly);
    k.target = target;
    k.weight = 50.0;
    k.series = actuals
        .iter()
        .map(|&(m, a)| Period {
            date: d(2026, m),
            actual: Some(a),
            target: None,
            note: None,
            commentary: None,
        })
        .collect();
    k
}

fn with(mut k: Kpi, f: impl FnOnce(&mut Kpi)) -> Kpi {
    f(&mut k);
    k
}

fn score(p: &Project, period: PeriodSpec, k: usize) -> Result<f64, Undefined> {
    ScoreBook::compute(p, period).kpis[k].score
}

fn close(got: Result<f64, Undefined>, want: f64) {
    let got = got.unwrap_or_else(|e| panic!("expected {want}, got {e:?}"));
    assert!((got - want).abs() < 1e-9, "expected {want}, got {got}");
}

#[test]
fn negative_target_beaten_is_over_achievement() {
    // Profit target −2, actual 3: sign-safe gives 1 + 5/2 = 350 %, not A/T = −150 %.
    let p = project(vec![kpi(1, Some(-2.0), &[(1, 3.0)])]);
    close(score(&p, jan(), 0), 350.0);
    // Under the plain ratio the engine refuses instead of printing −150 %.
    let mut ratio = p.clone();
    ratio.scoring.method = ScoringMethod::AchievementRatio;
    assert_eq!(score(&ratio, jan(), 0), Err(Undefined::NegativeTargetRatio));
    // With the usual 0–150 % clamp the trace says the clamp applied.
    let mut clamped = p.clone();
    clamped.scoring.clamp = Some(Clamp { min: Some(0.0), max: Some(150.0) });
    let book = ScoreBook::compute(&clamped, jan());
    close(book.kpis[0].score, 150.0);
    assert_eq!(book.kpis[0].raw, Some(350.0));
    assert!(book.kpis[0].clamped);
    let text = trace::explain(&clamped, &book, &TraceSubject::Kpi(0)).to_text(&clamped, Lang::En);
    assert!(text.contains("= 1 + (3 − (−2)) / 2"), "{text}");
    assert!(text.contains("clamp [0, 150] %: applied"), "{text}");
}

#[test]
fn zero_targets_are_stated_not_zero() {
    let p = project(vec![kpi(1, Some(0.0), &[(1, 5.0)])]);
    assert_eq!(score(&p, jan(), 0), Err(Undefined::ZeroTarget));
    // Progress from a baseline is defined for a zero target.
    let p = project(vec![with(kpi(1, Some(0.0), &[(1, 2.0)]), |k| {
        k.baseline = Some(10.0);
        k.polarity = Polarity::LowerIsBetter;
        k.scoring = Some(ScoringMethod::ProgressFromBaseline);
    })]);
    close(score(&p, jan(), 0), 80.0);
}

#[test]
fn lower_is_better_with_baseline_above_target() {
    // Complaints: baseline 20 a month, target 10, actual 12 → 80 % of the way.
    let p = project(vec![with(kpi(1, Some(10.0), &[(1, 12.0)]), |k| {
        k.polarity = Polarity::LowerIsBetter;
        k.baseline = Some(20.0);
        k.scoring = Some(ScoringMethod::ProgressFromBaseline);
    })]);
    close(score(&p, jan(), 0), 80.0);
    // The same KPI under sign-safe: 1 − (12 − 10)/10 = 80 % too, by coincidence of numbers.
    let mut q = p.clone();
    q.kpis[0].scoring = None;
    close(score(&q, jan(), 0), 80.0);
    // Actual 8 beats the target: sign-safe 120 %, progress 120 %.
    q.kpis[0].series[0].actual = Some(8.0);
    close(score(&q, jan(), 0), 120.0);
}

#[test]
fn target_equal_to_baseline() {
    let p = project(vec![with(kpi(1, Some(10.0), &[(1, 12.0)]), |k| {
        k.baseline = Some(10.0);
        k.scoring = Some(ScoringMethod::ProgressFromBaseline);
    })]);
    assert_eq!(score(&p, jan(), 0), Err(Undefined::TargetEqualsBaseline));
    let book = ScoreBook::compute(&p, jan());
    let text = trace::explain(&p, &book, &TraceSubject::Kpi(0)).to_text(&p, Lang::En);
    assert!(text.contains("the target equals the baseline"), "{text}");
}

#[test]
fn missing_periods_and_missing_targets() {
    // Sales 100 a month; February missing. Q1 compares Jan + Mar (230) with 200 → 115 %.
    let p = project(vec![with(kpi(1, Some(100.0), &[(1, 110.0), (3, 120.0)]), |k| {
        k.aggregation = Aggregation::Sum
    })]);
    let q1 = PeriodSpec::Quarter { year: 2026, quarter: 1 };
    let book = ScoreBook::compute(&p, q1);
    close(book.kpis[0].score, 115.0);
    assert_eq!((book.kpis[0].aggregate.reported, book.kpis[0].aggregate.expected), (2, 3));
    // February alone has no actual: no score, and the objective says so.
    let feb = ScoreBook::compute(&p, PeriodSpec::Month { year: 2026, month: 2 });
    assert_eq!(feb.kpis[0].score, Err(Undefined::NoActual));
    assert_eq!(feb.objectives[0].score, Err(Undefined::NoChildReported));
    // No target anywhere.
    let p = project(vec![kpi(1, None, &[(1, 1.0)])]);
    assert_eq!(score(&p, jan(), 0), Err(Undefined::NoTarget));
}

#[test]
fn aggregation_rules_end_to_end() {
    let actuals = [(1, 90.0), (2, 120.0), (3, 60.0)];
    let q1 = PeriodSpec::Quarter { year: 2026, quarter: 1 };
    let expectations = [
        (Aggregation::Sum, 270.0 / 300.0),
        (Aggregation::Average, 90.0 / 100.0),
        (Aggregation::Last, 60.0 / 100.0),
    ];
    for (rule, ratio) in expectations {
        let p = project(vec![with(kpi(1, Some(100.0), &actuals), |k| k.aggregation = rule)]);
        close(score(&p, q1, 0), ratio * 100.0);
    }
    // Year to date through February, sum: (90 + 120) / 200.
    let p = project(vec![with(kpi(1, Some(100.0), &actuals), |k| k.aggregation = Aggregation::Sum)]);
    let ytd = PeriodSpec::YearToDate { to: NaiveDate::from_ymd_opt(2026, 2, 28).unwrap() };
    close(score(&p, ytd, 0), 105.0);
    // A period target overrides the default: February's target 150 → (90 + 120) / 250.
    let mut p = p;
    p.kpis[0].series[1].target = Some(150.0);
    close(score(&p, ytd, 0), 84.0);
}

#[test]
fn weights_not_totalling_100_are_normalised() {
    let p = project(vec![
        with(kpi(1, Some(100.0), &[(1, 100.0)]), |k| k.weight = 30.0),
        with(kpi(2, Some(100.0), &[(1, 70.0)]), |k| k.weight = 20.0),
    ]);
    let book = ScoreBook::compute(&p, jan());
    // (30 × 100 + 20 × 70) / 50 = 88.
    close(book.objectives[0].score, 88.0);
    assert_eq!((book.objectives[0].coverage.reported, book.objectives[0].coverage.total), (2, 2));
    let text = trace::explain(&p, &book, &TraceSubject::Objective(0)).to_text(&p, Lang::En);
    assert!(text.contains("= 60 + 28 = 88 %"), "{text}");
}

#[test]
fn every_child_missing() {
    let p = project(vec![kpi(1, Some(100.0), &[]), kpi(2, Some(100.0), &[])]);
    let book = ScoreBook::compute(&p, jan());
    assert_eq!(book.objectives[0].score, Err(Undefined::NoChildReported));
    assert_eq!(book.objectives[0].coverage.weight_share, 0.0);
    // The perspective has no reporting objective; the other perspectives have no objectives.
    assert_eq!(book.perspectives[0].score, Err(Undefined::NoChildReported));
    assert_eq!(book.perspectives[1].score, Err(Undefined::NoChildren));
    assert_eq!(book.scorecard.score, Err(Undefined::NoChildReported));
    // Counting missing data as zero turns them into real zeros.
    let mut z = p.clone();
    z.scoring.missing_data = MissingData::Zero;
    close(ScoreBook::compute(&z, jan()).objectives[0].score, 0.0);
}

#[test]
fn carry_forward_uses_the_last_reported_score() {
    let mut p = project(vec![
        kpi(1, Some(100.0), &[(1, 80.0)]),              // reported in January only
        kpi(2, Some(100.0), &[(1, 100.0), (2, 100.0)]), // reported both months
    ]);
    p.scoring.missing_data = MissingData::CarryForward;
    let feb = ScoreBook::compute(&p, PeriodSpec::Month { year: 2026, month: 2 });
    assert_eq!(feb.kpis[0].score, Err(Undefined::NoActual));
    assert_eq!(feb.carried[0], Some(80.0));
    close(feb.objectives[0].score, 90.0);
    assert_eq!(feb.objectives[0].coverage.reported, 1);
    let text = trace::explain(&p, &feb, &TraceSubject::Objective(0)).to_text(&p, Lang::En);
    assert!(text.contains("carried forward 80"), "{text}");
}

#[test]
fn department_roll_up_combines_own_kpis_and_units() {
    let mut p = project(vec![]);
    p.departments = vec![
        Department::new(DepartmentId::numbered(1), "Company", None),
        Department::new(DepartmentId::numbered(2), "Sales", Some(DepartmentId::numbered(1))),
        Department::new(DepartmentId::numbered(3), "Service", Some(DepartmentId::numbered(1))),
    ];
    let dept_kpi = |n, dept: u64, actual| {
        with(kpi(n, Some(100.0), &[(1, actual)]), |k| {
            k.objective = None;
            k.department = Some(DepartmentId::numbered(dept));
        })
    };
    p.kpis = vec![dept_kpi(1, 2, 90.0), dept_kpi(2, 2, 110.0), dept_kpi(3, 3, 70.0), dept_kpi(4, 1, 100.0)];
    p.departments[1].weight = 3.0;
    let book = ScoreBook::compute(&p, jan());
    close(book.departments[1].score, 100.0);
    close(book.departments[2].score, 70.0);
    // Company: own KPIs (100, weight 1) + Sales (100, weight 3) + Service (70, weight 1) → 94.
    close(book.departments[0].score, 94.0);
    // Changing a Service value updates the chain incrementally.
    let mut edited = p.clone();
    edited.kpis[2].series[0].actual = Some(120.0);
    let mut incremental = book.clone();
    incremental.update_kpi(&edited, 2);
    close(incremental.departments[0].score, 104.0);
    let full = ScoreBook::compute(&edited, jan());
    assert_eq!(incremental.departments, full.departments);
}

#[test]
fn status_rules_first_match_and_kpi_override() {
    let mut p = project(vec![kpi(1, Some(100.0), &[(1, 95.0)]), kpi(2, Some(100.0), &[(1, 95.0)])]);
    p.kpis[1].status_rules = Some(vec![
        StatusRule {
            status: "green".into(),
            colour: STATUS_GREEN,
            basis: StatusBasis::Value,
            when: Comparison::AtLeast,
            threshold: 95.0,
        },
        StatusRule {
            status: "red".into(),
            colour: STATUS_RED,
            basis: StatusBasis::Score,
            when: Comparison::Always,
            threshold: 0.0,
        },
    ]);
    let book = ScoreBook::compute(&p, jan());
    let key = |k: usize| book.kpis[k].status.unwrap().key(&p, Some(&p.kpis[k])).to_string();
    assert_eq!(key(0), "amber");
    assert_eq!(key(1), "green");
}

#[test]
fn score_command_prints_every_sample() {
    for name in ["dealership-sales.json", "retail-chain.json", "manufacturer-kra.json", "logistics-en.json"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-projects").join(name);
        let project = scorecard_studio::io::load_file(&path).unwrap().project;
        let mut out = Vec::new();
        let mut err = Vec::new();
        let code = scorecard_studio::cli::run(
            scorecard_studio::cli::Command::Score {
                file: path.clone(),
                period: Some("2026-Q3".into()),
                as_of: None,
                json: true,
                explain: None,
            },
            Lang::En,
            &mut out,
            &mut err,
        );
        assert_eq!(code, 0, "{name}: {}", String::from_utf8_lossy(&err));
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let book = ScoreBook::compute(&project, PeriodSpec::Quarter { year: 2026, quarter: 3 });
        assert_eq!(v["score"].as_f64(), book.scorecard.score.ok(), "{name}");
        assert_eq!(v["perspectives"].as_array().unwrap().len(), project.perspectives.len());
        assert!(book.scorecard.score.is_ok(), "{name}: every sample has a scorecard score for 2026-Q3");
        // Every KPI appears once, under an objective or a department.
        let text = serde_json::to_string(&v).unwrap();
        for k in &project.kpis {
            assert!(text.contains(&format!("\"id\":\"{}\"", k.id)), "{name}: {} missing", k.id);
        }
    }
}

// ---- Properties ----

fn child_strategy() -> impl Strategy<Value = Vec<(Option<f64>, f64)>> {
    proptest::collection::vec((proptest::option::weighted(0.8, -200.0..300.0f64), 0.0..100.0f64), 1..12)
}

fn children(v: &[(Option<f64>, f64)]) -> Vec<Child> {
    v.iter().map(|&(s, w)| Child { score: s.ok_or(Undefined::NoActual), weight: w, carried: None }).collect()
}

proptest! {
    #[test]
    fn weighted_average_lies_between_min_and_max(v in child_strategy()) {
        let c = children(&v);
        if let (Ok(s), _) = roll_up(RollUp::WeightedAverage, MissingData::Skip, &c) {
            let scores: Vec<f64> = v.iter().filter(|x| x.1 > 0.0).filter_map(|x| x.0).collect();
            let lo = scores.iter().cloned().fold(f64::INFINITY, f64::min);
            let hi = scores.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
            prop_assert!(s >= lo - 1e-9 && s <= hi + 1e-9, "{s} not in [{lo}, {hi}]");
        }
    }

    #[test]
    fn permuting_or_scaling_weights_changes_nothing(v in child_strategy(), scale in 0.001..1000.0f64, seed in any::<u64>()) {
        for rule in RollUp::ALL {
            for policy in [MissingData::Skip, MissingData::Zero] {
                let base = roll_up(rule, policy, &children(&v)).0;
                let mut permuted = v.clone();
                // A deterministic shuffle from the seed.
                let mut s = seed | 1;
                for i in (1..permuted.len()).rev() {
                    s ^= s << 13; s ^= s >> 7; s ^= s << 17;
                    permuted.swap(i, (s % (i as u64 + 1)) as usize);
                }
                let scaled: Vec<_> = v.iter().map(|&(x, w)| (x, w * scale)).collect();
                for other in [roll_up(rule, policy, &children(&permuted)).0, roll_up(rule, policy, &children(&scaled)).0] {
                    match (base, other) {
                        (Ok(a), Ok(b)) => prop_assert!((a - b).abs() <= 1e-9 * a.abs().max(1.0), "{rule:?}: {a} vs {b}"),
                        (a, b) => prop_assert_eq!(a, b),
                    }
                }
            }
        }
    }

    #[test]
    fn incremental_and_full_recompute_agree(edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), proptest::option::of(-500.0..2000.0f64)), 1..20), carry in any::<bool>()) {
        let mut p = generate(SyntheticSpec { kpis: 60, departments: 6, periods: 14, seed: 5 });
        if carry { p.scoring.missing_data = MissingData::CarryForward; }
        let period = PeriodSpec::Month { year: 2016, month: 12 };
        let mut book = ScoreBook::compute(&p, period);
        for (k, at, value) in edits {
            let k = k.index(p.kpis.len());
            let i = at.index(p.kpis[k].series.len());
            p.kpis[k].series[i].actual = value;
            book.update_kpi(&p, k);
        }
        let full = ScoreBook::compute(&p, period);
        prop_assert_eq!(&book.kpis, &full.kpis);
        prop_assert_eq!(&book.objectives, &full.objectives);
        prop_assert_eq!(&book.perspectives, &full.perspectives);
        prop_assert_eq!(&book.departments, &full.departments);
        prop_assert_eq!(book.scorecard, full.scorecard);
    }
}

/// A quarterly KPI viewed in a month where no quarter ends owes nothing: "not due", left out of
/// coverage and of the zero policy (the objective is its monthly KPI's 100 %, not 50 %).
#[test]
fn a_kpi_not_due_in_the_period_is_neither_missing_nor_zero() {
    let quarterly = with(kpi(2, Some(100.0), &[(1, 90.0)]), |k| k.frequency = Some(Frequency::Quarterly));
    let mut p = project(vec![kpi(1, Some(100.0), &[(2, 100.0)]), quarterly]);
    p.scoring.missing_data = MissingData::Zero;
    let feb = PeriodSpec::Month { year: 2026, month: 2 };
    let book = ScoreBook::compute(&p, feb);
    assert_eq!(book.kpis[1].score, Err(Undefined::NotDue));
    close(book.objectives[0].score, 100.0);
    assert_eq!((book.objectives[0].coverage.reported, book.objectives[0].coverage.total), (1, 1));
    assert!(Undefined::NotDue.describe(Lang::Zh).contains("未到期"));
    // In March, where the quarter ends, it is due and scored.
    let mar = PeriodSpec::Month { year: 2026, month: 3 };
    close(score(&p, mar, 1), 90.0);
    // And a quarter without an actual, in the month it is due, is missing (counted as 0 here).
    p.kpis[1].series.clear();
    let book = ScoreBook::compute(&p, mar);
    assert_eq!(book.kpis[1].score, Err(Undefined::NoActual));
    assert_eq!(book.objectives[0].coverage.total, 2);
}

/// Overflow is a stated reason, never NaN or ∞; huge numbers print readably.
#[test]
fn values_too_large_to_score_say_so() {
    let huge = with(kpi(1, Some(1.0), &[(1, 1.5e308), (2, 1.5e308), (3, 1.5e308)]), |k| {
        k.aggregation = Aggregation::Sum
    });
    let tiny_target = with(kpi(2, Some(1e-300), &[(1, 1e300)]), |_| {});
    let p = project(vec![huge, tiny_target]);
    let q1 = PeriodSpec::Quarter { year: 2026, quarter: 1 };
    let book = ScoreBook::compute(&p, q1);
    assert_eq!(book.kpis[0].score, Err(Undefined::TooLarge));
    assert_eq!(score(&p, jan(), 1), Err(Undefined::TooLarge));
    for node in book.objectives.iter().chain([&book.scorecard]) {
        assert!(node.score.is_err() || node.score.is_ok_and(f64::is_finite));
    }
    assert_eq!(scorecard_studio::model::lint::format_number(1.5e308), "1.5e308");
    assert_eq!(scorecard_studio::model::lint::format_number(-2.25e20), "-2.25e20");
    assert_eq!(scorecard_studio::model::lint::format_number(1234.5), "1234.5");
}
