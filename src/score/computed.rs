//! Computed KPIs: actuals from an expression over data elements and other KPIs.
//!
//! **Aggregate, then evaluate.** For a period that spans several base periods (a quarter, a year,
//! year to date), every element the expression refers to is first aggregated over the span by its
//! own rule (counts summed, levels averaged or the last), a referenced KPI by its own rule (or,
//! when it is computed, by this same rule), and the expression is evaluated once on those
//! aggregates: January 2/4 and February 2/100 make 4/104 = 3.85 %, not the 26 % an average of the
//! monthly rates gives. A KPI may instead evaluate each base period and aggregate the results by
//! its own rule (`evaluate_each_period`), for the rare formula that needs it.
//!
//! The base-period actuals of a computed KPI are written into its series (`materialize`), so the
//! data grid, charts, exports and forecasts read them like typed actuals; typed actuals of a
//! computed KPI are replaced. The engine's `aggregate_kpi` evaluates multi-period spans as above.

use super::period::{Aggregate, DateRange, Fold, aggregate};
use crate::model::expr::{self, Expr, Reference, Undefined};
use crate::model::{Frequency, Kpi, Period, Project};
use std::collections::HashMap;

/// What a reference resolves to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    Element(usize),
    Kpi(usize),
}

/// Codes or names to what they name. Keys are short and hashed by the thousand on every
/// structural edit of a large project: a multiply-rotate hash (as rustc's) is several times
/// faster there than SipHash, and a project file is no adversary of its own lookups.
type Names = HashMap<String, Input, std::hash::BuildHasherDefault<WordHasher>>;

#[derive(Default, Clone, Copy)]
struct WordHasher(u64);

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl std::hash::Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The project's computed KPIs, parsed once, with their references resolved.
#[derive(Clone, Debug)]
pub struct Formulas {
    /// Per KPI: its parsed expression, or why it cannot be used; `None` for typed KPIs.
    parsed: Vec<Option<Result<Expr, Undefined>>>,
    codes: Names,
    names: Names,
    /// Per KPI: the computed KPIs that decompose it with an expression of the same form (the
    /// departments' shares of a company rate); empty for most.
    sharing: Vec<Vec<usize>>,
}

impl Formulas {
    pub fn new(project: &Project) -> Self {
        let capacity = project.elements.len() + project.kpis.len();
        let mut codes = Names::with_capacity_and_hasher(capacity, Default::default());
        let mut names = Names::with_capacity_and_hasher(capacity, Default::default());
        // Elements first: a code used by both an element and a KPI means the element (and
        // `check` reports the clash).
        for (i, e) in project.elements.iter().enumerate() {
            if !e.code.trim().is_empty() {
                codes.entry(e.code.trim().to_string()).or_insert(Input::Element(i));
            }
            names.entry(e.name.trim().to_string()).or_insert(Input::Element(i));
        }
        for (i, k) in project.kpis.iter().enumerate() {
            if !k.code.trim().is_empty() {
                codes.entry(k.code.trim().to_string()).or_insert(Input::Kpi(i));
            }
            names.entry(k.name.trim().to_string()).or_insert(Input::Kpi(i));
        }
        let parsed: Vec<Option<Result<Expr, Undefined>>> = project
            .kpis
            .iter()
            .map(|k| {
                k.expression
                    .as_deref()
                    .filter(|e| !e.trim().is_empty())
                    .map(|text| expr::parse(text).map_err(Undefined::Invalid))
            })
            .collect();
        let sharing = sharing_children(project, &parsed);
        Self { parsed, codes, names, sharing }
    }

    /// Whether KPI `k` is computed (has an expression, valid or not).
    pub fn is_computed(&self, k: usize) -> bool {
        self.parsed.get(k).is_some_and(|p| p.is_some())
    }

    /// The computed KPIs that decompose KPI `k` with an expression of the same form as its own:
    /// its ratio total is computed from their inputs, summed.
    pub fn sharing(&self, k: usize) -> &[usize] {
        self.sharing.get(k).map_or(&[], |v| v.as_slice())
    }

    /// KPI `k`'s parsed expression.
    pub fn expression(&self, k: usize) -> Option<&Result<Expr, Undefined>> {
        self.parsed.get(k).and_then(|p| p.as_ref())
    }

    /// What a reference names: by code, else by name; a bracketed name by name first.
    pub fn resolve(&self, r: &Reference) -> Option<Input> {
        let text = r.text.trim();
        if r.bracketed {
            self.names.get(text).or_else(|| self.codes.get(text)).copied()
        } else {
            self.codes.get(text).or_else(|| self.names.get(text)).copied()
        }
    }

    /// The KPIs that KPI `k` depends on through a cycle back to itself, if it does:
    /// `[k, …, k]` as KPI indices.
    pub fn cycle_from(&self, k: usize) -> Option<Vec<usize>> {
        fn walk(f: &Formulas, at: usize, start: usize, path: &mut Vec<usize>, seen: &mut Vec<bool>) -> bool {
            let Some(Ok(e)) = f.expression(at) else { return false };
            let mut refs = Vec::new();
            e.references(&mut refs);
            for r in refs {
                if let Some(Input::Kpi(next)) = f.resolve(r) {
                    if next == start {
                        path.push(next);
                        return true;
                    }
                    if !seen[next] {
                        seen[next] = true;
                        path.push(next);
                        if walk(f, next, start, path, seen) {
                            return true;
                        }
                        path.pop();
                    }
                }
            }
            false
        }
        let mut path = vec![k];
        let mut seen = vec![false; self.parsed.len()];
        walk(self, k, k, &mut path, &mut seen).then_some(path)
    }
}

