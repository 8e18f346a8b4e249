//! Many hands on one scorecard: the three-way merge by meaning, department packs and the git
//! merge driver, with the expected documents written out.

mod common;

use common::{load_sample, run_cli};
use proptest::prelude::*;
use scorecard_studio::i18n::Lang;
use scorecard_studio::io;
use scorecard_studio::model::merge::{ConflictReason, merge};
use scorecard_studio::model::validate::validate;
use scorecard_studio::model::*;
use std::path::Path;
use std::process::Command;

fn base() -> Project {
    load_sample("manufacturer-kra.json")
}

fn kpi_mut<'a>(p: &'a mut Project, id: &str) -> &'a mut Kpi {
    p.kpis.iter_mut().find(|k| k.id.as_str() == id).expect("kpi")
}

fn kpi<'a>(p: &'a Project, id: &str) -> &'a Kpi {
    p.kpis.iter().find(|k| k.id.as_str() == id).expect("kpi")
}

fn date(y: i32, m: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, 1).unwrap()
}

/// One case: what each side does, and what the merged document must be.
struct Case {
    name: &'static str,
    ours: fn(&mut Project),
    theirs: fn(&mut Project),
    expect: fn(&mut Project),
    conflicts: &'static [(&'static str, ConflictReason)],
}

#[test]
fn merge_cases_give_the_documents_written_out() {
    let cases = [
        Case {
            name: "field edits on different items",
            ours: |p| kpi_mut(p, "kpi-26").target = Some(97.0),
            theirs: |p| kpi_mut(p, "kpi-27").target = Some(88.0),
            expect: |p| {
                kpi_mut(p, "kpi-26").target = Some(97.0);
                kpi_mut(p, "kpi-27").target = Some(88.0);
            },
            conflicts: &[],
        },
        Case {
            name: "same item, different fields",
            ours: |p| kpi_mut(p, "kpi-26").target = Some(97.0),
            theirs: |p| kpi_mut(p, "kpi-26").weight = 45.0,
            expect: |p| {
                kpi_mut(p, "kpi-26").target = Some(97.0);
                kpi_mut(p, "kpi-26").weight = 45.0;
            },
            conflicts: &[],
        },
        Case {
            name: "same field, different values",
            ours: |p| kpi_mut(p, "kpi-5").target = Some(6500.0),
            theirs: |p| kpi_mut(p, "kpi-5").target = Some(6800.0),
            expect: |p| kpi_mut(p, "kpi-5").target = Some(6500.0),
            conflicts: &[("kpis[kpi-5].target", ConflictReason::BothChanged)],
        },
        Case {
            name: "same field, same value",
            ours: |p| kpi_mut(p, "kpi-5").target = Some(6500.0),
            theirs: |p| kpi_mut(p, "kpi-5").target = Some(6500.0),
            expect: |p| kpi_mut(p, "kpi-5").target = Some(6500.0),
            conflicts: &[],
        },
        Case {
            name: "delete against untouched: the delete wins",
            ours: |p| p.kpis.retain(|k| k.id.as_str() != "kpi-35"),
            theirs: |p| kpi_mut(p, "kpi-26").weight = 45.0,
            expect: |p| {
                p.kpis.retain(|k| k.id.as_str() != "kpi-35");
                kpi_mut(p, "kpi-26").weight = 45.0;
            },
            conflicts: &[],
        },
        Case {
            name: "delete against edit: a conflict, ours kept",
            ours: |p| p.kpis.retain(|k| k.id.as_str() != "kpi-35"),
            theirs: |p| kpi_mut(p, "kpi-35").weight = 45.0,
            expect: |p| p.kpis.retain(|k| k.id.as_str() != "kpi-35"),
            conflicts: &[("kpis[kpi-35]", ConflictReason::DeletedAndEdited)],
        },
        Case {
            name: "series merge per period",
            ours: |p| {
                kpi_mut(p, "kpi-26").series.iter_mut().for_each(|s| {
                    if s.date == date(2026, 3) {
                        s.actual = Some(91.0)
                    }
                })
            },
            theirs: |p| {
                kpi_mut(p, "kpi-26").series.iter_mut().for_each(|s| {
                    if s.date == date(2026, 4) {
                        s.actual = Some(92.0)
                    }
                })
            },
            expect: |p| {
                for s in &mut kpi_mut(p, "kpi-26").series {
                    if s.date == date(2026, 3) {
                        s.actual = Some(91.0)
                    }
                    if s.date == date(2026, 4) {
                        s.actual = Some(92.0)
                    }
                }
            },
            conflicts: &[],
        },
        Case {
            name: "a period both sides entered differently",
            ours: |p| {
                kpi_mut(p, "kpi-26").series.iter_mut().for_each(|s| {
                    if s.date == date(2026, 3) {
                        s.actual = Some(91.0)
                    }
                })
            },
            theirs: |p| {
                kpi_mut(p, "kpi-26").series.iter_mut().for_each(|s| {
                    if s.date == date(2026, 3) {
                        s.actual = Some(93.0)
                    }
                })
            },
            expect: |p| {
                for s in &mut kpi_mut(p, "kpi-26").series {
                    if s.date == date(2026, 3) {
                        s.actual = Some(91.0)
                    }
                }
            },
            conflicts: &[("kpis[kpi-26].series[2026-03-01].actual", ConflictReason::BothChanged)],
        },
        Case {
            name: "reorder on one side, edit on the other",
            ours: |p| p.kpis.swap(0, 1),
            theirs: |p| kpi_mut(p, "kpi-26").weight = 45.0,
            expect: |p| {
                p.kpis.swap(0, 1);
                kpi_mut(p, "kpi-26").weight = 45.0;
            },
            conflicts: &[],
        },
        Case {
            name: "their reorder is taken when ours kept the order",
            ours: |p| kpi_mut(p, "kpi-26").weight = 45.0,
            theirs: |p| p.objectives.swap(1, 2),
            expect: |p| {
                p.objectives.swap(1, 2);
                kpi_mut(p, "kpi-26").weight = 45.0;
            },
            conflicts: &[],
        },
        Case {
            name: "department tree moves by both, different parents",
            ours: |p| p.departments[8].parent = Some(DepartmentId::new("dept-6")),
            theirs: |p| p.departments[8].parent = Some(DepartmentId::new("dept-8")),
            expect: |p| p.departments[8].parent = Some(DepartmentId::new("dept-6")),
            conflicts: &[("departments[dept-9].parent", ConflictReason::BothChanged)],
        },
        Case {
            name: "department moves that make a cycle together",
            ours: |p| p.departments[3].parent = Some(DepartmentId::new("dept-5")),
            theirs: |p| p.departments[4].parent = Some(DepartmentId::new("dept-4")),
            expect: |p| p.departments[3].parent = Some(DepartmentId::new("dept-5")),
            conflicts: &[("departments[dept-5]", ConflictReason::WouldBreak)],
        },
        Case {
            name: "deleted on one side, used by a new KPI on the other: kept",
            ours: |p| {
                p.kpis.retain(|k| k.department.as_ref().is_none_or(|d| d.as_str() != "dept-7"));
                p.departments.retain(|d| d.id.as_str() != "dept-7");
            },
            theirs: |p| {
                let mut k = kpi(p, "kpi-34").clone();
                k.id = KpiId::new("kpi-90");
                k.code = "7-K99".into();
                p.kpis.push(k);
            },
            expect: |p| {
                p.kpis.retain(|k| k.department.as_ref().is_none_or(|d| d.as_str() != "dept-7"));
                let mut k = kpi(&base(), "kpi-34").clone();
                k.id = KpiId::new("kpi-90");
                k.code = "7-K99".into();
                p.kpis.push(k);
            },
            conflicts: &[("departments[dept-7]", ConflictReason::DeletedButUsed)],
        },
    ];
    for case in cases {
        let b = base();
        let (mut o, mut t, mut expected) = (b.clone(), b.clone(), b.clone());
        (case.ours)(&mut o);
        (case.theirs)(&mut t);
        (case.expect)(&mut expected);
        let out = merge(&b, &o, &t, "them");
        let got: Vec<(String, ConflictReason)> =
            out.conflicts.iter().map(|c| (c.path.clone(), c.reason)).collect();
        let want: Vec<(String, ConflictReason)> =
            case.conflicts.iter().map(|(p, r)| (p.to_string(), *r)).collect();
        assert_eq!(got, want, "{}: conflicts", case.name);
        assert!(validate(&out.project).is_empty(), "{}: {:?}", case.name, validate(&out.project));
        let mut merged = out.project.clone();
        merged.conflicts.clear();
        if case.name.starts_with("deleted on one side, used") {
            // The department comes back as it was, at the end of the list.
            assert!(merged.department(&DepartmentId::new("dept-7")).is_some(), "{}", case.name);
            merged.departments.retain(|d| d.id.as_str() != "dept-7");
            expected.departments.retain(|d| d.id.as_str() != "dept-7");
        }
        assert_eq!(merged, expected, "{}: the merged document", case.name);
    }
}

