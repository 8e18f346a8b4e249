//! Synthetic projects of any size, for tests and benchmarks (`scorecard-studio generate`).
//!
//! The output is deterministic for a given size and seed, structurally valid, and shaped like a
//! real scorecard: objectives in all four perspectives linked upwards, company KPIs on objectives,
//! department KPIs decomposing or aligning to them, weights totalling 100, monthly actuals.

use super::*;
use crate::i18n::Lang;
use chrono::NaiveDate;

/// The size of a synthetic project.
#[derive(Clone, Copy, Debug)]
pub struct SyntheticSpec {
    pub kpis: usize,
    pub departments: usize,
    pub periods: usize,
    pub seed: u64,
}

/// A small deterministic generator (xorshift64*), enough for plausible noise.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Weights that total exactly 100 when summed left to right.
fn equal_weights(n: usize) -> Vec<f64> {
    if n == 0 {
        return Vec::new();
    }
    let share = (100.0 / n as f64 * 100.0).floor() / 100.0;
    let mut w = vec![share; n];
    let rest = 100.0 - share * (n - 1) as f64;
    w[n - 1] = (rest * 100.0).round() / 100.0;
    w
}

/// Builds a synthetic project. Starting in January 2016 keeps 120 months within ten years.
pub fn generate(spec: SyntheticSpec) -> Project {
    let mut noise = Noise(spec.seed.max(1));
    let start = NaiveDate::from_ymd_opt(2016, 1, 1).unwrap_or_default();
    let mut project = Project::blank(Lang::En, start);
    project.info.name = format!(
        "Synthetic scorecard ({} KPIs, {} departments, {} periods)",
        spec.kpis, spec.departments, spec.periods
    );
    project.info.organisation = "Synthetic Co.".into();
    project.info.locale = "en".into();
    let mut end = start;
    for _ in 0..spec.periods.max(1) {
        end = Frequency::Monthly.next_start(end);
    }
    project.info.end = end.pred_opt().unwrap_or(end);

    project.themes = vec![
        Theme {
            id: ThemeId::numbered(1),
            name: "Operational excellence".into(),
            colour: Colour::rgb(0x00, 0x83, 0x8f),
            description: String::new(),
        },
        Theme {
            id: ThemeId::numbered(2),
            name: "Customer intimacy".into(),
            colour: Colour::rgb(0xad, 0x14, 0x57),
            description: String::new(),
        },
    ];

    let department_kpis = if spec.departments > 0 { spec.kpis / 2 } else { 0 };
    let company_kpis = spec.kpis - department_kpis;
    let objective_count = (company_kpis / 6).clamp(4, 150).min(company_kpis.max(4));
    let perspective_ids: Vec<PerspectiveId> = project.perspectives.iter().map(|p| p.id.clone()).collect();
    let band_of = |i: usize| (i * perspective_ids.len()) / objective_count;
    for i in 0..objective_count {
        let band = band_of(i);
        // Position within the band: how many earlier objectives share it.
        let slot = (0..i).filter(|&j| band_of(j) == band).count();
        project.objectives.push(Objective {
            id: ObjectiveId::numbered(i as u64 + 1),
            name: format!("Objective {}", i + 1),
            description: String::new(),
            perspective: perspective_ids[band].clone(),
            theme: (i % 3 != 2).then(|| ThemeId::numbered(1 + (i % 2) as u64)),
            owner: format!("Owner {}", 1 + i % 7),
            weight: 1.0,
            roll_up: RollUp::WeightedAverage,
            position: Point { x: 40.0 + (slot % 12) as f64 * 190.0, y: 30.0 + (slot / 12) as f64 * 90.0 },
            size: Objective::DEFAULT_SIZE,
            pinned: false,
            colour: None,
        });
    }
    // Each objective below the top band drives one or two objectives in the band above.
    for i in 0..objective_count {
        let above: Vec<usize> = (0..objective_count).filter(|&j| band_of(j) + 1 == band_of(i)).collect();
        if above.is_empty() {
            continue;
        }
        let targets = if i % 2 == 0 { 2 } else { 1 };
        let mut chosen: Vec<usize> = Vec::new();
        for _ in 0..targets {
            let t = above[noise.below(above.len())];
            if !chosen.contains(&t) {
                chosen.push(t);
            }
        }
        for t in chosen {
            let id = LinkId::numbered(project.links.len() as u64 + 1);
            project.links.push(Link {
                id,
                from: project.objectives[i].id.clone(),
                to: project.objectives[t].id.clone(),
                label: String::new(),
            });
        }
    }

    if spec.departments > 0 {
        project.departments.push(Department {
            kind: DepartmentKind::Company,
            head: "CEO".into(),
            ..Department::new(DepartmentId::numbered(1), "Company", None)
        });
        let divisions = spec.departments.div_ceil(8).max(1).min(spec.departments.saturating_sub(1).max(1));
        for i in 1..spec.departments {
            let (kind, parent) = if i <= divisions {
                (DepartmentKind::Division, DepartmentId::numbered(1))
            } else {
                (DepartmentKind::Department, DepartmentId::numbered(2 + (i % divisions) as u64))
            };
            project.departments.push(Department {
                kind,
                head: format!("Head {}", i + 1),
                ..Department::new(
                    DepartmentId::numbered(i as u64 + 1),
                    format!("Department {}", i + 1),
                    Some(parent),
                )
            });
        }
    }

    let units = ["万元", "%", "件", "天", "人"];
    let mut next_kpi = 1u64;
    let mut make_kpi = |noise: &mut Noise, name: String| {
        let id = KpiId::numbered(next_kpi);
        next_kpi += 1;
        let mut k = Kpi::new(id, name);
        k.code = format!("K{:04}", next_kpi - 1);
        let unit = units[noise.below(units.len())];
        k.unit = unit.into();
        k.formula = format!("measured {} total", k.name.to_lowercase());
        k.owner = format!("Owner {}", 1 + noise.below(9));
        k.frequency = Some(Frequency::Monthly);
        k.polarity = if noise.unit() < 0.2 { Polarity::LowerIsBetter } else { Polarity::HigherIsBetter };
        k.aggregation = match unit {
            "%" => Aggregation::Average,
            "人" => Aggregation::Last,
            _ => Aggregation::Sum,
        };
        let target = (50.0 + noise.unit() * 950.0).round();
        k.target = Some(target);
        k.baseline = Some((target * (0.7 + noise.unit() * 0.2)).round());
        k.data_source = "ERP".into();
        let mut date = start;
        let drift = 0.85 + noise.unit() * 0.3;
        for p in 0..spec.periods {
            let wobble = 0.9 + noise.unit() * 0.2;
            let actual = (target * drift * wobble * 100.0).round() / 100.0;
            k.series.push(Period {
                date,
                actual: Some(actual),
                target: (p % 12 == 11).then_some(target * 1.05),
                note: None,
                commentary: None,
            });
            date = Frequency::Monthly.next_start(date);
        }
        k
    };

    let objective_ids: Vec<ObjectiveId> = project.objectives.iter().map(|o| o.id.clone()).collect();
    let mut per_objective: Vec<Vec<Kpi>> = vec![Vec::new(); objective_ids.len()];
    for i in 0..company_kpis {
        let o = i % objective_ids.len();
        let mut k = make_kpi(&mut noise, format!("Company KPI {}", i + 1));
        k.objective = Some(objective_ids[o].clone());
        per_objective[o].push(k);
    }
    for group in per_objective.iter_mut() {
        let weights = equal_weights(group.len());
        for (k, w) in group.iter_mut().zip(weights) {
            k.weight = w;
        }
    }
    let company: Vec<Kpi> = per_objective.into_iter().flatten().collect();

    // Department KPIs: every department node gets an equal share, weights totalling 100; most
    // decompose a company KPI, the rest align to an objective.
    let mut department_list: Vec<Kpi> = Vec::new();
    if spec.departments > 0 && department_kpis > 0 {
        let mut per_department: Vec<Vec<Kpi>> = vec![Vec::new(); spec.departments];
        for i in 0..department_kpis {
            let d = i % spec.departments;
            let mut k = make_kpi(&mut noise, format!("Department KPI {}", i + 1));
            k.department = Some(DepartmentId::numbered(d as u64 + 1));
            if i % 4 == 3 {
                k.cascade =
                    Some(Cascade::Align { objective: objective_ids[i % objective_ids.len()].clone() });
            } else if !company.is_empty() {
                let parent = &company[i % company.len()];
                k.cascade = Some(Cascade::Decompose { parent: parent.id.clone(), share: None });
                k.unit = parent.unit.clone();
                k.aggregation = parent.aggregation;
                k.polarity = parent.polarity;
            }
            per_department[d].push(k);
        }
        for group in per_department.iter_mut() {
            let weights = equal_weights(group.len());
            for (k, w) in group.iter_mut().zip(weights) {
                k.weight = w;
            }
        }
        department_list = per_department.into_iter().flatten().collect();
    }
    project.kpis = company;
    project.kpis.extend(department_list);

    for i in 0..(objective_count / 4).max(1) {
        let mut init = Initiative::new(InitiativeId::numbered(i as u64 + 1), format!("Initiative {}", i + 1));
        init.owner = format!("Owner {}", 1 + i % 5);
        init.objectives = vec![objective_ids[(i * 4) % objective_ids.len()].clone()];
        init.start = Some(start);
        init.end = Some(project.info.end);
        init.status = InitiativeStatus::InProgress;
        init.progress = ((i * 17) % 100) as f64;
        project.initiatives.push(init);
    }
    project
}

