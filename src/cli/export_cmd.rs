//! `scorecard-studio export …`: pictures and documents from a project file.

use super::{EXIT_OK, EXIT_UNREADABLE, ExportCommand, print_load_error};
use crate::i18n::{Lang, T};
use crate::io;
use crate::io::export::{ContractScope, ExportKind, ExportRequest};
use crate::score::PeriodSpec;
use std::io::Write;
use std::path::Path;

fn load(file: &Path, lang: Lang, err: &mut dyn Write) -> Option<crate::model::Project> {
    match io::load_file(file) {
        Ok(l) => Some(l.project),
        Err(e) => {
            let _ = print_load_error(err, file, &e, lang);
            None
        }
    }
}

fn period_of(
    project: &crate::model::Project,
    period: Option<&str>,
    err: &mut dyn Write,
) -> Option<PeriodSpec> {
    match period {
        Some(p) => match PeriodSpec::parse(p) {
            Ok(p) => Some(p),
            Err(e) => {
                let _ = writeln!(err, "{e}");
                None
            }
        },
        None => Some(crate::score::period::current_period(project, chrono::Local::now().date_naive())),
    }
}

/// Writes the export and prints the paths written.
fn export(
    project: &crate::model::Project,
    request: &ExportRequest,
    output: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    match io::export::write(project, request, output) {
        Ok(paths) => {
            for p in paths {
                writeln!(out, "{}", p.display())?;
            }
            Ok(EXIT_OK)
        }
        Err(e) => {
            writeln!(err, "{}", e.describe(request.lang))?;
            Ok(EXIT_UNREADABLE)
        }
    }
}

fn extension(path: &Path) -> String {
    path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase()
}

pub fn run(
    what: ExportCommand,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let (file, period, output) = match &what {
        ExportCommand::Map { file, period, output, .. }
        | ExportCommand::Data { file, period, output }
        | ExportCommand::Contracts { file, period, output, .. } => (file, period, output),
    };
    let kind = match &what {
        ExportCommand::Map { .. } => match extension(output).as_str() {
            "svg" => ExportKind::MapSvg,
            "png" => ExportKind::MapPng,
            "pdf" => ExportKind::MapPdf(match what {
                ExportCommand::Map { paper: super::PaperArg::A3, .. } => io::export::Paper::A3,
                _ => io::export::Paper::A4,
            }),
            _ => {
                writeln!(err, "{}", T::TheOutputMustEndIn.get(lang))?;
                return Ok(EXIT_UNREADABLE);
            }
        },
        ExportCommand::Data { .. } => match extension(output).as_str() {
            "xlsx" => ExportKind::DataXlsx,
            "csv" => ExportKind::ActualsCsv,
            _ => {
                writeln!(err, "{}", T::TheOutputMustEndIn2.get(lang))?;
                return Ok(EXIT_UNREADABLE);
            }
        },
        // A file ending in .html holds every contract; anything else is a folder of one per unit.
        ExportCommand::Contracts { .. } => ExportKind::ContractFiles(ContractScope::All),
    };
    let Some(project) = load(file, lang, err) else { return Ok(EXIT_UNREADABLE) };
    let Some(period) = period_of(&project, period.as_deref(), err) else {
        return Ok(EXIT_UNREADABLE);
    };
    let mut request = ExportRequest::new(kind, period, lang);
    match &what {
        ExportCommand::Map { scale, text_as_paths, kpis, links, .. } => {
            request.png_scale = *scale;
            request.map_kpis = *kpis;
            request.map_links = links.style();
            if *text_as_paths {
                request.svg_text = io::export::SvgText::Paths;
            }
        }
        ExportCommand::Contracts { department, .. } => {
            let scope = match department {
                // By id or by name, as people write it on the command line.
                Some(wanted) => {
                    match project.departments.iter().find(|d| d.id.as_str() == wanted || &d.name == wanted) {
                        Some(d) => ContractScope::Only(vec![d.id.clone()]),
                        None => {
                            writeln!(
                                err,
                                "{}",
                                crate::tr!(lang, NoSuchDepartment, wanted = wanted, file = file.display())
                            )?;
                            return Ok(EXIT_UNREADABLE);
                        }
                    }
                }
                None => ContractScope::All,
            };
            request.kind = if extension(output) == "html" {
                ExportKind::Contracts(scope)
            } else {
                ExportKind::ContractFiles(scope)
            };
        }
        ExportCommand::Data { .. } => {}
    }
    export(&project, &request, output, out, err)
}
