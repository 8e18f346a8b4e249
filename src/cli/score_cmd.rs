//! `scorecard-studio score`: the whole score tree for a period, or the trace of one item.

use super::{EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, print_load_error};
use crate::i18n::{Lang, T};
use crate::io;
use crate::model::Project;
use crate::model::lint::format_number as n;
use crate::score::trace::{self, TraceDetail, TraceSubject};
use crate::score::{NodeScore, PeriodSpec, ScoreBook, Status, Undefined};
use crate::score::{forecast, weights, why};
use serde_json::{Value, json};
use std::io::Write;
use std::path::Path;

pub struct ScoreArgs<'a> {
    pub file: &'a Path,
    pub period: Option<&'a str>,
    pub as_of: Option<&'a str>,
    pub json: bool,
    pub explain: Option<&'a str>,
}

fn score_json(score: Result<f64, Undefined>) -> Value {
    match score {
        Ok(s) => json!(s),
        Err(_) => Value::Null,
    }
}

fn undefined_json(score: Result<f64, Undefined>, lang: Lang) -> Value {
    match score {
        Ok(_) => Value::Null,
        Err(u) => json!(u.describe(lang)),
    }
}

fn status_json(project: &Project, status: Option<Status>, kpi: Option<&crate::model::Kpi>) -> Value {
    match status {
        Some(s) => json!({ "status": s.key(project, kpi), "colour": s.colour.to_hex() }),
        None => Value::Null,
    }
}

fn node_json(project: &Project, id: &str, name: &str, node: &NodeScore, lang: Lang) -> Value {
    json!({
        "id": id,
        "name": name,
        "score": score_json(node.score),
        "undefined": undefined_json(node.score, lang),
        "status": status_json(project, node.status, None),
        "coverage": { "reported": node.coverage.reported, "total": node.coverage.total, "weight_share": node.coverage.weight_share },
    })
}

/// Runs the command.
pub fn run(args: ScoreArgs, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    let loaded = match io::read_project_bytes(args.file).and_then(|bytes| io::parse_unvalidated(&bytes)) {
        Ok((project, _)) => project,
        Err(e) => {
            print_load_error(err, args.file, &e, lang)?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    let as_of = match args.as_of.map(|d| (d, chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d"))) {
        Some((_, Ok(d))) => Some(d),
        Some((d, Err(_))) => {
            writeln!(err, "\"{d}\" is not a date; write YYYY-MM-DD")?;
            return Ok(EXIT_UNREADABLE);
        }
        None => None,
    };
    // As of a day: the project as it stood then (changes recorded later undone, later periods
    // left out), scored year to date unless a period is named.
    let project = match as_of {
        Some(d) => crate::model::appraisal::as_of(&loaded, d),
        None => loaded,
    };
    let problems = crate::model::validate::validate(&project);
    for p in &problems {
        writeln!(err, "{}: {}", p.path, p.kind.describe(lang))?;
    }
    let period = match (args.period, as_of) {
        (Some(p), _) => match PeriodSpec::parse(p) {
            Ok(p) => p,
            Err(e) => {
                writeln!(err, "{e}")?;
                return Ok(EXIT_UNREADABLE);
            }
        },
        (None, Some(to)) => PeriodSpec::YearToDate { to },
        (None, None) => crate::score::period::current_period(&project, chrono::Local::now().date_naive()),
    };
    let book = ScoreBook::compute(&project, period);
    let code = if problems.is_empty() { EXIT_OK } else { EXIT_FINDINGS };

    if let Some(id) = args.explain {
        let Some(subject) = trace::resolve(&project, id) else {
            writeln!(err, "{}", crate::tr!(lang, NoItemWithId, id = id))?;
            return Ok(EXIT_UNREADABLE);
        };
        let t = trace::explain(&project, &book, &subject);
        let before = ScoreBook::compute(&project, book.period.previous());
        let why = why::why(&project, &book, Some(&before), &subject);
        if args.json {
            let mut v = trace_json(&project, &t, lang);
            v["why"] = why.to_json(&project, lang);
            writeln!(out, "{}", serde_json::to_string_pretty(&v).unwrap_or_default())?;
        } else {
            write!(out, "{}", why.to_text(lang))?;
            writeln!(out, "\n{}", T::HowComputed.get(lang))?;
            write!(out, "{}", t.to_text(&project, lang))?;
        }
        return Ok(code);
    }

    if args.json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&tree_json(&project, &book, lang)).unwrap_or_default()
        )?;
    } else {
        write_tree(&project, &book, lang, out)?;
    }
    Ok(code)
}

fn coverage_text(node: &NodeScore) -> String {
    format!(
        "{}/{} ({} %)",
        node.coverage.reported,
        node.coverage.total,
        n(node.coverage.weight_share * 100.0)
    )
}

