//! Roll-up: a node's score from its children's scores, with the missing-data policy applied and
//! the coverage reported ("3 of 4 KPIs reported, 75 % of the weight").

use super::method::Undefined;
use crate::model::{MissingData, RollUp};

/// One child as the roll-up sees it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Child {
    pub score: Result<f64, Undefined>,
    pub weight: f64,
    /// The child's most recent earlier score, for the carry-forward policy.
    pub carried: Option<f64>,
}

/// What the roll-up did with one child.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Treatment {
    /// Its own score for the period was used.
    Used,
    /// No score: left out, the other weights renormalised.
    Skipped,
    /// No score: counted as 0.
    CountedAsZero,
    /// No score: its last earlier score was used.
    CarriedForward,
    /// Not due in the period: left out, and not counted as missing.
    NotDue,
}

/// How much of a roll-up is backed by data.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Coverage {
    /// Children with a score of their own for the period.
    pub reported: u32,
    pub total: u32,
    /// Share (0–1) of the total weight carried by the children that reported.
    pub weight_share: f64,
}

/// The value used for each child and its normalised share, for traces.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Contribution {
    pub treatment: Treatment,
    pub used: Option<f64>,
    /// The child's share of the result: its normalised weight (weighted average), 1/n (average),
    /// 1 for the worst child (0 for the others) and for every child of a sum.
    pub share: f64,
    /// share × used: what the child adds to the result.
    pub contribution: f64,
}

/// Rolls children up by `rule` under `policy`.
pub fn roll_up(rule: RollUp, policy: MissingData, children: &[Child]) -> (Result<f64, Undefined>, Coverage) {
    let (result, coverage, _) = roll_up_inner(rule, policy, children, false);
    (result, coverage)
}

/// Like `roll_up`, also returning each child's treatment and contribution.
pub fn roll_up_explained(
    rule: RollUp,
    policy: MissingData,
    children: &[Child],
) -> (Result<f64, Undefined>, Coverage, Vec<Contribution>) {
    roll_up_inner(rule, policy, children, true)
}

