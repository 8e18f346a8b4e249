//! Weights as department heads work with them: shares in percent, normalising to 100 % with some
//! weights locked, rebalancing the others when one changes, and each KPI's absolute share of the
//! whole scorecard through its objective and perspective (or of its department's score through
//! the department tree).

use crate::model::Project;

/// Why weights could not be normalised.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WeightError {
    #[error("the locked weights already total {0} %, more than 100 %")]
    LockedOver(f64),
    #[error("every weight is locked")]
    AllLocked,
    #[error("the unlocked weights are all 0, so they cannot be scaled")]
    NothingToScale,
}

/// The weights scaled so they total 100, keeping locked ones as they are. Unlocked weights keep
/// their proportions; when they are all 0 they share the remainder equally.
pub fn normalise(weights: &[f64], locked: &[bool]) -> Result<Vec<f64>, WeightError> {
    let locked_total: f64 = weights.iter().zip(locked).filter(|(_, l)| **l).map(|(w, _)| *w).sum();
    let free: Vec<usize> = (0..weights.len()).filter(|&i| !locked.get(i).copied().unwrap_or(false)).collect();
    if free.is_empty() {
        return Err(WeightError::AllLocked);
    }
    if locked_total > 100.0 + 1e-9 {
        return Err(WeightError::LockedOver(locked_total));
    }
    let remainder = 100.0 - locked_total;
    let free_total: f64 = free.iter().map(|&i| weights[i].max(0.0)).sum();
    let mut out = weights.to_vec();
    for &i in &free {
        out[i] = if free_total > 0.0 {
            weights[i].max(0.0) / free_total * remainder
        } else {
            remainder / free.len() as f64
        };
    }
    Ok(round_to_total(out, &free))
}

/// Rounds to 0.01 and puts the rounding difference on the largest free weight, so the shares
/// people see add up to exactly 100.
fn round_to_total(mut w: Vec<f64>, free: &[usize]) -> Vec<f64> {
    for &i in free {
        w[i] = (w[i] * 100.0).round() / 100.0;
    }
    let diff = 100.0 - w.iter().sum::<f64>();
    if diff.abs() > 1e-9
        && let Some(&i) = free.iter().max_by(|&&a, &&b| w[a].total_cmp(&w[b]))
    {
        w[i] = ((w[i] + diff) * 100.0).round() / 100.0;
    }
    w
}

/// Sets weight `changed` to `value` and rebalances the other unlocked weights so the total stays
/// 100 (the changed weight counts as locked). `value` is capped at what the locks leave.
pub fn rebalance(
    weights: &[f64],
    locked: &[bool],
    changed: usize,
    value: f64,
) -> Result<Vec<f64>, WeightError> {
    let mut w = weights.to_vec();
    let mut l: Vec<bool> = locked.to_vec();
    l.resize(w.len(), false);
    let others_locked: f64 =
        w.iter().zip(&l).enumerate().filter(|(i, (_, lk))| **lk && *i != changed).map(|(_, (x, _))| *x).sum();
    w[changed] = value.clamp(0.0, (100.0 - others_locked).max(0.0));
    l[changed] = true;
    if l.iter().all(|x| *x) {
        return Err(WeightError::AllLocked);
    }
    normalise(&w, &l)
}

/// Each perspective's share (0–1) of the scorecard.
pub fn perspective_shares(project: &Project) -> Vec<f64> {
    let total: f64 = project.perspectives.iter().map(|p| p.weight.max(0.0)).sum();
    project.perspectives.iter().map(|p| if total > 0.0 { p.weight.max(0.0) / total } else { 0.0 }).collect()
}

/// Each objective's share (0–1) of the whole scorecard: its share of its perspective × the
/// perspective's share of the scorecard.
pub fn objective_shares(project: &Project) -> Vec<f64> {
    let share = |w: f64, total: f64| if total > 0.0 { w.max(0.0) / total } else { 0.0 };
    let perspectives = perspective_shares(project);
    project
        .objectives
        .iter()
        .map(|o| {
            let in_persp: f64 = project.objectives_in(&o.perspective).map(|x| x.weight.max(0.0)).sum();
            let persp = project
                .perspectives
                .iter()
                .position(|p| p.id == o.perspective)
                .map_or(0.0, |i| perspectives[i]);
            share(o.weight, in_persp) * persp
        })
        .collect()
}