fn status_text(
    project: &Project,
    status: Option<Status>,
    kpi: Option<&crate::model::Kpi>,
    lang: Lang,
) -> String {
    status.map(|s| s.label(project, kpi, lang)).unwrap_or_else(|| "—".into())
}

/// Pads `text` to `width` terminal columns (CJK characters take two).
fn pad(text: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

fn write_tree(project: &Project, book: &ScoreBook, lang: Lang, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "{} — {} {}", project.info.name, T::Period2.get(lang), book.period)?;
    let line = |out: &mut dyn Write, indent: usize, label: String, node: &NodeScore| {
        writeln!(
            out,
            "{:indent$}{} {:>12}  {} {}",
            "",
            pad(&label, 46usize.saturating_sub(indent)),
            score_cell(node.score, lang),
            pad(&status_text(project, node.status, None, lang), 6),
            coverage_text(node),
            indent = indent,
        )
    };
    line(out, 0, T::Scorecard.get(lang).into(), &book.scorecard)?;
    for (p, persp) in project.perspectives.iter().enumerate() {
        line(out, 2, persp.name.clone(), &book.perspectives[p])?;
        for &o in &book.index.perspective_objectives[p] {
            let obj = &project.objectives[o];
            line(out, 4, format!("{} {}", obj.id, obj.name), &book.objectives[o])?;
            for &k in &book.index.objective_kpis[o] {
                write_kpi(project, book, k, 6, lang, out)?;
            }
        }
    }
    if !project.departments.is_empty() {
        writeln!(out, "{}", T::Departments.get(lang))?;
        let roots: Vec<usize> =
            (0..project.departments.len()).filter(|&d| book.index.department_parent[d].is_none()).collect();
        let mut stack: Vec<(usize, usize)> = roots.into_iter().rev().map(|d| (d, 2)).collect();
        let mut seen = 0;
        while let Some((d, indent)) = stack.pop() {
            seen += 1;
            if seen > project.departments.len() {
                break;
            }
            let dept = &project.departments[d];
            line(out, indent, format!("{} {}", dept.id, dept.name), &book.departments[d])?;
            for &k in &book.index.department_kpis[d] {
                write_kpi(project, book, k, indent + 2, lang, out)?;
            }
            for &c in book.index.department_children[d].iter().rev() {
                stack.push((c, indent + 2));
            }
        }
    }
    Ok(())
}

fn score_cell(score: Result<f64, Undefined>, lang: Lang) -> String {
    match score {
        Ok(s) => format!("{:.1} %", s),
        Err(u) => pad_left(&format!("— {}", u.short(lang)), 12),
    }
}

fn pad_left(text: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(text);
    format!("{}{text}", " ".repeat(width.saturating_sub(w)))
}

fn write_kpi(
    project: &Project,
    book: &ScoreBook,
    k: usize,
    indent: usize,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let kpi = &project.kpis[k];
    let s = &book.kpis[k];
    let show = |v: Option<f64>| v.map(n).unwrap_or_else(|| "—".into());
    writeln!(
        out,
        "{:indent$}{} {:>12}  {} A {} / T {} {}",
        "",
        pad(&format!("{} {}", kpi.id, kpi.label()), 46usize.saturating_sub(indent)),
        score_cell(s.score, lang),
        pad(&status_text(project, s.status, Some(kpi), lang), 6),
        show(s.aggregate.actual),
        show(s.aggregate.target),
        kpi.unit,
        indent = indent,
    )
}

/// Each item's absolute weight in percent: the product of the relative weight shares from the
/// scorecard (or the top of the department tree) down to it.
struct AbsoluteWeights {
    perspectives: Vec<f64>,
    objectives: Vec<f64>,
    kpis: Vec<f64>,
}

impl AbsoluteWeights {
    fn of(project: &Project) -> Self {
        let perspectives = weights::perspective_shares(project).into_iter().map(|s| s * 100.0).collect();
        let objectives = weights::objective_shares(project).into_iter().map(|s| s * 100.0).collect();
        AbsoluteWeights { perspectives, objectives, kpis: weights::absolute_weights(project) }
    }
}

/// The year-end forecast of a KPI as of the end of the scored period (`null` without two
/// reported periods to draw a trend through).
fn forecast_json(project: &Project, book: &ScoreBook, k: usize) -> Value {
    match forecast::forecast_year_end(project, &project.kpis[k], book.range.end) {
        Some(f) => json!({
            "year": f.year,
            "actual_to_date": f.actual_to_date,
            "value": f.year_end,
            "year_target": f.year_target,
            "reaches": f.reaches,
        }),
        None => Value::Null,
    }
}

