//! Structural validation: what makes a document unusable (dangling or duplicate ids, cycles,
//! non-finite numbers, periods that do not fit their frequency …).
//!
//! A file with any of these problems is refused on load, with every problem listed at once and
//! located by a path such as `kpis[12].target`. Design advice (missing targets, weights that do not
//! total 100 %) is not here but in `lint`, because a half-built scorecard is normal while editing.

use super::kpi::{Frequency, Kpi, ScoringMethod, StatusRule};
use super::project::Project;
use crate::i18n::{Lang, T};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// One structural problem, located by a path into the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub path: String,
    pub kind: ProblemKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ProblemKind {
    EmptyId,
    DuplicateId { id: String, first: String },
    UnknownReference { what: RefKind, id: String },
    SelfLink,
    DuplicateLink { first: String },
    DepartmentCycle { ids: Vec<String> },
    CascadeCycle { ids: Vec<String> },
    NotFinite,
    NegativeWeight { value: f64 },
    OutOfRange { value: f64, min: f64, max: f64 },
    PeriodNotStart { date: NaiveDate, frequency: Frequency },
    PeriodOrder { date: NaiveDate, previous: NaiveDate },
    KpiWithoutPlace,
    KpiInTwoPlaces,
    HorizonReversed { start: NaiveDate, end: NaiveDate },
    DatesReversed { start: NaiveDate, end: NaiveDate },
    MinNotBelowMax { min: f64, max: f64 },
    NoStatusRules,
    NoFallbackStatusRule,
    BadParameter { name: &'static str, value: f64, rule: &'static str },
    BandsNotMonotonic,
    TooFewBands,
    EmptyName,
    NoPerspectives,
}

/// The kind of item a reference points to, for messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefKind {
    Perspective,
    Theme,
    Objective,
    Department,
    Kpi,
}

impl RefKind {
    fn name(self, lang: Lang) -> &'static str {
        match self {
            RefKind::Perspective => T::ItemPerspective,
            RefKind::Theme => T::ItemTheme,
            RefKind::Objective => T::ItemObjective,
            RefKind::Department => T::ItemDepartment,
            RefKind::Kpi => T::ItemKpi,
        }
        .get(lang)
    }
}

impl ProblemKind {
    pub fn describe(&self, lang: Lang) -> String {
        use ProblemKind::*;
        match self {
            EmptyId => T::TheIdIsEmpty.get(lang).into(),
            DuplicateId { id, first } => {
                crate::tr!(lang, TheIdIsAlreadyUsed, first = first, id = id)
            }
            UnknownReference { what, id } => {
                crate::tr!(lang, UnknownReference, what = what.name(lang), id = id)
            }
            SelfLink => T::ALinkCannotConnectAn.get(lang).into(),
            DuplicateLink { first } => {
                crate::tr!(lang, TheSameLinkAlreadyExists, first = first)
            }
            DepartmentCycle { ids } => {
                crate::tr!(lang, DepartmentCycle, ids = ids.join(" → "))
            }
            CascadeCycle { ids } => {
                crate::tr!(lang, CascadeCycle, ids = ids.join(" → "))
            }
            NotFinite => T::TheNumberIsNotFinite.get(lang).into(),
            NegativeWeight { value } => {
                crate::tr!(lang, AWeightCannotBeNegative, value = value)
            }
            OutOfRange { value, min, max } => {
                crate::tr!(lang, IsOutsideTheAllowedRange, max = max, min = min, value = value)
            }
            PeriodNotStart { date, frequency } => {
                let fname = frequency.name(lang);
                crate::tr!(lang, IsNotTheFirstDay, date = date, fname = fname)
            }
            PeriodOrder { date, previous } => {
                crate::tr!(lang, PeriodComesAfterPeriodsMust, date = date, previous = previous)
            }
            KpiWithoutPlace => T::TheKPIBelongsToNeither.get(lang).into(),
            KpiInTwoPlaces => T::TheKPIBelongsToBoth.get(lang).into(),
            HorizonReversed { start, end } => {
                crate::tr!(lang, ThePlanningHorizonStartsAfter, end = end, start = start)
            }
            DatesReversed { start, end } => {
                crate::tr!(lang, StartsAfterItEnds, end = end, start = start)
            }
            MinNotBelowMax { min, max } => {
                crate::tr!(lang, MinMustBeLessThan, max = max, min = min)
            }
            NoStatusRules => T::ThereAreNoStatusRules.get(lang).into(),
            NoFallbackStatusRule => T::TheLastStatusRuleMust.get(lang).into(),
            BadParameter { name, value, rule } => {
                crate::tr!(lang, ParameterIsInvalid, name = name, rule = rule, value = value)
            }
            BandsNotMonotonic => T::BandValuesMustBeStrictly.get(lang).into(),
            TooFewBands => T::ThresholdBandsNeedAtLeast.get(lang).into(),
            EmptyName => T::TheNameIsEmpty.get(lang).into(),
            NoPerspectives => T::TheProjectHasNoPerspectives.get(lang).into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.kind.describe(Lang::En))
    }
}

struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn push(&mut self, path: impl Into<String>, kind: ProblemKind) {
        self.problems.push(Problem { path: path.into(), kind });
    }

    fn finite(&mut self, path: impl FnOnce() -> String, v: f64) -> bool {
        if v.is_finite() {
            true
        } else {
            self.push(path(), ProblemKind::NotFinite);
            false
        }
    }

    fn opt_finite(&mut self, path: impl FnOnce() -> String, v: Option<f64>) {
        if let Some(v) = v {
            self.finite(path, v);
        }
    }

    fn weight(&mut self, path: String, w: f64) {
        if !w.is_finite() {
            self.push(path, ProblemKind::NotFinite);
        } else if w < 0.0 {
            self.push(path, ProblemKind::NegativeWeight { value: w });
        }
    }

    /// Records every id of one collection; duplicates and empty ids are problems.
    fn ids<'a>(&mut self, collection: &str, ids: impl Iterator<Item = &'a str>) -> HashSet<&'a str> {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, id) in ids.enumerate() {
            let path = format!("{collection}[{i}].id");
            if id.trim().is_empty() {
                self.push(path, ProblemKind::EmptyId);
            } else if let Some(first) = seen.get(id) {
                self.push(
                    path,
                    ProblemKind::DuplicateId { id: id.into(), first: format!("{collection}[{first}]") },
                );
            } else {
                seen.insert(id, i);
            }
        }
        seen.into_keys().collect()
    }

    fn reference(&mut self, path: impl FnOnce() -> String, set: &HashSet<&str>, id: &str, what: RefKind) {
        if !set.contains(id) {
            self.push(path(), ProblemKind::UnknownReference { what, id: id.into() });
        }
    }

    fn status_rules(&mut self, path: &str, rules: &[StatusRule]) {
        if rules.is_empty() {
            self.push(path, ProblemKind::NoStatusRules);
            return;
        }
        for (i, r) in rules.iter().enumerate() {
            self.finite(|| format!("{path}[{i}].threshold"), r.threshold);
        }
        if rules.last().is_some_and(|r| r.when != super::kpi::Comparison::Always) {
            self.push(format!("{path}[{}].when", rules.len() - 1), ProblemKind::NoFallbackStatusRule);
        }
    }

    fn scoring(&mut self, path: &str, method: &ScoringMethod) {
        match method {
            ScoringMethod::Bands { bands } => {
                for (i, b) in bands.iter().enumerate() {
                    self.finite(|| format!("{path}.bands[{i}].value"), b.value);
                    self.finite(|| format!("{path}.bands[{i}].score"), b.score);
                }
                if bands.len() < 2 {
                    self.push(format!("{path}.bands"), ProblemKind::TooFewBands);
                } else {
                    let up = bands.windows(2).all(|w| w[1].value > w[0].value);
                    let down = bands.windows(2).all(|w| w[1].value < w[0].value);
                    if !up && !down {
                        self.push(format!("{path}.bands"), ProblemKind::BandsNotMonotonic);
                    }
                }
            }
            ScoringMethod::Points { step, points, cap, floor } => {
                if self.finite(|| format!("{path}.step"), *step) && *step <= 0.0 {
                    self.push(
                        format!("{path}.step"),
                        ProblemKind::BadParameter { name: "step", value: *step, rule: "must be > 0" },
                    );
                }
                self.finite(|| format!("{path}.points"), *points);
                let cap_ok = self.finite(|| format!("{path}.cap"), *cap);
                let floor_ok = self.finite(|| format!("{path}.floor"), *floor);
                if cap_ok && floor_ok && floor > cap {
                    self.push(
                        format!("{path}.floor"),
                        ProblemKind::BadParameter { name: "floor", value: *floor, rule: "must be ≤ cap" },
                    );
                }
            }
            ScoringMethod::ClosestToTarget { falloff: Some(f) }
                if self.finite(|| format!("{path}.falloff"), *f) && *f <= 0.0 =>
            {
                self.push(
                    format!("{path}.falloff"),
                    ProblemKind::BadParameter { name: "falloff", value: *f, rule: "must be > 0" },
                );
            }
            _ => {}
        }
    }

    fn kpi_numbers(&mut self, i: usize, k: &Kpi) {
        let p = |f: &str| format!("kpis[{i}].{f}");
        self.opt_finite(|| p("baseline"), k.baseline);
        self.opt_finite(|| p("target"), k.target);
        self.opt_finite(|| p("stretch"), k.stretch);
        self.opt_finite(|| p("min"), k.min);
        self.opt_finite(|| p("max"), k.max);
        if let (Some(min), Some(max)) = (k.min, k.max)
            && min.is_finite()
            && max.is_finite()
            && min >= max
        {
            self.push(p("max"), ProblemKind::MinNotBelowMax { min, max });
        }
        self.weight(p("weight"), k.weight);
        if let Some(b) = &k.band {
            for (name, v) in [("below", b.below), ("above", b.above)] {
                if self.finite(|| p(&format!("band.{name}")), v) && v < 0.0 {
                    self.push(
                        p(&format!("band.{name}")),
                        ProblemKind::BadParameter { name: "band", value: v, rule: "must be ≥ 0" },
                    );
                }
            }
        }
        if let Some(c) = &k.clamp {
            self.opt_finite(|| p("clamp.min"), c.min);
            self.opt_finite(|| p("clamp.max"), c.max);
            if let (Some(lo), Some(hi)) = (c.min, c.max)
                && lo > hi
            {
                self.push(p("clamp.max"), ProblemKind::MinNotBelowMax { min: lo, max: hi });
            }
        }
        if let Some(m) = &k.scoring {
            self.scoring(&p("scoring"), m);
        }
        if let Some(rules) = &k.status_rules {
            self.status_rules(&p("status_rules"), rules);
        }
        if let Some(super::kpi::Cascade::Decompose { share: Some(s), .. }) = &k.cascade
            && self.finite(|| p("cascade.share"), *s)
            && !(0.0..=1.0).contains(s)
        {
            self.push(p("cascade.share"), ProblemKind::OutOfRange { value: *s, min: 0.0, max: 1.0 });
        }
    }

    fn series(&mut self, i: usize, k: &Kpi, frequency: Frequency) {
        let mut previous: Option<NaiveDate> = None;
        for (j, period) in k.series.iter().enumerate() {
            if !frequency.is_period_start(period.date) {
                self.push(
                    format!("kpis[{i}].series[{j}].date"),
                    ProblemKind::PeriodNotStart { date: period.date, frequency },
                );
            }
            if let Some(prev) = previous
                && period.date <= prev
            {
                self.push(
                    format!("kpis[{i}].series[{j}].date"),
                    ProblemKind::PeriodOrder { date: period.date, previous: prev },
                );
            }
            previous = Some(period.date);
            if let Some(a) = period.actual
                && !a.is_finite()
            {
                self.push(format!("kpis[{i}].series[{j}].actual"), ProblemKind::NotFinite);
            }
            if let Some(t) = period.target
                && !t.is_finite()
            {
                self.push(format!("kpis[{i}].series[{j}].target"), ProblemKind::NotFinite);
            }
        }
    }
}

