//! `merge`, `merge-pack`, `pack` and `git-setup`: many hands on one scorecard.

use super::{EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, print_load_error};
use crate::i18n::{Lang, T};
use crate::io;
use crate::model::Project;
use crate::model::merge::{MergeOutcome, describe_conflict, value_text};
use std::io::Write;
use std::path::Path;

/// Reads one project; an empty file (git's base when both branches added the file) is `None`.
fn read(
    path: &Path,
    which: T,
    lang: Lang,
    err: &mut dyn Write,
) -> std::io::Result<Result<Option<Project>, ()>> {
    if std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0) {
        return Ok(Ok(None));
    }
    match io::load_file(path) {
        Ok(l) => Ok(Ok(Some(l.project))),
        Err(e) => {
            write!(err, "{} · ", which.get(lang))?;
            print_load_error(err, path, &e, lang)?;
            Ok(Err(()))
        }
    }
}

/// A base with nothing in it but ours' settings: both sides' items count as added.
fn empty_base(ours: &Project) -> Project {
    let mut b = ours.clone();
    b.perspectives.clear();
    b.themes.clear();
    b.objectives.clear();
    b.links.clear();
    b.departments.clear();
    b.kpis.clear();
    b.elements.clear();
    b.initiatives.clear();
    b.conflicts.clear();
    b
}

pub struct MergeArgs<'a> {
    pub base: &'a Path,
    pub ours: &'a Path,
    pub theirs: &'a Path,
    pub output: &'a Path,
    pub json: bool,
    /// How the other side is named in the conflicts (default: its file name).
    pub name: Option<&'a str>,
}

/// Whether a file is some other JSON (or text) than a project: the git driver is set up for
/// `*.json`, and a repository has other JSON files too.
fn not_a_project(path: &Path) -> bool {
    matches!(
        io::project_file::read_project_bytes(path).map(|b| io::parse_project(&b)),
        Ok(Err(io::LoadError::NotAProject { .. }))
    )
}

/// Other JSON files merged in place as git merges text (`git merge-file`), when the output is
/// ours, as the git driver calls it: exit 0 clean, 1 with conflict markers.
fn merge_as_text(a: &MergeArgs) -> Option<i32> {
    let same = |x: &Path, y: &Path| {
        std::fs::canonicalize(x).ok().zip(std::fs::canonicalize(y).ok()).is_some_and(|(x, y)| x == y)
    };
    if !same(a.ours, a.output) || !not_a_project(a.ours) || !not_a_project(a.theirs) {
        return None;
    }
    let status =
        std::process::Command::new("git").arg("merge-file").args([a.ours, a.base, a.theirs]).status().ok()?;
    Some(match status.code() {
        Some(0) => EXIT_OK,
        Some(n) if n > 0 => EXIT_FINDINGS,
        _ => EXIT_UNREADABLE,
    })
}

pub fn merge(a: MergeArgs, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    if let Some(code) = merge_as_text(&a) {
        return Ok(code);
    }
    let Ok(ours) = read(a.ours, T::MergeOurs, lang, err)? else { return Ok(EXIT_UNREADABLE) };
    let Ok(theirs) = read(a.theirs, T::MergeTheirsFile, lang, err)? else { return Ok(EXIT_UNREADABLE) };
    let Ok(base) = read(a.base, T::MergeBase, lang, err)? else { return Ok(EXIT_UNREADABLE) };
    let (Some(ours), Some(theirs)) = (ours, theirs) else {
        writeln!(err, "{}", crate::tr!(lang, LoadEmpty))?;
        return Ok(EXIT_UNREADABLE);
    };
    let base = base.unwrap_or_else(|| empty_base(&ours));
    let from = match a.name {
        Some(n) if !n.is_empty() && !n.starts_with('%') => n.to_string(),
        _ => a.theirs.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
    };
    let outcome = io::merge::merge_projects(&base, &ours, &theirs, &from);
    write_outcome(&outcome, a.output, a.json, lang, out, err)
}

pub fn merge_pack(
    file: &Path,
    pack: &Path,
    output: &Path,
    json: bool,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let Ok(Some(ours)) = read(file, T::MergeOurs, lang, err)? else { return Ok(EXIT_UNREADABLE) };
    let Ok(Some(returned)) = read(pack, T::MergeTheirsFile, lang, err)? else { return Ok(EXIT_UNREADABLE) };
    match io::merge::merge_returned_pack(&ours, &returned) {
        Ok(outcome) => write_outcome(&outcome, output, json, lang, out, err),
        Err(e) => {
            writeln!(err, "{}: {}", pack.display(), e.describe(lang))?;
            Ok(EXIT_UNREADABLE)
        }
    }
}

