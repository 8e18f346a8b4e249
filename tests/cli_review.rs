//! What the window knows, the command line tells (#16): absolute weights and the year-end forecast
//! in `score --json`, and `replan`, each on a hand-built project with the numbers written out.

mod common;

use chrono::NaiveDate;
use common::run_cli;
use scorecard_studio::i18n::Lang;
use scorecard_studio::model::*;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn objective(n: u64, perspective: &str, weight: f64) -> Objective {
    Objective {
        id: ObjectiveId::numbered(n),
        name: format!("Objective {n}"),
        description: String::new(),
        perspective: PerspectiveId::new(perspective),
        theme: None,
        owner: String::new(),
        weight,
        roll_up: RollUp::WeightedAverage,
        position: Point::default(),
        size: Objective::DEFAULT_SIZE,
        pinned: false,
        colour: None,
    }
}

fn monthly(n: u64, objective: u64, weight: f64) -> Kpi {
    let mut k = Kpi::new(KpiId::numbered(n), format!("KPI {n}"));
    k.code = format!("K{n}");
    k.unit = "件".into();
    k.objective = Some(ObjectiveId::numbered(objective));
    k.frequency = Some(Frequency::Monthly);
    k.weight = weight;
    k
}

fn save(dir: &tempfile::TempDir, p: &Project) -> String {
    let path = dir.path().join("p.json");
    scorecard_studio::io::save_file(&path, p, &Default::default()).unwrap();
    path.display().to_string()
}

/// Perspective 40 % × objective 50 % × KPI 25 % = 5 % of the scorecard.
#[test]
fn score_json_gives_absolute_weights() {
    let mut p = Project::blank(Lang::En, ymd(2026, 1, 1));
    for (persp, w) in p.perspectives.iter_mut().zip([40.0, 30.0, 20.0, 10.0]) {
        persp.weight = w;
    }
    let first = p.perspectives[0].id.as_str().to_owned();
    p.objectives.push(objective(1, &first, 1.0));
    p.objectives.push(objective(2, &first, 1.0));
    p.kpis.push(monthly(1, 1, 25.0));
    p.kpis.push(monthly(2, 1, 75.0));
    p.kpis.push(monthly(3, 2, 100.0));
    let dir = tempfile::tempdir().unwrap();
    let file = save(&dir, &p);
    let r = run_cli(&["score", &file, "--period", "2026-01", "--json"], Lang::En);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let persp = &v["perspectives"][0];
    assert_eq!(persp["absolute_weight"], 40.0);
    assert_eq!(persp["objectives"][0]["absolute_weight"], 20.0);
    let kpis = &persp["objectives"][0]["kpis"];
    assert!((kpis[0]["absolute_weight"].as_f64().unwrap() - 5.0).abs() < 1e-12, "{kpis}");
    assert!((kpis[1]["absolute_weight"].as_f64().unwrap() - 15.0).abs() < 1e-12, "{kpis}");
    assert!((persp["objectives"][1]["kpis"][0]["absolute_weight"].as_f64().unwrap() - 20.0).abs() < 1e-12);
}

/// Monthly 10, 12 … 20 for January–June against a year target of 200: the trend adds 22 … 32 for
/// July–December, 90 + 162 = 252, which reaches 200.
#[test]
fn score_json_gives_the_year_end_forecast() {
    let mut p = Project::blank(Lang::En, ymd(2026, 1, 1));
    p.scoring.trend_periods = 6;
    let first = p.perspectives[0].id.as_str().to_owned();
    p.objectives.push(objective(1, &first, 1.0));
    let mut k = monthly(1, 1, 100.0);
    k.aggregation = Aggregation::Sum;
    k.target = Some(200.0 / 12.0);
    for (m, a) in (1..=6).zip([10.0, 12.0, 14.0, 16.0, 18.0, 20.0]) {
        let mut period = Period::new(ymd(2026, m, 1));
        period.actual = Some(a);
        k.series.push(period);
    }
    p.kpis.push(k);
    let dir = tempfile::tempdir().unwrap();
    let file = save(&dir, &p);
    let r = run_cli(&["score", &file, "--period", "2026-06", "--json"], Lang::En);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let f = &v["perspectives"][0]["objectives"][0]["kpis"][0]["forecast"];
    assert!((f["value"].as_f64().unwrap() - 252.0).abs() < 1e-9, "{f}");
    assert!((f["year_target"].as_f64().unwrap() - 200.0).abs() < 1e-9, "{f}");
    assert_eq!(f["reaches"], true);
    assert_eq!(f["actual_to_date"], 90.0);
    assert_eq!(f["year"], 2026);
    // One month of data draws no trend: the forecast is null, not made up.
    let r = run_cli(&["score", &file, "--period", "2026-01", "--json"], Lang::En);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(v["perspectives"][0]["objectives"][0]["kpis"][0]["forecast"].is_null());
}

/// The store exercise: a month target of 100,000 as four weeks of 25,000; week 1 reaches 17,500,
/// so weeks 2–4 need 27,500 each.
fn store(dir: &tempfile::TempDir) -> String {
    let mut p = Project::blank(Lang::Zh, ymd(2026, 1, 1));
    let first = p.perspectives[0].id.as_str().to_owned();
    p.objectives.push(objective(1, &first, 1.0));
    let mut k = monthly(1, 1, 100.0);
    k.code = "S1".into();
    k.name = "门店销售额".into();
    k.unit = "元".into();
    k.frequency = Some(Frequency::Weekly);
    k.aggregation = Aggregation::Sum;
    k.target = Some(25_000.0);
    let mut w1 = Period::new(ymd(2026, 6, 1));
    w1.actual = Some(17_500.0);
    k.series.push(w1);
    p.kpis.push(k);
    save(dir, &p)
}

