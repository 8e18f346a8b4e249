//! `scorecard-studio report FILE --period P -o pack.pdf`: the monthly review pack as a PDF.

use super::{EXIT_OK, EXIT_UNREADABLE, print_load_error};
use crate::i18n::Lang;
use crate::io;
use crate::io::export::{ExportKind, ExportRequest};
use crate::io::review_pack::Sections;
use crate::score::PeriodSpec;
use std::io::Write;
use std::path::Path;

pub struct ReportArgs<'a> {
    pub file: &'a Path,
    pub period: Option<&'a str>,
    pub output: &'a Path,
    pub department: Option<&'a str>,
    pub sections: Option<&'a str>,
}

/// Exit codes: 0 the pack is written; 2 the file, period, unit or sections are wrong, or the pack
/// could not be written (nothing is written then).
pub fn run(args: ReportArgs, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    let project = match io::load_file(args.file) {
        Ok(l) => l.project,
        Err(e) => {
            print_load_error(err, args.file, &e, lang)?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    let period = match args.period {
        Some(p) => match PeriodSpec::parse(p) {
            Ok(p) => p,
            Err(e) => {
                writeln!(err, "{e}")?;
                return Ok(EXIT_UNREADABLE);
            }
        },
        None => crate::score::period::current_period(&project, chrono::Local::now().date_naive()),
    };
    let department = match args.department {
        None => None,
        Some(wanted) => {
            match project.departments.iter().find(|d| d.id.as_str() == wanted || d.name == wanted) {
                Some(d) => Some(d.id.clone()),
                None => {
                    writeln!(err, "{}", crate::tr!(lang, NoSuchUnit, wanted = wanted))?;
                    return Ok(EXIT_UNREADABLE);
                }
            }
        }
    };
    let sections = match args.sections.map(Sections::parse) {
        None => Sections::default(),
        Some(Ok(s)) => s,
        Some(Err(word)) => {
            let known = Sections::NAMES.join(", ");
            writeln!(err, "{}", crate::tr!(lang, PackNoSuchSection, word = word, known = known))?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    // By the output's extension: the PDF, or the same pages as one HTML file.
    let html = args
        .output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    let kind = if html {
        ExportKind::ReviewPackHtml { department, sections }
    } else {
        ExportKind::ReviewPack { department, sections }
    };
    let request = ExportRequest::new(kind, period, lang);
    match io::export::write(&project, &request, args.output) {
        Ok(paths) => {
            for p in paths {
                writeln!(out, "{}", p.display())?;
            }
            Ok(EXIT_OK)
        }
        Err(e) => {
            writeln!(err, "{}", e.describe(lang))?;
            Ok(EXIT_UNREADABLE)
        }
    }
}