#[test]
fn both_sides_adding_the_same_id_renumbers_theirs_and_its_references() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    let mut mine = kpi(&b, "kpi-26").clone();
    mine.id = KpiId::new("kpi-40");
    mine.code = "4-K40".into();
    o.kpis.push(mine);
    let mut theirs = kpi(&b, "kpi-27").clone();
    theirs.id = KpiId::new("kpi-40");
    theirs.code = "4-K41".into();
    t.kpis.push(theirs);
    let mut child = kpi(&b, "kpi-28").clone();
    child.id = KpiId::new("kpi-41");
    child.code = "4-K42".into();
    child.cascade = Some(Cascade::Decompose { parent: KpiId::new("kpi-40"), share: None });
    t.kpis.push(child);
    let out = merge(&b, &o, &t, "them");
    assert!(out.is_clean(), "{:?}", out.conflicts);
    assert_eq!(out.renamed, vec![("kpi-40".to_string(), "kpi-42".to_string())]);
    assert_eq!(kpi(&out.project, "kpi-40").code, "4-K40");
    assert_eq!(kpi(&out.project, "kpi-42").code, "4-K41");
    assert_eq!(
        kpi(&out.project, "kpi-41").cascade,
        Some(Cascade::Decompose { parent: KpiId::new("kpi-42"), share: None }),
        "the reference follows the renumbered KPI"
    );
    // Ours, then theirs' insertions in their order.
    let tail: Vec<&str> = out.project.kpis.iter().rev().take(3).map(|k| k.id.as_str()).collect();
    assert_eq!(tail, ["kpi-41", "kpi-42", "kpi-40"]);
}

