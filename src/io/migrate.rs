//! Migration of project files written by older versions of the format.
//!
//! Version history:
//! - 1 (the first drafts): a period was `{"period": "2026-03", …}` with the period written as
//!   `YYYY`, `YYYY-Hn`, `YYYY-Qn`, `YYYY-MM` or `YYYY-Www`; a KPI's direction was the boolean
//!   `higher_is_better`; there was no `scoring` section.
//! - 2: periods are identified by their first day (`"date": "2026-03-01"`), `polarity`
//!   is one of three words, and the project carries its scoring settings.
//! - 3: an objective may be `pinned` (placed by hand, kept by auto-layout). Nothing
//!   else changed, so a version-2 file only gets the new number.
//! - 4: an objective may have its own `colour`. A version-3 file only gets the number.
//! - 5: data `elements` and computed KPIs (`expression`, `missing_inputs`,
//!   `evaluate_each_period`). A version-4 file only gets the number.
//! - 6: a period's `commentary` (analysis, cause, action, owner, date) and the
//!   scoring setting `red_needs_commentary`. A version-5 file only gets the number.
//! - 7: `conflicts` left by a merge, and `pack` on a department's pack. A version-6
//!   file only gets the number.
//! - 8 (current): the appraisal year: the change record `history` (changes of targets and
//!   weights, sign-offs, periods closed and reopened), `closed_periods`, and a KPI's `in_force`
//!   (values before a dated change). A version-7 file only gets the number.
//!
//! Migration works on the parsed JSON tree, one version step at a time, and reports what it could
//! not convert with a path, like any other load problem.

use chrono::{Datelike, NaiveDate, Weekday};
use serde_json::{Map, Value};

/// A problem found while migrating, located by path.
#[derive(Debug, Clone, PartialEq)]
pub struct MigrationProblem {
    pub path: String,
    pub message: String,
}

/// Upgrades `root` from `from_version` to the current version in place.
pub fn migrate(root: &mut Value, from_version: u64) -> Result<(), Vec<MigrationProblem>> {
    let mut problems = Vec::new();
    if from_version <= 1 {
        v1_to_v2(root, &mut problems);
    }
    if from_version <= 2 {
        v2_to_v3(root, &mut problems);
    }
    if from_version <= 3 {
        v3_to_v4(root, &mut problems);
    }
    if from_version <= 4 {
        v4_to_v5(root, &mut problems);
    }
    if from_version <= 5 {
        v5_to_v6(root, &mut problems);
    }
    if from_version <= 6 {
        v6_to_v7(root, &mut problems);
    }
    if from_version <= 7 {
        v7_to_v8(root, &mut problems);
    }
    if problems.is_empty() { Ok(()) } else { Err(problems) }
}

/// Version 8 added the change record, closed periods and dated changes; an older file that has
/// them is refused.
fn v7_to_v8(root: &mut Value, problems: &mut Vec<MigrationProblem>) {
    let Some(obj) = root.as_object_mut() else { return };
    obj.insert("version".into(), Value::from(8));
    for key in ["history", "closed_periods"] {
        if obj.contains_key(key) {
            problems.push(MigrationProblem {
                path: key.into(),
                message: format!("\"{key}\" is not part of the format before version 8"),
            });
        }
    }
    if let Some(Value::Array(kpis)) = obj.get("kpis") {
        for (i, k) in kpis.iter().enumerate() {
            if k.get("in_force").is_some() {
                problems.push(MigrationProblem {
                    path: format!("kpis[{i}].in_force"),
                    message: "\"in_force\" is not a key of a KPI before version 8".into(),
                });
            }
        }
    }
}

/// Version 7 added merge conflicts and department packs; an older file that has them is refused.
fn v6_to_v7(root: &mut Value, problems: &mut Vec<MigrationProblem>) {
    let Some(obj) = root.as_object_mut() else { return };
    obj.insert("version".into(), Value::from(7));
    for key in ["conflicts", "pack"] {
        if obj.contains_key(key) {
            problems.push(MigrationProblem {
                path: key.into(),
                message: format!("\"{key}\" is not part of the format before version 7"),
            });
        }
    }
}