/// Each KPI's absolute weight in percent. A company KPI's share of the scorecard: its share of
/// its objective × the objective's share of its perspective × the perspective's share of the
/// scorecard. A department KPI's share of the top of its department tree, through every level.
/// Excluded KPIs have 0.
pub fn absolute_weights(project: &Project) -> Vec<f64> {
    let share = |w: f64, total: f64| if total > 0.0 { w.max(0.0) / total } else { 0.0 };
    let objective_share = objective_shares(project);
    // A department's share of its root: own KPIs count as one unit of weight 1 beside its
    // sub-units (as the roll-up does).
    let dept_index = |id: &crate::model::DepartmentId| project.departments.iter().position(|d| &d.id == id);
    let unit_total = |d: usize| -> f64 {
        let id = &project.departments[d].id;
        let own: f64 = if project.kpis_of_department(id).any(|k| !k.excluded) { 1.0 } else { 0.0 };
        let subs: Vec<f64> = project.sub_departments(id).map(|s| s.weight.max(0.0)).collect();
        if subs.is_empty() { own.max(1.0) } else { own + subs.iter().sum::<f64>() }
    };
    let department_share = |d: usize| -> f64 {
        // Share of the department's own KPIs within the department, times the department's share
        // of each ancestor, walking up to the root.
        let id = &project.departments[d].id;
        let has_subs = project.sub_departments(id).next().is_some();
        let mut s = if has_subs { share(1.0, unit_total(d)) } else { 1.0 };
        let mut at = d;
        let mut steps = 0;
        while let Some(parent) = project.departments[at].parent.as_ref().and_then(dept_index) {
            s *= share(project.departments[at].weight, unit_total(parent));
            at = parent;
            steps += 1;
            if steps > project.departments.len() {
                break;
            }
        }
        s
    };
    project
        .kpis
        .iter()
        .map(|k| {
            if k.excluded {
                return 0.0;
            }
            let siblings: f64 = project
                .kpis
                .iter()
                .filter(|x| {
                    !x.excluded
                        && ((k.objective.is_some() && x.objective == k.objective)
                            || (k.department.is_some() && x.department == k.department))
                })
                .map(|x| x.weight.max(0.0))
                .sum();
            let own = share(k.weight, siblings);
            let parent = match (&k.objective, &k.department) {
                (Some(o), _) => {
                    project.objectives.iter().position(|x| &x.id == o).map_or(0.0, |i| objective_share[i])
                }
                (None, Some(d)) => dept_index(d).map_or(0.0, department_share),
                _ => 0.0,
            };
            own * parent * 100.0
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: &[f64], b: &[f64]) {
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(b) {
            assert!((x - y).abs() < 0.011, "{a:?} vs {b:?}");
        }
    }

    #[test]
    fn normalise_keeps_proportions_and_locks() {
        close(&normalise(&[30.0, 20.0, 10.0], &[false; 3]).unwrap(), &[50.0, 33.33, 16.67]);
        // 40 locked: the other two share 60 in proportion 3:1.
        close(&normalise(&[40.0, 30.0, 10.0], &[true, false, false]).unwrap(), &[40.0, 45.0, 15.0]);
        // All-zero free weights share the remainder equally.
        close(&normalise(&[50.0, 0.0, 0.0], &[true, false, false]).unwrap(), &[50.0, 25.0, 25.0]);
        assert_eq!(normalise(&[60.0, 50.0, 5.0], &[true, true, false]), Err(WeightError::LockedOver(110.0)));
        assert_eq!(normalise(&[1.0], &[true]), Err(WeightError::AllLocked));
        // Rounded shares add up to exactly 100.
        let w = normalise(&[1.0, 1.0, 1.0], &[false; 3]).unwrap();
        assert_eq!(w.iter().sum::<f64>(), 100.0);
    }

    #[test]
    fn rebalance_moves_the_others() {
        // Raise the first from 40 to 60: the unlocked two share 40 in proportion 30:30.
        close(&rebalance(&[40.0, 30.0, 30.0], &[false; 3], 0, 60.0).unwrap(), &[60.0, 20.0, 20.0]);
        // With the third locked at 30, only the second gives way.
        close(&rebalance(&[40.0, 30.0, 30.0], &[false, false, true], 0, 60.0).unwrap(), &[60.0, 10.0, 30.0]);
        // A value beyond what the locks leave is capped.
        close(&rebalance(&[40.0, 30.0, 30.0], &[false, false, true], 0, 90.0).unwrap(), &[70.0, 0.0, 30.0]);
    }

    #[test]
    fn absolute_weights_multiply_down_the_tree() {
        let bytes =
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/sample-projects/dealership-sales.json"))
                .unwrap();
        let p = crate::io::parse_project(&bytes).unwrap().project;
        let abs = absolute_weights(&p);
        // Company KPIs share the whole scorecard.
        let company: f64 =
            p.kpis.iter().zip(&abs).filter(|(k, _)| k.objective.is_some()).map(|(_, w)| w).sum();
        assert!((company - 100.0).abs() < 1e-6, "{company}");
        // F01: 60 % of 提高收入, which is 1 of 3.5 weight units in 财务 (30 of 100).
        let f01 = p.kpis.iter().position(|k| k.code == "F01").unwrap();
        assert!((abs[f01] - 0.6 * (1.0 / 3.5) * 30.0).abs() < 1e-9, "{}", abs[f01]);
        // Department KPIs share the company tree's score.
        let departments: f64 =
            p.kpis.iter().zip(&abs).filter(|(k, _)| k.department.is_some()).map(|(_, w)| w).sum();
        assert!((departments - 100.0).abs() < 1e-6, "{departments}");
    }
}
