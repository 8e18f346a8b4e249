//! `scorecard-studio export …`: pictures and documents from a project file.

use super::{EXIT_OK, EXIT_UNREADABLE, ExportCommand, print_load_error};
use crate::i18n::{Lang, T};
use crate::io;
use crate::score::{PeriodSpec, ScoreBook};
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

fn write_file(path: &Path, bytes: &[u8], lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match io::save_bytes(path, bytes, &io::SaveOptions::default()) {
        Ok(_) => {
            let _ = writeln!(out, "{}", path.display());
            EXIT_OK
        }
        Err(e) => {
            let _ = writeln!(err, "{}", e.describe(lang));
            EXIT_UNREADABLE
        }
    }
}

pub fn run(
    what: ExportCommand,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    match what {
        ExportCommand::Map { file, output, period, scale } => {
            let Some(project) = load(&file, lang, err) else { return Ok(EXIT_UNREADABLE) };
            let Some(period) = period_of(&project, period.as_deref(), err) else {
                return Ok(EXIT_UNREADABLE);
            };
            let book = ScoreBook::compute(&project, period);
            let options =
                io::map_svg::SvgOptions { lang, scores: Some(&book), period_label: period.label(lang) };
            let svg = io::map_svg::map_svg(&project, &options);
            let ext = output.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
            let bytes = match ext.as_str() {
                "svg" => svg.into_bytes(),
                "png" => {
                    if !(scale.is_finite() && scale > 0.0 && scale <= 10.0) {
                        writeln!(err, "--scale must be between 0 and 10")?;
                        return Ok(EXIT_UNREADABLE);
                    }
                    match io::map_svg::svg_to_png(&svg, scale) {
                        Ok(b) => b,
                        Err(e) => {
                            writeln!(err, "{e}")?;
                            return Ok(EXIT_UNREADABLE);
                        }
                    }
                }
                _ => {
                    writeln!(err, "{}", T::TheOutputMustEndIn.get(lang))?;
                    return Ok(EXIT_UNREADABLE);
                }
            };
            Ok(write_file(&output, &bytes, lang, out, err))
        }
        ExportCommand::Data { file, output, period } => {
            let Some(project) = load(&file, lang, err) else { return Ok(EXIT_UNREADABLE) };
            let Some(period) = period_of(&project, period.as_deref(), err) else {
                return Ok(EXIT_UNREADABLE);
            };
            let ext = output.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
            let bytes = match ext.as_str() {
                "csv" => io::export_data::actuals_csv(&project, lang),
                "xlsx" => {
                    let book = ScoreBook::compute(&project, period);
                    match io::export_data::data_xlsx(&project, &book, lang, &period.to_string()) {
                        Ok(b) => b,
                        Err(e) => {
                            writeln!(err, "{e}")?;
                            return Ok(EXIT_UNREADABLE);
                        }
                    }
                }
                _ => {
                    writeln!(err, "{}", T::TheOutputMustEndIn2.get(lang))?;
                    return Ok(EXIT_UNREADABLE);
                }
            };
            Ok(write_file(&output, &bytes, lang, out, err))
        }
        ExportCommand::Contracts { file, output, period, department } => {
            let Some(project) = load(&file, lang, err) else { return Ok(EXIT_UNREADABLE) };
            let Some(period) = period_of(&project, period.as_deref(), err) else {
                return Ok(EXIT_UNREADABLE);
            };
            let mut units = io::contract::contract_units(&project);
            if let Some(wanted) = department {
                let found =
                    project.departments.iter().position(|d| d.id.as_str() == wanted || d.name == wanted);
                match found {
                    Some(d) if units.contains(&d) => units = vec![d],
                    Some(_) => {
                        writeln!(err, "{}", crate::tr!(lang, CarriesNoKPIsSoIt, wanted = wanted))?;
                        return Ok(EXIT_UNREADABLE);
                    }
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
            if units.is_empty() {
                writeln!(err, "{}", T::NoDepartmentOrRoleCarries.get(lang))?;
                return Ok(EXIT_UNREADABLE);
            }
            if let Err(e) = std::fs::create_dir_all(&output) {
                writeln!(err, "{}: {e}", output.display())?;
                return Ok(EXIT_UNREADABLE);
            }
            let book = ScoreBook::compute(&project, period);
            let opts = io::contract::ContractOptions {
                lang,
                book: &book,
                period_label: period.label(lang),
                today: chrono::Local::now().date_naive(),
            };
            for d in units {
                let html = io::contract::contracts_html(&project, &[d], &opts);
                let path = output.join(io::contract::contract_file_name(&project, d));
                let code = write_file(&path, html.as_bytes(), lang, out, err);
                if code != EXIT_OK {
                    return Ok(code);
                }
            }
            Ok(EXIT_OK)
        }
    }
}
