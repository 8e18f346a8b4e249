//! Department packs: the part of a company scorecard one department head works on (its KPIs and
//! the company KPIs they decompose, their data elements and initiatives, with the company map as
//! read-only context), sent out as a project of its own and merged back by meaning.

use super::merge::{MergeOutcome, merge, rename};
use super::project::Project;
use super::{Cascade, DataElement, Department, DepartmentId, Initiative, Kpi};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// What marks a project as a department's pack (version 7).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PackInfo {
    /// The department (or role) the pack is for; its sub-units come with it.
    pub department: DepartmentId,
    /// The file the pack was made from, by name.
    pub source: String,
    /// The day the pack was made.
    pub created: NaiveDate,
    /// What the pack held when it was sent: the base its return is merged against, so that what
    /// the company changed meanwhile is kept and only the head's own changes come in.
    pub sent: PackItems,
}

/// The editable part of a pack.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PackItems {
    #[serde(default)]
    pub departments: Vec<Department>,
    #[serde(default)]
    pub kpis: Vec<Kpi>,
    #[serde(default)]
    pub elements: Vec<DataElement>,
    #[serde(default)]
    pub initiatives: Vec<Initiative>,
}

impl PackItems {
    fn of(p: &Project) -> Self {
        Self {
            departments: p.departments.clone(),
            kpis: p.kpis.clone(),
            elements: p.elements.clone(),
            initiatives: p.initiatives.clone(),
        }
    }
}

/// Why a pack could not be made or merged.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PackError {
    #[error("there is no department or role \"{0}\"")]
    UnknownDepartment(String),
    #[error("the file is not a department pack")]
    NotAPack,
    #[error("the file is a department pack; send packs from the company file")]
    IsAPack,
}

impl PackError {
    pub fn describe(&self, lang: crate::i18n::Lang) -> String {
        match self {
            PackError::UnknownDepartment(d) => crate::tr!(lang, PackUnknownDepartment, unit = d),
            PackError::NotAPack => crate::tr!(lang, PackNotAPack).into(),
            PackError::IsAPack => crate::tr!(lang, PackIsAPack).into(),
        }
    }
}

/// The department named by id or by name.
pub fn find_department<'a>(p: &'a Project, id_or_name: &str) -> Option<&'a Department> {
    p.departments
        .iter()
        .find(|d| d.id.as_str() == id_or_name)
        .or_else(|| p.departments.iter().find(|d| d.name == id_or_name))
}

/// The unit and every unit below it.
pub fn subtree(p: &Project, root: &DepartmentId) -> HashSet<DepartmentId> {
    let mut set: HashSet<DepartmentId> = HashSet::from([root.clone()]);
    loop {
        let before = set.len();
        for d in &p.departments {
            if d.parent.as_ref().is_some_and(|x| set.contains(x)) {
                set.insert(d.id.clone());
            }
        }
        if set.len() == before {
            return set;
        }
    }
}

