//! Three-way merge of scorecards by meaning (what nbdime does for notebooks): items are matched by
//! id and periods by date, edits to different items or fields combine by themselves, and what
//! both sides changed differently is a conflict recorded in the result, which stays a valid
//! document (the conflicting field keeps OURS until someone decides).
//!
//! Unchanged items are compared as typed values (fast); only an item both sides changed is
//! merged field by field on its JSON tree, so a field added to the format later merges too.

use super::ids::next_number;
use super::project::Project;
use super::validate::{ProblemKind, RefKind, validate};
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

/// Why a conflict was recorded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConflictReason {
    /// Both sides changed the value, differently.
    #[default]
    BothChanged,
    /// One side deleted the item, the other edited it.
    DeletedAndEdited,
    /// One side deleted the item while the other still refers to it: it is kept.
    DeletedButUsed,
    /// Taking the other side's change would have broken the document (a cycle, an item in two
    /// places): the document keeps ours.
    WouldBreak,
}

/// A value both sides of a merge changed differently. The document holds `ours` until the
/// conflict is resolved (for `deleted_but_used`, the item that was kept).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// Where, by id and date: `kpis[kpi-12].target`, `kpis[kpi-12].series[2026-03-01].actual`,
    /// `objectives[obj-3]` (the whole item).
    pub path: String,
    #[serde(default)]
    pub reason: ConflictReason,
    /// The value both started from; absent when both sides added it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Value>,
    /// This side's value; absent when this side deleted it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ours: Option<Value>,
    /// The other side's value; absent when the other side deleted it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theirs: Option<Value>,
    /// Where the other side came from (a file, a department's pack).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub from: String,
}

/// A change the other side made that the merge took.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Incoming {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<Value>,
}

/// What a merge made.
#[derive(Clone, Debug)]
pub struct MergeOutcome {
    /// The merged document; its `conflicts` list holds every conflict, old and new.
    pub project: Project,
    /// The conflicts this merge found.
    pub conflicts: Vec<Conflict>,
    /// What came in from the other side.
    pub incoming: Vec<Incoming>,
    /// Items both sides added under one id: the other side's was given a new id.
    pub renamed: Vec<(String, String)>,
}

impl MergeOutcome {
    pub fn is_clean(&self) -> bool {
        self.conflicts.is_empty()
    }
}

/// One step of a path: a field, or an item of a list by its id (or a period by its date).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Item(String),
}

/// `kpis[kpi-12].series[2026-03-01].actual`.
pub fn path_text(steps: &[Step]) -> String {
    let mut s = String::new();
    for step in steps {
        match step {
            Step::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Step::Item(id) => {
                s.push('[');
                s.push_str(id);
                s.push(']');
            }
        }
    }
    s
}

/// The steps of a path written by `path_text`; `None` for text that is not one.
pub fn parse_path(text: &str) -> Option<Vec<Step>> {
    let mut steps = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('[') {
            // An id ends at the "]" that is followed by ".", "[" or the end.
            let mut end = None;
            for (i, _) in r.match_indices(']') {
                let after = &r[i + 1..];
                if after.is_empty() || after.starts_with('.') || after.starts_with('[') {
                    end = Some(i);
                    break;
                }
            }
            let end = end?;
            steps.push(Step::Item(r[..end].to_string()));
            rest = &r[end + 1..];
        } else {
            let r = rest.strip_prefix('.').unwrap_or(rest);
            let end = r.find(['.', '[']).unwrap_or(r.len());
            if end == 0 {
                return None;
            }
            steps.push(Step::Key(r[..end].to_string()));
            rest = &r[end..];
        }
    }
    (!steps.is_empty()).then_some(steps)
}

/// The value at `steps` in a JSON tree.
pub fn value_at<'a>(root: &'a Value, steps: &[Step]) -> Option<&'a Value> {
    let mut at = root;
    for step in steps {
        at = match (step, at) {
            (Step::Key(k), Value::Object(m)) => m.get(k)?,
            (Step::Item(id), Value::Array(a)) => a.iter().find(|v| item_key(v) == Some(id))?,
            _ => return None,
        };
    }
    Some(at)
}

/// Sets (or with `None` removes) the value at `steps`. A missing item is appended; a missing
/// field is added. Returns false when the path does not fit the tree.
pub fn set_value_at(root: &mut Value, steps: &[Step], value: Option<Value>) -> bool {
    let Some((last, parents)) = steps.split_last() else { return false };
    let mut at = root;
    for step in parents {
        at = match (step, at) {
            (Step::Key(k), Value::Object(m)) => match m.get_mut(k) {
                Some(v) => v,
                None => return false,
            },
            (Step::Item(id), Value::Array(a)) => match a.iter_mut().find(|v| item_key(v) == Some(id)) {
                Some(v) => v,
                None => return false,
            },
            _ => return false,
        };
    }
    match (last, at) {
        (Step::Key(k), Value::Object(m)) => {
            match value {
                Some(v) => m.insert(k.clone(), v),
                None => m.remove(k),
            };
            true
        }
        (Step::Item(id), Value::Array(a)) => {
            let pos = a.iter().position(|v| item_key(v) == Some(id));
            match (pos, value) {
                (Some(i), Some(v)) => a[i] = v,
                (Some(i), None) => {
                    a.remove(i);
                }
                (None, Some(v)) => a.push(v),
                (None, None) => {}
            }
            true
        }
        _ => false,
    }
}

