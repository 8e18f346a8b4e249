//! The headless commands of the `scorecard-studio` binary. Each writes to the given streams and
//! returns the process exit code, so tests can run them without spawning a process.
//!
//! Exit codes are shared: 0 = fine, 1 = the project has errors, 2 = a file could not be read or
//! parsed (or the command line was wrong).

use crate::i18n::{Lang, T};
use crate::io::{self, LoadError};
use crate::model::lint::{self, Finding, Severity, Subject};
use crate::model::synthetic::{SyntheticSpec, generate};
use clap::{Parser, Subcommand};

mod export_cmd;
mod import_cmd;
mod layout_cmd;
mod merge_cmd;
mod replan_cmd;
mod report_cmd;
mod score_cmd;
use std::io::Write;
use std::path::{Path, PathBuf};

pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_UNREADABLE: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "scorecard-studio",
    version,
    about = "Scorecard Studio (平衡计分卡设计器): design balanced scorecards, strategy maps and KPIs"
)]
pub struct Cli {
    /// Project file to open in the window.
    pub file: Option<PathBuf>,
    /// Language of messages and of the window: zh or en (default: the system locale).
    #[arg(long, global = true, value_parser = parse_lang)]
    pub lang: Option<Lang>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check project files: structure, SMART KPIs, weights, links, cascade.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print the findings as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print the JSON Schema of the project file format.
    Schema,
    /// Write a valid synthetic project of any size (for tests and benchmarks).
    Generate {
        #[arg(long, default_value_t = 100)]
        kpis: usize,
        #[arg(long, default_value_t = 5)]
        departments: usize,
        #[arg(long, default_value_t = 24)]
        periods: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Make this many of the KPIs computed, each a rate of two data elements.
        #[arg(long, default_value_t = 0)]
        computed: usize,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Print every score (scorecard, perspectives, objectives, KPIs, departments) for a period.
    Score {
        file: PathBuf,
        /// The period: YYYY-MM, YYYY-Qn, YYYY-Hn, YYYY, or YTD:YYYY-MM-DD / QTD:YYYY-MM-DD
        /// (default: the latest month with data).
        #[arg(long)]
        period: Option<String>,
        /// As of this day (YYYY-MM-DD): the project as it stood then (changes to targets and
        /// weights recorded later undone, later periods left out), year to date unless --period
        /// is given.
        #[arg(long = "as-of")]
        as_of: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Print how the score of one item (an id, a KPI code, or "scorecard") was made.
        #[arg(long, value_name = "ID")]
        explain: Option<String>,
    },
    /// Export pictures and documents.
    Export {
        #[command(subcommand)]
        what: ExportCommand,
    },
    /// Import actuals (and period targets) from a CSV or Excel file into a project, writing the
    /// result to OUT. Rows that cannot be imported are listed with their row numbers; the rest
    /// are imported (with --strict, nothing is written when any row is rejected).
    Import {
        file: PathBuf,
        /// The CSV (UTF-8 or GBK) or Excel file with the values: long format (KPI, period,
        /// actual, target) or wide format (one column per period).
        #[arg(long, value_name = "IN")]
        actuals: PathBuf,
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: PathBuf,
        /// The sheet to read (name or 1-based number; default: the first that has a header).
        #[arg(long)]
        sheet: Option<String>,
        /// In wide format, the period columns hold targets instead of actuals.
        #[arg(long)]
        targets: bool,
        /// Write nothing if any row is rejected.
        #[arg(long)]
        strict: bool,
        /// Read values between -1 and 1 of KPIs measured in % as fractions (x100), as Excel
        /// stores cells formatted as percentages (0.85 for 85 %).
        #[arg(long)]
        percent_fractions: bool,
    },
    /// Rewrite a project file in the canonical layout (what Save writes), upgrading old versions.
    Fmt {
        file: PathBuf,
        /// Write here instead of replacing FILE.
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
    },
    /// The monthly review pack as a PDF (A4 landscape, the font embedded), or as one HTML file
    /// with the same pages when OUT ends in .html: cover, contents, the
    /// strategy map with status, the scorecard, each red and amber KPI with its trend, forecast,
    /// commentary and why, the initiatives and every department's scorecard.
    Report {
        file: PathBuf,
        /// The period: YYYY-MM, YYYY-Qn, YYYY-Hn, YYYY (default: the latest month with data).
        #[arg(long)]
        period: Option<String>,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// Only this unit and its sub-units in the KPI, department and appendix sections (its id
        /// or name).
        #[arg(long, value_name = "UNIT")]
        department: Option<String>,
        /// The sections, comma-separated: cover, map, scorecard, kpis, initiatives, departments,
        /// appendix, or all (default: all but the appendix).
        #[arg(long)]
        sections: Option<String>,
    },
    /// Re-plan a KPI that is behind: targets for the periods still to come (not reported by
    /// --as-of) that bring the horizon back to its target, or to --level percent of it. Prints
    /// them; with -o, writes the project with them to OUT.
    Replan {
        file: PathBuf,
        /// The KPI: its code or id.
        #[arg(long)]
        kpi: String,
        /// The day the plan is made (YYYY-MM-DD): periods ended by then with an actual are done.
        #[arg(long = "as-of")]
        as_of: String,
        /// Until the end of the year, quarter or month containing --as-of.
        #[arg(long, value_enum, default_value_t = replan_cmd::HorizonArg::Year)]
        horizon: replan_cmd::HorizonArg,
        /// The same target in each remaining period, or in proportion to last year's actuals.
        #[arg(long, value_enum, default_value_t = replan_cmd::SpreadArg::Even)]
        spread: replan_cmd::SpreadArg,
        /// The percentage of the horizon's target to reach (100, 95, 85 or any other).
        #[arg(long, default_value_t = 100.0)]
        level: f64,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Write the project with the proposed targets here.
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// How readable the strategy map is: link crossings, links through boxes, overlapping boxes
    /// and labels, arrows sharing an end point — as saved, or after auto-layout with --auto.
    Layout {
        file: PathBuf,
        /// Lay the map out first (the window's Auto-layout).
        #[arg(long)]
        auto: bool,
        /// With --auto, each strategic theme as a column through the bands (Auto-layout by theme).
        #[arg(long, requires = "auto")]
        by_theme: bool,
        /// Print {"crossings", "links_through_boxes", "box_overlaps", "label_overlaps", "shared_ports"}.
        #[arg(long)]
        json: bool,
        /// With --auto, write the laid-out project here.
        #[arg(short = 'o', long = "output", requires = "auto")]
        output: Option<PathBuf>,
        /// Measure the map with its links drawn as curves or as right-angled runs.
        #[arg(long, value_enum, default_value_t = LinksArg::Curved)]
        links: LinksArg,
    },
    /// Three-way merge of a project by meaning: items matched by id, periods by date, edits to
    /// different fields combined. Conflicts keep OURS and are recorded in the file (check reports
    /// them). Exit 0 when clean, 1 with conflicts, 2 when an input cannot be read.
    Merge {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: PathBuf,
        /// Print what came in and the conflicts as JSON.
        #[arg(long)]
        json: bool,
        /// How the other side is named in the conflicts (git passes the file's path).
        #[arg(long)]
        name: Option<String>,
    },
    /// Write a department's pack: its KPIs, the company KPIs they decompose, their data elements,
    /// actuals and initiatives, with the company map as read-only context.
    Pack {
        file: PathBuf,
        /// The department or role: its id or name.
        #[arg(long, value_name = "UNIT")]
        department: String,
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: PathBuf,
    },
    /// Bring a department's returned pack back into the company file (the same merge; exit codes
    /// as merge).
    MergePack {
        file: PathBuf,
        pack: PathBuf,
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Start next year's project from this one: the same map, KPIs, elements, units, weights
    /// and open initiatives; actuals and commentary cleared; baselines from this year's results;
    /// the change record and sign-offs restarted.
    Rollover {
        file: PathBuf,
        /// The new year.
        #[arg(long)]
        year: i32,
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: PathBuf,
        /// Next year's targets: keep (this year's), last-actual (this year's results), or
        /// grow:N% (this year's grown by N percent).
        #[arg(long, default_value = "keep", value_name = "RULE")]
        targets: String,
    },
    /// Set up a git repository so that `git merge` merges project files by meaning
    /// (.gitattributes and the merge driver in the repository's config).
    GitSetup {
        /// The repository (default: the current folder).
        #[arg(default_value = ".")]
        repo: PathBuf,
    },
}

/// Link styles on the command line.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinksArg {
    Curved,
    Orthogonal,
}

impl LinksArg {
    fn style(self) -> io::map_layout::LinkStyle {
        match self {
            LinksArg::Curved => io::map_layout::LinkStyle::Curved,
            LinksArg::Orthogonal => io::map_layout::LinkStyle::Orthogonal,
        }
    }
}

/// Paper sizes on the command line.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaperArg {
    A4,
    A3,
}

#[derive(Subcommand, Debug)]
pub enum ExportCommand {
    /// The strategy map as SVG (vector, the font embedded), PNG or PDF (vector, A4 or A3
    /// landscape, the font embedded), by the output's extension.
    Map {
        file: PathBuf,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// The period whose statuses badge the objectives (default: the latest month with data).
        #[arg(long)]
        period: Option<String>,
        /// PNG pixels per map unit (3 ≈ print resolution for A3 landscape).
        #[arg(long, default_value_t = 3.0)]
        scale: f32,
        /// PDF paper, landscape.
        #[arg(long, value_enum, default_value_t = PaperArg::A4)]
        paper: PaperArg,
        /// SVG: draw text as outlines instead of embedding the font.
        #[arg(long)]
        text_as_paths: bool,
        /// The map with KPIs: list each objective's KPIs (code, name, actual / target, status).
        #[arg(long)]
        kpis: bool,
        /// Links as smooth curves or as right-angled runs.
        #[arg(long, value_enum, default_value_t = LinksArg::Curved)]
        links: LinksArg,
    },
    /// The scorecard and its actuals as an Excel workbook (.xlsx: KPIs with scores, actuals in
    /// long format, monthly actuals side by side) or the actuals as CSV (.csv, UTF-8 with BOM).
    Data {
        file: PathBuf,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// The period whose scores the workbook shows (default: the latest month with data).
        #[arg(long)]
        period: Option<String>,
    },
    /// Performance contracts (绩效合同) as printable HTML, one file per department or role that
    /// carries KPIs, written into DIR.
    Contracts {
        file: PathBuf,
        #[arg(short = 'o', long = "output", value_name = "DIR")]
        output: PathBuf,
        /// The appraisal period whose scores and grades are filled in (default: the latest month
        /// with data).
        #[arg(long)]
        period: Option<String>,
        /// Only this unit: its id (dept-3) or its name.
        #[arg(long, value_name = "UNIT")]
        department: Option<String>,
    },
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    match s.to_ascii_lowercase().as_str() {
        "zh" | "cn" | "zh-cn" | "chinese" | "中文" => Ok(Lang::Zh),
        "en" | "english" => Ok(Lang::En),
        _ => Err(format!("unknown language \"{s}\"; use zh or en")),
    }
}

/// Runs a headless command. `None` is never passed here: the GUI is started by `main`.
pub fn run(command: Command, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let result = match command {
        Command::Check { files, json } => check(&files, json, lang, out),
        Command::Schema => write!(out, "{}", io::schema::project_schema_text()).map(|_| EXIT_OK),
        Command::Generate { kpis, departments, periods, seed, computed, output } => {
            let mut project = generate(SyntheticSpec { kpis, departments, periods, seed });
            crate::model::synthetic::add_computed(&mut project, computed, seed);
            match io::save_file(&output, &project, &io::SaveOptions::default()) {
                Ok(stamp) => writeln!(
                    out,
                    "{}: {} KPIs, {} departments, {} periods, {} bytes",
                    output.display(),
                    kpis,
                    departments,
                    periods,
                    stamp.len
                )
                .map(|_| EXIT_OK),
                Err(e) => writeln!(err, "{}", e.describe(lang)).map(|_| EXIT_UNREADABLE),
            }
        }
        Command::Score { file, period, as_of, json, explain } => score_cmd::run(
            score_cmd::ScoreArgs {
                file: &file,
                period: period.as_deref(),
                as_of: as_of.as_deref(),
                json,
                explain: explain.as_deref(),
            },
            lang,
            out,
            err,
        ),
        Command::Export { what } => export_cmd::run(what, lang, out, err),
        Command::Import { file, actuals, output, sheet, targets, strict, percent_fractions } => {
            import_cmd::run(
                import_cmd::ImportArgs {
                    file: &file,
                    actuals: &actuals,
                    output: &output,
                    sheet: sheet.as_deref(),
                    targets,
                    strict,
                    percent_fractions,
                },
                lang,
                out,
                err,
            )
        }
        Command::Replan { file, kpi, as_of, horizon, spread, level, json, output } => replan_cmd::run(
            replan_cmd::ReplanArgs {
                file: &file,
                kpi: &kpi,
                as_of: &as_of,
                horizon,
                spread,
                level,
                json,
                output: output.as_deref(),
            },
            lang,
            out,
            err,
        ),
        Command::Report { file, period, output, department, sections } => report_cmd::run(
            report_cmd::ReportArgs {
                file: &file,
                period: period.as_deref(),
                output: &output,
                department: department.as_deref(),
                sections: sections.as_deref(),
            },
            lang,
            out,
            err,
        ),
        Command::Fmt { file, output } => fmt(&file, output.as_deref(), lang, out, err),
        Command::Layout { file, auto, by_theme, json, output, links } => {
            let how = match (auto, by_theme) {
                (false, _) => None,
                (true, false) => Some(layout_cmd::How::Auto),
                (true, true) => Some(layout_cmd::How::ByTheme),
            };
            let measure = layout_cmd::Measure { how, links: links.style() };
            layout_cmd::run(&file, measure, json, output.as_deref(), lang, out, err)
        }
        Command::Merge { base, ours, theirs, output, json, name } => merge_cmd::merge(
            merge_cmd::MergeArgs {
                base: &base,
                ours: &ours,
                theirs: &theirs,
                output: &output,
                json,
                name: name.as_deref(),
            },
            lang,
            out,
            err,
        ),
        Command::Pack { file, department, output } => {
            merge_cmd::pack(&file, &department, &output, lang, out, err)
        }
        Command::MergePack { file, pack, output, json } => {
            merge_cmd::merge_pack(&file, &pack, &output, json, lang, out, err)
        }
        Command::GitSetup { repo } => merge_cmd::git_setup(&repo, lang, out, err),
        Command::Rollover { file, year, output, targets } => {
            merge_cmd::rollover(&file, year, &output, &targets, lang, out, err)
        }
    };
    result.unwrap_or(EXIT_UNREADABLE)
}

fn fmt(
    file: &Path,
    output: Option<&Path>,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let loaded = match io::load_file(file) {
        Ok(l) => l,
        Err(e) => {
            print_load_error(err, file, &e, lang)?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    let target = output.unwrap_or(file);
    let options = io::SaveOptions {
        expected: output.is_none().then_some(loaded.stamp),
        force: false,
        backup: output.is_none(),
    };
    match io::save_file(target, &loaded.project, &options) {
        Ok(_) => {
            writeln!(out, "{}", target.display())?;
            Ok(EXIT_OK)
        }
        Err(e) => {
            writeln!(err, "{}", e.describe(lang))?;
            Ok(EXIT_UNREADABLE)
        }
    }
}

pub(crate) fn print_load_error(
    w: &mut dyn Write,
    file: &Path,
    e: &LoadError,
    lang: Lang,
) -> std::io::Result<()> {
    writeln!(w, "{}: {}", file.display(), T::CannotBeOpened.get(lang))?;
    for line in e.lines(lang) {
        writeln!(w, "  {line}")?;
    }
    Ok(())
}

fn subject_id(s: &Subject) -> (&'static str, String) {
    match s {
        Subject::Project => ("project", String::new()),
        Subject::Perspective(id) => ("perspective", id.0.clone()),
        Subject::Theme(id) => ("theme", id.0.clone()),
        Subject::Objective(id) => ("objective", id.0.clone()),
        Subject::Link(id) => ("link", id.0.clone()),
        Subject::Kpi(id) => ("kpi", id.0.clone()),
        Subject::Department(id) => ("department", id.0.clone()),
        Subject::Initiative(id) => ("initiative", id.0.clone()),
        Subject::Element(id) => ("element", id.0.clone()),
    }
}

fn finding_json(names: &lint::Names, f: &Finding, lang: Lang) -> serde_json::Value {
    let (kind, id) = subject_id(&f.subject);
    serde_json::json!({
        "severity": match f.severity { Severity::Error => "error", Severity::Warning => "warning", Severity::Hint => "hint" },
        "code": f.code(),
        "subject": { "kind": kind, "id": id },
        "message": names.message(f, lang),
    })
}

fn check(files: &[PathBuf], json: bool, lang: Lang, out: &mut dyn Write) -> std::io::Result<i32> {
    let mut code = EXIT_OK;
    let mut reports = Vec::new();
    for file in files {
        let parsed = io::read_project_bytes(file).and_then(|bytes| io::parse_unvalidated(&bytes));
        match parsed {
            Err(e) => {
                code = EXIT_UNREADABLE;
                if json {
                    reports.push(serde_json::json!({
                        "file": file.display().to_string(),
                        "readable": false,
                        "problems": e.lines(lang),
                    }));
                } else {
                    print_load_error(out, file, &e, lang)?;
                }
            }
            Ok((project, notices)) => {
                let findings = lint::lint(&project);
                let names = lint::Names::new(&project);
                let (errors, warnings, hints) = lint::counts(&findings);
                if errors > 0 && code == EXIT_OK {
                    code = EXIT_FINDINGS;
                }
                if json {
                    reports.push(serde_json::json!({
                        "file": file.display().to_string(),
                        "readable": true,
                        "notices": notices.iter().map(|n| n.describe(lang)).collect::<Vec<_>>(),
                        "errors": errors, "warnings": warnings, "hints": hints,
                        "findings": findings.iter().map(|f| finding_json(&names, f, lang)).collect::<Vec<_>>(),
                    }));
                } else {
                    writeln!(
                        out,
                        "{}",
                        crate::tr!(
                            lang,
                            CheckCounts,
                            file = file.display(),
                            errors = errors,
                            warnings = warnings,
                            hints = hints
                        )
                    )?;
                    for n in &notices {
                        writeln!(out, "  {}", n.describe(lang))?;
                    }
                    for f in &findings {
                        let (_, id) = subject_id(&f.subject);
                        writeln!(
                            out,
                            "  {:<7} {:<10} {}  [{}]",
                            f.severity.name(lang),
                            id,
                            names.message(f, lang),
                            f.code()
                        )?;
                    }
                }
            }
        }
    }
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&reports).unwrap_or_default())?;
    }
    Ok(code)
}
