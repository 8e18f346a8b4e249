//! The KPI library: a built-in bilingual catalogue of KPIs (from the reference courseware and
//! standard practice, shipped in assets/kpi-library.json) and the user's own saved KPIs.

use super::ids::KpiId;
use super::kpi::{Aggregation, Frequency, Kpi, KpiTag, Polarity};
use crate::i18n::{Lang, T};
use serde::{Deserialize, Serialize};

/// A text in both languages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Text2 {
    pub zh: String,
    pub en: String,
}

impl Text2 {
    pub fn get(&self, lang: Lang) -> &str {
        let (first, second) = match lang {
            Lang::Zh => (&self.zh, &self.en),
            Lang::En => (&self.en, &self.zh),
        };
        if first.is_empty() { second } else { first }
    }

    /// The same text in both languages (a user's own KPI).
    pub fn both(s: &str) -> Self {
        Self { zh: s.into(), en: s.into() }
    }
}

/// One catalogue entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryKpi {
    pub id: String,
    pub category: String,
    pub name: Text2,
    pub formula: Text2,
    pub meaning: Text2,
    pub unit: String,
    pub polarity: Polarity,
    pub aggregation: Aggregation,
    pub frequency: Frequency,
    #[serde(default)]
    pub tags: Vec<KpiTag>,
}

impl LibraryKpi {
    /// A ratio entry's expression and the data elements it names, read from its formula in the
    /// given language (`A ÷ B × 100%` → `[A] / [B] * 100`, A and B); `None` for a KPI that is a
    /// count or an amount itself.
    pub fn computed(&self, lang: Lang) -> Option<(String, Vec<String>)> {
        let formula = self.formula.get(lang);
        if !formula.contains(['÷', '/']) {
            return None;
        }
        crate::model::expr::from_formula_text(formula).filter(|(_, names)| names.len() >= 2)
    }

    /// A new KPI from the entry, in the given language. The caller places it and sets weight
    /// and target.
    pub fn to_kpi(&self, id: KpiId, lang: Lang) -> Kpi {
        let mut k = Kpi::new(id, self.name.get(lang));
        k.formula = self.formula.get(lang).into();
        k.definition = self.meaning.get(lang).into();
        k.unit = self.unit.clone();
        k.polarity = self.polarity;
        k.aggregation = self.aggregation;
        k.frequency = Some(self.frequency);
        k.tags = self.tags.clone();
        if self.polarity == Polarity::ClosestToTarget {
            k.scoring = Some(super::kpi::ScoringMethod::ClosestToTarget { falloff: None });
        }
        k
    }

    /// A user-library entry from a KPI of a project.
    pub fn from_kpi(k: &Kpi, id: String) -> Self {
        Self {
            id,
            category: "user".into(),
            name: Text2::both(&k.name),
            formula: Text2::both(&k.formula),
            meaning: Text2::both(&k.definition),
            unit: k.unit.clone(),
            polarity: k.polarity,
            aggregation: k.aggregation,
            frequency: k.frequency.unwrap_or(Frequency::Monthly),
            tags: k.tags.clone(),
        }
    }

    /// Whether the entry matches a search (any language, name, formula, meaning or unit).
    pub fn matches(&self, query: &str) -> bool {
        let q = query.trim().to_lowercase();
        q.is_empty()
            || [
                &self.name.zh,
                &self.name.en,
                &self.formula.zh,
                &self.formula.en,
                &self.meaning.zh,
                &self.meaning.en,
                &self.unit,
            ]
            .iter()
            .any(|t| t.to_lowercase().contains(&q))
            || category_name(&self.category, Lang::Zh).contains(query.trim())
            || category_name(&self.category, Lang::En).to_lowercase().contains(&q)
    }
}

/// The built-in catalogue.
pub fn builtin() -> &'static [LibraryKpi] {
    static LIBRARY: std::sync::OnceLock<Vec<LibraryKpi>> = std::sync::OnceLock::new();
    // The file is part of the binary and checked by a test; an error here would be a build bug.
    LIBRARY.get_or_init(|| {
        serde_json::from_str(include_str!("../../assets/kpi-library.json")).unwrap_or_default()
    })
}

/// The categories in catalogue order.
pub const CATEGORIES: [&str; 10] = [
    "sales",
    "retail",
    "dealership",
    "insurance",
    "manufacturing",
    "logistics",
    "customer",
    "hr",
    "finance",
    "process",
];

pub fn category_name(c: &str, lang: Lang) -> &'static str {
    match c {
        "sales" => T::Sales.get(lang),
        "retail" => T::RetailStores.get(lang),
        "dealership" => T::CarDealership.get(lang),
        "insurance" => T::InsuranceAgency.get(lang),
        "manufacturing" => T::Manufacturing.get(lang),
        "logistics" => T::Logistics.get(lang),
        "customer" => T::Customer.get(lang),
        "hr" => T::PeopleHR.get(lang),
        "finance" => T::Finance.get(lang),
        "process" => T::InternalProcess.get(lang),
        "user" => T::MyKPIs.get(lang),
        _ => T::Other.get(lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_has_at_least_80_complete_bilingual_kpis() {
        let lib = builtin();
        assert!(lib.len() >= 80, "{}", lib.len());
        let mut ids = std::collections::HashSet::new();
        for k in lib {
            assert!(ids.insert(&k.id), "{} twice", k.id);
            for t in [&k.name, &k.formula, &k.meaning] {
                assert!(!t.zh.is_empty() && !t.en.is_empty(), "{}", k.id);
                assert!(
                    t.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) || k.name.en == t.zh,
                    "{}: {}",
                    k.id,
                    t.zh
                );
            }
            assert!(!k.unit.is_empty(), "{}", k.id);
            assert!(CATEGORIES.contains(&k.category.as_str()), "{}", k.id);
        }
        for c in CATEGORIES {
            assert!(lib.iter().filter(|k| k.category == c).count() >= 5, "{c} has few KPIs");
        }
    }

    #[test]
    fn entries_become_kpis_in_either_language() {
        let lib = builtin();
        let e = lib.iter().find(|k| k.name.zh == "试乘试驾邀约率").unwrap();
        // Every ratio of the catalogue reads as an expression over its counts, in both languages.
        let ratios: Vec<&LibraryKpi> = builtin().iter().filter(|e| e.formula.zh.contains('÷')).collect();
        assert!(ratios.len() > 40, "{}", ratios.len());
        for r in &ratios {
            for lang in [Lang::Zh, Lang::En] {
                assert!(r.computed(lang).is_some(), "{} {:?}: {}", r.id, lang, r.formula.get(lang));
            }
        }
        let (expression, names) = builtin()
            .iter()
            .find(|e| e.formula.zh == "流失客户数 ÷ 期初客户数 × 100%")
            .unwrap()
            .computed(Lang::Zh)
            .unwrap();
        assert_eq!(expression, "[流失客户数] / [期初客户数] * 100");
        assert_eq!(names, vec!["流失客户数", "期初客户数"]);
        let zh = e.to_kpi(KpiId::numbered(9), Lang::Zh);
        assert_eq!(zh.formula, "邀约试乘试驾客户数 ÷ 试乘试驾客户数 × 100%");
        let en = e.to_kpi(KpiId::numbered(9), Lang::En);
        assert_eq!(en.name, "Test-drive invitation rate");
        assert!(e.matches("邀约") && e.matches("invitation") && e.matches("汽车经销"));
        assert!(!e.matches("warehouse"));
    }
}