/// Per KPI, the computed KPIs decomposing it whose expression has the same form (the same
/// operators and numbers; the references may differ).
fn sharing_children(project: &Project, parsed: &[Option<Result<Expr, Undefined>>]) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); project.kpis.len()];
    if !project.kpis.iter().any(|k| k.cascade.is_some()) {
        return out;
    }
    let form = |k: usize| match &parsed[k] {
        Some(Ok(e)) => Some(e),
        _ => None,
    };
    let by_id: HashMap<&str, usize> =
        project.kpis.iter().enumerate().map(|(i, k)| (k.id.as_str(), i)).collect();
    for (c, kpi) in project.kpis.iter().enumerate() {
        if let Some(crate::model::Cascade::Decompose { parent, .. }) = &kpi.cascade
            && let Some(&p) = by_id.get(parent.as_str())
            && p != c
            && let (Some(a), Some(b)) = (form(c), form(p))
            && a.same_form(b)
        {
            out[p].push(c);
        }
    }
    out
}

/// The formula as people read it (计算公式): a computed KPI's expression with the names of the data
/// elements and KPIs it uses (`邀约试乘试驾客户数 ÷ 试乘试驾客户数 × 100`); the free-text `formula`
/// of a KPI without one, or whose expression does not parse.
pub fn formula_text<'a>(project: &Project, kpi: &'a Kpi) -> std::borrow::Cow<'a, str> {
    let Some(Ok(e)) = kpi.expression.as_deref().map(expr::parse) else {
        return std::borrow::Cow::Borrowed(&kpi.formula);
    };
    // A few references per formula: looking them up directly beats building the maps.
    let name = |r: &Reference| {
        let t = r.text.trim();
        let by_code = || {
            project
                .elements
                .iter()
                .find(|x| x.code.trim() == t)
                .map(|x| x.name.clone())
                .or_else(|| project.kpis.iter().find(|x| x.code.trim() == t).map(|x| x.name.clone()))
        };
        let by_name = || {
            project
                .elements
                .iter()
                .find(|x| x.name.trim() == t)
                .map(|x| x.name.clone())
                .or_else(|| project.kpis.iter().find(|x| x.name.trim() == t).map(|x| x.name.clone()))
        };
        let found = if r.bracketed { by_name().or_else(by_code) } else { by_code().or_else(by_name) };
        found.unwrap_or_else(|| r.text.clone())
    };
    std::borrow::Cow::Owned(e.display(&name))
}

/// One input's value over a range, with the name the expression used for it.
#[derive(Clone, Debug, PartialEq)]
pub struct InputValue {
    pub reference: String,
    pub input: Option<Input>,
    pub value: Option<f64>,
}

/// Evaluates KPIs and elements over date ranges.
pub struct Evaluator<'a> {
    pub project: &'a Project,
    pub formulas: &'a Formulas,
}

impl<'a> Evaluator<'a> {
    /// An element's values over `range`, aggregated by its rule (None: no value in range).
    pub fn element(&self, e: usize, range: DateRange) -> Option<f64> {
        let el = &self.project.elements[e];
        let frequency = el.frequency.unwrap_or(self.project.info.frequency);
        let lo = el.series.partition_point(|v| frequency.counts_on(v.date) < range.start);
        let hi = el.series.partition_point(|v| frequency.counts_on(v.date) <= range.end);
        let mut fold = Fold::new(el.aggregation);
        for v in &el.series[lo..hi.max(lo)] {
            fold.push(v.value);
        }
        fold.result()
    }

    /// A KPI's actual over `range`: computed ones by their expression, typed ones aggregated.
    fn kpi_actual(
        &self,
        k: usize,
        range: DateRange,
        stack: &mut Vec<usize>,
    ) -> Result<Option<f64>, Undefined> {
        if self.formulas.is_computed(k) {
            return match self.computed(k, range, stack) {
                Ok(v) => Ok(Some(v)),
                Err(Undefined::Missing { .. }) => Ok(None),
                Err(e) => Err(e),
            };
        }
        let kpi = &self.project.kpis[k];
        Ok(aggregate(kpi, self.project.frequency_of(kpi), range).actual)
    }

    /// KPI `k`'s computed actual over `range`, aggregate-then-evaluate (or evaluate each base
    /// period then aggregate, when the KPI asks for it).
    pub fn computed(&self, k: usize, range: DateRange, stack: &mut Vec<usize>) -> Result<f64, Undefined> {
        let kpi = &self.project.kpis[k];
        if kpi.evaluate_each_period {
            let frequency = self.project.frequency_of(kpi);
            let periods = super::series::periods_between(frequency, range);
            if periods.len() > 1 {
                let mut fold = Fold::new(kpi.aggregation);
                let mut first_error = None;
                for (start, end) in periods {
                    match self.evaluate(k, DateRange { start, end }, stack, &mut |_| {}) {
                        Ok(v) => fold.push(v),
                        Err(e) => {
                            first_error.get_or_insert(e);
                        }
                    }
                }
                return match (fold.result(), first_error) {
                    (Some(v), _) => Ok(v),
                    (None, Some(e)) => Err(e),
                    (None, None) => Err(Undefined::Missing { name: kpi.code.clone() }),
                };
            }
        }
        self.evaluate(k, range, stack, &mut |_| {})
    }

