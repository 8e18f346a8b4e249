//! `scorecard-studio replan FILE --kpi CODE --as-of DATE`: the targets for the periods still to
//! come that bring the horizon back to its target (the window's Re-plan panel), printed and,
//! with `-o`, written into a copy of the project.

use super::{EXIT_OK, EXIT_UNREADABLE, print_load_error};
use crate::i18n::{Lang, T};
use crate::io;
use crate::model::lint::format_number as n;
use crate::score::replan::{self, Spread};
use serde_json::json;
use std::io::Write;
use std::path::Path;

/// How far the re-planned horizon reaches, on the command line.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum HorizonArg {
    Year,
    Quarter,
    Month,
}

impl HorizonArg {
    fn months(self) -> u32 {
        match self {
            HorizonArg::Year => 12,
            HorizonArg::Quarter => 3,
            HorizonArg::Month => 1,
        }
    }
}

/// Spreads on the command line.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpreadArg {
    Even,
    Season,
}

pub struct ReplanArgs<'a> {
    pub file: &'a Path,
    pub kpi: &'a str,
    pub as_of: &'a str,
    pub horizon: HorizonArg,
    pub spread: SpreadArg,
    /// Percent of the horizon's target to reach.
    pub level: f64,
    pub json: bool,
    pub output: Option<&'a Path>,
}

/// Exit codes: 0 a plan was made (and written with `-o`); 2 the file, KPI or date is wrong, the
/// KPI has no target or nothing is left to plan, or the output could not be written.
pub fn run(args: ReplanArgs, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    let mut project = match io::load_file(args.file) {
        Ok(l) => l.project,
        Err(e) => {
            print_load_error(err, args.file, &e, lang)?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    let Some(k) = project
        .kpis
        .iter()
        .position(|k| k.id.as_str() == args.kpi)
        .or_else(|| project.kpis.iter().position(|k| !k.code.is_empty() && k.code == args.kpi))
    else {
        writeln!(err, "{}", crate::tr!(lang, NoItemWithId, id = args.kpi))?;
        return Ok(EXIT_UNREADABLE);
    };
    let Ok(as_of) = chrono::NaiveDate::parse_from_str(args.as_of, "%Y-%m-%d") else {
        writeln!(err, "{}", crate::tr!(lang, NotADate, text = args.as_of))?;
        return Ok(EXIT_UNREADABLE);
    };
    if !(args.level.is_finite() && args.level > 0.0 && args.level <= 1000.0) {
        writeln!(err, "{}", crate::tr!(lang, ReplanBadLevel, level = args.level))?;
        return Ok(EXIT_UNREADABLE);
    }
    let spread = match args.spread {
        SpreadArg::Even => Spread::Evenly,
        SpreadArg::Season => Spread::Seasonality,
    };
    let horizon = replan::horizon_of(as_of, args.horizon.months());
    let kpi = &project.kpis[k];
    let plan = match replan::replan(&project, kpi, horizon, as_of, spread, args.level / 100.0) {
        Ok(plan) => plan,
        Err(e) => {
            writeln!(err, "{} {}: {}", kpi.id, kpi.label(), e.describe(lang))?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    let goal = plan.horizon_target * plan.level;
    if args.json {
        let v = json!({
            "kpi": { "id": kpi.id.as_str(), "code": kpi.code, "name": kpi.name, "unit": kpi.unit },
            "as_of": as_of.to_string(),
            "horizon": { "start": plan.horizon.start.to_string(), "end": plan.horizon.end.to_string() },
            "horizon_target": plan.horizon_target,
            "level": plan.level,
            "goal": goal,
            "done": plan.done,
            "reported": plan.reported,
            "already_reached": plan.already_reached,
            "periods": plan.periods.iter().map(|p| json!({
                "start": p.start.to_string(), "old_target": p.old_target, "new_target": p.new_target,
            })).collect::<Vec<_>>(),
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&v).unwrap_or_default())?;
    } else {
        writeln!(out, "{} {} — {} … {}", kpi.id, kpi.label(), plan.horizon.start, plan.horizon.end)?;
        writeln!(
            out,
            "{}",
            crate::tr!(
                lang,
                ReplanSoFar,
                target = n(plan.horizon_target),
                level = n(plan.level * 100.0),
                goal = n(goal),
                done = plan.done.map(n).unwrap_or_else(|| "0".into()),
                periods = plan.reported
            )
        )?;
        if plan.already_reached {
            writeln!(out, "{}", T::ReplanReached.get(lang))?;
        }
        // Padded by display width: a Chinese character takes two columns.
        let width = |t: &str| unicode_width::UnicodeWidthStr::width(t);
        let (period, current, proposed) =
            (T::Period.get(lang), T::ReplanCurrent.get(lang), T::ReplanProposed.get(lang));
        writeln!(
            out,
            "{period}{} {}{current} {}{proposed}",
            " ".repeat(12usize.saturating_sub(width(period))),
            " ".repeat(16usize.saturating_sub(width(current))),
            " ".repeat(16usize.saturating_sub(width(proposed))),
        )?;
        for p in &plan.periods {
            writeln!(
                out,
                "{:<12} {:>16} {:>16}",
                p.start.to_string(),
                p.old_target.map(n).unwrap_or_else(|| "—".into()),
                n(p.new_target)
            )?;
        }
    }
    if let Some(output) = args.output {
        project.kpis[k] = replan::apply(&project.kpis[k], &plan);
        let options = io::SaveOptions { backup: true, ..Default::default() };
        if let Err(e) = io::save_file(output, &project, &options) {
            writeln!(err, "{}", e.describe(lang))?;
            return Ok(EXIT_UNREADABLE);
        }
        if !args.json {
            writeln!(out, "{}", crate::tr!(lang, ReplanWritten, file = output.display()))?;
        }
    }
    Ok(EXIT_OK)
}