/// The id of a list item (`"id"`), or the date of a period (`"date"`).
fn item_key(v: &Value) -> Option<&str> {
    let m = v.as_object()?;
    m.get("id").or_else(|| m.get("date")).and_then(Value::as_str)
}

/// Lists the leaf differences between two trees as changes (for "what came in").
pub fn diff(steps: &mut Vec<Step>, before: Option<&Value>, after: Option<&Value>, out: &mut Vec<Incoming>) {
    if before == after {
        return;
    }
    match (before, after) {
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            for k in a.keys().chain(b.keys().filter(|k| !a.contains_key(*k))) {
                steps.push(Step::Key(k.clone()));
                diff(steps, a.get(k), b.get(k), out);
                steps.pop();
            }
        }
        (Some(Value::Array(a)), Some(Value::Array(b))) if keyed(a, b, &[]) => {
            let ka: HashMap<&str, &Value> = a.iter().filter_map(|v| Some((item_key(v)?, v))).collect();
            let kb: HashMap<&str, &Value> = b.iter().filter_map(|v| Some((item_key(v)?, v))).collect();
            let mut seen = HashSet::new();
            for id in a.iter().chain(b.iter()).filter_map(item_key) {
                if seen.insert(id) {
                    steps.push(Step::Item(id.to_string()));
                    diff(steps, ka.get(id).copied(), kb.get(id).copied(), out);
                    steps.pop();
                }
            }
        }
        _ => out.push(Incoming { path: path_text(steps), before: before.cloned(), after: after.cloned() }),
    }
}

/// Whether lists are lists of items with ids (or periods with dates), each key once per list.
fn keyed(a: &[Value], b: &[Value], c: &[Value]) -> bool {
    let mut any = false;
    for list in [a, b, c] {
        let mut seen = HashSet::new();
        for v in list {
            match item_key(v) {
                Some(k) if seen.insert(k) => any = true,
                _ => return false,
            }
        }
    }
    any
}

/// Whether lists are sets of strings (tags, the objectives an initiative serves).
fn string_sets(a: &[Value], b: &[Value], c: &[Value]) -> bool {
    [a, b, c].iter().all(|list| {
        let mut seen = HashSet::new();
        list.iter().all(|v| v.as_str().is_some_and(|s| seen.insert(s)))
    })
}

/// Fields merged as one value: a position is one move, a tagged choice (scoring method,
/// cascade) cannot take its kind from one side and its parameters from the other.
fn atomic(steps: &[Step], values: [Option<&Value>; 3]) -> bool {
    if let Some(Step::Key(k)) = steps.last()
        && matches!(k.as_str(), "position" | "size" | "colour" | "band")
    {
        return true;
    }
    let tag = |v: Option<&Value>| -> Option<(Option<Value>, Option<Value>)> {
        let m = v?.as_object()?;
        Some((m.get("method").cloned(), m.get("kind").cloned()))
    };
    let tags: Vec<_> = values.iter().filter_map(|v| tag(*v)).collect();
    let tagged = values
        .iter()
        .flatten()
        .any(|v| v.as_object().is_some_and(|m| m.get("method").is_some_and(Value::is_string)))
        || matches!(steps.last(), Some(Step::Key(k)) if k == "cascade");
    tagged && tags.windows(2).any(|w| w[0] != w[1])
}

struct Merger {
    from: String,
    conflicts: Vec<Conflict>,
    incoming: Vec<Incoming>,
}

impl Merger {
    fn conflict(
        &mut self,
        steps: &[Step],
        reason: ConflictReason,
        b: Option<&Value>,
        o: Option<&Value>,
        t: Option<&Value>,
    ) {
        self.conflicts.push(Conflict {
            path: path_text(steps),
            reason,
            base: b.cloned(),
            ours: o.cloned(),
            theirs: t.cloned(),
            from: self.from.clone(),
        });
    }

    /// Merges three versions of one value; `None` is absent (deleted, or never there).
    fn value(
        &mut self,
        steps: &mut Vec<Step>,
        b: Option<&Value>,
        o: Option<&Value>,
        t: Option<&Value>,
    ) -> Option<Value> {
        if o == t {
            return o.cloned();
        }
        if b == o {
            diff(steps, b, t, &mut self.incoming);
            return t.cloned();
        }
        if b == t {
            return o.cloned();
        }
        match (o, t) {
            (Some(Value::Object(om)), Some(Value::Object(tm))) if !atomic(steps, [b, o, t]) => {
                let empty = Map::new();
                let bm = b.and_then(Value::as_object).unwrap_or(&empty);
                let mut out = Map::new();
                let keys: Vec<&String> =
                    om.keys().chain(tm.keys().filter(|k| !om.contains_key(*k))).collect();
                for k in keys {
                    steps.push(Step::Key(k.clone()));
                    if let Some(v) = self.value(steps, bm.get(k), om.get(k), tm.get(k)) {
                        out.insert(k.clone(), v);
                    }
                    steps.pop();
                }
                Some(Value::Object(out))
            }
            (Some(Value::Array(oa)), Some(Value::Array(ta))) => {
                let ba: &[Value] = b.and_then(Value::as_array).map_or(&[], |v| v.as_slice());
                if keyed(ba, oa, ta) {
                    Some(Value::Array(self.keyed_list(steps, ba, oa, ta)))
                } else if string_sets(ba, oa, ta) {
                    Some(Value::Array(set_merge(ba, oa, ta)))
                } else {
                    self.conflict(steps, ConflictReason::BothChanged, b, o, t);
                    o.cloned()
                }
            }
            _ => {
                let reason = if b.is_some() && (o.is_none() || t.is_none()) {
                    ConflictReason::DeletedAndEdited
                } else {
                    ConflictReason::BothChanged
                };
                self.conflict(steps, reason, b, o, t);
                o.cloned()
            }
        }
    }