/// The pack for `department`: its units' KPIs, the KPIs they decompose (up to the company's),
/// the KPIs and data elements their formulas read, the initiatives on any of them, the units all
/// these belong to with their parents, and the whole map as context.
pub fn make_pack(
    p: &Project,
    department: &str,
    source: &str,
    today: NaiveDate,
) -> Result<Project, PackError> {
    if p.pack.is_some() {
        return Err(PackError::IsAPack);
    }
    let dept =
        find_department(p, department).ok_or_else(|| PackError::UnknownDepartment(department.into()))?;
    let units = subtree(p, &dept.id);
    let mut kpis: HashSet<usize> = (0..p.kpis.len())
        .filter(|&i| p.kpis[i].department.as_ref().is_some_and(|d| units.contains(d)))
        .collect();
    let mut elements: HashSet<usize> = (0..p.elements.len())
        .filter(|&i| p.elements[i].department.as_ref().is_some_and(|d| units.contains(d)))
        .collect();
    let mut initiatives: HashSet<usize> = HashSet::new();
    // What each formula names, by code or name: read once per KPI.
    let names: Vec<HashSet<String>> = p
        .kpis
        .iter()
        .map(|k| {
            let Some(expr) = k.expression.as_deref().and_then(|e| super::expr::parse(e).ok()) else {
                return HashSet::new();
            };
            let mut refs = Vec::new();
            expr.references(&mut refs);
            refs.into_iter().map(|r| r.text.clone()).collect()
        })
        .collect();
    let refers = |i: usize, code: &str, name: &str| {
        (!code.is_empty() && names[i].contains(code)) || names[i].contains(name)
    };
    loop {
        let before = (kpis.len(), elements.len(), initiatives.len());
        let chosen: Vec<usize> = kpis.iter().copied().collect();
        for i in chosen {
            let k = &p.kpis[i];
            if let Some(Cascade::Decompose { parent, .. }) = &k.cascade
                && let Some(j) = p.kpis.iter().position(|x| &x.id == parent)
            {
                kpis.insert(j);
            }
            if !names[i].is_empty() {
                for (j, other) in p.kpis.iter().enumerate() {
                    if refers(i, &other.code, &other.name) {
                        kpis.insert(j);
                    }
                }
                for (j, e) in p.elements.iter().enumerate() {
                    if refers(i, &e.code, &e.name) {
                        elements.insert(j);
                    }
                }
            }
        }
        for (j, init) in p.initiatives.iter().enumerate() {
            if init.kpis.iter().any(|id| kpis.iter().any(|&i| &p.kpis[i].id == id)) {
                initiatives.insert(j);
                for id in &init.kpis {
                    if let Some(i) = p.kpis.iter().position(|x| &x.id == id) {
                        kpis.insert(i);
                    }
                }
            }
        }
        if (kpis.len(), elements.len(), initiatives.len()) == before {
            break;
        }
    }
    // Every unit the chosen items sit in, with the units above it.
    let mut wanted: HashSet<DepartmentId> = units.clone();
    wanted.extend(kpis.iter().filter_map(|&i| p.kpis[i].department.clone()));
    wanted.extend(elements.iter().filter_map(|&i| p.elements[i].department.clone()));
    let mut frontier: Vec<DepartmentId> = wanted.iter().cloned().collect();
    while let Some(d) = frontier.pop() {
        if let Some(parent) = p.department(&d).and_then(|x| x.parent.clone())
            && wanted.insert(parent.clone())
        {
            frontier.push(parent);
        }
    }
    let mut pack = p.clone();
    pack.info.name = format!("{} · {}", p.info.name, dept.name);
    pack.departments.retain(|d| wanted.contains(&d.id));
    pack.kpis = keep(&p.kpis, &kpis);
    pack.elements = keep(&p.elements, &elements);
    pack.initiatives = keep(&p.initiatives, &initiatives);
    pack.screening = Default::default();
    pack.conflicts.clear();
    let sent = PackItems::of(&pack);
    pack.pack =
        Some(Box::new(PackInfo { department: dept.id.clone(), source: source.into(), created: today, sent }));
    Ok(pack)
}

fn keep<X: Clone>(all: &[X], chosen: &HashSet<usize>) -> Vec<X> {
    all.iter().enumerate().filter(|(i, _)| chosen.contains(i)).map(|(_, x)| x.clone()).collect()
}

/// Replaces each item with the same id, or appends it.
fn overlay<X: Clone>(into: &mut Vec<X>, items: &[X], id: impl Fn(&X) -> &str) {
    for x in items {
        match into.iter().position(|y| id(y) == id(x)) {
            Some(i) => into[i] = x.clone(),
            None => into.push(x.clone()),
        }
    }
}

fn overlay_all(into: &mut Project, items: &PackItems) {
    overlay(&mut into.departments, &items.departments, |x| x.id.as_str());
    overlay(&mut into.kpis, &items.kpis, |x| x.id.as_str());
    overlay(&mut into.elements, &items.elements, |x| x.id.as_str());
    overlay(&mut into.initiatives, &items.initiatives, |x| x.id.as_str());
}