    /// Evaluates KPI `k`'s expression on its inputs aggregated over `range`; `seen` hears each
    /// input's value (for explanations).
    pub fn evaluate(
        &self,
        k: usize,
        range: DateRange,
        stack: &mut Vec<usize>,
        seen: &mut dyn FnMut(InputValue),
    ) -> Result<f64, Undefined> {
        let e = match self.formulas.expression(k) {
            Some(Ok(e)) => e,
            Some(Err(err)) => return Err(err.clone()),
            None => return Err(Undefined::Missing { name: self.project.kpis[k].code.clone() }),
        };
        if stack.contains(&k) {
            let mut cycle: Vec<String> = stack.iter().map(|&i| label(&self.project.kpis[i])).collect();
            cycle.push(label(&self.project.kpis[k]));
            return Err(Undefined::Cycle { cycle });
        }
        stack.push(k);
        let kpi = &self.project.kpis[k];
        let totals = self.ratio_totals(k, e, range, stack);
        let result = e.eval(kpi.missing_inputs, &mut |r| {
            let input = self.formulas.resolve(r);
            if let Some(totals) = &totals {
                let value = totals.iter().find(|t| t.0 == r.at).and_then(|t| t.1);
                seen(InputValue { reference: r.text.clone(), input, value });
                return Ok(value);
            }
            let value = match input {
                None => return Err(Undefined::Unknown { name: r.text.clone() }),
                Some(Input::Element(i)) => self.element(i, range),
                Some(Input::Kpi(i)) => self.kpi_actual(i, range, stack)?,
            };
            seen(InputValue { reference: r.text.clone(), input, value });
            Ok(value)
        });
        stack.pop();
        result
    }

    /// Whether KPI `k` over `range` is the ratio total of the department KPIs decomposing it.
    pub fn uses_ratio_total(&self, k: usize, range: DateRange) -> bool {
        match self.formulas.expression(k) {
            Some(Ok(e)) => self.ratio_totals(k, e, range, &mut vec![k]).is_some(),
            _ => false,
        }
    }

    /// **Across departments.** A company KPI decomposed into department KPIs of the same
    /// form (`[成交数] / [线索数] * 100` in each) and counting none of its inputs itself for the
    /// period is their ratio total: each of its inputs is the sum over the departments of the
    /// input in the same place of their expression — Σ won / Σ leads, not the average of the
    /// departments' rates. Returns each reference's place and summed value, or `None` when the
    /// KPI is computed from its own inputs.
    fn ratio_totals(
        &self,
        k: usize,
        e: &Expr,
        range: DateRange,
        stack: &mut Vec<usize>,
    ) -> Option<Vec<(usize, Option<f64>)>> {
        let children = self.formulas.sharing(k);
        if children.is_empty() {
            return None;
        }
        let mut own = Vec::new();
        e.references(&mut own);
        let counts_itself = own.iter().any(|r| match self.formulas.resolve(r) {
            Some(Input::Element(i)) => self.element(i, range).is_some(),
            Some(Input::Kpi(i)) => self.kpi_actual(i, range, stack).ok().flatten().is_some(),
            None => false,
        });
        if counts_itself {
            return None;
        }
        let zero = self.project.kpis[k].missing_inputs == expr::MissingInputs::Zero;
        let mut sums: Vec<Option<f64>> = vec![Some(0.0); own.len()];
        let mut refs = Vec::new();
        for &c in children {
            let Some(Ok(ce)) = self.formulas.expression(c) else { continue };
            refs.clear();
            ce.references(&mut refs);
            for (j, r) in refs.iter().enumerate().take(own.len()) {
                let v = match self.formulas.resolve(r) {
                    Some(Input::Element(i)) => self.element(i, range),
                    Some(Input::Kpi(i)) if !stack.contains(&i) => {
                        self.kpi_actual(i, range, stack).ok().flatten()
                    }
                    _ => None,
                };
                sums[j] = match (sums[j], v) {
                    (Some(s), Some(v)) => Some(s + v),
                    (Some(s), None) if zero => Some(s),
                    _ => None,
                };
            }
        }
        Some(own.iter().zip(sums).map(|(r, s)| (r.at, s.filter(|v| v.is_finite()))).collect())
    }
}

fn label(k: &Kpi) -> String {
    if k.code.is_empty() { k.name.clone() } else { k.code.clone() }
}

/// Writes every computed KPI's base-period actuals into its series: one period per base period
/// of its frequency in the planning horizon (and wherever its inputs have values), keeping the
/// targets and notes typed there. Periods left with nothing are dropped. Returns how many KPIs
/// are computed.
pub fn materialize(project: &mut Project) -> usize {
    // Runs after every load: a project without computed KPIs pays nothing.
    if !project.kpis.iter().any(is_computed) {
        return 0;
    }
    let index = Dependents::new(project);
    materialize_kpis(project, &index, index.computed());
    index.computed.len()
}

/// Which computed KPIs depend on which data elements and KPIs: after one value changes, only
/// those that depend on it (in any number of steps) are computed again.
#[derive(Clone, Debug)]
pub struct Dependents {
    pub formulas: Formulas,
    /// Every computed KPI, by index.
    computed: Vec<usize>,
    /// Per element: the computed KPIs whose expression names it.
    on_element: Vec<Vec<usize>>,
    /// Per KPI: the computed KPIs whose expression names it.
    on_kpi: Vec<Vec<usize>>,
    /// Per KPI: the data elements its expression names, in the order written, each once.
    inputs: Vec<Vec<usize>>,
    /// The dates evaluated over when the index was made (`span`); a value outside them widens
    /// every computed KPI's periods.
    pub span: (chrono::NaiveDate, chrono::NaiveDate),
}