fn kpi_json(project: &Project, book: &ScoreBook, k: usize, absolute: &AbsoluteWeights, lang: Lang) -> Value {
    let kpi = &project.kpis[k];
    let s = &book.kpis[k];
    json!({
        "id": kpi.id.as_str(),
        "code": kpi.code,
        "name": kpi.name,
        "score": score_json(s.score),
        "undefined": undefined_json(s.score, lang),
        "status": status_json(project, s.status, Some(kpi)),
        "actual": s.aggregate.actual,
        "target": s.aggregate.target,
        "reported": s.aggregate.reported,
        "expected": s.aggregate.expected,
        "weight": kpi.weight,
        "absolute_weight": absolute.kpis[k],
        "forecast": forecast_json(project, book, k),
    })
}

fn tree_json(project: &Project, book: &ScoreBook, lang: Lang) -> Value {
    let absolute = AbsoluteWeights::of(project);
    let perspectives: Vec<Value> = project
        .perspectives
        .iter()
        .enumerate()
        .map(|(p, persp)| {
            let mut v = node_json(project, persp.id.as_str(), &persp.name, &book.perspectives[p], lang);
            v["absolute_weight"] = json!(absolute.perspectives[p]);
            v["objectives"] = book.index.perspective_objectives[p]
                .iter()
                .map(|&o| {
                    let obj = &project.objectives[o];
                    let mut v = node_json(project, obj.id.as_str(), &obj.name, &book.objectives[o], lang);
                    v["absolute_weight"] = json!(absolute.objectives[o]);
                    v["kpis"] = book.index.objective_kpis[o]
                        .iter()
                        .map(|&k| kpi_json(project, book, k, &absolute, lang))
                        .collect();
                    v
                })
                .collect();
            v
        })
        .collect();
    let departments: Vec<Value> = project
        .departments
        .iter()
        .enumerate()
        .map(|(d, dept)| {
            let mut v = node_json(project, dept.id.as_str(), &dept.name, &book.departments[d], lang);
            v["parent"] = json!(dept.parent.as_ref().map(|p| p.as_str()));
            v["kpis"] = book.index.department_kpis[d]
                .iter()
                .map(|&k| kpi_json(project, book, k, &absolute, lang))
                .collect();
            v
        })
        .collect();
    let mut scorecard = node_json(project, "scorecard", &project.info.name, &book.scorecard, lang);
    scorecard["period"] = json!(book.period.to_string());
    scorecard["perspectives"] = Value::Array(perspectives);
    scorecard["departments"] = Value::Array(departments);
    scorecard
}

fn trace_json(project: &Project, t: &trace::Trace, lang: Lang) -> Value {
    let kpi = match t.subject {
        TraceSubject::Kpi(k) => project.kpis.get(k),
        _ => None,
    };
    let mut v = json!({
        "id": t.id,
        "name": t.name,
        "period": t.period.to_string(),
        "score": score_json(t.score),
        "undefined": undefined_json(t.score, lang),
        "status": status_json(project, t.status, kpi),
        "text": t.to_text(project, lang),
    });
    match &t.detail {
        TraceDetail::Kpi(k) => {
            v["kpi"] = json!({
                "periods": k.periods.iter().map(|(d, a, tg)| json!({"date": d.to_string(), "actual": a, "target": tg})).collect::<Vec<_>>(),
                "aggregation": k.aggregation,
                "actual": k.actual, "target": k.target, "baseline": k.baseline,
                "reported": k.reported, "expected": k.expected, "scale": k.scale,
                "method": k.method, "formula": k.formula, "substituted": k.substituted,
                "raw": k.raw, "clamp": k.clamp.map(|c| json!({"min": c.min, "max": c.max})), "clamped": k.clamped,
            });
            if let Some(c) = &k.computed {
                v["kpi"]["computed"] = json!({
                    "expression": c.expression,
                    "inputs": c.inputs.iter().map(|(name, value)| json!({"name": name, "value": value})).collect::<Vec<_>>(),
                    "substituted": c.substituted,
                    "value": c.result.as_ref().ok(),
                    "undefined": c.result.as_ref().err().map(|e| e.describe(lang)),
                    "each_period": c.each_period,
                    "across": c.across,
                });
            }
        }
        TraceDetail::RollUp(r) => {
            v["roll_up"] = json!({
                "rule": r.rule,
                "missing_data": r.policy,
                "coverage": { "reported": r.coverage.reported, "total": r.coverage.total, "weight_share": r.coverage.weight_share },
                "children": r.children.iter().map(|c| json!({
                    "id": c.id, "name": c.name, "score": score_json(c.score), "weight": c.weight,
                    "share": c.contribution.share, "used": c.contribution.used, "contribution": c.contribution.contribution,
                    "treatment": format!("{:?}", c.contribution.treatment),
                })).collect::<Vec<_>>(),
            });
        }
    }
    v
}