    /// Merges lists of items with ids (or periods with dates), item by item.
    fn keyed_list(&mut self, steps: &mut Vec<Step>, b: &[Value], o: &[Value], t: &[Value]) -> Vec<Value> {
        let index = |l: &[Value]| -> HashMap<String, Value> {
            l.iter().filter_map(|v| Some((item_key(v)?.to_string(), v.clone()))).collect()
        };
        let (bi, oi, ti) = (index(b), index(o), index(t));
        let ids = |l: &[Value]| -> Vec<String> { l.iter().filter_map(item_key).map(String::from).collect() };
        let (bo, oo, to) = (ids(b), ids(o), ids(t));
        let mut merged: HashMap<String, Value> = HashMap::new();
        for id in union_order(&oo, &to, &bo) {
            steps.push(Step::Item(id.clone()));
            if let Some(v) = self.value(steps, bi.get(&id), oi.get(&id), ti.get(&id)) {
                merged.insert(id.clone(), v);
            }
            steps.pop();
        }
        let order = arrange(&bo, &oo, &to, |id| merged.contains_key(id));
        let dated = o.iter().chain(t).any(|v| v.get("id").is_none());
        let mut out: Vec<Value> = order.into_iter().filter_map(|id| merged.remove(&id)).collect();
        if dated {
            // Periods stay in date order.
            out.sort_by(|a, b| item_key(a).cmp(&item_key(b)));
        }
        out
    }

    /// Merges one collection of typed items by id: unchanged items are compared as they are,
    /// and only an item both sides changed goes through its JSON tree.
    fn collection<X>(&mut self, name: &str, b: &[X], o: &[X], t: &[X], id: impl Fn(&X) -> &str) -> Vec<X>
    where
        X: Clone + PartialEq + Serialize + DeserializeOwned,
    {
        let bi: HashMap<&str, &X> = b.iter().map(|x| (id(x), x)).collect();
        let oi: HashMap<&str, &X> = o.iter().map(|x| (id(x), x)).collect();
        let ti: HashMap<&str, &X> = t.iter().map(|x| (id(x), x)).collect();
        let ids = |l: &[X]| -> Vec<String> { l.iter().map(|x| id(x).to_string()).collect() };
        let (bo, oo, to) = (ids(b), ids(o), ids(t));
        let mut merged: HashMap<String, X> = HashMap::new();
        let mut steps = vec![Step::Key(name.to_string())];
        for key in union_order(&oo, &to, &bo) {
            let (bx, ox, tx) = (bi.get(key.as_str()), oi.get(key.as_str()), ti.get(key.as_str()));
            let result: Option<X> = if ox == tx {
                ox.map(|x| (*x).clone())
            } else if bx == ox {
                steps.push(Step::Item(key.clone()));
                diff(
                    &mut steps,
                    bx.map(|x| to_value(*x)).as_ref(),
                    tx.map(|x| to_value(*x)).as_ref(),
                    &mut self.incoming,
                );
                steps.pop();
                tx.map(|x| (*x).clone())
            } else if bx == tx {
                ox.map(|x| (*x).clone())
            } else {
                steps.push(Step::Item(key.clone()));
                let (bv, ov, tv) =
                    (bx.map(|x| to_value(*x)), ox.map(|x| to_value(*x)), tx.map(|x| to_value(*x)));
                let before = self.conflicts.len();
                let v = self.value(&mut steps, bv.as_ref(), ov.as_ref(), tv.as_ref());
                let typed = match v {
                    None => None,
                    Some(v) => match serde_json::from_value::<X>(v) {
                        Ok(x) => Some(x),
                        // A combination the format does not allow: the item stays ours.
                        Err(_) => {
                            self.conflicts.truncate(before);
                            self.conflict(
                                &steps,
                                ConflictReason::BothChanged,
                                bv.as_ref(),
                                ov.as_ref(),
                                tv.as_ref(),
                            );
                            ox.map(|x| (*x).clone())
                        }
                    },
                };
                steps.pop();
                typed
            };
            if let Some(x) = result {
                merged.insert(key, x);
            }
        }
        let order = arrange(&bo, &oo, &to, |k| merged.contains_key(k));
        order.into_iter().filter_map(|k| merged.remove(&k)).collect()
    }

