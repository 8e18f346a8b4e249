//! Status (red / amber / green and a project's own bands) from ordered threshold rules: the
//! first rule that matches gives the status.

use crate::i18n::{Lang, T};
use crate::model::{Colour, Kpi, Project, ScoringMethod, StatusBasis, StatusRule};

/// Where a status came from, so its label can be looked up without copying strings per score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StatusSource {
    /// The project's status rules, index of the rule that matched.
    Project(usize),
    /// The KPI's own status rules.
    Kpi(usize),
    /// The band reached under the bands scoring method.
    Band(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Status {
    pub source: StatusSource,
    pub colour: Colour,
}

impl Status {
    /// The status name as stored (`green`, `amber`, `red` or the project's own).
    pub fn key<'a>(&self, project: &'a Project, kpi: Option<&'a Kpi>) -> &'a str {
        match self.source {
            StatusSource::Project(i) => project.scoring.status_rules.get(i).map_or("", |r| r.status.as_str()),
            StatusSource::Kpi(i) => kpi
                .and_then(|k| k.status_rules.as_ref())
                .and_then(|r| r.get(i))
                .map_or("", |r| r.status.as_str()),
            StatusSource::Band(i) => {
                match kpi.and_then(|k| k.scoring.as_ref()).or(Some(&project.scoring.method)) {
                    Some(ScoringMethod::Bands { bands }) => bands.get(i).map_or("", |b| b.label.as_str()),
                    _ => "",
                }
            }
        }
    }

    /// The status as a person reads it: the well-known keys translated, others as written.
    pub fn label(&self, project: &Project, kpi: Option<&Kpi>, lang: Lang) -> String {
        status_label(self.key(project, kpi), lang)
    }
}

/// Translates the well-known status names; a project's own names are shown as written.
pub fn status_label(key: &str, lang: Lang) -> String {
    match key {
        "green" => T::Green.get(lang).into(),
        "amber" => T::Amber.get(lang).into(),
        "red" => T::Red.get(lang).into(),
        "blue" => T::Blue.get(lang).into(),
        other => other.into(),
    }
}

/// The first rule that matches the score (or the value, for rules on the value).
pub fn evaluate(rules: &[StatusRule], score: f64, value: Option<f64>) -> Option<usize> {
    rules.iter().position(|r| {
        let x = match r.basis {
            StatusBasis::Score => Some(score),
            StatusBasis::Value => value,
        };
        x.is_some_and(|x| r.when.holds(x, r.threshold))
    })
}

/// The status of a KPI's score: the band reached under the bands method, else the KPI's own
/// rules, else the project's.
pub fn kpi_status(
    project: &Project,
    kpi: &Kpi,
    score: f64,
    value: Option<f64>,
    band: Option<usize>,
) -> Option<Status> {
    if let Some(i) = band {
        let method = kpi.scoring.as_ref().unwrap_or(&project.scoring.method);
        if let ScoringMethod::Bands { bands } = method
            && let Some(b) = bands.get(i)
        {
            return Some(Status { source: StatusSource::Band(i), colour: b.colour });
        }
    }
    match &kpi.status_rules {
        Some(rules) => evaluate(rules, score, value)
            .map(|i| Status { source: StatusSource::Kpi(i), colour: rules[i].colour }),
        None => node_status(project, score),
    }
}

/// The status of a rolled-up score from the project's rules (rules on raw values do not apply).
pub fn node_status(project: &Project, score: f64) -> Option<Status> {
    let rules = &project.scoring.status_rules;
    evaluate(rules, score, None).map(|i| Status { source: StatusSource::Project(i), colour: rules[i].colour })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Comparison, STATUS_BLUE};

    #[test]
    fn first_match_wins() {
        let mut rules = StatusRule::default_rules();
        assert_eq!(evaluate(&rules, 100.0, None), Some(0));
        assert_eq!(evaluate(&rules, 99.9, None), Some(1));
        assert_eq!(evaluate(&rules, 90.0, None), Some(1));
        assert_eq!(evaluate(&rules, -40.0, None), Some(2));
        // A custom band in front: "exceeded" above 120 %.
        rules.insert(
            0,
            StatusRule {
                status: "exceeded".into(),
                colour: STATUS_BLUE,
                basis: StatusBasis::Score,
                when: Comparison::Above,
                threshold: 120.0,
            },
        );
        assert_eq!(evaluate(&rules, 121.0, None), Some(0));
        assert_eq!(evaluate(&rules, 120.0, None), Some(1));
    }

    #[test]
    fn rules_on_the_value() {
        let rules = vec![
            StatusRule {
                status: "red".into(),
                colour: STATUS_BLUE,
                basis: StatusBasis::Value,
                when: Comparison::Above,
                threshold: 5.0,
            },
            StatusRule {
                status: "green".into(),
                colour: STATUS_BLUE,
                basis: StatusBasis::Score,
                when: Comparison::Always,
                threshold: 0.0,
            },
        ];
        assert_eq!(evaluate(&rules, 100.0, Some(6.0)), Some(0));
        assert_eq!(evaluate(&rules, 100.0, Some(4.0)), Some(1));
        // Without a value, value rules are skipped.
        assert_eq!(evaluate(&rules, 100.0, None), Some(1));
    }
}