/// The problems of one KPI that depend only on it: where it lives, its numbers and its series.
/// Its id's uniqueness and its place in the cascade are checked by `validate` only. Editing a
/// KPI's values checks just this, which keeps typing into a 2,000-KPI project fast.
pub fn validate_kpi(project: &Project, i: usize) -> Vec<Problem> {
    let mut c = Checker { problems: Vec::new() };
    let Some(k) = project.kpis.get(i) else { return Vec::new() };
    match (&k.objective, &k.department) {
        (None, None) => c.push(format!("kpis[{i}]"), ProblemKind::KpiWithoutPlace),
        (Some(_), Some(_)) => c.push(format!("kpis[{i}].department"), ProblemKind::KpiInTwoPlaces),
        (Some(o), None) => {
            if project.objective(o).is_none() {
                c.push(
                    format!("kpis[{i}].objective"),
                    ProblemKind::UnknownReference { what: RefKind::Objective, id: o.0.clone() },
                );
            }
        }
        (None, Some(d)) => {
            if project.department(d).is_none() {
                c.push(
                    format!("kpis[{i}].department"),
                    ProblemKind::UnknownReference { what: RefKind::Department, id: d.0.clone() },
                );
            }
        }
    }
    c.kpi_numbers(i, k);
    c.series(i, k, project.frequency_of(k));
    c.problems
}