    /// Merges a section that is one value (project info, scoring settings).
    fn section<X>(&mut self, name: &str, b: &X, o: &X, t: &X) -> X
    where
        X: Clone + PartialEq + Serialize + DeserializeOwned,
    {
        if o == t || b == t {
            return o.clone();
        }
        let mut steps = vec![Step::Key(name.to_string())];
        if b == o {
            diff(&mut steps, Some(&to_value(b)), Some(&to_value(t)), &mut self.incoming);
            return t.clone();
        }
        let (bv, ov, tv) = (to_value(b), to_value(o), to_value(t));
        let before = self.conflicts.len();
        let v = self.value(&mut steps, Some(&bv), Some(&ov), Some(&tv));
        match v.map(serde_json::from_value::<X>) {
            Some(Ok(x)) => x,
            _ => {
                self.conflicts.truncate(before);
                self.conflict(&steps, ConflictReason::BothChanged, Some(&bv), Some(&ov), Some(&tv));
                o.clone()
            }
        }
    }
}

fn to_value<X: Serialize>(x: &X) -> Value {
    serde_json::to_value(x).unwrap_or(Value::Null)
}

/// Every id of ours, then theirs' others, then base's others (deleted on both sides).
fn union_order(o: &[String], t: &[String], b: &[String]) -> Vec<String> {
    let mut seen: HashSet<&str> = HashSet::new();
    o.iter().chain(t).chain(b).filter(|id| seen.insert(id.as_str())).cloned().collect()
}

/// Whether a side changed the relative order of the items it shares with the base.
fn reordered(base: &[String], side: &[String]) -> bool {
    let in_side: HashSet<&str> = side.iter().map(String::as_str).collect();
    let in_base: HashSet<&str> = base.iter().map(String::as_str).collect();
    let a = base.iter().filter(|x| in_side.contains(x.as_str()));
    let b = side.iter().filter(|x| in_base.contains(x.as_str()));
    !a.eq(b)
}

/// The order of a merged list: ours (or theirs, when only theirs reordered), then the other
/// side's insertions, each after the item it follows there.
fn arrange<'a>(
    b: &'a [String],
    o: &'a [String],
    t: &'a [String],
    kept: impl Fn(&str) -> bool,
) -> Vec<String> {
    let (skeleton, other) = if !reordered(b, o) && reordered(b, t) { (t, o) } else { (o, t) };
    let placed: HashSet<&str> = skeleton.iter().map(String::as_str).filter(|x| kept(x)).collect();
    let in_base: HashSet<&str> = b.iter().map(String::as_str).collect();
    // The other side's insertions go after the skeleton side's own insertions at the same
    // place: ours first, then theirs.
    let kept_skeleton: Vec<&str> =
        skeleton.iter().map(String::as_str).filter(|x| placed.contains(x)).collect();
    let at: HashMap<&str, usize> = kept_skeleton.iter().enumerate().map(|(i, x)| (*x, i)).collect();
    let settle = |anchor: Option<&'a str>| -> Option<&'a str> {
        let mut i = match anchor {
            Some(a) => match at.get(a) {
                Some(&i) => i + 1,
                None => return anchor,
            },
            None => 0,
        };
        let mut last = anchor;
        while i < kept_skeleton.len() && !in_base.contains(kept_skeleton[i]) {
            last = Some(kept_skeleton[i]);
            i += 1;
        }
        last
    };
    let mut after: HashMap<Option<&str>, Vec<&str>> = HashMap::new();
    let mut previous: Option<&str> = None;
    let mut extra: HashSet<&str> = HashSet::new();
    for id in other {
        if kept(id) && !placed.contains(id.as_str()) && extra.insert(id) {
            after.entry(settle(previous)).or_default().push(id);
        }
        if placed.contains(id.as_str()) || extra.contains(id.as_str()) {
            previous = Some(id);
        }
    }
    // Items kept that neither order places (deleted on both sides but restored): at the end.
    let mut out = Vec::with_capacity(placed.len() + extra.len());
    fn emit<'a>(id: &'a str, after: &HashMap<Option<&'a str>, Vec<&'a str>>, out: &mut Vec<String>) {
        out.push(id.to_string());
        if let Some(next) = after.get(&Some(id)) {
            for n in next {
                emit(n, after, out);
            }
        }
    }
    if let Some(first) = after.get(&None) {
        for id in first {
            emit(id, &after, &mut out);
        }
    }
    for id in skeleton.iter().filter(|x| placed.contains(x.as_str())) {
        emit(id, &after, &mut out);
    }
    let done: HashSet<String> = out.iter().cloned().collect();
    for id in b {
        if kept(id) && !done.contains(id) {
            out.push(id.clone());
        }
    }
    out
}

/// Three-way merge of sets of strings: ours, less what theirs removed, plus what theirs added.
fn set_merge(b: &[Value], o: &[Value], t: &[Value]) -> Vec<Value> {
    let removed: Vec<&Value> = b.iter().filter(|x| !t.contains(x)).collect();
    let mut out: Vec<Value> = o.iter().filter(|x| !removed.contains(x)).cloned().collect();
    for x in t {
        if !b.contains(x) && !out.contains(x) {
            out.push(x.clone());
        }
    }
    out
}