fn write_outcome(
    o: &MergeOutcome,
    output: &Path,
    json: bool,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let options = io::SaveOptions { expected: None, force: true, backup: false };
    if let Err(e) = io::save_file(output, &o.project, &options) {
        writeln!(err, "{}", e.describe(lang))?;
        return Ok(EXIT_UNREADABLE);
    }
    if json {
        let v = serde_json::json!({
            "clean": o.is_clean(),
            "output": output.display().to_string(),
            "conflicts": o.conflicts,
            "incoming": o.incoming,
            "renamed": o.renamed.iter().map(|(a, b)| serde_json::json!({"old": a, "new": b})).collect::<Vec<_>>(),
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&v).unwrap_or_default())?;
    } else {
        for (old, new) in &o.renamed {
            writeln!(out, "{}", crate::tr!(lang, MergeCliRenamed, old = old, new = new))?;
        }
        for c in &o.incoming {
            let (before, after) = (value_text(c.before.as_ref(), lang), value_text(c.after.as_ref(), lang));
            writeln!(
                out,
                "{}",
                crate::tr!(lang, MergeCliIncoming, path = c.path, before = before, after = after)
            )?;
        }
        for c in &o.conflicts {
            let text = describe_conflict(&o.project, c, lang);
            writeln!(out, "{}", crate::tr!(lang, MergeCliConflict, text = text))?;
        }
        let path = output.display();
        let incoming = o.incoming.len();
        if o.is_clean() {
            writeln!(out, "{}", crate::tr!(lang, MergeCliClean, incoming = incoming, path = path))?;
        } else {
            let n = o.conflicts.len();
            writeln!(
                out,
                "{}",
                crate::tr!(lang, MergeCliConflicts, n = n, incoming = incoming, path = path)
            )?;
        }
    }
    Ok(if o.is_clean() { EXIT_OK } else { EXIT_FINDINGS })
}

pub fn pack(
    file: &Path,
    department: &str,
    output: &Path,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let Ok(Some(project)) = read(file, T::MergeOurs, lang, err)? else { return Ok(EXIT_UNREADABLE) };
    let source = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let today = chrono::Local::now().date_naive();
    match crate::model::pack::make_pack(&project, department, &source, today) {
        Ok(pack) => {
            if let Err(e) = io::save_file(output, &pack, &io::SaveOptions::default()) {
                writeln!(err, "{}", e.describe(lang))?;
                return Ok(EXIT_UNREADABLE);
            }
            let unit = crate::model::pack::find_department(&project, department).map(|d| d.name.clone());
            writeln!(
                out,
                "{}",
                crate::tr!(
                    lang,
                    PackWritten,
                    unit = unit.unwrap_or_default(),
                    path = output.display(),
                    kpis = pack.kpis.len(),
                    elements = pack.elements.len(),
                    initiatives = pack.initiatives.len()
                )
            )?;
            Ok(EXIT_OK)
        }
        Err(e) => {
            writeln!(err, "{}", e.describe(lang))?;
            Ok(EXIT_UNREADABLE)
        }
    }
}

/// `rollover FILE --year Y -o OUT [--targets RULE]`.
pub fn rollover(
    file: &Path,
    year: i32,
    output: &Path,
    targets: &str,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let rule: crate::model::appraisal::RolloverTargets = match targets.parse() {
        Ok(r) => r,
        Err(e) => {
            writeln!(err, "--targets: {e}")?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    if !(1900..=9999).contains(&year) {
        writeln!(err, "--year: {year} is not a year between 1900 and 9999")?;
        return Ok(EXIT_UNREADABLE);
    }
    let project = match io::load_file(file) {
        Ok(l) => l.project,
        Err(e) => {
            print_load_error(err, file, &e, lang)?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    let source = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let today = chrono::Local::now().date_naive();
    let next = crate::model::appraisal::rollover(&project, year, rule, &source, today);
    if let Err(e) = io::save_file(output, &next, &io::SaveOptions::default()) {
        writeln!(err, "{}", e.describe(lang))?;
        return Ok(EXIT_UNREADABLE);
    }
    writeln!(
        out,
        "{}",
        crate::tr!(
            lang,
            RolloverDone,
            path = output.display(),
            kpis = next.kpis.len(),
            year = year,
            targets = targets
        )
    )?;
    Ok(EXIT_OK)
}

pub fn git_setup(repo: &Path, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    let exe = std::env::current_exe().unwrap_or_else(|_| "scorecard-studio".into());
    match io::merge::git_setup(repo, &exe) {
        Ok(command) => {
            writeln!(out, "{}", crate::tr!(lang, GitSetupDone, repo = repo.display(), command = command))?;
            Ok(EXIT_OK)
        }
        Err(io::merge::GitSetupError::NotARepo) => {
            writeln!(err, "{}", crate::tr!(lang, GitSetupNotARepo, path = repo.display()))?;
            Ok(EXIT_UNREADABLE)
        }
        Err(e) => {
            writeln!(err, "{}", crate::tr!(lang, GitSetupFailed, reason = e))?;
            Ok(EXIT_UNREADABLE)
        }
    }
}