/// Every structural problem of the document; empty when it is sound.
pub fn validate(project: &Project) -> Vec<Problem> {
    let mut c = Checker { problems: Vec::new() };
    let info = &project.info;
    if info.start > info.end {
        c.push("project.end", ProblemKind::HorizonReversed { start: info.start, end: info.end });
    }
    let s = &project.scoring;
    c.scoring("scoring.method", &s.method);
    c.status_rules("scoring.status_rules", &s.status_rules);
    if let Some(cl) = &s.clamp {
        c.opt_finite(|| "scoring.clamp.min".into(), cl.min);
        c.opt_finite(|| "scoring.clamp.max".into(), cl.max);
        if let (Some(lo), Some(hi)) = (cl.min, cl.max)
            && lo > hi
        {
            c.push("scoring.clamp.max", ProblemKind::MinNotBelowMax { min: lo, max: hi });
        }
    }
    for (i, g) in s.grades.iter().enumerate() {
        c.finite(|| format!("scoring.grades[{i}].min_score"), g.min_score);
    }

    if project.perspectives.is_empty() {
        c.push("perspectives", ProblemKind::NoPerspectives);
    }
    let perspectives = c.ids("perspectives", project.perspectives.iter().map(|x| x.id.as_str()));
    let themes = c.ids("themes", project.themes.iter().map(|x| x.id.as_str()));
    let objectives = c.ids("objectives", project.objectives.iter().map(|x| x.id.as_str()));
    let _links = c.ids("links", project.links.iter().map(|x| x.id.as_str()));
    let departments = c.ids("departments", project.departments.iter().map(|x| x.id.as_str()));
    let kpis = c.ids("kpis", project.kpis.iter().map(|x| x.id.as_str()));
    let _initiatives = c.ids("initiatives", project.initiatives.iter().map(|x| x.id.as_str()));

    for (i, p) in project.perspectives.iter().enumerate() {
        if p.name.trim().is_empty() {
            c.push(format!("perspectives[{i}].name"), ProblemKind::EmptyName);
        }
        c.weight(format!("perspectives[{i}].weight"), p.weight);
    }
    for (i, o) in project.objectives.iter().enumerate() {
        c.reference(
            || format!("objectives[{i}].perspective"),
            &perspectives,
            o.perspective.as_str(),
            RefKind::Perspective,
        );
        if let Some(t) = &o.theme {
            c.reference(|| format!("objectives[{i}].theme"), &themes, t.as_str(), RefKind::Theme);
        }
        c.weight(format!("objectives[{i}].weight"), o.weight);
        c.finite(|| format!("objectives[{i}].position.x"), o.position.x);
        c.finite(|| format!("objectives[{i}].position.y"), o.position.y);
        for (name, v) in [("w", o.size.w), ("h", o.size.h)] {
            if c.finite(|| format!("objectives[{i}].size.{name}"), v) && v <= 0.0 {
                c.push(
                    format!("objectives[{i}].size.{name}"),
                    ProblemKind::BadParameter { name: "size", value: v, rule: "must be > 0" },
                );
            }
        }
    }
    let mut link_pairs: HashMap<(&str, &str), usize> = HashMap::new();
    for (i, l) in project.links.iter().enumerate() {
        c.reference(|| format!("links[{i}].from"), &objectives, l.from.as_str(), RefKind::Objective);
        c.reference(|| format!("links[{i}].to"), &objectives, l.to.as_str(), RefKind::Objective);
        if l.from == l.to {
            c.push(format!("links[{i}].to"), ProblemKind::SelfLink);
        } else if let Some(first) = link_pairs.get(&(l.from.as_str(), l.to.as_str())) {
            c.push(format!("links[{i}]"), ProblemKind::DuplicateLink { first: format!("links[{first}]") });
        } else {
            link_pairs.insert((l.from.as_str(), l.to.as_str()), i);
        }
    }
    for (i, d) in project.departments.iter().enumerate() {
        if let Some(parent) = &d.parent {
            c.reference(
                || format!("departments[{i}].parent"),
                &departments,
                parent.as_str(),
                RefKind::Department,
            );
        }
        c.weight(format!("departments[{i}].weight"), d.weight);
    }
    department_cycles(project, &mut c);

    for (i, k) in project.kpis.iter().enumerate() {
        match (&k.objective, &k.department) {
            (None, None) => c.push(format!("kpis[{i}]"), ProblemKind::KpiWithoutPlace),
            (Some(_), Some(_)) => c.push(format!("kpis[{i}].department"), ProblemKind::KpiInTwoPlaces),
            (Some(o), None) => {
                c.reference(|| format!("kpis[{i}].objective"), &objectives, o.as_str(), RefKind::Objective)
            }
            (None, Some(d)) => {
                c.reference(|| format!("kpis[{i}].department"), &departments, d.as_str(), RefKind::Department)
            }
        }
        c.kpi_numbers(i, k);
        c.series(i, k, project.frequency_of(k));
    }
    cascade_cycles(project, &kpis, &mut c);

    let _elements = c.ids("elements", project.elements.iter().map(|x| x.id.as_str()));
    for (i, e) in project.elements.iter().enumerate() {
        if e.name.trim().is_empty() {
            c.push(format!("elements[{i}].name"), ProblemKind::EmptyName);
        }
        if let Some(d) = &e.department {
            c.reference(
                || format!("elements[{i}].department"),
                &departments,
                d.as_str(),
                RefKind::Department,
            );
        }
        let frequency = e.frequency.unwrap_or(project.info.frequency);
        let mut previous: Option<NaiveDate> = None;
        for (j, v) in e.series.iter().enumerate() {
            let path = || format!("elements[{i}].series[{j}].date");
            if !frequency.is_period_start(v.date) {
                c.push(path(), ProblemKind::PeriodNotStart { date: v.date, frequency });
            }
            if let Some(prev) = previous
                && v.date <= prev
            {
                c.push(path(), ProblemKind::PeriodOrder { date: v.date, previous: prev });
            }
            previous = Some(v.date);
            c.finite(|| format!("elements[{i}].series[{j}].value"), v.value);
        }
    }

    for (i, init) in project.initiatives.iter().enumerate() {
        for (j, o) in init.objectives.iter().enumerate() {
            c.reference(
                || format!("initiatives[{i}].objectives[{j}]"),
                &objectives,
                o.as_str(),
                RefKind::Objective,
            );
        }
        for (j, k) in init.kpis.iter().enumerate() {
            c.reference(|| format!("initiatives[{i}].kpis[{j}]"), &kpis, k.as_str(), RefKind::Kpi);
        }
        if let Some(b) = init.budget {
            c.finite(|| format!("initiatives[{i}].budget"), b);
        }
        if c.finite(|| format!("initiatives[{i}].progress"), init.progress)
            && !(0.0..=100.0).contains(&init.progress)
        {
            c.push(
                format!("initiatives[{i}].progress"),
                ProblemKind::OutOfRange { value: init.progress, min: 0.0, max: 100.0 },
            );
        }
        if let (Some(s), Some(e)) = (init.start, init.end)
            && s > e
        {
            c.push(format!("initiatives[{i}].end"), ProblemKind::DatesReversed { start: s, end: e });
        }
    }
    let s = &project.screening;
    for (i, cr) in s.criteria.iter().enumerate() {
        c.weight(format!("screening.criteria[{i}].weight"), cr.weight);
    }
    let _candidates = c.ids("screening.candidates", s.candidates.iter().map(|x| x.id.as_str()));
    for (i, cand) in s.candidates.iter().enumerate() {
        for (j, r) in cand.ratings.iter().enumerate() {
            let path = || format!("screening.candidates[{i}].ratings[{j}]");
            if c.finite(path, *r) && !(0.0..=super::screening::MAX_RATING).contains(r) {
                c.push(
                    path(),
                    ProblemKind::OutOfRange { value: *r, min: 0.0, max: super::screening::MAX_RATING },
                );
            }
        }
    }
    c.problems
}

