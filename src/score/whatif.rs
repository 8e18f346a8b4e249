//! What-if: how the scores would move if some weights or values changed, computed on a copy of
//! the project (the sandbox) before anything is applied.

use super::book::ScoreBook;
use super::method::Undefined;
use super::period::PeriodSpec;
use crate::model::Project;

/// Which score a delta is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Level {
    Scorecard,
    Perspective(usize),
    Objective(usize),
    Department(usize),
    Kpi(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Delta {
    pub level: Level,
    pub name: String,
    pub before: Result<f64, Undefined>,
    pub after: Result<f64, Undefined>,
}

impl Delta {
    /// After − before, when both are numbers.
    pub fn change(&self) -> Option<f64> {
        Some(self.after.ok()? - self.before.ok()?)
    }
}

/// Scores of the project and of the sandbox for `period`, and every score that moved. Both
/// projects must have the same items in the same order (a sandbox changes weights and values).
pub fn compare(project: &Project, sandbox: &Project, period: PeriodSpec) -> Vec<Delta> {
    let before = ScoreBook::compute(project, period);
    let after = ScoreBook::compute(sandbox, period);
    deltas(project, &before, &after)
}

/// The moved scores between two books of the same project structure, biggest change first
/// within each level (scorecard, perspectives, objectives, departments, KPIs).
pub fn deltas(project: &Project, before: &ScoreBook, after: &ScoreBook) -> Vec<Delta> {
    let moved = |a: &Result<f64, Undefined>, b: &Result<f64, Undefined>| match (a, b) {
        (Ok(x), Ok(y)) => (x - y).abs() > 1e-9,
        (x, y) => x != y,
    };
    let mut out = Vec::new();
    let push = |level: Level,
                name: String,
                b: Result<f64, Undefined>,
                a: Result<f64, Undefined>,
                group: &mut Vec<Delta>| {
        if moved(&b, &a) {
            group.push(Delta { level, name, before: b, after: a });
        }
    };
    let mut groups: Vec<Vec<Delta>> = vec![Vec::new(); 5];
    push(
        Level::Scorecard,
        project.info.name.clone(),
        before.scorecard.score,
        after.scorecard.score,
        &mut groups[0],
    );
    for (i, p) in project.perspectives.iter().enumerate() {
        push(
            Level::Perspective(i),
            p.name.clone(),
            before.perspectives[i].score,
            after.perspectives[i].score,
            &mut groups[1],
        );
    }
    for (i, o) in project.objectives.iter().enumerate() {
        push(
            Level::Objective(i),
            o.name.clone(),
            before.objectives[i].score,
            after.objectives[i].score,
            &mut groups[2],
        );
    }
    for (i, d) in project.departments.iter().enumerate() {
        push(
            Level::Department(i),
            d.name.clone(),
            before.departments[i].score,
            after.departments[i].score,
            &mut groups[3],
        );
    }
    for (i, k) in project.kpis.iter().enumerate() {
        push(Level::Kpi(i), k.label(), before.kpis[i].score, after.kpis[i].score, &mut groups[4]);
    }
    for mut g in groups {
        g.sort_by(|a, b| {
            b.change().unwrap_or(f64::INFINITY).abs().total_cmp(&a.change().unwrap_or(f64::INFINITY).abs())
        });
        out.extend(g);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dealership() -> Project {
        let bytes =
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/sample-projects/dealership-sales.json"))
                .unwrap();
        crate::io::parse_project(&bytes).unwrap().project
    }

    #[test]
    fn moving_weight_between_two_kpis_moves_the_chain_by_the_expected_amount() {
        let p = dealership();
        let period = PeriodSpec::Month { year: 2026, month: 9 };
        let book = ScoreBook::compute(&p, period);
        let (f01, f02) = (
            p.kpis.iter().position(|k| k.code == "F01").unwrap(),
            p.kpis.iter().position(|k| k.code == "F02").unwrap(),
        );
        let (s1, s2) = (book.kpis[f01].score.unwrap(), book.kpis[f02].score.unwrap());
        let mut sandbox = p.clone();
        sandbox.kpis[f01].weight = 40.0;
        sandbox.kpis[f02].weight = 60.0;
        let d = compare(&p, &sandbox, period);
        let obj = d.iter().find(|x| x.level == Level::Objective(0)).expect("提高收入 moved");
        // 0.4 s1 + 0.6 s2 − (0.6 s1 + 0.4 s2) = 0.2 (s2 − s1).
        assert!((obj.change().unwrap() - 0.2 * (s2 - s1)).abs() < 1e-9);
        let persp = d.iter().find(|x| x.level == Level::Perspective(0)).expect("财务 moved");
        // The objective is 1 of 3.5 weight units in its perspective.
        assert!((persp.change().unwrap() - obj.change().unwrap() / 3.5).abs() < 1e-9);
        assert_eq!(d[0].level, Level::Scorecard);
        // KPI scores themselves do not move when only weights change.
        assert!(!d.iter().any(|x| matches!(x.level, Level::Kpi(_))));
    }

    #[test]
    fn nothing_changed_means_no_deltas() {
        let p = dealership();
        assert!(compare(&p, &p.clone(), PeriodSpec::Quarter { year: 2026, quarter: 3 }).is_empty());
    }
}