/// Version 6 added commentary on periods and `red_needs_commentary`; an older file that has
/// them is refused.
fn v5_to_v6(root: &mut Value, problems: &mut Vec<MigrationProblem>) {
    let Some(obj) = root.as_object_mut() else { return };
    obj.insert("version".into(), Value::from(6));
    if obj.get("scoring").and_then(|s| s.get("red_needs_commentary")).is_some() {
        problems.push(MigrationProblem {
            path: "scoring.red_needs_commentary".into(),
            message: "\"red_needs_commentary\" is not a scoring setting before version 6".into(),
        });
    }
    if let Some(Value::Array(kpis)) = obj.get("kpis") {
        for (i, k) in kpis.iter().enumerate() {
            let Some(Value::Array(series)) = k.get("series") else { continue };
            if let Some(j) = series.iter().position(|p| p.get("commentary").is_some()) {
                problems.push(MigrationProblem {
                    path: format!("kpis[{i}].series[{j}].commentary"),
                    message: "\"commentary\" is not a key of a period before version 6".into(),
                });
            }
        }
    }
}

/// Version 5 added data elements and computed KPIs; an older file that has them is refused.
fn v4_to_v5(root: &mut Value, problems: &mut Vec<MigrationProblem>) {
    let Some(obj) = root.as_object_mut() else { return };
    obj.insert("version".into(), Value::from(5));
    if obj.contains_key("elements") {
        problems.push(MigrationProblem {
            path: "elements".into(),
            message: "\"elements\" is not a key before version 5".into(),
        });
    }
    if let Some(Value::Array(kpis)) = obj.get("kpis") {
        for (i, k) in kpis.iter().enumerate() {
            for key in ["expression", "missing_inputs", "evaluate_each_period"] {
                if k.get(key).is_some() {
                    problems.push(MigrationProblem {
                        path: format!("kpis[{i}].{key}"),
                        message: format!("\"{key}\" is not a key of a KPI before version 5"),
                    });
                }
            }
        }
    }
}

/// Version 4 only added an objective's own `colour`; a version-3 (or older) file that has it is
/// refused, like `pinned` in version 2.
fn v3_to_v4(root: &mut Value, problems: &mut Vec<MigrationProblem>) {
    let Some(obj) = root.as_object_mut() else { return };
    obj.insert("version".into(), Value::from(4));
    if let Some(Value::Array(objectives)) = obj.get("objectives") {
        for (i, o) in objectives.iter().enumerate() {
            if o.get("colour").is_some() {
                problems.push(MigrationProblem {
                    path: format!("objectives[{i}].colour"),
                    message: "\"colour\" is not a key of an objective before version 4".into(),
                });
            }
        }
    }
}

/// Version 3 only added `pinned`; a version-2 file that has it was not written by a version-2
/// program, and is refused rather than guessed at.
fn v2_to_v3(root: &mut Value, problems: &mut Vec<MigrationProblem>) {
    let Some(obj) = root.as_object_mut() else { return };
    obj.insert("version".into(), Value::from(3));
    if let Some(Value::Array(objectives)) = obj.get("objectives") {
        for (i, o) in objectives.iter().enumerate() {
            if o.get("pinned").is_some() {
                problems.push(MigrationProblem {
                    path: format!("objectives[{i}].pinned"),
                    message: "\"pinned\" is not a key of version 2 (it came with version 3)".into(),
                });
            }
        }
    }
}