/// Merges `theirs` into `ours`, both changed from `base`. `from` names where theirs came from,
/// for the conflicts' record. The result always passes structural validation when `ours` does.
pub fn merge(base: &Project, ours: &Project, theirs: &Project, from: &str) -> MergeOutcome {
    let mut theirs = theirs.clone();
    let renamed = renumber_collisions(base, ours, &mut theirs);
    let mut m = Merger { from: from.to_string(), conflicts: Vec::new(), incoming: Vec::new() };
    let t = &theirs;
    let mut project = Project {
        info: m.section("project", &base.info, &ours.info, &t.info),
        scoring: m.section("scoring", &base.scoring, &ours.scoring, &t.scoring),
        perspectives: m.collection(
            "perspectives",
            &base.perspectives,
            &ours.perspectives,
            &t.perspectives,
            |x| x.id.as_str(),
        ),
        themes: m.collection("themes", &base.themes, &ours.themes, &t.themes, |x| x.id.as_str()),
        objectives: m
            .collection("objectives", &base.objectives, &ours.objectives, &t.objectives, |x| x.id.as_str()),
        links: m.collection("links", &base.links, &ours.links, &t.links, |x| x.id.as_str()),
        departments: m.collection("departments", &base.departments, &ours.departments, &t.departments, |x| {
            x.id.as_str()
        }),
        kpis: m.collection("kpis", &base.kpis, &ours.kpis, &t.kpis, |x| x.id.as_str()),
        elements: m.collection("elements", &base.elements, &ours.elements, &t.elements, |x| x.id.as_str()),
        initiatives: m.collection("initiatives", &base.initiatives, &ours.initiatives, &t.initiatives, |x| {
            x.id.as_str()
        }),
        screening: m.section("screening", &base.screening, &ours.screening, &t.screening),
        conflicts: Vec::new(),
        pack: ours.pack.clone(),
        history: merge_history(&base.history, &ours.history, &t.history),
        closed_periods: merge_closed(&base.closed_periods, &ours.closed_periods, &t.closed_periods),
    };
    repair(&mut project, base, ours, t, &mut m);
    // Conflicts already recorded on either side stay until someone resolves them.
    let mut all = ours.conflicts.clone();
    for c in t.conflicts.iter().chain(&m.conflicts) {
        if !all.iter().any(|x| x.path == c.path && x.theirs == c.theirs) {
            all.push(c.clone());
        }
    }
    project.conflicts = all;
    MergeOutcome { project, conflicts: m.conflicts, incoming: m.incoming, renamed }
}

/// The change record is only ever appended to: ours, then what theirs recorded since the base
/// (by date, after ours' entries of the same day).
fn merge_history(
    base: &[crate::model::appraisal::HistoryEntry],
    ours: &[crate::model::appraisal::HistoryEntry],
    theirs: &[crate::model::appraisal::HistoryEntry],
) -> Vec<crate::model::appraisal::HistoryEntry> {
    let mut out = ours.to_vec();
    for e in theirs.iter().filter(|e| !base.contains(e) && !ours.contains(e)) {
        let at = out.partition_point(|x| x.date <= e.date);
        out.insert(at, e.clone());
    }
    out
}

/// Closed periods merge as a set: a close or reopen on either side since the base wins.
fn merge_closed(base: &[NaiveDate], ours: &[NaiveDate], theirs: &[NaiveDate]) -> Vec<NaiveDate> {
    let mut out: Vec<NaiveDate> = ours.to_vec();
    for d in theirs.iter().filter(|d| !base.contains(d)) {
        out.push(*d);
    }
    // Reopened by theirs: closed in the base, not in theirs.
    out.retain(|d| !base.contains(d) || theirs.contains(d));
    out.sort_unstable();
    out.dedup();
    out
}

/// The collections items live in, with their id prefixes.
const COLLECTIONS: [(&str, &str); 8] = [
    ("perspectives", "persp"),
    ("themes", "theme"),
    ("objectives", "obj"),
    ("links", "link"),
    ("departments", "dept"),
    ("kpis", "kpi"),
    ("elements", "el"),
    ("initiatives", "init"),
];

/// The ids of one collection.
pub(crate) fn ids_of<'a>(p: &'a Project, collection: &str) -> Vec<&'a str> {
    match collection {
        "perspectives" => p.perspectives.iter().map(|x| x.id.as_str()).collect(),
        "themes" => p.themes.iter().map(|x| x.id.as_str()).collect(),
        "objectives" => p.objectives.iter().map(|x| x.id.as_str()).collect(),
        "links" => p.links.iter().map(|x| x.id.as_str()).collect(),
        "departments" => p.departments.iter().map(|x| x.id.as_str()).collect(),
        "kpis" => p.kpis.iter().map(|x| x.id.as_str()).collect(),
        "elements" => p.elements.iter().map(|x| x.id.as_str()).collect(),
        "initiatives" => p.initiatives.iter().map(|x| x.id.as_str()).collect(),
        _ => Vec::new(),
    }
}

/// One item of a collection as JSON.
fn item_value(p: &Project, collection: &str, id: &str) -> Option<Value> {
    fn find<X: Serialize>(l: &[X], id: &str, f: impl Fn(&X) -> &str) -> Option<Value> {
        l.iter().find(|x| f(x) == id).map(to_value)
    }
    match collection {
        "perspectives" => find(&p.perspectives, id, |x| x.id.as_str()),
        "themes" => find(&p.themes, id, |x| x.id.as_str()),
        "objectives" => find(&p.objectives, id, |x| x.id.as_str()),
        "links" => find(&p.links, id, |x| x.id.as_str()),
        "departments" => find(&p.departments, id, |x| x.id.as_str()),
        "kpis" => find(&p.kpis, id, |x| x.id.as_str()),
        "elements" => find(&p.elements, id, |x| x.id.as_str()),
        "initiatives" => find(&p.initiatives, id, |x| x.id.as_str()),
        _ => None,
    }
}

