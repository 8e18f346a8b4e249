//! Merging project files: the model's three-way merge, then the computed KPIs' values computed
//! again from the merged inputs (so a rate both sides recomputed is never a conflict), and the
//! git merge driver's set-up.

use crate::model::Project;
use crate::model::merge::{MergeOutcome, item_of};
use std::path::Path;

/// Merges `theirs` into `ours` (both edited from `base`) and recomputes the computed KPIs.
pub fn merge_projects(base: &Project, ours: &Project, theirs: &Project, from: &str) -> MergeOutcome {
    finish(crate::model::merge::merge(base, ours, theirs, from))
}

/// Brings a department's returned pack into the company file.
pub fn merge_returned_pack(
    ours: &Project,
    pack: &Project,
) -> Result<MergeOutcome, crate::model::pack::PackError> {
    crate::model::pack::merge_pack(ours, pack).map(finish)
}

fn finish(mut outcome: MergeOutcome) -> MergeOutcome {
    crate::score::computed::materialize(&mut outcome.project);
    // A computed KPI's actuals follow from its inputs: a conflict on them says nothing new.
    let computed = |path: &str| {
        item_of(path).is_some_and(|(c, id)| {
            c == "kpis"
                && path.contains(".series[")
                && outcome.project.kpis.iter().any(|k| k.id.as_str() == id && k.expression.is_some())
        })
    };
    let derived: Vec<String> =
        outcome.conflicts.iter().filter(|c| computed(&c.path)).map(|c| c.path.clone()).collect();
    outcome.conflicts.retain(|c| !derived.contains(&c.path));
    outcome.project.conflicts.retain(|c| !derived.contains(&c.path));
    outcome
}

/// The line `.gitattributes` gets.
pub const GIT_ATTRIBUTES_LINE: &str = "*.json merge=scorecard";

/// Why the git set-up failed.
#[derive(Debug, thiserror::Error)]
pub enum GitSetupError {
    #[error("not a git repository")]
    NotARepo,
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("git config: {0}")]
    Git(String),
}

/// Sets up `repo` so that `git merge` merges project files by meaning: `.gitattributes` names
/// the driver for `*.json`, and the repository's config says how to run it (`exe`, by absolute
/// path, so it works whatever PATH git runs with). Returns the driver command.
pub fn git_setup(repo: &Path, exe: &Path) -> Result<String, GitSetupError> {
    if !repo.join(".git").exists() {
        return Err(GitSetupError::NotARepo);
    }
    let attributes = repo.join(".gitattributes");
    let text = std::fs::read_to_string(&attributes).unwrap_or_default();
    if !text.lines().any(|l| l.trim() == GIT_ATTRIBUTES_LINE) {
        let mut new = text.clone();
        if !new.is_empty() && !new.ends_with('\n') {
            new.push('\n');
        }
        new.push_str(GIT_ATTRIBUTES_LINE);
        new.push('\n');
        std::fs::write(&attributes, new)?;
    }
    let quoted = format!("'{}'", exe.display().to_string().replace('\'', "'\\''"));
    let command = format!("{quoted} merge %O %A %B -o %A --name %P");
    for (key, value) in [
        ("merge.scorecard.name", "Scorecard Studio: merge project files by meaning"),
        ("merge.scorecard.driver", command.as_str()),
    ] {
        let status =
            std::process::Command::new("git").arg("-C").arg(repo).args(["config", key, value]).output()?;
        if !status.status.success() {
            return Err(GitSetupError::Git(String::from_utf8_lossy(&status.stderr).trim().to_string()));
        }
    }
    Ok(command)
}
