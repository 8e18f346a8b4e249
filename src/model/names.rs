//! Each domain enum's name in a language, once, from the catalog. Menus, messages, traces and
//! exports all call these, so a value reads the same everywhere.

use crate::i18n::{Lang, T};
use crate::model::{
    Aggregation, DepartmentKind, Frequency, InitiativeStatus, KpiTag, MissingData, Polarity, RollUp,
    ScoringMethod,
};

impl Frequency {
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Frequency::Weekly => T::Weekly,
            Frequency::Monthly => T::Monthly,
            Frequency::Quarterly => T::Quarterly,
            Frequency::HalfYearly => T::HalfYearly,
            Frequency::Yearly => T::Yearly,
        }
        .get(lang)
    }

    /// The period itself, as in "target per month": week, month, quarter, half-year, year.
    pub fn period_noun(self, lang: Lang) -> &'static str {
        match self {
            Frequency::Weekly => T::PeriodWeek,
            Frequency::Monthly => T::PeriodMonth,
            Frequency::Quarterly => T::PeriodQuarter,
            Frequency::HalfYearly => T::PeriodHalfYear,
            Frequency::Yearly => T::PeriodYear,
        }
        .get(lang)
    }
}

impl Polarity {
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Polarity::HigherIsBetter => T::HigherIsBetter,
            Polarity::LowerIsBetter => T::LowerIsBetter,
            Polarity::ClosestToTarget => T::ClosestToTarget,
        }
        .get(lang)
    }
}

impl Aggregation {
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Aggregation::Sum => T::AggSum,
            Aggregation::Average => T::AggAverage,
            Aggregation::Last => T::AggLast,
        }
        .get(lang)
    }
}

impl RollUp {
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            RollUp::WeightedAverage => T::RollWeighted,
            RollUp::Average => T::RollAverage,
            RollUp::Worst => T::RollWorst,
            RollUp::Sum => T::RollSum,
        }
        .get(lang)
    }
}

impl MissingData {
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            MissingData::Skip => T::MissingSkip,
            MissingData::Zero => T::MissingZero,
            MissingData::CarryForward => T::MissingCarry,
        }
        .get(lang)
    }
}

impl DepartmentKind {
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            DepartmentKind::Company => T::KindCompany,
            DepartmentKind::Division => T::KindDivision,
            DepartmentKind::Department => T::KindDepartment,
            DepartmentKind::Team => T::KindTeam,
            DepartmentKind::Role => T::KindRole,
        }
        .get(lang)
    }
}

impl InitiativeStatus {
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            InitiativeStatus::Planned => T::StatusPlanned,
            InitiativeStatus::InProgress => T::StatusInProgress,
            InitiativeStatus::OnHold => T::StatusOnHold,
            InitiativeStatus::Done => T::StatusDone,
            InitiativeStatus::Cancelled => T::StatusCancelled,
        }
        .get(lang)
    }
}

impl KpiTag {
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            KpiTag::Financial => T::TagFinancial,
            KpiTag::NonFinancial => T::TagNonFinancial,
            KpiTag::Quantitative => T::TagQuantitative,
            KpiTag::Qualitative => T::TagQualitative,
            KpiTag::Leading => T::TagLeading,
            KpiTag::Lagging => T::TagLagging,
            KpiTag::PointInTime => T::TagPointInTime,
            KpiTag::OverPeriod => T::TagOverPeriod,
        }
        .get(lang)
    }
}

impl ScoringMethod {
    pub fn name(&self, lang: Lang) -> &'static str {
        match self {
            ScoringMethod::AchievementRatio => T::MethodRatio,
            ScoringMethod::SignSafe => T::MethodSignSafe,
            ScoringMethod::ProgressFromBaseline => T::MethodProgress,
            ScoringMethod::RangeNormalisation => T::MethodRange,
            ScoringMethod::Bands { .. } => T::MethodBands,
            ScoringMethod::Points { .. } => T::MethodPoints,
            ScoringMethod::ClosestToTarget { .. } => T::MethodClosest,
            ScoringMethod::Binary => T::MethodBinary,
        }
        .get(lang)
    }

    /// What the method computes, with its formula and a worked example (tooltips, the guide).
    pub fn tip(&self, lang: Lang) -> &'static str {
        match self {
            ScoringMethod::AchievementRatio => T::TipMethodRatio,
            ScoringMethod::SignSafe => T::TipMethodSignSafe,
            ScoringMethod::ProgressFromBaseline => T::TipMethodProgress,
            ScoringMethod::RangeNormalisation => T::TipMethodRange,
            ScoringMethod::Bands { .. } => T::TipMethodBands,
            ScoringMethod::Points { .. } => T::TipMethodPoints,
            ScoringMethod::ClosestToTarget { .. } => T::TipMethodClosest,
            ScoringMethod::Binary => T::TipMethodBinary,
        }
        .get(lang)
    }

    /// The name of the method a trace records by its file key (`"bands"`, `"sign_safe"` …).
    pub fn name_of_key(key: &str, lang: Lang) -> &'static str {
        Self::one_of_each()
            .iter()
            .find(|m| m.key() == key)
            .map_or(T::MethodUnknown.get(lang), |m| m.name(lang))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_method_key_has_its_own_name() {
        let all = ScoringMethod::one_of_each();
        let names: std::collections::HashSet<_> = all.iter().map(|m| m.name(Lang::En)).collect();
        let keys: std::collections::HashSet<_> = all.iter().map(|m| m.key()).collect();
        assert_eq!((names.len(), keys.len()), (all.len(), all.len()), "one of each kind, each named");
        for m in &all {
            assert_eq!(ScoringMethod::name_of_key(m.key(), Lang::Zh), m.name(Lang::Zh));
        }
        assert_eq!(ScoringMethod::name_of_key("nonsense", Lang::En), T::MethodUnknown.en());
    }
}