/// Puts (or with `None` removes) an item given as JSON; false when it does not read as one.
pub fn put_item(p: &mut Project, collection: &str, id: &str, value: Option<Value>) -> bool {
    fn put<X: DeserializeOwned>(l: &mut Vec<X>, id: &str, f: impl Fn(&X) -> &str, v: Option<Value>) -> bool {
        let pos = l.iter().position(|x| f(x) == id);
        match v {
            None => {
                if let Some(i) = pos {
                    l.remove(i);
                }
                true
            }
            Some(v) => match serde_json::from_value::<X>(v) {
                Ok(x) => {
                    match pos {
                        Some(i) => l[i] = x,
                        None => l.push(x),
                    }
                    true
                }
                Err(_) => false,
            },
        }
    }
    match collection {
        "perspectives" => put(&mut p.perspectives, id, |x| x.id.as_str(), value),
        "themes" => put(&mut p.themes, id, |x| x.id.as_str(), value),
        "objectives" => put(&mut p.objectives, id, |x| x.id.as_str(), value),
        "links" => put(&mut p.links, id, |x| x.id.as_str(), value),
        "departments" => put(&mut p.departments, id, |x| x.id.as_str(), value),
        "kpis" => put(&mut p.kpis, id, |x| x.id.as_str(), value),
        "elements" => put(&mut p.elements, id, |x| x.id.as_str(), value),
        "initiatives" => put(&mut p.initiatives, id, |x| x.id.as_str(), value),
        _ => false,
    }
}

/// Items both sides added under the same id with different content: theirs gets a new id,
/// and theirs' references to it follow.
fn renumber_collisions(base: &Project, ours: &Project, theirs: &mut Project) -> Vec<(String, String)> {
    let mut renamed = Vec::new();
    for (collection, prefix) in COLLECTIONS {
        let in_base: HashSet<&str> = ids_of(base, collection).into_iter().collect();
        let in_ours: HashSet<&str> = ids_of(ours, collection).into_iter().collect();
        let clashes: Vec<String> = ids_of(theirs, collection)
            .into_iter()
            .filter(|id| !in_base.contains(id) && in_ours.contains(id))
            .filter(|id| item_value(ours, collection, id) != item_value(theirs, collection, id))
            .map(String::from)
            .collect();
        for old in clashes {
            let all: Vec<String> = [base, ours, &*theirs]
                .iter()
                .flat_map(|p| ids_of(p, collection).into_iter().map(String::from).collect::<Vec<_>>())
                .collect();
            let new = format!("{prefix}-{}", next_number(prefix, all.iter().map(String::as_str)));
            rename(theirs, collection, &old, &new);
            renamed.push((old, new));
        }
    }
    renamed
}

/// Gives an item a new id, and every reference to it follows.
pub fn rename(p: &mut Project, collection: &str, old: &str, new: &str) {
    let swap = |s: &mut String| {
        if s == old {
            *s = new.to_string();
        }
    };
    match collection {
        "perspectives" => {
            p.perspectives.iter_mut().for_each(|x| swap(&mut x.id.0));
            p.objectives.iter_mut().for_each(|o| swap(&mut o.perspective.0));
        }
        "themes" => {
            p.themes.iter_mut().for_each(|x| swap(&mut x.id.0));
            p.objectives.iter_mut().filter_map(|o| o.theme.as_mut()).for_each(|t| swap(&mut t.0));
        }
        "objectives" => {
            p.objectives.iter_mut().for_each(|x| swap(&mut x.id.0));
            for l in &mut p.links {
                swap(&mut l.from.0);
                swap(&mut l.to.0);
            }
            for k in &mut p.kpis {
                if let Some(o) = &mut k.objective {
                    swap(&mut o.0);
                }
                if let Some(super::kpi::Cascade::Align { objective }) = &mut k.cascade {
                    swap(&mut objective.0);
                }
            }
            p.initiatives.iter_mut().flat_map(|i| i.objectives.iter_mut()).for_each(|o| swap(&mut o.0));
        }
        "links" => p.links.iter_mut().for_each(|x| swap(&mut x.id.0)),
        "departments" => {
            p.departments.iter_mut().for_each(|x| swap(&mut x.id.0));
            p.departments.iter_mut().filter_map(|d| d.parent.as_mut()).for_each(|d| swap(&mut d.0));
            p.kpis.iter_mut().filter_map(|k| k.department.as_mut()).for_each(|d| swap(&mut d.0));
            p.elements.iter_mut().filter_map(|e| e.department.as_mut()).for_each(|d| swap(&mut d.0));
        }
        "kpis" => {
            p.kpis.iter_mut().for_each(|x| swap(&mut x.id.0));
            for k in &mut p.kpis {
                if let Some(super::kpi::Cascade::Decompose { parent, .. }) = &mut k.cascade {
                    swap(&mut parent.0);
                }
            }
            p.initiatives.iter_mut().flat_map(|i| i.kpis.iter_mut()).for_each(|k| swap(&mut k.0));
        }
        "elements" => p.elements.iter_mut().for_each(|x| swap(&mut x.id.0)),
        "initiatives" => p.initiatives.iter_mut().for_each(|x| swap(&mut x.id.0)),
        _ => {}
    }
}