#[test]
fn conflicts_are_saved_loaded_and_reported_by_check_until_resolved() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    kpi_mut(&mut o, "kpi-5").target = Some(6500.0);
    kpi_mut(&mut t, "kpi-5").target = Some(6800.0);
    let out = merge(&b, &o, &t, "国内销售经理");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("merged.json");
    io::save_file(&path, &out.project, &io::SaveOptions::default()).expect("a merged file saves");
    let loaded = io::load_file(&path).expect("the loader accepts conflicts").project;
    assert_eq!(loaded.conflicts.len(), 1);
    assert_eq!(loaded.conflicts[0].theirs, Some(serde_json::json!(6800.0)));
    let run = run_cli(&["check", path.to_str().unwrap()], Lang::En);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("[merge-conflict]") && run.stdout.contains("6800"), "{}", run.stdout);
    // Taking theirs: the value goes in and the conflict goes away.
    let resolved = scorecard_studio::model::merge::with_value_at(
        &loaded,
        &loaded.conflicts[0].path,
        loaded.conflicts[0].theirs.clone(),
    )
    .expect("the value fits");
    assert_eq!(kpi(&resolved, "kpi-5").target, Some(6800.0));
}

#[test]
fn a_version_6_file_opens_and_a_version_6_file_with_conflicts_is_refused() {
    let bytes = std::fs::read(common::sample("retail-chain.json")).unwrap();
    let mut tree: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    tree["version"] = 6.into();
    let parsed = io::parse_project(&serde_json::to_vec(&tree).unwrap()).expect("v6 opens");
    assert!(parsed.notices.iter().any(|n| matches!(n, io::LoadNotice::Migrated { from: 6 })));
    tree["conflicts"] = serde_json::json!([]);
    match io::parse_project(&serde_json::to_vec(&tree).unwrap()) {
        Err(io::LoadError::Migration { from: 6, problems }) => assert_eq!(problems[0].path, "conflicts"),
        other => panic!("{:?}", other.map(|_| ())),
    }
}

