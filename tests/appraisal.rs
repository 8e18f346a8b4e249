//! The appraisal year: the change record, sign-off, closed periods, dated targets and weights,
//! `score --as-of` and the roll forward into next year.

mod common;

use chrono::NaiveDate;
use common::{load_sample, run_cli};
use scorecard_studio::app::command::CommandError;
use scorecard_studio::app::history::{Field, MergeKey};
use scorecard_studio::app::{DocCommand, Document, Item};
use scorecard_studio::i18n::Lang;
use scorecard_studio::io;
use scorecard_studio::model::appraisal::*;
use scorecard_studio::model::lint::Subject;
use scorecard_studio::model::validate::validate;
use scorecard_studio::model::*;
use scorecard_studio::score::{PeriodSpec, ScoreBook};

fn d(y: i32, m: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, 1).unwrap()
}

/// The dealership at the start of a year: its record and closed periods cleared.
fn fresh() -> Project {
    let mut p = load_sample("dealership-sales.json");
    p.history.clear();
    p.closed_periods.clear();
    p
}

fn doc() -> Document {
    let mut doc = Document::new(fresh(), None, None);
    doc.recorder.author = "李顾问".into();
    doc.recorder.today = Some(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
    doc
}

fn kpi(doc: &Document, id: &str) -> Kpi {
    doc.project.kpis.iter().find(|k| k.id.as_str() == id).unwrap().clone()
}

/// Changes a KPI through the inspector's path: one merge key per field.
fn edit(
    doc: &mut Document,
    id: &str,
    field: Field,
    change: impl FnOnce(&mut Kpi),
) -> Result<(), CommandError> {
    let mut k = kpi(doc, id);
    change(&mut k);
    set(doc, k, field)
}

fn set(doc: &mut Document, k: Kpi, field: Field) -> Result<(), CommandError> {
    let merge = Some(MergeKey::item(Subject::Kpi(k.id.clone()), field));
    doc.execute(DocCommand::Upsert(Item::Kpi(Box::new(k))), "edit", merge).map(|_| ())
}

fn changes(doc: &Document) -> Vec<(String, TrackedField, serde_json::Value, serde_json::Value)> {
    doc.project
        .history
        .iter()
        .filter_map(|e| match &e.event {
            HistoryEvent::KpiChange { kpi, field, from, to, .. } => {
                Some((kpi.0.clone(), *field, from.clone(), to.clone()))
            }
            HistoryEvent::DepartmentChange { department, field, from, to } => {
                Some((department.0.clone(), *field, from.clone(), to.clone()))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn every_recorded_field_gets_one_entry_per_edit_and_undo_takes_it_back() {
    use serde_json::json;
    let mut doc = doc();
    let original = doc.project.clone();
    // Typing 1, 12, 120 into the target is one change 90 → 120.
    for v in [1.0, 12.0, 120.0] {
        edit(&mut doc, "kpi-25", Field::Target, |k| k.target = Some(v)).unwrap();
    }
    assert_eq!(changes(&doc), vec![("kpi-25".into(), TrackedField::Target, json!(90.0), json!(120.0))]);
    let e = &doc.project.history[0];
    assert_eq!((e.author.as_str(), e.date), ("李顾问", NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()));
    doc.seal();
    // A first stretch is design, not a change; changing it is recorded.
    edit(&mut doc, "kpi-25", Field::Stretch, |k| k.stretch = Some(130.0)).unwrap();
    doc.seal();
    edit(&mut doc, "kpi-25", Field::Stretch, |k| k.stretch = Some(140.0)).unwrap();
    doc.seal();
    edit(&mut doc, "kpi-25", Field::Weight, |k| k.weight = 35.0).unwrap();
    doc.seal();
    edit(&mut doc, "kpi-25", Field::Method, |k| k.scoring = Some(ScoringMethod::Binary)).unwrap();
    doc.seal();
    let rules = vec![StatusRule {
        status: "red".into(),
        colour: STATUS_RED,
        basis: StatusBasis::Score,
        when: Comparison::Always,
        threshold: 0.0,
    }];
    edit(&mut doc, "kpi-25", Field::Status, |k| k.status_rules = Some(rules)).unwrap();
    doc.seal();
    // A formula changed (from one to another); a first formula on a KPI that had none is design.
    let mut k26 = kpi(&doc, "kpi-26");
    k26.expression = Some("S01 * 2".into());
    set(&mut doc, k26.clone(), Field::Expression).unwrap();
    doc.seal();
    k26.expression = Some("S01 * 3".into());
    set(&mut doc, k26, Field::Expression).unwrap();
    doc.seal();
    let mut unit = doc.project.departments[1].clone();
    unit.weight = 4.0;
    doc.execute(DocCommand::Upsert(Item::Department(unit)), "unit", None).unwrap();
    // Things that are not recorded: a name, and a stretch set for the first time.
    doc.seal();
    edit(&mut doc, "kpi-27", Field::Name, |k| k.name = "销量".into()).unwrap();
    doc.seal();
    edit(&mut doc, "kpi-27", Field::Stretch, |k| k.stretch = Some(70.0)).unwrap();
    let fields: Vec<(String, TrackedField)> = changes(&doc).into_iter().map(|(i, f, _, _)| (i, f)).collect();
    assert_eq!(
        fields,
        vec![
            ("kpi-25".into(), TrackedField::Target),
            ("kpi-25".into(), TrackedField::Stretch),
            ("kpi-25".into(), TrackedField::Weight),
            ("kpi-25".into(), TrackedField::Scoring),
            ("kpi-25".into(), TrackedField::Thresholds),
            ("kpi-26".into(), TrackedField::Expression),
            ("dept-2".into(), TrackedField::Weight),
        ]
    );
    // Each entry says what it was in words.
    let text = doc.project.history[3].describe(&doc.project, Lang::Zh);
    assert!(text.contains("计分方法"), "{text}");
    // Undo removes the record of what it undoes, step by step, back to the file as opened.
    while doc.undo().is_some() {}
    assert_eq!(doc.project, original);
    assert!(doc.project.history.is_empty());
    // Redo brings the typed target back with its single entry.
    doc.redo().unwrap();
    assert_eq!(changes(&doc).len(), 1);
}

#[test]
fn sign_off_and_changes_since_agreement() {
    let mut doc = doc();
    let states = signoff_states(&doc.project);
    assert!(states.iter().all(|s| s.status == SignOffStatus::Draft));
    let entry = |status, reason: &str| HistoryEntry {
        date: NaiveDate::from_ymd_opt(2026, 2, 1).unwrap(),
        author: "王总".into(),
        reason: reason.into(),
        event: HistoryEvent::SignOff { department: DepartmentId::new("dept-2"), status },
    };
    for (status, reason) in [
        (SignOffStatus::Submitted, ""),
        (SignOffStatus::Returned, "销量目标偏低"),
        (SignOffStatus::Submitted, ""),
    ] {
        assert!(signoff_states(&doc.project)[1].status.next().contains(&status), "{status:?}");
        doc.execute(DocCommand::Record(Box::new(entry(status, reason))), "sign", None).unwrap();
    }
    doc.execute(DocCommand::Record(Box::new(entry(SignOffStatus::Agreed, ""))), "sign", None).unwrap();
    let s = &signoff_states(&doc.project)[1];
    assert_eq!(s.status, SignOffStatus::Agreed);
    assert!(!s.changed_since_agreed());
    // A weight changed after agreement marks the department; another department is untouched.
    doc.seal();
    edit(&mut doc, "kpi-25", Field::Weight, |k| k.weight = 45.0).unwrap();
    doc.seal();
    edit(&mut doc, "kpi-28", Field::Weight, |k| k.weight = 55.0).unwrap();
    let states = signoff_states(&doc.project);
    assert!(states[1].changed_since_agreed());
    assert_eq!(states[1].changed_since.len(), 1);
    assert!(!states[2].changed_since_agreed());
    // The reason given afterwards goes to the entries that have none.
    let from = states[1].changed_since[0];
    doc.execute(DocCommand::GiveReason { from, reason: "区域市场萎缩".into() }, "reason", None).unwrap();
    assert_eq!(doc.project.history[from].reason, "区域市场萎缩");
    // Agreed again: no longer changed since.
    doc.execute(DocCommand::Record(Box::new(entry(SignOffStatus::Agreed, ""))), "sign", None).unwrap();
    assert!(!signoff_states(&doc.project)[1].changed_since_agreed());
    // The contract prints the status, the agreement and the change with its reason.
    let book = ScoreBook::compute(&doc.project, PeriodSpec::Year { year: 2026 });
    let opts = io::contract::ContractOptions {
        lang: Lang::Zh,
        book: &book,
        period_label: "2026".into(),
        today: NaiveDate::from_ymd_opt(2026, 3, 3).unwrap(),
    };
    let html = io::contract::contracts_html(&doc.project, &[1], &opts);
    assert!(html.contains("已于 2026-02-01 同意（王总）"), "agreement date");
    assert!(
        html.contains("变更记录") && html.contains("区域市场萎缩") && html.contains("权重 40 → 45"),
        "record"
    );
    // A saved file keeps the record and reads back equal.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("signed.json");
    io::save_file(&path, &doc.project, &io::SaveOptions::default()).unwrap();
    assert_eq!(io::load_file(&path).unwrap().project, doc.project);
}

#[test]
fn a_closed_period_refuses_edits_and_pastes_and_reopens_with_a_reason() {
    let mut doc = doc();
    let march = d(2026, 3);
    let close = DocCommand::Batch(vec![
        DocCommand::SetPeriodClosed { period: march, closed: true },
        DocCommand::Record(Box::new(HistoryEntry {
            date: d(2026, 4),
            author: "财务".into(),
            reason: String::new(),
            event: HistoryEvent::Period { period: march, closed: true },
        })),
    ]);
    doc.execute(close, "close", None).unwrap();
    let before = doc.project.clone();
    let mut period = Period::new(march);
    period.actual = Some(1.0);
    let entry =
        DocCommand::SetPeriod { kpi: KpiId::new("kpi-25"), date: march, period: Some(period.clone()) };
    let e = doc.execute(entry, "enter", None).unwrap_err();
    let text = e.describe(Lang::Zh);
    assert!(text.contains("2026年3月") && text.contains("已关账"), "{text}");
    assert!(
        e.describe(Lang::En).contains("Mar 2026") || e.describe(Lang::En).contains("2026"),
        "{}",
        e.describe(Lang::En)
    );
    // A paste is a batch of period edits: refused whole when one cell is in the closed month.
    let mut april = Period::new(d(2026, 4));
    april.actual = Some(2.0);
    let paste = DocCommand::Batch(vec![
        DocCommand::SetPeriod { kpi: KpiId::new("kpi-26"), date: d(2026, 4), period: Some(april.clone()) },
        DocCommand::SetPeriod { kpi: KpiId::new("kpi-26"), date: march, period: Some(period.clone()) },
    ]);
    assert!(matches!(doc.execute(paste, "paste", None), Err(CommandError::PeriodClosed { .. })));
    // The inspector's whole-KPI edit with a changed March is refused too; a name change is not.
    let mut k = kpi(&doc, "kpi-25");
    k.series.iter_mut().find(|p| p.date == march).unwrap().actual = Some(3.0);
    assert!(set(&mut doc, k, Field::Name).is_err());
    assert_eq!(doc.project, before, "nothing changed");
    edit(&mut doc, "kpi-25", Field::Name, |k| k.name = "新车销量（台）".into()).unwrap();
    // A quarterly KPI counts in March: its Q1 is locked; April is not.
    assert_eq!(doc.project.closed_period_of(Frequency::Quarterly, d(2026, 1)), Some(march));
    assert_eq!(doc.project.closed_period_of(Frequency::Monthly, d(2026, 4)), None);
    doc.execute(
        DocCommand::SetPeriod { kpi: KpiId::new("kpi-26"), date: d(2026, 4), period: Some(april) },
        "enter",
        None,
    )
    .unwrap();
    // Reopened (with its reason on record): March takes the value.
    let reopen = DocCommand::Batch(vec![
        DocCommand::SetPeriodClosed { period: march, closed: false },
        DocCommand::Record(Box::new(HistoryEntry {
            date: d(2026, 4),
            author: "财务".into(),
            reason: "补录退货".into(),
            event: HistoryEvent::Period { period: march, closed: false },
        })),
    ]);
    doc.execute(reopen, "reopen", None).unwrap();
    doc.execute(
        DocCommand::SetPeriod { kpi: KpiId::new("kpi-25"), date: march, period: Some(period) },
        "e",
        None,
    )
    .unwrap();
    let last = doc.project.history.last().unwrap();
    assert_eq!(last.reason, "补录退货");
    assert!(last.describe(&doc.project, Lang::Zh).contains("重新打开"));
}

#[test]
fn a_dated_target_scores_earlier_periods_with_the_old_one() {
    let mut doc = doc();
    let k25 = kpi(&doc, "kpi-25");
    let june = PeriodSpec::Month { year: 2026, month: 6 };
    let july = PeriodSpec::Month { year: 2026, month: 7 };
    let score = |p: &Project, spec: PeriodSpec| {
        let k = p.kpis.iter().position(|k| k.id.as_str() == "kpi-25").unwrap();
        ScoreBook::compute(p, spec).kpis[k].aggregate.target
    };
    assert_eq!(score(&doc.project, june), Some(90.0));
    // 90 → 100 from July: June keeps 90, July scores against 100.
    for v in [1.0, 10.0, 100.0] {
        doc.execute(
            DocCommand::ChangeFrom {
                kpi: k25.id.clone(),
                field: DatedField::Target,
                value: Some(v),
                from: d(2026, 7),
            },
            "target",
            Some(MergeKey::item(Subject::Kpi(k25.id.clone()), Field::Target)),
        )
        .unwrap();
    }
    assert_eq!(score(&doc.project, june), Some(90.0));
    assert_eq!(score(&doc.project, july), Some(100.0));
    let june_score = |p: &Project| {
        let k = p.kpis.iter().position(|k| k.id.as_str() == "kpi-25").unwrap();
        ScoreBook::compute(p, june).kpis[k].score
    };
    assert_eq!(june_score(&doc.project), june_score(&load_sample("dealership-sales.json")));
    // The record says from when, and it is one entry 90 → 100.
    assert_eq!(doc.project.history.len(), 1);
    match &doc.project.history[0].event {
        HistoryEvent::KpiChange { from, to, effective, .. } => {
            assert_eq!((from.as_f64(), to.as_f64(), *effective), (Some(90.0), Some(100.0), Some(d(2026, 7))));
        }
        e => panic!("{e:?}"),
    }
    // The year sums each month's own target: 6 × 90 + … (reported months only).
    let year = score(&doc.project, PeriodSpec::Year { year: 2026 }).unwrap();
    let reported: Vec<NaiveDate> = k25
        .series
        .iter()
        .filter(|p| p.date.format("%Y").to_string() == "2026" && p.actual.is_some())
        .map(|p| p.date)
        .collect();
    let expected: f64 = reported.iter().map(|&m| if m < d(2026, 7) { 90.0 } else { 100.0 }).sum();
    assert_eq!(year, expected);
    // A change before the dated one is refused; a weight changed from a date weighs later months.
    let e = doc
        .execute(
            DocCommand::ChangeFrom {
                kpi: k25.id.clone(),
                field: DatedField::Target,
                value: Some(1.0),
                from: d(2026, 5),
            },
            "t",
            None,
        )
        .unwrap_err();
    assert!(e.describe(Lang::En).contains("2026-07-01"), "{}", e.describe(Lang::En));
    doc.execute(
        DocCommand::ChangeFrom {
            kpi: k25.id.clone(),
            field: DatedField::Weight,
            value: Some(80.0),
            from: d(2026, 9),
        },
        "w",
        None,
    )
    .unwrap();
    let k = kpi(&doc, "kpi-25");
    assert_eq!((k.weight_at(d(2026, 8)), k.weight_at(d(2026, 9))), (40.0, 80.0));
    let dept_score =
        |p: &Project, spec| ScoreBook::compute(p, spec).department_own[1].unwrap().score.unwrap();
    let original = load_sample("dealership-sales.json");
    assert_eq!(dept_score(&doc.project, PeriodSpec::Month { year: 2026, month: 8 }), {
        // August with the old weight and the new target (both as in force in August).
        let mut p = original.clone();
        p.kpis.iter_mut().find(|k| k.id.as_str() == "kpi-25").unwrap().target = Some(100.0);
        dept_score(&p, PeriodSpec::Month { year: 2026, month: 8 })
    });
    assert_ne!(
        dept_score(&doc.project, PeriodSpec::Month { year: 2026, month: 9 }),
        dept_score(&doc.project, PeriodSpec::Month { year: 2026, month: 8 })
    );
    assert!(validate(&doc.project).is_empty());
    // The file keeps the values in force and reads back equal.
    let text = String::from_utf8(io::project_to_bytes(&doc.project)).unwrap();
    assert!(text.contains("\"in_force\""));
    assert_eq!(io::parse_project(text.as_bytes()).unwrap().project, doc.project);
}

#[test]
fn score_as_of_a_day_undoes_what_was_recorded_later() {
    let mut doc = doc();
    doc.recorder.today = Some(NaiveDate::from_ymd_opt(2026, 5, 10).unwrap());
    edit(&mut doc, "kpi-25", Field::Target, |k| k.target = Some(120.0)).unwrap();
    let then = as_of(&doc.project, NaiveDate::from_ymd_opt(2026, 4, 30).unwrap());
    let k = then.kpis.iter().find(|k| k.id.as_str() == "kpi-25").unwrap();
    assert_eq!(k.target, Some(90.0), "the change of 10 May is not known on 30 April");
    assert!(k.series.iter().all(|p| p.date <= NaiveDate::from_ymd_opt(2026, 4, 30).unwrap()));
    assert!(then.history.is_empty());
    let now = as_of(&doc.project, NaiveDate::from_ymd_opt(2026, 5, 31).unwrap());
    assert_eq!(now.kpis.iter().find(|k| k.id.as_str() == "kpi-25").unwrap().target, Some(120.0));
    // The command line: the same file scored as of two days gives two answers.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    io::save_file(&path, &doc.project, &io::SaveOptions::default()).unwrap();
    let path = path.to_str().unwrap();
    let score_of = |day: &str| {
        let run = run_cli(&["score", path, "--as-of", day, "--period", "2026-04", "--json"], Lang::En);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let unit = v["departments"].as_array().unwrap().iter().find(|d| d["id"] == "dept-2").unwrap();
        unit["kpis"].as_array().unwrap().iter().find(|k| k["id"] == "kpi-25").unwrap()["score"]
            .as_f64()
            .unwrap()
    };
    let before = score_of("2026-04-30");
    let after = score_of("2026-05-31");
    assert!(before > after, "a higher target lowers April's score: {before} vs {after}");
    let bad = run_cli(&["score", path, "--as-of", "2026-13-01"], Lang::En);
    assert_eq!(bad.code, 2);
}

#[test]
fn rollover_of_every_sample() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["dealership-sales.json", "manufacturer-kra.json", "retail-chain.json", "logistics-en.json"] {
        let this = load_sample(name);
        let year = chrono::Datelike::year(&this.info.end) + 1;
        for (rule, option) in [
            (RolloverTargets::Keep, "keep"),
            (RolloverTargets::LastActual, "last-actual"),
            (RolloverTargets::Grow(5.0), "grow:5%"),
        ] {
            let out = dir.path().join(format!("{name}-{option}.json"));
            let run = run_cli(
                &[
                    "rollover",
                    common::sample(name).to_str().unwrap(),
                    "--year",
                    &year.to_string(),
                    "-o",
                    out.to_str().unwrap(),
                    "--targets",
                    option,
                ],
                Lang::En,
            );
            assert_eq!(run.code, 0, "{name} {option}: {}", run.stderr);
            let next = io::load_file(&out).unwrap().project;
            assert!(validate(&next).is_empty(), "{name}: {:?}", validate(&next));
            let check = run_cli(&["check", out.to_str().unwrap()], Lang::En);
            assert_ne!(check.code, 2, "{name}: {}", check.stderr);
            assert_eq!(chrono::Datelike::year(&next.info.start), year, "{name}");
            assert!(
                next.kpis
                    .iter()
                    .all(|k| k.series.iter().all(|p| p.actual.is_none() && p.commentary.is_none()))
            );
            assert!(next.elements.iter().all(|e| e.series.is_empty()));
            assert!(next.history.is_empty() && next.closed_periods.is_empty());
            assert!(next.info.description.contains(name), "{name}: a note of where it came from");
            assert_eq!(next.objectives, this.objectives);
            assert_eq!(next.departments, this.departments);
            let last_year = PeriodSpec::Year { year: year - 1 }.range();
            for (old, new) in this.kpis.iter().zip(&next.kpis) {
                assert_eq!((&old.id, old.weight), (&new.id, new.weight));
                let agg = scorecard_studio::score::period::aggregate(old, this.frequency_of(old), last_year);
                if old.expression.is_none()
                    && let Some(a) = agg.actual
                {
                    let per_period =
                        if old.aggregation == Aggregation::Sum { a / agg.reported as f64 } else { a };
                    let b = new.baseline.unwrap();
                    assert!(
                        (b - per_period).abs() <= per_period.abs() * 1e-3,
                        "{name} {}: {b} vs {per_period}",
                        old.id
                    );
                    if rule == RolloverTargets::LastActual {
                        assert_eq!(new.target, new.baseline, "{name} {}", old.id);
                    }
                }
                match rule {
                    RolloverTargets::Keep => assert_eq!(new.target, old.target),
                    RolloverTargets::Grow(_) => {
                        if let (Some(t), Some(n)) = (old.target, new.target) {
                            assert!((n - t * 1.05).abs() <= (t * 1.05).abs() * 1e-3, "{}: {t} → {n}", old.id);
                        }
                    }
                    RolloverTargets::LastActual => {}
                }
            }
            assert!(
                next.initiatives
                    .iter()
                    .all(|i| !matches!(i.status, InitiativeStatus::Done | InitiativeStatus::Cancelled))
            );
        }
    }
    let bad = run_cli(&["rollover", "nope.json", "--year", "2027", "-o", "x.json"], Lang::En);
    assert_eq!(bad.code, 2);
}

#[test]
fn version_7_files_open_and_the_new_keys_need_version_8() {
    let text = std::fs::read_to_string(common::sample("manufacturer-kra.json")).unwrap();
    let v7 = text.replacen("\"version\": 8", "\"version\": 7", 1);
    let loaded = io::parse_project(v7.as_bytes()).unwrap();
    assert_eq!(loaded.project, load_sample("manufacturer-kra.json"));
    let with_history =
        v7.replacen("\"perspectives\":", "\"closed_periods\": [\"2026-01-01\"],\n  \"perspectives\":", 1);
    let e = io::parse_project(with_history.as_bytes()).unwrap_err();
    assert!(e.to_string().contains("closed_periods"), "{e}");
}

#[test]
fn the_dealership_sample_carries_a_year_of_record_and_an_agreed_department() {
    let p = load_sample("dealership-sales.json");
    let states = signoff_states(&p);
    let sales = p.departments.iter().position(|d| d.id.as_str() == "dept-2").unwrap();
    assert_eq!(states[sales].status, SignOffStatus::Agreed);
    assert!(states[sales].changed_since_agreed(), "a change after agreement, with its reason");
    assert!(states[sales].changed_since.iter().all(|&i| !p.history[i].reason.is_empty()));
    assert_eq!(states.iter().filter(|s| s.status == SignOffStatus::Agreed).count(), 1);
    assert_eq!(p.closed_periods, vec![d(2026, 1), d(2026, 2), d(2026, 3)]);
    assert!(p.history.windows(2).all(|w| w[0].date <= w[1].date), "oldest first");
    // The record agrees with the document: each change ends at the value the KPI has now.
    for e in &p.history {
        if let HistoryEvent::KpiChange { kpi, field, to, .. } = &e.event {
            let k = p.kpi(kpi).unwrap();
            assert_eq!(&field.of_kpi(k), to, "{kpi:?} {field:?}");
        }
    }
}