/// The collection a reference kind points into.
fn collection_of(what: RefKind) -> &'static str {
    match what {
        RefKind::Perspective => "perspectives",
        RefKind::Theme => "themes",
        RefKind::Objective => "objectives",
        RefKind::Department => "departments",
        RefKind::Kpi => "kpis",
    }
}

/// The collection and index a validation path starts with: `kpis[3].target` → ("kpis", 3).
fn indexed(path: &str) -> Option<(&str, usize)> {
    let (name, rest) = path.split_once('[')?;
    let (n, _) = rest.split_once(']')?;
    Some((name, n.parse().ok()?))
}

/// Makes the merged document valid again where two sides' edits, each fine alone, break it
/// together: an item one side deleted and the other still refers to is kept; an item whose
/// merged form is broken (a cycle, a KPI in two places) goes back to ours. Each is a conflict.
fn repair(merged: &mut Project, base: &Project, ours: &Project, theirs: &Project, m: &mut Merger) {
    for _ in 0..64 {
        let problems = validate(merged);
        let Some(problem) = problems.first() else { return };
        let mut fixed = false;
        if let ProblemKind::UnknownReference { what, id } = &problem.kind {
            let collection = collection_of(*what);
            let (o, t) = (item_value(ours, collection, id), item_value(theirs, collection, id));
            if let Some(keep) = o.clone().or_else(|| t.clone()).or_else(|| item_value(base, collection, id)) {
                fixed = put_item(merged, collection, id, Some(keep.clone()));
                let steps = [Step::Key(collection.into()), Step::Item(id.clone())];
                m.conflicts.retain(|c| c.path != path_text(&steps));
                m.conflict(
                    &steps,
                    ConflictReason::DeletedButUsed,
                    item_value(base, collection, id).as_ref(),
                    Some(&keep),
                    if o.is_some() { t.as_ref() } else { None },
                );
            }
        }
        if !fixed && let Some((collection, at)) = indexed(&problem.path) {
            // The item the problem names, or another member of the cycle it is part of: the
            // first one the merge changed from ours goes back.
            let mut candidates: Vec<String> =
                ids_of(merged, collection).get(at).map(|s| s.to_string()).into_iter().collect();
            if let ProblemKind::DepartmentCycle { ids } | ProblemKind::CascadeCycle { ids } = &problem.kind {
                candidates.extend(ids.iter().cloned());
            }
            let changed = candidates
                .into_iter()
                .find(|id| item_value(ours, collection, id) != item_value(merged, collection, id));
            if let Some(id) = changed {
                let o = item_value(ours, collection, &id);
                fixed = put_item(merged, collection, &id, o.clone());
                let steps = [Step::Key(collection.into()), Step::Item(id.clone())];
                let prefix = path_text(&steps);
                m.conflicts.retain(|c| c.path != prefix && !c.path.starts_with(&format!("{prefix}.")));
                m.conflict(
                    &steps,
                    ConflictReason::WouldBreak,
                    item_value(base, collection, &id).as_ref(),
                    o.as_ref(),
                    item_value(theirs, collection, &id).as_ref(),
                );
            }
        }
        if !fixed {
            break;
        }
    }
    if validate(merged).is_empty() {
        return;
    }
    // Nothing item by item made it whole: the document stays ours, and every change of theirs
    // is listed as a conflict to take by hand.
    let conflicts = std::mem::take(&mut m.conflicts);
    *merged = ours.clone();
    merged.conflicts.clear();
    let mut steps = Vec::new();
    let mut changes = Vec::new();
    diff(&mut steps, Some(&to_value(base)), Some(&to_value(theirs)), &mut changes);
    m.conflicts = conflicts;
    for c in changes {
        if !m.conflicts.iter().any(|x| x.path == c.path) {
            m.conflicts.push(Conflict {
                path: c.path,
                reason: ConflictReason::WouldBreak,
                base: c.before,
                ours: None,
                theirs: c.after,
                from: m.from.clone(),
            });
        }
    }
}

/// Puts a value at a conflict's path into the document: a whole item (or its removal), a field
/// of an item, or a field of a section. Returns the new document, or `None` when the value does
/// not fit there (a number typed for a date, a path that names nothing).
pub fn with_value_at(p: &Project, path: &str, value: Option<Value>) -> Option<Project> {
    let steps = parse_path(path)?;
    let mut out = p.clone();
    match steps.as_slice() {
        [Step::Key(c), Step::Item(id)] => {
            if !put_item(&mut out, c, id, value) {
                return None;
            }
        }
        [Step::Key(c), Step::Item(id), rest @ ..] => {
            let mut item = item_value(p, c, id)?;
            if !set_value_at(&mut item, rest, value) {
                return None;
            }
            if !put_item(&mut out, c, id, Some(item)) {
                return None;
            }
        }
        [Step::Key(section), rest @ ..] => {
            let mut tree = to_value(p);
            let mut full = vec![Step::Key(section.clone())];
            full.extend_from_slice(rest);
            if !set_value_at(&mut tree, &full, value) {
                return None;
            }
            let mut q: Project = serde_json::from_value(tree).ok()?;
            q.conflicts = out.conflicts.clone();
            q.pack = out.pack.clone();
            out = q;
        }
        _ => return None,
    }
    Some(out)
}