/// The acceptance scenario: packs to three departments, two of them change the same company
/// target, merged back with exactly one conflict.
#[test]
fn three_department_packs_merge_back_with_one_conflict_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let company = dir.path().join("company.json");
    std::fs::copy(common::sample("manufacturer-kra.json"), &company).unwrap();
    let c = company.to_str().unwrap();
    for d in ["dept-6", "dept-9", "dept-4"] {
        let out = dir.path().join(format!("{d}.json"));
        let run = run_cli(&["pack", c, "--department", d, "-o", out.to_str().unwrap()], Lang::En);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let pack = io::load_file(&out).unwrap().project;
        assert_eq!(pack.pack.as_ref().unwrap().department.as_str(), d);
        assert!(
            pack.kpis
                .iter()
                .all(|k| { k.department.as_ref().is_none_or(|x| x.as_str() == d || x.as_str() == "dept-1") })
        );
    }
    // A pack holds its unit's KPIs and the company KPIs they decompose, and nothing else.
    let p6 = io::load_file(&dir.path().join("dept-6.json")).unwrap().project;
    let ids: Vec<&str> = p6.kpis.iter().map(|k| k.id.as_str()).collect();
    assert_eq!(ids, ["kpi-5", "kpi-6", "kpi-32", "kpi-33"]);
    let edit = |d: &str, f: &dyn Fn(&mut Project)| {
        let path = dir.path().join(format!("{d}.json"));
        let mut p = io::load_file(&path).unwrap().project;
        f(&mut p);
        io::save_file(&path, &p, &io::SaveOptions::default()).unwrap();
    };
    edit("dept-6", &|p| {
        kpi_mut(p, "kpi-32").weight = 70.0;
        kpi_mut(p, "kpi-33").weight = 30.0;
        kpi_mut(p, "kpi-32").target = Some(2000.0);
        kpi_mut(p, "kpi-5").target = Some(6500.0);
    });
    edit("dept-9", &|p| {
        kpi_mut(p, "kpi-38").target = Some(4500.0);
        kpi_mut(p, "kpi-5").target = Some(6800.0);
    });
    edit("dept-4", &|p| {
        kpi_mut(p, "kpi-26").weight = 40.0;
        kpi_mut(p, "kpi-28").weight = 35.0;
        let s = kpi_mut(p, "kpi-27").series.iter_mut().find(|s| s.actual.is_some()).unwrap();
        s.actual = Some(77.0);
    });
    // Meanwhile the consultant changes something else in the company file.
    let mut mine = io::load_file(&company).unwrap().project;
    kpi_mut(&mut mine, "kpi-1").weight = 55.0;
    io::save_file(&company, &mine, &io::SaveOptions::default()).unwrap();

    let mut codes = Vec::new();
    for d in ["dept-6", "dept-4", "dept-9"] {
        let pack = dir.path().join(format!("{d}.json"));
        let run = run_cli(&["merge-pack", c, pack.to_str().unwrap(), "-o", c], Lang::En);
        codes.push(run.code);
        assert!(run.stderr.is_empty(), "{}", run.stderr);
    }
    assert_eq!(codes, [0, 0, 1], "only the third pack conflicts");
    let merged = io::load_file(&company).unwrap().project;
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(merged.conflicts[0].path, "kpis[kpi-5].target");
    assert_eq!(merged.conflicts[0].from, "国内销售经理");
    assert_eq!(kpi(&merged, "kpi-5").target, Some(6500.0), "mine kept until resolved");
    assert_eq!(kpi(&merged, "kpi-32").weight, 70.0);
    assert_eq!(kpi(&merged, "kpi-32").target, Some(2000.0));
    assert_eq!(kpi(&merged, "kpi-38").target, Some(4500.0));
    assert_eq!(kpi(&merged, "kpi-26").weight, 40.0);
    assert!(kpi(&merged, "kpi-27").series.iter().any(|s| s.actual == Some(77.0)));
    assert_eq!(kpi(&merged, "kpi-1").weight, 55.0, "the consultant's own change stays");
    assert!(merged.pack.is_none());
    // The result passes check but for the recorded conflict.
    let run = run_cli(&["check", c, "--json"], Lang::En);
    let findings: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let errors: Vec<&str> = findings
        .pointer("/0/findings")
        .or(findings.get("findings"))
        .and_then(|f| f.as_array())
        .map(|a| a.iter().filter(|f| f["severity"] == "error").filter_map(|f| f["code"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(errors, ["merge-conflict"], "{}", run.stdout);
}

#[test]
fn bad_inputs_exit_2_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let good = common::sample("retail-chain.json");
    let g = good.to_str().unwrap();
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, b"{\"format\": \"scorecard-studio\", \"version\": 7, ").unwrap();
    let out = dir.path().join("out.json");
    let o = out.to_str().unwrap();
    let run = run_cli(&["merge", g, g, broken.to_str().unwrap(), "-o", o], Lang::En);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("broken.json"), "{}", run.stderr);
    assert!(!out.exists());
    let run = run_cli(&["merge-pack", g, g, "-o", o], Lang::En);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("not a department pack"), "{}", run.stderr);
    let run = run_cli(&["pack", g, "--department", "nowhere", "-o", o], Lang::Zh);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("nowhere"), "{}", run.stderr);
    assert!(!out.exists());
    let run = run_cli(&["git-setup", dir.path().to_str().unwrap()], Lang::En);
    assert_eq!(run.code, 2, "not a repository");
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .expect("git runs");
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

