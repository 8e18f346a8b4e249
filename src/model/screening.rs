//! KPI screening (指标筛选): candidate KPIs rated against weighted criteria — importance to
//! strategy, measurability, controllability, data availability — ranked by weighted total; the
//! chosen ones are promoted to the scorecard.

use super::ids::KpiId;
use crate::i18n::{Lang, T};
use serde::{Deserialize, Serialize};

/// Ratings run from 0 to this.
pub const MAX_RATING: f64 = 5.0;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Screening {
    pub criteria: Vec<Criterion>,
    pub candidates: Vec<Candidate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub name: String,
    /// Relative weight, shown as a percentage.
    pub weight: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub formula: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// One rating (0–5) per criterion, in criteria order; missing ratings count as not rated.
    #[serde(default)]
    pub ratings: Vec<f64>,
    /// The KPI made from this candidate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promoted: Option<KpiId>,
}

impl Screening {
    pub fn is_empty(&self) -> bool {
        self.criteria.is_empty() && self.candidates.is_empty()
    }

    /// The criteria the reference material uses, in the user's language.
    pub fn default_criteria(lang: Lang) -> Vec<Criterion> {
        [
            (T::CriterionImportance, 30.0),
            (T::CriterionMeasurability, 25.0),
            (T::CriterionControllability, 25.0),
            (T::CriterionDataAvailability, 20.0),
        ]
        .iter()
        .map(|(name, w)| Criterion { name: name.get(lang).into(), weight: *w })
        .collect()
    }

    /// A candidate's weighted total on a 0–100 scale (a perfect 5 everywhere is 100), or `None`
    /// while it has no ratings.
    pub fn total(&self, c: &Candidate) -> Option<f64> {
        let mut sum_w = 0.0;
        let mut sum = 0.0;
        for (crit, r) in self.criteria.iter().zip(&c.ratings) {
            if r.is_finite() {
                sum_w += crit.weight.max(0.0);
                sum += crit.weight.max(0.0) * r.clamp(0.0, MAX_RATING);
            }
        }
        (sum_w > 0.0).then(|| sum / sum_w / MAX_RATING * 100.0)
    }

    /// Candidate indices, best total first (unrated last, then by name).
    pub fn ranking(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.candidates.len()).collect();
        order.sort_by(|&a, &b| {
            let (ta, tb) = (self.total(&self.candidates[a]), self.total(&self.candidates[b]));
            tb.unwrap_or(-1.0)
                .total_cmp(&ta.unwrap_or(-1.0))
                .then_with(|| self.candidates[a].name.cmp(&self.candidates[b].name))
        });
        order
    }

    /// The next free candidate id.
    pub fn next_id(&self) -> String {
        format!("cand-{}", super::ids::next_number("cand", self.candidates.iter().map(|c| c.id.as_str())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighted_totals_and_ranking() {
        let s = Screening {
            criteria: Screening::default_criteria(Lang::Zh),
            candidates: vec![
                Candidate {
                    id: "cand-1".into(),
                    name: "物流成本贡献率".into(),
                    formula: String::new(),
                    unit: String::new(),
                    ratings: vec![5.0, 4.0, 3.0, 2.0],
                    promoted: None,
                },
                Candidate {
                    id: "cand-2".into(),
                    name: "完美交付率".into(),
                    formula: String::new(),
                    unit: String::new(),
                    ratings: vec![5.0, 5.0, 4.0, 4.0],
                    promoted: None,
                },
                Candidate {
                    id: "cand-3".into(),
                    name: "顾客满意度".into(),
                    formula: String::new(),
                    unit: String::new(),
                    ratings: vec![],
                    promoted: None,
                },
            ],
        };
        // (30·5 + 25·4 + 25·3 + 20·2) / 100 / 5 × 100 = 73.
        assert!((s.total(&s.candidates[0]).unwrap() - 73.0).abs() < 1e-9);
        assert!((s.total(&s.candidates[1]).unwrap() - 91.0).abs() < 1e-9);
        assert_eq!(s.total(&s.candidates[2]), None);
        assert_eq!(s.ranking(), vec![1, 0, 2]);
        assert_eq!(s.next_id(), "cand-4");
    }
}