/// Makes the first `n` KPIs computed: each becomes the rate `E(2i+1) / E(2i+2) * 100` of two new
/// data elements (a count and its base, both summed), with a value for every month of the
/// horizon, and its actuals are computed from them. For benchmarks and `generate --computed`.
pub fn add_computed(project: &mut Project, n: usize, seed: u64) {
    let mut noise = Noise(seed.max(1) ^ 0x9e37_79b9_7f4a_7c15);
    let months: Vec<NaiveDate> = {
        let mut out = Vec::new();
        let mut d = Frequency::Monthly.period_start(project.info.start);
        while d <= project.info.end && out.len() < 10_000 {
            out.push(d);
            d = Frequency::Monthly.next_start(d);
        }
        out
    };
    let n = n.min(project.kpis.len());
    for i in 0..n {
        let (a, b) = (2 * i + 1, 2 * i + 2);
        let rate = 0.3 + 0.6 * noise.unit();
        let mut base = DataElement::new(ElementId::numbered(b as u64), format!("E{b}"), format!("Base {b}"));
        let mut count =
            DataElement::new(ElementId::numbered(a as u64), format!("E{a}"), format!("Count {a}"));
        for &date in &months {
            let total = (50.0 + 950.0 * noise.unit()).round();
            let hits = (total * (rate + 0.1 * (noise.unit() - 0.5))).round().clamp(0.0, total);
            base.series.push(ElementValue { date, value: total });
            count.series.push(ElementValue { date, value: hits });
        }
        project.elements.push(count);
        project.elements.push(base);
        let k = &mut project.kpis[i];
        k.code = format!("C{}", i + 1);
        k.expression = Some(format!("E{a} / E{b} * 100"));
        k.unit = "%".into();
        k.aggregation = Aggregation::Average;
        k.frequency = Some(Frequency::Monthly);
        k.target = Some((rate * 100.0).round());
    }
    crate::score::computed::materialize(project);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_total_exactly_100() {
        for n in 1..40 {
            let total: f64 = equal_weights(n).iter().sum();
            assert!((total - 100.0).abs() < 1e-9, "{n}: {total}");
        }
    }

    #[test]
    fn generated_projects_are_valid() {
        for (kpis, departments, periods) in [(0, 0, 0), (1, 0, 1), (10, 3, 12), (200, 10, 24)] {
            let p = generate(SyntheticSpec { kpis, departments, periods, seed: 7 });
            assert_eq!(p.kpis.len(), kpis);
            assert_eq!(p.departments.len(), departments);
            assert!(p.kpis.iter().all(|k| k.series.len() == periods));
            let problems = validate::validate(&p);
            assert!(problems.is_empty(), "{kpis}/{departments}/{periods}: {problems:?}");
        }
    }
}