/// Reports each cycle of the department tree once, at the first member in document order.
fn department_cycles(project: &Project, c: &mut Checker) {
    let index: HashMap<&str, usize> =
        project.departments.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();
    // 0 = unvisited, 1 = on the current walk, 2 = known to reach a root.
    let mut state = vec![0u8; project.departments.len()];
    for start in 0..project.departments.len() {
        if state[start] != 0 {
            continue;
        }
        let mut walk: Vec<usize> = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state[i] {
                2 => break,
                1 => {
                    let pos = walk.iter().position(|&w| w == i).unwrap_or(0);
                    let mut ids: Vec<String> =
                        walk[pos..].iter().map(|&w| project.departments[w].id.0.clone()).collect();
                    ids.push(project.departments[i].id.0.clone());
                    let first = walk[pos..].iter().copied().min().unwrap_or(i);
                    c.push(format!("departments[{first}].parent"), ProblemKind::DepartmentCycle { ids });
                    break;
                }
                _ => {}
            }
            state[i] = 1;
            walk.push(i);
            at = project.departments[i].parent.as_ref().and_then(|p| index.get(p.as_str()).copied());
        }
        for w in walk {
            state[w] = 2;
        }
    }
}

/// A KPI that (through its decomposition parents) ends up decomposing itself.
fn cascade_cycles(project: &Project, kpis: &HashSet<&str>, c: &mut Checker) {
    let index: HashMap<&str, usize> =
        project.kpis.iter().enumerate().map(|(i, k)| (k.id.as_str(), i)).collect();
    let parent_of = |i: usize| match &project.kpis[i].cascade {
        Some(super::kpi::Cascade::Decompose { parent, .. }) if kpis.contains(parent.as_str()) => {
            index.get(parent.as_str()).copied()
        }
        _ => None,
    };
    let mut state = vec![0u8; project.kpis.len()];
    for start in 0..project.kpis.len() {
        if state[start] != 0 {
            continue;
        }
        let mut walk: Vec<usize> = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state[i] {
                2 => break,
                1 => {
                    let pos = walk.iter().position(|&w| w == i).unwrap_or(0);
                    let mut ids: Vec<String> =
                        walk[pos..].iter().map(|&w| project.kpis[w].id.0.clone()).collect();
                    ids.push(project.kpis[i].id.0.clone());
                    let first = walk[pos..].iter().copied().min().unwrap_or(i);
                    c.push(format!("kpis[{first}].cascade.parent"), ProblemKind::CascadeCycle { ids });
                    break;
                }
                _ => {}
            }
            state[i] = 1;
            walk.push(i);
            at = parent_of(i);
        }
        for w in walk {
            state[w] = 2;
        }
    }
}