/// Brings a returned pack's changes into the company file through the three-way merge: the base
/// is the company file with the pack's items as they were sent, theirs the same with the items
/// as they came back. The company map in the pack is context: changes to it do not come back.
pub fn merge_pack(ours: &Project, returned: &Project) -> Result<MergeOutcome, PackError> {
    if ours.pack.is_some() {
        return Err(PackError::IsAPack);
    }
    let info = returned.pack.as_ref().ok_or(PackError::NotAPack)?;
    let mut base = ours.clone();
    overlay_all(&mut base, &info.sent);
    // Items the head added under an id the company file has used since get a new one.
    let mut back = returned.clone();
    let sent_ids: HashSet<String> = [
        info.sent.departments.iter().map(|x| x.id.0.clone()).collect::<Vec<_>>(),
        info.sent.kpis.iter().map(|x| x.id.0.clone()).collect(),
        info.sent.elements.iter().map(|x| x.id.0.clone()).collect(),
        info.sent.initiatives.iter().map(|x| x.id.0.clone()).collect(),
    ]
    .concat()
    .into_iter()
    .collect();
    for (collection, prefix, ids) in [
        ("departments", "dept", back.departments.iter().map(|x| x.id.0.clone()).collect::<Vec<_>>()),
        ("kpis", "kpi", back.kpis.iter().map(|x| x.id.0.clone()).collect()),
        ("elements", "el", back.elements.iter().map(|x| x.id.0.clone()).collect()),
        ("initiatives", "init", back.initiatives.iter().map(|x| x.id.0.clone()).collect()),
    ] {
        for id in ids {
            if sent_ids.contains(&id) {
                continue;
            }
            if super::merge::ids_of(&base, collection).contains(&id.as_str()) {
                let taken: Vec<String> = [&base, &back]
                    .iter()
                    .flat_map(|p| super::merge::ids_of(p, collection))
                    .map(String::from)
                    .collect();
                let n = super::ids::next_number(prefix, taken.iter().map(String::as_str));
                rename(&mut back, collection, &id, &format!("{prefix}-{n}"));
            }
        }
    }
    let mut theirs = base.clone();
    overlay_all(&mut theirs, &PackItems::of(&back));
    let kept = |id: &str, now: &[&str]| now.contains(&id);
    let now_d: Vec<&str> = back.departments.iter().map(|x| x.id.as_str()).collect();
    let now_k: Vec<&str> = back.kpis.iter().map(|x| x.id.as_str()).collect();
    let now_e: Vec<&str> = back.elements.iter().map(|x| x.id.as_str()).collect();
    let now_i: Vec<&str> = back.initiatives.iter().map(|x| x.id.as_str()).collect();
    let gone_d: HashSet<&str> =
        info.sent.departments.iter().map(|x| x.id.as_str()).filter(|x| !kept(x, &now_d)).collect();
    let gone_k: HashSet<&str> =
        info.sent.kpis.iter().map(|x| x.id.as_str()).filter(|x| !kept(x, &now_k)).collect();
    let gone_e: HashSet<&str> =
        info.sent.elements.iter().map(|x| x.id.as_str()).filter(|x| !kept(x, &now_e)).collect();
    let gone_i: HashSet<&str> =
        info.sent.initiatives.iter().map(|x| x.id.as_str()).filter(|x| !kept(x, &now_i)).collect();
    theirs.departments.retain(|x| !gone_d.contains(x.id.as_str()));
    theirs.kpis.retain(|x| !gone_k.contains(x.id.as_str()));
    theirs.elements.retain(|x| !gone_e.contains(x.id.as_str()));
    theirs.initiatives.retain(|x| !gone_i.contains(x.id.as_str()));
    let unit = ours
        .department(&info.department)
        .map(|d| d.name.clone())
        .unwrap_or_else(|| info.department.0.clone());
    Ok(merge(&base, ours, &theirs, &unit))
}