impl Dependents {
    pub fn new(project: &Project) -> Self {
        let formulas = Formulas::new(project);
        let mut on_element = vec![Vec::new(); project.elements.len()];
        let mut on_kpi = vec![Vec::new(); project.kpis.len()];
        let mut computed = Vec::new();
        let mut inputs = vec![Vec::new(); project.kpis.len()];
        let mut refs = Vec::new();
        for (k, own) in inputs.iter_mut().enumerate() {
            if !formulas.is_computed(k) {
                continue;
            }
            computed.push(k);
            let Some(Ok(e)) = formulas.expression(k) else { continue };
            refs.clear();
            e.references(&mut refs);
            for r in &refs {
                let list = match formulas.resolve(r) {
                    Some(Input::Element(i)) => {
                        if !own.contains(&i) {
                            own.push(i);
                        }
                        &mut on_element[i]
                    }
                    Some(Input::Kpi(i)) => &mut on_kpi[i],
                    None => continue,
                };
                if list.last() != Some(&k) {
                    list.push(k);
                }
            }
        }
        for (p, children) in formulas.sharing.iter().enumerate() {
            for &c in children {
                if !on_kpi[c].contains(&p) {
                    on_kpi[c].push(p);
                }
            }
        }
        Self { formulas, computed, on_element, on_kpi, inputs, span: span(project) }
    }

    /// Whether the project has computed KPIs.
    pub fn any(&self) -> bool {
        !self.computed.is_empty()
    }

    /// The data elements KPI `k`'s expression names, in the order written.
    pub fn inputs(&self, k: usize) -> &[usize] {
        self.inputs.get(k).map_or(&[], |v| v.as_slice())
    }

    /// Every computed KPI, by index.
    pub fn computed(&self) -> &[usize] {
        &self.computed
    }

    /// The computed KPIs whose values follow from these elements' and KPIs' values, directly or
    /// through other computed KPIs; sorted, each once.
    pub fn of(&self, elements: &[usize], kpis: &[usize]) -> Vec<usize> {
        let mut seen = vec![false; self.on_kpi.len()];
        let mut todo: Vec<usize> = Vec::new();
        for &e in elements {
            todo.extend(self.on_element.get(e).into_iter().flatten());
        }
        for &k in kpis {
            todo.extend(self.on_kpi.get(k).into_iter().flatten());
        }
        let mut out = Vec::new();
        while let Some(k) = todo.pop() {
            if std::mem::replace(&mut seen[k], true) {
                continue;
            }
            out.push(k);
            todo.extend(&self.on_kpi[k]);
        }
        out.sort_unstable();
        out
    }
}

type PeriodList = Vec<(chrono::NaiveDate, chrono::NaiveDate)>;

/// Writes the base-period actuals of the computed KPIs `which` (see `materialize`). Many KPIs
/// are computed on every core: each KPI's actuals depend only on the project as it was.
pub fn materialize_kpis(project: &mut Project, index: &Dependents, which: &[usize]) {
    let (first, last) = index.span;
    let mut periods: HashMap<Frequency, PeriodList> = HashMap::new();
    for &k in which {
        let f = project.frequency_of(&project.kpis[k]);
        periods
            .entry(f)
            .or_insert_with(|| super::series::periods_between(f, DateRange { start: first, end: last }));
    }
    let threads = if which.len() >= 256 {
        std::thread::available_parallelism().map_or(1, |n| n.get()).min(8)
    } else {
        1
    };
    // Each worker fills one flat buffer, KPI after KPI, period after period; NaN marks "no
    // value" inside it (8 bytes a period instead of 16 for an Option, in one allocation: at 2,000
    // KPIs × 120 months the buffer's size is most of the cost) and never leaves this function.
    let buffers: Vec<Vec<f64>> = if threads > 1 {
        let (shared, periods) = (&*project, &periods);
        let chunk = which.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let workers: Vec<_> = which
                .chunks(chunk)
                .map(|part| scope.spawn(move || actuals_of(shared, index, periods, part)))
                .collect();
            workers.into_iter().map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
        })
    } else {
        vec![actuals_of(project, index, &periods, which)]
    };
    let mut values = buffers.iter().flatten().map(|&v| (!v.is_nan()).then_some(v));
    for &k in which {
        let frequency = project.frequency_of(&project.kpis[k]);
        let Some(periods) = periods.get(&frequency) else { continue };
        write_actuals(&mut project.kpis[k].series, periods, values.by_ref().take(periods.len()));
    }
}

/// Puts computed actuals (one per period of `periods`) into a series, keeping the targets and
/// notes typed there and dropping periods left with nothing. After the first time the series
/// has exactly these periods, and the actuals are written in place.
fn write_actuals(
    series: &mut Vec<Period>,
    periods: &[(chrono::NaiveDate, chrono::NaiveDate)],
    actuals: impl Iterator<Item = Option<f64>>,
) {
    let actuals: Vec<Option<f64>> = actuals.collect();
    let fits = series.len() == periods.len()
        && series.iter().zip(periods).zip(&actuals).all(|((p, &(start, _)), a)| {
            p.date == start && (a.is_some() || p.target.is_some() || p.note.is_some())
        });
    if fits {
        for (p, &a) in series.iter_mut().zip(&actuals) {
            p.actual = a;
        }
        return;
    }
    let old = std::mem::take(series);
    let mut typed = old.into_iter().peekable();
    for (&(start, _), &actual) in periods.iter().zip(&actuals) {
        // Typed periods before this one (dated off the frequency's grid) keep their targets,
        // notes and commentary in order.
        while let Some(p) = typed.next_if(|p| p.date < start) {
            let p = Period { actual: None, ..p };
            if !p.is_empty() {
                series.push(p);
            }
        }
        let p = match typed.next_if(|p| p.date == start) {
            Some(p) => Period { actual, ..p },
            None => Period { actual, ..Period::new(start) },
        };
        if !p.is_empty() {
            series.push(p);
        }
    }
    series.extend(typed.map(|p| Period { actual: None, ..p }).filter(|p| !p.is_empty()));
}

