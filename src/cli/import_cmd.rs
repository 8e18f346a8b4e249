//! `scorecard-studio import FILE --actuals IN -o OUT`: actuals from a spreadsheet into a project.

use super::{EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, print_load_error};
use crate::i18n::{Lang, T};
use crate::io::{self, import};
use std::io::Write;
use std::path::Path;

pub struct ImportArgs<'a> {
    pub file: &'a Path,
    pub actuals: &'a Path,
    pub output: &'a Path,
    pub sheet: Option<&'a str>,
    pub targets: bool,
    pub strict: bool,
    pub percent_fractions: bool,
}

/// Exit codes: 0 everything imported; 1 some rows rejected (the rest imported, unless
/// `--strict`); 2 nothing written (a file could not be read, or no header was found).
pub fn run(args: ImportArgs, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    let mut project = match io::load_file(args.file) {
        Ok(l) => l.project,
        Err(e) => {
            print_load_error(err, args.file, &e, lang)?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    let source = match import::read_file(args.actuals) {
        Ok(s) => s,
        Err(e) => {
            writeln!(err, "{}", e.describe(lang))?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    let sheets: Vec<usize> = match args.sheet {
        None => (0..source.sheets.len()).collect(),
        Some(wanted) => {
            let by_number = wanted.parse::<usize>().ok().and_then(|n| n.checked_sub(1));
            match source.sheets.iter().position(|s| s.name == wanted).or(by_number) {
                Some(i) if i < source.sheets.len() => vec![i],
                _ => {
                    let names: Vec<&str> = source.sheets.iter().map(|s| s.name.as_str()).collect();
                    writeln!(
                        err,
                        "{}",
                        crate::tr!(
                            lang,
                            NoSuchSheet,
                            wanted = wanted,
                            sheets = names.join(T::ListSeparator.get(lang))
                        )
                    )?;
                    return Ok(EXIT_UNREADABLE);
                }
            }
        }
    };
    let Some(mut mapping) = sheets.iter().find_map(|&s| import::guess_mapping(&source, s).ok()) else {
        writeln!(err, "{}: {}", args.actuals.display(), import::ImportError::NoHeader.describe(lang))?;
        return Ok(EXIT_UNREADABLE);
    };
    if args.targets
        && let import::Layout::Wide { field, .. } = &mut mapping.layout
    {
        *field = import::Field::Target;
    }
    mapping.percent_fractions = args.percent_fractions;
    let preview = import::preview(&project, &source, &mapping, None);
    let updated = import::updated_kpis(&project, &preview);
    let elements = import::updated_elements(&project, &preview);
    if preview.percent_like > 0 && !args.percent_fractions {
        writeln!(err, "{}", crate::tr!(lang, PercentFractionsNote, n = preview.percent_like))?;
    }
    for note in import::notes(&preview, lang) {
        let label = T::Note2.get(lang);
        writeln!(err, "{label}{note}")?;
    }
    for e in preview.entries.iter().filter(|e| e.problem.is_some()) {
        writeln!(err, "{}: {}", args.actuals.display(), import::describe_entry(e, lang))?;
    }
    writeln!(out, "{}", import::summary(&preview, updated.len() + elements.len(), lang))?;
    if args.strict && preview.rejected > 0 {
        writeln!(err, "{}", T::StrictNothingWritten.get(lang))?;
        return Ok(EXIT_FINDINGS);
    }
    for k in updated {
        if let Some(slot) = project.kpis.iter_mut().find(|x| x.id == k.id) {
            *slot = k;
        }
    }
    for e in elements {
        if let Some(slot) = project.elements.iter_mut().find(|x| x.id == e.id) {
            *slot = e;
        }
    }
    // The computed KPIs follow their data elements (the file holds what it shows).
    crate::score::computed::materialize(&mut project);
    // Onto an existing file (the project itself, often): keep the old one as NAME.bak, as Save does.
    let options = io::SaveOptions { backup: true, ..Default::default() };
    match io::save_file(args.output, &project, &options) {
        Ok(_) => {
            writeln!(out, "{}", args.output.display())?;
            Ok(if preview.rejected > 0 { EXIT_FINDINGS } else { EXIT_OK })
        }
        Err(e) => {
            writeln!(err, "{}", e.describe(lang))?;
            Ok(EXIT_UNREADABLE)
        }
    }
}