/// A real repository: two branches edit different KPIs and merge cleanly through the driver; a
/// third edits the same target and leaves a valid file with the conflict recorded.
#[test]
fn git_merges_project_files_by_meaning_once_set_up() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "main"]);
    let file = repo.join("plan.json");
    let save = |p: &Project| io::save_file(&file, p, &io::SaveOptions::default()).unwrap();
    let load = || io::load_file(&file).unwrap().project;
    save(&base());
    std::fs::remove_file(io::project_file::backup_path(&file)).ok();
    let bin = env!("CARGO_BIN_EXE_scorecard-studio");
    let setup = Command::new(bin).args(["git-setup", repo.to_str().unwrap()]).output().unwrap();
    assert!(setup.status.success(), "{}", String::from_utf8_lossy(&setup.stderr));
    assert!(std::fs::read_to_string(repo.join(".gitattributes")).unwrap().contains("*.json merge=scorecard"));
    assert!(git(repo, &["config", "merge.scorecard.driver"]).contains("merge %O %A %B -o %A"));
    std::fs::write(repo.join(".gitignore"), "*.bak\n").unwrap();
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-qm", "base"]);

    git(repo, &["checkout", "-qb", "production"]);
    let mut p = load();
    kpi_mut(&mut p, "kpi-26").target = Some(97.0);
    kpi_mut(&mut p, "kpi-5").target = Some(6500.0);
    save(&p);
    git(repo, &["commit", "-qam", "production"]);

    git(repo, &["checkout", "-q", "main"]);
    git(repo, &["checkout", "-qb", "quality"]);
    let mut p = load();
    kpi_mut(&mut p, "kpi-29").target = Some(99.0);
    save(&p);
    git(repo, &["commit", "-qam", "quality"]);

    git(repo, &["checkout", "-q", "main"]);
    git(repo, &["checkout", "-qb", "sales"]);
    let mut p = load();
    kpi_mut(&mut p, "kpi-5").target = Some(6800.0);
    save(&p);
    git(repo, &["commit", "-qam", "sales"]);

    git(repo, &["checkout", "-q", "production"]);
    let said = git(repo, &["merge", "--no-edit", "quality"]);
    assert!(!said.contains("CONFLICT"), "{said}");
    let merged = load();
    assert_eq!(kpi(&merged, "kpi-26").target, Some(97.0));
    assert_eq!(kpi(&merged, "kpi-29").target, Some(99.0));
    assert!(merged.conflicts.is_empty());

    let said = git(repo, &["merge", "--no-edit", "sales"]);
    assert!(said.contains("CONFLICT"), "git reports the conflict: {said}");
    let merged = load();
    assert_eq!(kpi(&merged, "kpi-5").target, Some(6500.0), "ours kept");
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(merged.conflicts[0].path, "kpis[kpi-5].target");
    assert_eq!(merged.conflicts[0].theirs, Some(serde_json::json!(6800.0)));
    assert!(!std::fs::read_to_string(&file).unwrap().contains("<<<<<<<"), "no text markers");

    // Other JSON files in the repository still merge as text through the same driver.
    git(repo, &["commit", "-qam", "resolved by keeping ours"]);
    std::fs::write(repo.join("settings.json"), "{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3\n}\n").unwrap();
    git(repo, &["add", "settings.json"]);
    git(repo, &["commit", "-qm", "settings"]);
    git(repo, &["checkout", "-qb", "other"]);
    std::fs::write(repo.join("settings.json"), "{\n  \"a\": 10,\n  \"b\": 2,\n  \"c\": 3\n}\n").unwrap();
    git(repo, &["commit", "-qam", "a"]);
    git(repo, &["checkout", "-q", "production"]);
    std::fs::write(repo.join("settings.json"), "{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 30\n}\n").unwrap();
    git(repo, &["commit", "-qam", "c"]);
    let said = git(repo, &["merge", "--no-edit", "other"]);
    assert!(!said.contains("CONFLICT"), "{said}");
    let text = std::fs::read_to_string(repo.join("settings.json")).unwrap();
    assert!(text.contains("\"a\": 10") && text.contains("\"c\": 30"), "{text}");
}