/// The computed actuals of the KPIs `which`, one per period of each KPI's frequency, one KPI
/// after another; NaN where there is none.
fn actuals_of(
    project: &Project,
    index: &Dependents,
    periods: &HashMap<Frequency, PeriodList>,
    which: &[usize],
) -> Vec<f64> {
    let formulas = &index.formulas;
    let eval = Evaluator { project, formulas };
    let total = which
        .iter()
        .map(|&k| periods.get(&project.frequency_of(&project.kpis[k])).map_or(0, |p| p.len()))
        .sum();
    let mut out = Vec::with_capacity(total);
    for &k in which {
        let kpi = &project.kpis[k];
        let frequency = project.frequency_of(kpi);
        let Some(periods) = periods.get(&frequency) else { continue };
        // The common case — every input an element counted as often as the KPI — reads each
        // period's values in step with the periods, without aggregating.
        let direct = direct_inputs(project, formulas, k, frequency);
        // A company KPI that may be its departments' ratio total is one only in the periods it
        // counts none of its inputs itself.
        let totals = !formulas.sharing(k).is_empty();
        let mut cursors = vec![0usize; direct.as_ref().map_or(0, |d| d.len())];
        out.extend(periods.iter().map(|&(start, end)| {
            let v = match (&direct, formulas.expression(k)) {
                (Some(inputs), Some(Ok(e))) => {
                    let mut values = [None; 8];
                    for (j, &(_, el)) in inputs.iter().enumerate() {
                        let s = &project.elements[el].series;
                        while cursors[j] < s.len() && s[cursors[j]].date < start {
                            cursors[j] += 1;
                        }
                        values[j] = s.get(cursors[j]).filter(|v| v.date == start).map(|v| v.value);
                    }
                    let input =
                        |r: &Reference| inputs.iter().position(|x| x.0 == r.at).and_then(|j| values[j]);
                    if totals && values[..inputs.len()].iter().all(Option::is_none) {
                        eval.evaluate(k, DateRange { start, end }, &mut Vec::new(), &mut |_| {}).ok()
                    } else if kpi.missing_inputs == expr::MissingInputs::DropTerm {
                        e.eval(kpi.missing_inputs, &mut |r| Ok(input(r))).ok()
                    } else {
                        e.value(kpi.missing_inputs, &input)
                    }
                }
                _ => eval.evaluate(k, DateRange { start, end }, &mut Vec::new(), &mut |_| {}).ok(),
            };
            v.unwrap_or(f64::NAN)
        }));
    }
    out
}

/// When every reference of KPI `k` is a data element counted at the KPI's own frequency (at most
/// eight of them), the (position in the expression, element) of each.
fn direct_inputs(
    project: &Project,
    formulas: &Formulas,
    k: usize,
    frequency: Frequency,
) -> Option<Vec<(usize, usize)>> {
    let Some(Ok(e)) = formulas.expression(k) else { return None };
    let mut refs = Vec::new();
    e.references(&mut refs);
    if refs.len() > 8 {
        return None;
    }
    refs.iter()
        .map(|r| match formulas.resolve(r) {
            Some(Input::Element(el))
                if project.elements[el].frequency.unwrap_or(project.info.frequency) == frequency =>
            {
                Some((r.at, el))
            }
            _ => None,
        })
        .collect()
}

/// The dates computed KPIs are evaluated over: the planning horizon, widened to every element
/// value and every typed period.
pub fn span(project: &Project) -> (chrono::NaiveDate, chrono::NaiveDate) {
    let (mut first, mut last) =
        (project.info.start.min(project.info.end), project.info.end.max(project.info.start));
    for e in &project.elements {
        if let (Some(a), Some(b)) = (e.series.first(), e.series.last()) {
            first = first.min(a.date);
            let f: Frequency = e.frequency.unwrap_or(project.info.frequency);
            last = last.max(f.period_end(b.date));
        }
    }
    (first, last)
}

/// A KPI's actuals and targets over `range`, as `period::aggregate` gives them, except that a
/// computed KPI's actual over several base periods is its expression on the aggregated inputs.
pub fn aggregate_kpi(project: &Project, kpi: &Kpi, frequency: Frequency, range: DateRange) -> Aggregate {
    let agg = aggregate(kpi, frequency, range);
    // The formulas are read only for a span that needs them (the data grid asks per cell).
    if !is_computed(kpi) || kpi.evaluate_each_period || agg.reported < 2 {
        return agg;
    }
    match project.kpis.iter().position(|x| x.id == kpi.id) {
        Some(k) => aggregate_kpi_with(project, &Formulas::new(project), k, frequency, range),
        None => agg,
    }
}

/// Whether a KPI has an expression (a blank one does not count).
fn is_computed(kpi: &Kpi) -> bool {
    kpi.expression.as_deref().is_some_and(|e| !e.trim().is_empty())
}