/// The item a path names: (collection, id).
pub fn item_of(path: &str) -> Option<(String, String)> {
    match parse_path(path)?.as_slice() {
        [Step::Key(c), Step::Item(id), ..] => Some((c.clone(), id.clone())),
        _ => None,
    }
}

/// The value a project holds at a path, if any.
pub fn current_value(p: &Project, path: &str) -> Option<Value> {
    let steps = parse_path(path)?;
    match steps.as_slice() {
        [Step::Key(c), Step::Item(id), rest @ ..] => value_at(&item_value(p, c, id)?, rest).cloned(),
        _ => value_at(&to_value(p), &steps).cloned(),
    }
}

/// The item a conflict is about, to select it; the project for a section.
pub fn subject_of(path: &str) -> super::lint::Subject {
    use super::ids::*;
    use super::lint::Subject;
    let Some((collection, id)) = item_of(path) else { return Subject::Project };
    match collection.as_str() {
        "perspectives" => Subject::Perspective(PerspectiveId::new(id)),
        "themes" => Subject::Theme(ThemeId::new(id)),
        "objectives" => Subject::Objective(ObjectiveId::new(id)),
        "links" => Subject::Link(LinkId::new(id)),
        "departments" => Subject::Department(DepartmentId::new(id)),
        "kpis" => Subject::Kpi(KpiId::new(id)),
        "elements" => Subject::Element(ElementId::new(id)),
        "initiatives" => Subject::Initiative(InitiativeId::new(id)),
        _ => Subject::Project,
    }
}

/// The part of a path below its item (`series[2026-03-01].actual`), or the whole path of a
/// section field; empty for a whole item.
pub fn field_of(path: &str) -> String {
    match parse_path(path).as_deref() {
        Some([Step::Key(_), Step::Item(_), rest @ ..]) => path_text(rest),
        _ => path.to_string(),
    }
}

/// A field path for people: the common fields in their language (`series[2026-03-01].actual` →
/// `2026-03-01 实际值`), the rest as the file names them.
pub fn field_label(field: &str, lang: crate::i18n::Lang) -> String {
    use crate::i18n::T;
    let Some(steps) = parse_path(field) else { return field.to_string() };
    steps
        .iter()
        .map(|s| match s {
            Step::Item(id) => id.clone(),
            Step::Key(k) => match k.as_str() {
                "target" => T::Target.get(lang).to_string(),
                "weight" => T::Weight.get(lang).to_string(),
                "actual" => T::Actual.get(lang).to_string(),
                "baseline" => T::Baseline.get(lang).to_string(),
                "stretch" => T::Stretch.get(lang).to_string(),
                "owner" => T::Owner.get(lang).to_string(),
                "name" => T::Name.get(lang).to_string(),
                "series" => String::new(),
                other => other.to_string(),
            },
        })
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A value as a person reads it in a list of changes: a number or text as it is, anything
/// larger shortened; a missing value as "(none)".
pub fn value_text(v: Option<&Value>, lang: crate::i18n::Lang) -> String {
    let text = match v {
        None | Some(Value::Null) => return crate::i18n::T::MergeNoValue.get(lang).to_string(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Object(m)) => match m.get("name").and_then(Value::as_str) {
            Some(name) => name.to_string(),
            None => v.map(Value::to_string).unwrap_or_default(),
        },
        Some(Value::Number(n)) => match n.as_f64() {
            Some(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{x:.0}"),
            _ => n.to_string(),
        },
        Some(other) => other.to_string(),
    };
    if text.chars().count() > 60 { format!("{}…", text.chars().take(59).collect::<String>()) } else { text }
}

/// A conflict as a sentence: the item, the field, both values and what happens until resolved.
pub fn describe_conflict(p: &Project, c: &Conflict, lang: crate::i18n::Lang) -> String {
    let subject = subject_of(&c.path);
    let item = match subject {
        super::lint::Subject::Project => c.path.clone(),
        ref s => super::lint::subject_label(p, s, lang),
    };
    let field = field_label(&field_of(&c.path), lang);
    let (ours, theirs) = (value_text(c.ours.as_ref(), lang), value_text(c.theirs.as_ref(), lang));
    let from =
        if c.from.is_empty() { crate::i18n::T::MergeTheirs.get(lang).to_string() } else { c.from.clone() };
    match c.reason {
        ConflictReason::BothChanged => {
            crate::tr!(
                lang,
                ConflictBothChanged,
                item = item,
                field = field,
                ours = ours,
                theirs = theirs,
                from = from
            )
        }
        ConflictReason::DeletedAndEdited => {
            crate::tr!(
                lang,
                ConflictDeletedAndEdited,
                item = item,
                field = field,
                ours = ours,
                theirs = theirs,
                from = from
            )
        }
        ConflictReason::DeletedButUsed => crate::tr!(lang, ConflictDeletedButUsed, item = item, from = from),
        ConflictReason::WouldBreak => crate::tr!(lang, ConflictWouldBreak, item = item, from = from),
    }
}