fn roll_up_inner(
    rule: RollUp,
    policy: MissingData,
    children: &[Child],
    explain: bool,
) -> (Result<f64, Undefined>, Coverage, Vec<Contribution>) {
    // Children not due in the period owe nothing: they are neither missing nor zero, and do not
    // count towards coverage.
    let due = |c: &Child| c.score != Err(Undefined::NotDue);
    let mut coverage =
        Coverage { reported: 0, total: children.iter().filter(|c| due(c)).count() as u32, weight_share: 0.0 };
    if children.is_empty() {
        return (Err(Undefined::NoChildren), coverage, Vec::new());
    }
    if coverage.total == 0 {
        // The trace still lists every child, each not due.
        let not_due =
            Contribution { treatment: Treatment::NotDue, used: None, share: 0.0, contribution: 0.0 };
        let contributions = if explain { vec![not_due; children.len()] } else { Vec::new() };
        return (Err(Undefined::NotDue), coverage, contributions);
    }
    let total_weight: f64 = children.iter().filter(|c| due(c)).map(|c| c.weight.max(0.0)).sum();
    let mut reported_weight = 0.0;
    // The value each child contributes, after the missing-data policy.
    let resolved = |c: &Child| -> (Option<f64>, Treatment) {
        match c.score {
            Ok(s) => (Some(s), Treatment::Used),
            Err(Undefined::NotDue) => (None, Treatment::NotDue),
            Err(_) => match policy {
                MissingData::Skip => (None, Treatment::Skipped),
                MissingData::Zero => (Some(0.0), Treatment::CountedAsZero),
                MissingData::CarryForward => match c.carried {
                    Some(v) => (Some(v), Treatment::CarriedForward),
                    None => (None, Treatment::Skipped),
                },
            },
        }
    };
    let (mut sum_w, mut sum_ws, mut sum_s, mut n, mut worst): (f64, f64, f64, u32, Option<f64>) =
        (0.0, 0.0, 0.0, 0, None);
    for c in children {
        if c.score.is_ok() {
            coverage.reported += 1;
            reported_weight += c.weight.max(0.0);
        }
        if let (Some(v), _) = resolved(c) {
            let w = c.weight.max(0.0);
            sum_w += w;
            sum_ws += w * v;
            sum_s += v;
            n += 1;
            worst = Some(worst.map_or(v, |m: f64| m.min(v)));
        }
    }
    coverage.weight_share = if total_weight > 0.0 {
        reported_weight / total_weight
    } else {
        coverage.reported as f64 / coverage.total as f64
    };
    let result = if n == 0 {
        Err(Undefined::NoChildReported)
    } else {
        match rule {
            RollUp::WeightedAverage => {
                if sum_w > 0.0 {
                    Ok(sum_ws / sum_w)
                } else {
                    Err(Undefined::ZeroWeights)
                }
            }
            RollUp::Average => Ok(sum_s / n as f64),
            RollUp::Worst => Ok(worst.unwrap_or(0.0)),
            RollUp::Sum => Ok(sum_s),
        }
        .and_then(|v| if v.is_finite() { Ok(v) } else { Err(Undefined::TooLarge) })
    };
    let mut contributions = Vec::new();
    if explain {
        let worst_index = children
            .iter()
            .enumerate()
            .filter_map(|(i, c)| resolved(c).0.map(|v| (i, v)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i);
        for (i, c) in children.iter().enumerate() {
            let (v, treatment) = resolved(c);
            let share = match (v, rule) {
                (None, _) => 0.0,
                (Some(_), RollUp::WeightedAverage) => {
                    if sum_w > 0.0 {
                        c.weight.max(0.0) / sum_w
                    } else {
                        0.0
                    }
                }
                (Some(_), RollUp::Average) => 1.0 / n as f64,
                (Some(_), RollUp::Worst) => {
                    if Some(i) == worst_index {
                        1.0
                    } else {
                        0.0
                    }
                }
                (Some(_), RollUp::Sum) => 1.0,
            };
            contributions.push(Contribution {
                treatment,
                used: v,
                share,
                contribution: v.unwrap_or(0.0) * share,
            });
        }
    }
    (result, coverage, contributions)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(score: Option<f64>, weight: f64) -> Child {
        Child { score: score.ok_or(Undefined::NoActual), weight, carried: None }
    }

    #[test]
    fn weighted_average_normalises_weights() {
        // Weights 30 / 20 / 10 need not total 100.
        let children = [c(Some(100.0), 30.0), c(Some(70.0), 20.0), c(Some(40.0), 10.0)];
        let (s, cov) = roll_up(RollUp::WeightedAverage, MissingData::Skip, &children);
        assert!((s.unwrap() - (3000.0 + 1400.0 + 400.0) / 60.0).abs() < 1e-9);
        assert_eq!((cov.reported, cov.total, cov.weight_share), (3, 3, 1.0));
    }

    #[test]
    fn other_rules() {
        let children = [c(Some(100.0), 3.0), c(Some(70.0), 1.0)];
        assert_eq!(roll_up(RollUp::Average, MissingData::Skip, &children).0, Ok(85.0));
        assert_eq!(roll_up(RollUp::Worst, MissingData::Skip, &children).0, Ok(70.0));
        assert_eq!(roll_up(RollUp::Sum, MissingData::Skip, &children).0, Ok(170.0));
    }

    #[test]
    fn missing_data_policies() {
        let children = [
            c(Some(100.0), 50.0),
            Child { score: Err(Undefined::NoActual), weight: 50.0, carried: Some(60.0) },
        ];
        let (skip, cov) = roll_up(RollUp::WeightedAverage, MissingData::Skip, &children);
        assert_eq!(skip, Ok(100.0));
        assert_eq!((cov.reported, cov.total, cov.weight_share), (1, 2, 0.5));
        assert_eq!(roll_up(RollUp::WeightedAverage, MissingData::Zero, &children).0, Ok(50.0));
        assert_eq!(roll_up(RollUp::WeightedAverage, MissingData::CarryForward, &children).0, Ok(80.0));
        // Carry forward without history falls back to skipping.
        let children = [c(Some(100.0), 50.0), c(None, 50.0)];
        assert_eq!(roll_up(RollUp::WeightedAverage, MissingData::CarryForward, &children).0, Ok(100.0));
    }

    #[test]
    fn every_child_missing_and_no_children() {
        let children = [c(None, 1.0), c(None, 2.0)];
        let (s, cov) = roll_up(RollUp::WeightedAverage, MissingData::Skip, &children);
        assert_eq!(s, Err(Undefined::NoChildReported));
        assert_eq!((cov.reported, cov.weight_share), (0, 0.0));
        // Counting missing as zero makes a real 0, not an undefined score.
        assert_eq!(roll_up(RollUp::WeightedAverage, MissingData::Zero, &children).0, Ok(0.0));
        assert_eq!(roll_up(RollUp::WeightedAverage, MissingData::Skip, &[]).0, Err(Undefined::NoChildren));
        let zero_weights = [c(Some(50.0), 0.0)];
        assert_eq!(
            roll_up(RollUp::WeightedAverage, MissingData::Skip, &zero_weights).0,
            Err(Undefined::ZeroWeights)
        );
    }

    #[test]
    fn explained_contributions_add_up() {
        let children = [c(Some(100.0), 30.0), c(None, 20.0), c(Some(40.0), 10.0)];
        let (s, _, contributions) = roll_up_explained(RollUp::WeightedAverage, MissingData::Skip, &children);
        let total: f64 = contributions.iter().map(|c| c.contribution).sum();
        assert!((s.unwrap() - total).abs() < 1e-9);
        assert_eq!(contributions[1].treatment, Treatment::Skipped);
        assert!((contributions[0].share - 0.75).abs() < 1e-12);
    }
}