/// Random edits of a small project on two sides.
#[derive(Clone, Debug)]
enum Change {
    Target(usize, f64),
    Weight(usize, f64),
    Actual(usize, usize, f64),
    DeleteKpi(usize),
    AddKpi(usize),
    Rename(usize),
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (0..12usize, 1.0..100.0f64).prop_map(|(k, v)| Change::Target(k, v.round())),
        (0..12usize, 1.0..100.0f64).prop_map(|(k, v)| Change::Weight(k, v.round())),
        (0..12usize, 0..6usize, 0.0..100.0f64).prop_map(|(k, m, v)| Change::Actual(k, m, v.round())),
        (0..12usize).prop_map(Change::DeleteKpi),
        (0..12usize).prop_map(Change::AddKpi),
        (0..12usize).prop_map(Change::Rename),
    ]
}

fn apply(p: &mut Project, changes: &[Change], side: &str) {
    for c in changes {
        let n = p.kpis.len();
        if n == 0 {
            return;
        }
        match *c {
            Change::Target(k, v) => p.kpis[k % n].target = Some(v),
            Change::Weight(k, v) => p.kpis[k % n].weight = v,
            Change::Actual(k, m, v) => {
                // An existing period: a new one would have to fit the KPI's frequency.
                let kpi = &mut p.kpis[k % n];
                let len = kpi.series.len();
                if len > 0 {
                    kpi.series[m % len].actual = Some(v);
                }
            }
            Change::DeleteKpi(k) => {
                let id = p.kpis[k % n].id.clone();
                p.kpis.remove(k % n);
                p.initiatives.iter_mut().for_each(|i| i.kpis.retain(|x| x != &id));
            }
            Change::AddKpi(k) => {
                let mut new = p.kpis[k % n].clone();
                let next = ids::next_number("kpi", p.kpis.iter().map(|k| k.id.as_str()));
                new.id = KpiId::numbered(next);
                new.code = format!("{side}{next}");
                new.cascade = None;
                p.kpis.push(new);
            }
            Change::Rename(k) => p.kpis[k % n].name = format!("{} ({side})", p.kpis[k % n].name),
        }
    }
}

