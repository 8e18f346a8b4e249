//! Stable identifiers for everything in a project.
//!
//! Ids are short prefixed strings (`kpi-12`, `obj-3`) so they survive renames and reordering and
//! read well in a diff of the project file. Each kind of item has its own type so a KPI id can
//! never be passed where an objective id is expected.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The prefix new ids of this kind get, e.g. `kpi` for `kpi-12`.
            pub const PREFIX: &'static str = $prefix;

            pub fn new(s: impl Into<String>) -> Self {
                Self(s.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The id `PREFIX-n`.
            pub fn numbered(n: u64) -> Self {
                Self(format!("{}-{}", $prefix, n))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }
    };
}

id_type!(
    /// Identifies a perspective (维度).
    PerspectiveId,
    "persp"
);
id_type!(
    /// Identifies a strategic theme (战略主题).
    ThemeId,
    "theme"
);
id_type!(
    /// Identifies a strategic objective (战略目标).
    ObjectiveId,
    "obj"
);
id_type!(
    /// Identifies a cause-and-effect link between two objectives.
    LinkId,
    "link"
);
id_type!(
    /// Identifies a KPI (关键绩效指标).
    KpiId,
    "kpi"
);
id_type!(
    /// Identifies a data element (基础数据项): a counted or measured input of computed KPIs.
    ElementId,
    "el"
);
id_type!(
    /// Identifies a node of the organisation tree: company, division, department, team or role.
    DepartmentId,
    "dept"
);
id_type!(
    /// Identifies an initiative (战略行动方案 / 改善措施).
    InitiativeId,
    "init"
);

/// The next free number for ids of the form `prefix-n`, given the ids already in use.
/// Ids that do not follow the pattern (hand-written ones such as `sales`) are ignored.
pub fn next_number<'a>(prefix: &str, existing: impl Iterator<Item = &'a str>) -> u64 {
    existing
        .filter_map(|id| id.strip_prefix(prefix)?.strip_prefix('-')?.parse::<u64>().ok())
        .max()
        .map_or(1, |n| n + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_number_skips_foreign_ids() {
        let ids = ["kpi-3", "kpi-10", "sales", "kpi-x", "obj-99"];
        assert_eq!(next_number("kpi", ids.iter().copied()), 11);
        assert_eq!(next_number("init", ids.iter().copied()), 1);
    }

    #[test]
    fn ids_serialize_as_plain_strings() {
        let id = KpiId::numbered(7);
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"kpi-7\"");
    }
}