/// `aggregate_kpi` for KPI `k`, with the project's formulas read once for many KPIs.
pub fn aggregate_kpi_with(
    project: &Project,
    formulas: &Formulas,
    k: usize,
    frequency: Frequency,
    range: DateRange,
) -> Aggregate {
    let kpi = &project.kpis[k];
    let mut agg = aggregate(kpi, frequency, range);
    if !formulas.is_computed(k) || kpi.evaluate_each_period || agg.reported < 2 {
        return agg;
    }
    let eval = Evaluator { project, formulas };
    agg.actual = eval.computed(k, range, &mut Vec::new()).ok();
    agg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DataElement, ElementId, ElementValue, KpiId, ObjectiveId};
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn month(m: u32) -> DateRange {
        let start = d(2026, m, 1);
        DateRange { start, end: Frequency::Monthly.period_end(start) }
    }

    fn quarter(q: u32) -> DateRange {
        DateRange { start: d(2026, 3 * q - 2, 1), end: Frequency::Monthly.period_end(d(2026, 3 * q, 1)) }
    }

    fn element(code: &str, name: &str, values: &[(u32, f64)]) -> DataElement {
        let mut e = DataElement::new(ElementId::new(format!("el-{code}")), code, name);
        e.series = values.iter().map(|&(m, value)| ElementValue { date: d(2026, m, 1), value }).collect();
        e
    }

    fn project(elements: Vec<DataElement>, kpis: &[(&str, &str)]) -> Project {
        let mut p = Project::blank(crate::i18n::Lang::En, d(2026, 1, 1));
        p.elements = elements;
        for (i, (code, expression)) in kpis.iter().enumerate() {
            let mut k = Kpi::new(KpiId::numbered(i as u64 + 1), format!("KPI {code}"));
            k.code = code.to_string();
            k.objective = Some(ObjectiveId::new("obj-1"));
            k.expression = (!expression.is_empty()).then(|| expression.to_string());
            k.unit = "%".into();
            p.kpis.push(k);
        }
        p
    }

    fn computed(p: &Project, k: usize, range: DateRange) -> Result<f64, Undefined> {
        let f = Formulas::new(p);
        Evaluator { project: p, formulas: &f }.computed(k, range, &mut Vec::new())
    }

    /// The company's win rate over two sales departments, from their summed counts.
    fn departments() -> Project {
        let mut p = project(
            vec![
                element("W", "Won", &[]),
                element("L", "Leads", &[]),
                element("WA", "Won A", &[(1, 2.0), (2, 1.0)]),
                element("LA", "Leads A", &[(1, 4.0), (2, 10.0)]),
                element("WB", "Won B", &[(1, 2.0), (2, 9.0)]),
                element("LB", "Leads B", &[(1, 100.0), (2, 0.0)]),
            ],
            &[("WIN", "W / L * 100"), ("WINA", "WA / LA * 100"), ("WINB", "[Won B] / [Leads B] * 100")],
        );
        for k in 1..3 {
            p.kpis[k].cascade =
                Some(crate::model::Cascade::Decompose { parent: p.kpis[0].id.clone(), share: None });
        }
        p
    }

    /// Across departments a company rate is the ratio of the departments' summed counts: January
    /// (2 + 2) / (4 + 100) = 3.846 %, not the 26 % their rates average; February's department B
    /// has no leads (its own rate is undefined) but the company's is (1 + 9) / (10 + 0) = 100 %;
    /// the two months together 14 / 114. Counted by the company itself, its own inputs count.
    #[test]
    fn a_company_rate_is_the_ratio_of_its_departments_totals() {
        let p = departments();
        let jan = computed(&p, 0, month(1)).unwrap();
        assert_eq!(format!("{jan:.3}"), "3.846");
        assert_eq!(computed(&p, 1, month(1)), Ok(50.0));
        assert!(matches!(computed(&p, 2, month(2)), Err(Undefined::DivisionByZero { .. })));
        assert_eq!(computed(&p, 0, month(2)), Ok(100.0));
        let both = computed(&p, 0, DateRange { start: d(2026, 1, 1), end: d(2026, 2, 28) }).unwrap();
        assert!((both - 1400.0 / 114.0).abs() < 1e-12, "{both}");
        // Materialized for the grid and the scores as well.
        let mut m = p.clone();
        materialize(&mut m);
        assert_eq!(m.kpis[0].period(d(2026, 2, 1)).and_then(|x| x.actual), Some(100.0));
        // The company counting its own: those are its inputs.
        let mut own = p.clone();
        own.elements[0].series.push(ElementValue { date: d(2026, 1, 1), value: 1.0 });
        own.elements[1].series.push(ElementValue { date: d(2026, 1, 1), value: 10.0 });
        assert_eq!(computed(&own, 0, month(1)), Ok(10.0));
        // A department KPI of another form is not summed in.
        let mut other = p.clone();
        other.kpis[2].expression = Some("[Won B] / [Leads B]".into());
        assert_eq!(computed(&other, 0, month(1)), Ok(50.0));
    }

    proptest::proptest! {
        /// Permuting the departments (their order in the file) does not change a ratio total,
        /// and a changed department count recomputes the company's value incrementally.
        #[test]
        fn permuting_departments_keeps_the_ratio_total(won in proptest::collection::vec(0u32..50, 4), leads in proptest::collection::vec(1u32..200, 4), swap in 0usize..3) {
            let mut p = departments();
            for (i, (w, l)) in won.iter().zip(&leads).enumerate().take(2) {
                p.elements[2 + 2 * i].series[0].value = f64::from(*w);
                p.elements[3 + 2 * i].series[0].value = f64::from(*l);
            }
            let expected = (f64::from(won[0]) + f64::from(won[1])) / (f64::from(leads[0]) + f64::from(leads[1])) * 100.0;
            let before = computed(&p, 0, month(1)).unwrap();
            proptest::prop_assert!((before - expected).abs() < 1e-9);
            let mut q = p.clone();
            match swap {
                0 => q.kpis.swap(1, 2),
                1 => q.elements.reverse(),
                _ => { q.kpis.swap(1, 2); q.kpis.swap(0, 2); }
            }
            let k = q.kpis.iter().position(|k| k.code == "WIN").unwrap();
            proptest::prop_assert_eq!(computed(&q, k, month(1)).unwrap(), before);
            // One department's count changed: only what depends on it is computed again, and
            // the company follows.
            let index = Dependents::new(&p);
            let deps = index.of(&[2], &[]);
            proptest::prop_assert_eq!(deps, vec![0, 1]);
        }
    }

    /// Spider Impact's case: January 2/4, February 2/100. The two months together are 4/104,
    /// not the average of 50 % and 2 % (26 %) nor their sum (52 %).
    #[test]
    fn ratios_over_several_months_are_ratios_of_sums() {
        let p = project(
            vec![
                element("E01", "won", &[(1, 2.0), (2, 2.0)]),
                element("E02", "leads", &[(1, 4.0), (2, 100.0)]),
            ],
            &[("K1", "E01 / E02 * 100")],
        );
        assert_eq!(computed(&p, 0, month(1)), Ok(50.0));
        assert_eq!(computed(&p, 0, month(2)), Ok(2.0));
        let q1 = computed(&p, 0, quarter(1)).unwrap();
        assert!((q1 - 400.0 / 104.0).abs() < 1e-12, "{q1}");
        assert_eq!(format!("{q1:.3}"), "3.846");
        // Evaluating each month and averaging is there for the formulas that need it.
        let mut p = p;
        p.kpis[0].evaluate_each_period = true;
        p.kpis[0].aggregation = crate::model::Aggregation::Average;
        assert_eq!(computed(&p, 0, quarter(1)), Ok(26.0));
    }

    /// The engine's aggregate of a computed KPI over the quarter is the ratio of sums, while
    /// its months are the monthly ratios (written into the series).
    #[test]
    fn the_engine_scores_quarters_of_computed_kpis_as_ratios_of_sums() {
        let mut p = project(
            vec![
                element("E01", "won", &[(1, 2.0), (2, 2.0)]),
                element("E02", "leads", &[(1, 4.0), (2, 100.0)]),
            ],
            &[("K1", "E01 / E02 * 100")],
        );
        p.kpis[0].aggregation = crate::model::Aggregation::Average;
        // A typed actual on a computed KPI is not used.
        p.kpis[0].series.push(Period {
            date: d(2026, 1, 1),
            actual: Some(99.0),
            target: Some(10.0),
            note: None,
            commentary: Some(Box::new(crate::model::Commentary {
                cause: "rain".into(),
                ..Default::default()
            })),
        });
        assert_eq!(materialize(&mut p), 1);
        let s = &p.kpis[0].series;
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!((s[0].date, s[0].actual, s[0].target), (d(2026, 1, 1), Some(50.0), Some(10.0)));
        assert_eq!(s[0].commentary.as_ref().map(|c| c.cause.as_str()), Some("rain"), "commentary is kept");
        assert_eq!((s[1].date, s[1].actual), (d(2026, 2, 1), Some(2.0)));
        let agg = aggregate_kpi(&p, &p.kpis[0], Frequency::Monthly, quarter(1));
        assert!((agg.actual.unwrap() - 400.0 / 104.0).abs() < 1e-12);
        assert_eq!(agg.reported, 2);
    }

    /// Weekly counts into a monthly ratio; an averaged level inside a ratio; a lower-is-better
    /// computed KPI; a KPI built on KPIs (margin = revenue − cost).
    #[test]
    fn weekly_inputs_averaged_inputs_and_kpis_built_on_kpis() {
        let mut complaints = DataElement::new(ElementId::new("el-c"), "C", "complaints");
        complaints.frequency = Some(Frequency::Weekly);
        // Mondays of March 2026: 2, 9, 16, 23 (and 30, whose week counts in April).
        complaints.series = [(2, 3.0), (9, 1.0), (16, 2.0), (23, 4.0), (30, 5.0)]
            .iter()
            .map(|&(day, value)| ElementValue { date: d(2026, 3, day), value })
            .collect();
        let mut headcount = element("H", "headcount", &[(1, 100.0), (2, 110.0), (3, 120.0)]);
        headcount.aggregation = crate::model::Aggregation::Average;
        let orders = element("O", "orders", &[(3, 500.0)]);
        let revenue = element("R", "revenue", &[(1, 50.0), (2, 60.0)]);
        let cost = element("X", "cost", &[(1, 30.0), (2, 45.0)]);
        let mut p = project(
            vec![complaints, headcount, orders, revenue, cost],
            &[
                ("CPO", "C / O * 1000"),
                ("PER", "[orders] / H"),
                ("REV", "R"),
                ("COST", "X"),
                ("MARGIN", "REV - COST"),
                ("MPCT", "div(MARGIN, REV, 0) * 100"),
            ],
        );
        p.kpis[0].polarity = crate::model::Polarity::LowerIsBetter;
        // 3 + 1 + 2 + 4 = 10 complaints in March per 500 orders.
        assert_eq!(computed(&p, 0, month(3)), Ok(20.0));
        // Orders per head over the quarter: 500 / mean(100, 110, 120).
        assert_eq!(computed(&p, 1, quarter(1)), Ok(500.0 / 110.0));
        assert_eq!(computed(&p, 4, month(1)), Ok(20.0));
        assert_eq!(computed(&p, 4, quarter(1)), Ok(35.0));
        assert_eq!(computed(&p, 5, quarter(1)), Ok(35.0 / 110.0 * 100.0));
        materialize(&mut p);
        let score = crate::score::book::score_kpi(&p, &p.kpis[0], month(3));
        assert_eq!(score.aggregate.actual, Some(20.0));
    }

    #[test]
    fn missing_inputs_zero_denominators_unknown_names_and_cycles() {
        let p = project(
            vec![element("A", "a", &[(1, 5.0), (2, 5.0)]), element("B", "b", &[(1, 0.0)])],
            &[("K1", "A / B"), ("K2", "K3 + 1"), ("K3", "K2 * 2"), ("K4", "A + nobody"), ("K5", "A / (")],
        );
        assert_eq!(computed(&p, 0, month(1)), Err(Undefined::DivisionByZero { expression: "A ÷ B".into() }));
        assert_eq!(computed(&p, 0, month(2)), Err(Undefined::Missing { name: "B".into() }));
        let Err(Undefined::Cycle { cycle }) = computed(&p, 1, month(1)) else { panic!() };
        assert_eq!(cycle, ["K2", "K3", "K2"]);
        assert_eq!(Formulas::new(&p).cycle_from(1), Some(vec![1, 2, 1]));
        assert_eq!(Formulas::new(&p).cycle_from(0), None);
        assert_eq!(computed(&p, 3, month(1)), Err(Undefined::Unknown { name: "nobody".into() }));
        assert!(matches!(computed(&p, 4, month(1)), Err(Undefined::Invalid(_))));
        let mut p = p;
        p.kpis[0].missing_inputs = crate::model::expr::MissingInputs::Zero;
        assert!(matches!(computed(&p, 0, month(2)), Err(Undefined::DivisionByZero { .. })));
        // Nothing is NaN or infinite after materializing either.
        materialize(&mut p);
        assert!(p.kpis.iter().flat_map(|k| &k.series).all(|s| s.actual.is_none_or(f64::is_finite)));
    }

    /// The formula people read is the expression with names; KPIs without one keep their text.
    #[test]
    fn the_formula_shown_uses_names() {
        let mut p = project(
            vec![element("E01", "邀约试乘试驾客户数", &[]), element("E02", "试乘试驾客户数", &[])],
            &[("K1", "E01 / E02 * 100"), ("K2", ""), ("K3", "[试乘试驾客户数] - K1")],
        );
        p.kpis[1].formula = "free text".into();
        assert_eq!(formula_text(&p, &p.kpis[0]), "邀约试乘试驾客户数 ÷ 试乘试驾客户数 × 100");
        assert_eq!(formula_text(&p, &p.kpis[1]), "free text");
        assert_eq!(formula_text(&p, &p.kpis[2]), "试乘试驾客户数 − KPI K1");
    }

    /// The quick reading of same-frequency inputs gives what the general evaluation gives.
    #[test]
    fn materialized_actuals_equal_the_general_evaluation() {
        use crate::model::synthetic::{SyntheticSpec, add_computed, generate};
        let mut p = generate(SyntheticSpec { kpis: 60, departments: 4, periods: 18, seed: 3 });
        add_computed(&mut p, 30, 3);
        // Gaps and a zero base, so missing and undefined months are compared too.
        p.elements[1].series[4].value = 0.0;
        p.elements[3].series.remove(6);
        materialize(&mut p);
        let f = Formulas::new(&p);
        let eval = Evaluator { project: &p, formulas: &f };
        for k in 0..30 {
            let kpi = &p.kpis[k];
            for (start, end) in crate::score::series::periods_between(
                Frequency::Monthly,
                DateRange { start: p.info.start, end: p.info.end },
            ) {
                let general = eval.evaluate(k, DateRange { start, end }, &mut Vec::new(), &mut |_| {}).ok();
                let stored = kpi.series.iter().find(|s| s.date == start).and_then(|s| s.actual);
                assert_eq!(stored, general, "{} {start}", kpi.code);
            }
        }
        assert_eq!(
            p.kpis[0].series.iter().find(|s| s.date == p.elements[1].series[4].date).and_then(|s| s.actual),
            None
        );
    }

    proptest::proptest! {
        /// Over any months, a rate's value is the ratio of the summed counts, and it does not
        /// depend on the order the elements are listed in.
        #[test]
        fn a_rate_over_months_is_the_ratio_of_sums(
            values in proptest::collection::vec((0u32..1000, 1u32..1000), 1..12),
            reversed in proptest::bool::ANY,
        ) {
            let num: Vec<(u32, f64)> = values.iter().enumerate().map(|(m, v)| (m as u32 + 1, v.0 as f64)).collect();
            let den: Vec<(u32, f64)> = values.iter().enumerate().map(|(m, v)| (m as u32 + 1, v.1 as f64)).collect();
            let mut elements = vec![element("N", "hits", &num), element("D", "base", &den)];
            if reversed {
                elements.reverse();
            }
            let p = project(elements, &[("R", "N / D * 100")]);
            let range = DateRange { start: d(2026, 1, 1), end: d(2026, 12, 31) };
            let sum_n: f64 = num.iter().map(|v| v.1).sum();
            let sum_d: f64 = den.iter().map(|v| v.1).sum();
            let got = computed(&p, 0, range).unwrap();
            proptest::prop_assert!((got - sum_n / sum_d * 100.0).abs() < 1e-9, "{} vs {}", got, sum_n / sum_d * 100.0);
        }
    }
}