fn v1_to_v2(root: &mut Value, problems: &mut Vec<MigrationProblem>) {
    let Some(obj) = root.as_object_mut() else { return };
    obj.insert("version".into(), Value::from(2));
    let Some(Value::Array(kpis)) = obj.get_mut("kpis") else { return };
    for (i, kpi) in kpis.iter_mut().enumerate() {
        let Some(kpi) = kpi.as_object_mut() else { continue };
        if let Some(v) = kpi.remove("higher_is_better") {
            match v {
                Value::Bool(true) => {
                    kpi.insert("polarity".into(), "higher_is_better".into());
                }
                Value::Bool(false) => {
                    kpi.insert("polarity".into(), "lower_is_better".into());
                }
                other => problems.push(MigrationProblem {
                    path: format!("kpis[{i}].higher_is_better"),
                    message: format!("expected true or false, found {other}"),
                }),
            }
        }
        if let Some(Value::Array(series)) = kpi.get_mut("series") {
            for (j, period) in series.iter_mut().enumerate() {
                let Some(period) = period.as_object_mut() else { continue };
                migrate_period(period, &format!("kpis[{i}].series[{j}]"), problems);
            }
        }
    }
}

fn migrate_period(period: &mut Map<String, Value>, path: &str, problems: &mut Vec<MigrationProblem>) {
    let Some(label) = period.remove("period") else { return };
    let text = label.as_str().unwrap_or_default();
    match period_label_start(text) {
        Some(date) => {
            period.insert("date".into(), Value::from(date.format("%Y-%m-%d").to_string()));
        }
        None => problems.push(MigrationProblem {
            path: format!("{path}.period"),
            message: format!(
                "{label} is not a period label of version 1 (YYYY, YYYY-Hn, YYYY-Qn, YYYY-MM or YYYY-Www)"
            ),
        }),
    }
}

/// The first day of a version-1 period label.
pub fn period_label_start(label: &str) -> Option<NaiveDate> {
    let (year, rest) = match label.split_once('-') {
        Some((y, r)) => (y.parse::<i32>().ok()?, Some(r)),
        None => (label.parse::<i32>().ok()?, None),
    };
    let month = |m: u32| NaiveDate::from_ymd_opt(year, m, 1);
    match rest {
        None => month(1),
        Some(r) if r.starts_with('H') => match r[1..].parse::<u32>().ok()? {
            n @ 1..=2 => month(1 + (n - 1) * 6),
            _ => None,
        },
        Some(r) if r.starts_with('Q') => match r[1..].parse::<u32>().ok()? {
            n @ 1..=4 => month(1 + (n - 1) * 3),
            _ => None,
        },
        Some(r) if r.starts_with('W') => {
            let week = r[1..].parse::<u32>().ok()?;
            NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)
        }
        Some(r) => {
            let m = r.parse::<u32>().ok()?;
            let d = month(m)?;
            (d.month() == m).then_some(d)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn period_labels() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(period_label_start("2026"), d(2026, 1, 1));
        assert_eq!(period_label_start("2026-H2"), d(2026, 7, 1));
        assert_eq!(period_label_start("2026-Q3"), d(2026, 7, 1));
        assert_eq!(period_label_start("2026-03"), d(2026, 3, 1));
        assert_eq!(period_label_start("2026-W02"), d(2026, 1, 5));
        assert_eq!(period_label_start("2026-13"), None);
        assert_eq!(period_label_start("2026-Q5"), None);
        assert_eq!(period_label_start("soon"), None);
    }

    #[test]
    fn v1_kpi_is_upgraded() {
        let mut v = json!({"version": 1, "kpis": [{"higher_is_better": false,
            "series": [{"period": "2026-02", "actual": 3.0}]}]});
        migrate(&mut v, 1).unwrap();
        assert_eq!(v["version"], crate::io::CURRENT_VERSION, "upgraded through every version");
        assert_eq!(v["kpis"][0]["polarity"], "lower_is_better");
        assert_eq!(v["kpis"][0]["series"][0], json!({"date": "2026-02-01", "actual": 3.0}));
    }

    #[test]
    fn bad_v1_values_are_reported_with_paths() {
        let mut v = json!({"version": 1, "kpis": [{"higher_is_better": "yes",
            "series": [{"period": "Feb"}]}]});
        let problems = migrate(&mut v, 1).unwrap_err();
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].path, "kpis[0].higher_is_better");
        assert_eq!(problems[1].path, "kpis[0].series[0].period");
    }
}