#[test]
fn replan_the_store_exercise() {
    let dir = tempfile::tempdir().unwrap();
    let file = store(&dir);
    let args = ["replan", &file, "--kpi", "S1", "--as-of", "2026-06-07", "--horizon", "month"];
    let r = run_cli(&args, Lang::En);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("Target 100000 × 100 % = 100000; done so far 17500 in 1 periods."),
        "{}",
        r.stdout
    );
    for week in ["2026-06-08", "2026-06-15", "2026-06-22"] {
        let line = r.stdout.lines().find(|l| l.starts_with(week)).unwrap_or_else(|| panic!("{}", r.stdout));
        assert!(line.contains("25000") && line.ends_with("27500"), "{line}");
    }
    assert!(!r.stdout.contains("2026-06-29"), "the week of 29 June counts in July: {}", r.stdout);

    let mut json_args = args.to_vec();
    json_args.push("--json");
    let v: serde_json::Value = serde_json::from_str(&run_cli(&json_args, Lang::En).stdout).unwrap();
    assert_eq!(v["horizon_target"], 100_000.0);
    assert_eq!(v["done"], 17_500.0);
    let targets: Vec<f64> =
        v["periods"].as_array().unwrap().iter().map(|p| p["new_target"].as_f64().unwrap()).collect();
    assert_eq!(targets, vec![27_500.0; 3]);

    // The 95 % scenario: 95,000 − 17,500 = 77,500 over three weeks.
    let mut level = json_args.clone();
    level.extend(["--level", "95"]);
    let v: serde_json::Value = serde_json::from_str(&run_cli(&level, Lang::En).stdout).unwrap();
    let t = v["periods"][0]["new_target"].as_f64().unwrap();
    assert!((t - 77_500.0 / 3.0).abs() < 1e-6, "{t}");

    // Written with -o: the copy has the three targets and loads; the original is untouched.
    let before = std::fs::read(&file).unwrap();
    let out = dir.path().join("replanned.json");
    let mut write = args.to_vec();
    write.extend(["-o", out.to_str().unwrap()]);
    let r = run_cli(&write, Lang::Zh);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("建议目标已写入"), "{}", r.stdout);
    assert_eq!(std::fs::read(&file).unwrap(), before);
    let loaded = scorecard_studio::io::load_file(&out).unwrap().project;
    let planned: Vec<(NaiveDate, Option<f64>)> =
        loaded.kpis[0].series.iter().filter(|x| x.actual.is_none()).map(|x| (x.date, x.target)).collect();
    assert_eq!(
        planned,
        vec![
            (ymd(2026, 6, 8), Some(27_500.0)),
            (ymd(2026, 6, 15), Some(27_500.0)),
            (ymd(2026, 6, 22), Some(27_500.0))
        ]
    );
}

#[test]
fn replan_refuses_bad_input_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let file = store(&dir);
    let cases: [(&[&str], &str); 3] = [
        (&["--kpi", "NOPE", "--as-of", "2026-06-07"], "NOPE"),
        (&["--kpi", "S1", "--as-of", "June"], "June"),
        (&["--kpi", "S1", "--as-of", "2026-06-07", "--level", "0"], "level 0 is not"),
    ];
    for (extra, says) in cases {
        let mut args = vec!["replan", file.as_str()];
        args.extend(extra);
        let r = run_cli(&args, Lang::En);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stdout);
        assert!(r.stderr.contains(says), "{args:?}: {}", r.stderr);
    }
}

/// With `red_needs_commentary`, `check` names every KPI red in its latest period without
/// commentary there (an error, exit 1); written commentary clears it.
#[test]
fn check_requires_commentary_on_red_kpis_when_the_project_asks() {
    let sample = common::load_sample("dealership-sales.json");
    assert!(sample.scoring.red_needs_commentary);
    let dir = tempfile::tempdir().unwrap();
    let file = save(&dir, &sample);
    let r = run_cli(&["check", &file], Lang::En);
    assert_eq!(r.code, 0, "{}", r.stdout);
    let mut p = sample.clone();
    let k = p.kpis.iter().position(|k| k.code == "P08").unwrap();
    let last = p.kpis[k].series.iter().rposition(|x| x.actual.is_some()).unwrap();
    p.kpis[k].series[last].commentary = None;
    let file = save(&dir, &p);
    let r = run_cli(&["check", "--json", &file], Lang::En);
    assert_eq!(r.code, 1);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let found: Vec<&serde_json::Value> = v[0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "red-without-commentary")
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["subject"]["id"], "kpi-20");
    assert!(found[0]["message"].as_str().unwrap().contains("2026-10-01"), "{found:?}");
    let zh = run_cli(&["check", &file], Lang::Zh);
    assert!(zh.stdout.contains("红灯，但没有分析/原因/措施说明"), "{}", zh.stdout);
    // Blank commentary is none; the setting off asks for nothing.
    p.kpis[k].series[last].commentary =
        Some(Box::new(Commentary { owner: "李明".into(), ..Default::default() }));
    assert_eq!(run_cli(&["check", &save(&dir, &p)], Lang::En).code, 1);
    p.scoring.red_needs_commentary = false;
    assert_eq!(run_cli(&["check", &save(&dir, &p)], Lang::En).code, 0);
}