fn small_base() -> Project {
    let mut p = load_sample("logistics-en.json");
    p.kpis.truncate(12);
    let ids: Vec<KpiId> = p.kpis.iter().map(|k| k.id.clone()).collect();
    p.initiatives.iter_mut().for_each(|i| i.kpis.retain(|k| ids.contains(k)));
    for k in &mut p.kpis {
        if matches!(&k.cascade, Some(Cascade::Decompose { parent, .. }) if !ids.contains(parent)) {
            k.cascade = None;
        }
    }
    assert!(validate(&p).is_empty());
    p
}

/// Collections sorted by id and conflicts by path: the merge's order of two sides' concurrent
/// insertions, and which side a conflict calls ours, are the only things a swap may change.
fn normalised(mut p: Project) -> Project {
    p.kpis.sort_by(|a, b| a.id.cmp(&b.id));
    p.conflicts.clear();
    p
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn merge_laws_hold(xs in prop::collection::vec(change(), 0..6), ys in prop::collection::vec(change(), 0..6)) {
        let b = small_base();
        let (mut x, mut y) = (b.clone(), b.clone());
        apply(&mut x, &xs, "x");
        apply(&mut y, &ys, "y");
        // merge(base, x, base) = x and merge(base, base, y) = y.
        let left = merge(&b, &x, &b, "b");
        prop_assert!(left.is_clean());
        prop_assert_eq!(&left.project, &x);
        let right = merge(&b, &b, &y, "y");
        prop_assert!(right.is_clean());
        prop_assert_eq!(&right.project, &y);
        // The result always loads.
        let xy = merge(&b, &x, &y, "y");
        prop_assert!(validate(&xy.project).is_empty(), "{:?}", validate(&xy.project));
        let bytes = io::project_to_bytes(&xy.project);
        prop_assert!(io::parse_project(&bytes).is_ok());
        // Symmetric up to which side a conflict keeps: without conflicts, the same document
        // (ids renumbered on a clash differ by side, so only clash-free runs compare).
        let yx = merge(&b, &y, &x, "x");
        let mut paths_xy: Vec<&str> = xy.conflicts.iter().map(|c| c.path.as_str()).collect();
        let mut paths_yx: Vec<&str> = yx.conflicts.iter().map(|c| c.path.as_str()).collect();
        paths_xy.sort();
        paths_yx.sort();
        if xy.renamed.is_empty() {
            prop_assert_eq!(paths_xy, paths_yx);
            if xy.is_clean() {
                prop_assert_eq!(normalised(xy.project), normalised(yx.project));
            }
        }
    }
}

/// A pack carries the data elements its computed KPIs read (the company rate's too), and counts
/// the head enters come back with the rates computed from them.
#[test]
fn a_pack_carries_the_counts_its_rates_are_computed_from() {
    let company = load_sample("retail-chain.json");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
    let pack =
        scorecard_studio::model::pack::make_pack(&company, "dept-2", "retail-chain.json", today).unwrap();
    let kpis: Vec<&str> = pack.kpis.iter().map(|k| k.id.as_str()).collect();
    assert!(kpis.contains(&"kpi-5") && kpis.contains(&"kpi-20"), "{kpis:?}");
    let elements: Vec<&str> = pack.elements.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(elements, ["el-1", "el-2", "el-5", "el-6"]);
    assert!(validate(&pack).is_empty(), "{:?}", validate(&pack));
    // The head doubles the first month's entering customers of 华东区.
    let mut back = pack.clone();
    let e2 = back.elements.iter_mut().find(|e| e.id.as_str() == "el-2").unwrap();
    let first = e2.series[0].date;
    e2.series[0].value *= 2.0;
    let doubled = e2.series[0].value;
    let out = io::merge::merge_returned_pack(&company, &back).unwrap();
    assert!(out.is_clean(), "{:?}", out.conflicts);
    let merged = &out.project;
    let e2 = merged.elements.iter().find(|e| e.id.as_str() == "el-2").unwrap();
    assert_eq!(e2.series[0].value, doubled);
    let rate = |p: &Project| kpi(p, "kpi-20").period(first).and_then(|s| s.actual);
    assert!(rate(merged).unwrap() < rate(&company).unwrap(), "the rate is computed again from the counts");
    assert!(merged.pack.is_none() && merged.conflicts.is_empty());
}
