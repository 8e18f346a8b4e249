//! Performance contracts (绩效合同) as printable HTML: per department or role, its KPIs with
//! formula, target, weight and scoring rule, the appraisal score and grade for a period, and
//! signature lines. One document may hold several contracts, one per printed page.

use crate::i18n::{Lang, T};
use crate::model::lint::format_number;
use crate::model::*;
use crate::score::cascade::{grade, grade_legend, is_hundred};
use crate::score::trace::score_text;
use crate::score::{ScoreBook, method};
use std::fmt::Write;

/// What a contract is printed for.
pub struct ContractOptions<'a> {
    pub lang: Lang,
    /// Scores for the appraisal period.
    pub book: &'a ScoreBook,
    pub period_label: String,
    /// The date printed in the footer.
    pub today: chrono::NaiveDate,
}

/// Departments and roles that carry KPIs, in tree order: those a contract can be printed for.
pub fn contract_units(project: &Project) -> Vec<usize> {
    crate::score::cascade::tree_order(project)
        .into_iter()
        .filter(|&d| project.kpis_of_department(&project.departments[d].id).next().is_some())
        .collect()
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
  * { box-sizing: border-box; }
  body { font-family: "Noto Sans SC", "Microsoft YaHei", "PingFang SC", "Source Han Sans SC", sans-serif;
         color: #111; margin: 0; padding: 24px; font-size: 11pt; line-height: 1.45; }
  .contract { max-width: 190mm; margin: 0 auto 48px auto; }
  h1 { font-size: 20pt; text-align: center; margin: 0 0 4px 0; letter-spacing: 0.1em; }
  .subtitle { text-align: center; color: #444; margin-bottom: 16px; }
  table { border-collapse: collapse; width: 100%; }
  .meta td { padding: 3px 6px; border: none; }
  .meta td.k { color: #555; width: 16%; white-space: nowrap; }
  .kpis { margin-top: 12px; }
  .kpis th, .kpis td { border: 1px solid #777; padding: 4px 6px; vertical-align: top; }
  .kpis th { background: #e8edf3; font-weight: 600; text-align: left; }
  .kpis td.n { text-align: right; white-space: nowrap; }
  .kpis td.name { min-width: 7em; }
  .kpis small { color: #555; }
  .kpis tfoot td { font-weight: 600; background: #f4f6f8; }
  .warn { color: #b00020; }
  h3.record { font-size: 11pt; margin: 14px 0 4px 0; }
  .record td, .record th { font-size: 9.5pt; }
  .rule { color: #333; font-size: 9.5pt; }
  .result { margin-top: 14px; border: 1px solid #777; padding: 8px 10px; }
  .result .grade { font-size: 16pt; font-weight: 700; margin-left: 6px; }
  .signatures { margin-top: 36px; }
  .signatures td { border: none; padding: 18px 8px 4px 0; width: 33%; vertical-align: bottom; }
  .who { white-space: nowrap; }
  .line { display: inline-block; border-bottom: 1px solid #111; min-width: 26mm; }
  .footer { margin-top: 24px; color: #777; font-size: 8.5pt; text-align: right; }
  @page { size: A4; margin: 15mm; }
  @media print {
    body { padding: 0; }
    .contract { margin: 0; page-break-after: always; break-after: page; }
    .contract:last-child { page-break-after: auto; break-after: auto; }
    tr { page-break-inside: avoid; break-inside: avoid; }
  }
"#;

/// A complete HTML document with the contracts of `units` (department indices), one per page.
pub fn contracts_html(project: &Project, units: &[usize], opts: &ContractOptions) -> String {
    let lang = opts.lang;
    let mut out = String::new();
    let title = match units {
        [d] => {
            format!("{} — {}", T::TabContract.get(lang), project.departments[*d].name)
        }
        _ => format!("{} — {}", T::PerformanceContracts.get(lang), project.info.name),
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        T::En.get(lang),
        escape(&title)
    );
    for &d in units {
        contract(&mut out, project, d, opts);
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// A number with its unit as contracts and the cascade view print it: "85%", "1,200 万元".
pub fn with_unit(v: f64, unit: &str) -> String {
    let n = format_number(v);
    match unit {
        "" => n,
        "%" => format!("{n}%"),
        u => format!("{n} {u}"),
    }
}

/// "Achievement ratio: A / T; capped at 150 %" — how the KPI is scored.
fn scoring_rule(project: &Project, k: &Kpi, lang: Lang) -> String {
    let m = k.scoring.as_ref().unwrap_or(&project.scoring.method);
    let mut s = crate::tr!(
        lang,
        Labelled,
        label = m.name(lang),
        text = method::formula_text(method::formula(m, k.polarity), lang)
    );
    if let Some(b) = &k.band
        && k.polarity == Polarity::ClosestToTarget
    {
        let _ = write!(
            s,
            "{}",
            crate::tr!(lang, FullScoreBand, below = format_number(b.below), above = format_number(b.above))
        );
    }
    let clamp = k.clamp.as_ref().or(project.scoring.clamp.as_ref());
    if let Some(c) = clamp {
        match (c.min, c.max) {
            (Some(lo), Some(hi)) => {
                s.push_str(&crate::tr!(lang, ScoreBetween, lo = format_number(lo), hi = format_number(hi)));
            }
            (None, Some(hi)) => s.push_str(&crate::tr!(lang, ScoreCappedAt, hi = format_number(hi))),
            _ => {}
        }
    }
    s
}

fn contract(out: &mut String, project: &Project, d: usize, opts: &ContractOptions) {
    let lang = opts.lang;
    let unit = &project.departments[d];
    let parent = unit.parent.as_ref().and_then(|p| project.department(p));
    let kpis: Vec<usize> = project
        .kpis
        .iter()
        .enumerate()
        .filter(|(_, k)| k.department.as_ref() == Some(&unit.id))
        .map(|(i, _)| i)
        .collect();
    let total_weight: f64 =
        kpis.iter().filter(|&&k| !project.kpis[k].excluded).map(|&k| project.kpis[k].weight).sum();
    let _ = writeln!(out, "<section class=\"contract\" id=\"{}\">", escape(unit.id.as_str()));
    let _ = writeln!(out, "<h1>{}</h1>", T::ContractTitle.get(lang));
    let _ = writeln!(
        out,
        "<div class=\"subtitle\">{} · {}</div>",
        escape(if project.info.organisation.is_empty() {
            &project.info.name
        } else {
            &project.info.organisation
        }),
        escape(&opts.period_label)
    );
    out.push_str("<table class=\"meta\">\n");
    let meta = |out: &mut String, k: &str, v: &str, k2: &str, v2: &str| {
        let _ = writeln!(
            out,
            "<tr><td class=\"k\">{}</td><td>{}</td><td class=\"k\">{}</td><td>{}</td></tr>",
            escape(k),
            escape(v),
            escape(k2),
            escape(v2)
        );
    };
    meta(
        out,
        unit.kind.name(lang),
        &unit.name,
        if unit.kind == DepartmentKind::Role { T::Holder.get(lang) } else { T::Head.get(lang) },
        &unit.head,
    );
    meta(
        out,
        T::ReportsTo.get(lang),
        &parent.map(|p| p.name.clone()).unwrap_or_default(),
        T::Superior.get(lang),
        &parent.map(|p| p.head.clone()).unwrap_or_default(),
    );
    // The sign-off: where the set stands, and when it was agreed.
    let state = crate::model::appraisal::signoff_states(project).swap_remove(d);
    let status_entry = state.entry.and_then(|i| project.history.get(i));
    let status_text = match (state.status, status_entry) {
        (crate::model::appraisal::SignOffStatus::Agreed, Some(e)) => crate::tr!(
            lang,
            ContractAgreedOn,
            date = e.date.format("%Y-%m-%d"),
            who = if e.author.is_empty() { T::SignOffNobody.get(lang) } else { e.author.as_str() }
        ),
        (status, Some(e)) => format!("{} · {}", status.name(lang), e.date.format("%Y-%m-%d")),
        (status, None) => status.name(lang).to_string(),
    };
    let changed = if state.changed_since_agreed() {
        format!("{} ({})", T::ChangedSinceAgreed.get(lang), state.changed_since.len())
    } else {
        String::new()
    };
    meta(out, T::ContractSignOff.get(lang), &status_text, "", &changed);
    out.push_str("</table>\n");

    out.push_str("<table class=\"kpis\">\n<thead><tr>");
    for h in [
        T::Text.get(lang),
        T::ActAddKpi.get(lang),
        T::Formula.get(lang),
        T::Target.get(lang),
        T::Weight.get(lang),
        T::ScoringRule.get(lang),
        T::DataSource.get(lang),
        T::Actual.get(lang),
        T::Score.get(lang),
    ] {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (n, &k) in kpis.iter().enumerate() {
        let kpi = &project.kpis[k];
        let score = &opts.book.kpis[k];
        let target = match kpi.target {
            Some(t) => {
                format!("{} / {}", with_unit(t, &kpi.unit), project.frequency_of(kpi).period_noun(lang))
            }
            None => T::NotSet2.get(lang).into(),
        };
        let weight = if total_weight > 0.0 && !kpi.excluded {
            format!("{}%", format_number(kpi.weight))
        } else {
            format_number(kpi.weight)
        };
        // The actual over the appraisal period, with the target for that same period (a year's
        // sum is compared with twelve months of target, not with the monthly figure).
        let actual = match (score.aggregate.actual, score.aggregate.target) {
            (Some(a), Some(t)) => format!(
                "{}<br><small>{} {}</small>",
                escape(&with_unit(a, &kpi.unit)),
                escape(T::Target2.get(lang)),
                escape(&format_number(t))
            ),
            (Some(a), None) => escape(&with_unit(a, &kpi.unit)),
            _ => "—".into(),
        };
        let score_cell = match score.score {
            Ok(s) => format!("{} %", format_number((s * 10.0).round() / 10.0)),
            Err(_) => "—".into(),
        };
        let name = if kpi.code.is_empty() {
            escape(&kpi.name)
        } else {
            format!("{}<br><small>{}</small>", escape(&kpi.name), escape(&kpi.code))
        };
        let _ = writeln!(
            out,
            "<tr><td class=\"n\">{}</td><td class=\"name\">{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"rule\">{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            n + 1,
            name,
            escape(&crate::score::computed::formula_text(project, kpi)),
            escape(&target),
            escape(&weight),
            escape(&scoring_rule(project, kpi, lang)),
            escape(&kpi.data_source),
            actual,
            escape(&score_cell),
        );
    }
    out.push_str("</tbody>\n");
    let weight_class = if is_hundred(total_weight) { "n" } else { "n warn" };
    let _ = writeln!(
        out,
        "<tfoot><tr><td></td><td colspan=\"3\">{}</td><td class=\"{weight_class}\">{}%</td><td colspan=\"4\"></td></tr></tfoot>",
        escape(T::TotalWeight.get(lang)),
        format_number((total_weight * 100.0).round() / 100.0)
    );
    out.push_str("</table>\n");
    if !is_hundred(total_weight) {
        let _ = writeln!(
            out,
            "<p class=\"warn\">{}</p>",
            escape(&crate::tr!(lang, WeightsNotHundred, total = format_number(total_weight)))
        );
    }

    change_record(out, project, d, &kpis, &state, lang);

    let colon = T::Text2.get(lang);
    // The appraisal: the unit's own KPIs rolled up, and the grade.
    let node = opts.book.department_own.get(d).copied().flatten();
    let (score_line, grade_text) = match node.map(|n| n.score) {
        Some(Ok(s)) => (
            score_text(Ok(s), lang),
            grade(s, &project.scoring.grades).map(|g| g.grade.clone()).unwrap_or_default(),
        ),
        Some(Err(u)) => (score_text(Err(u), lang), String::new()),
        None => ("—".into(), String::new()),
    };
    let _ = writeln!(
        out,
        "<div class=\"result\">{}{colon}<strong>{}</strong> &nbsp; {}{colon}<span class=\"grade\">{}</span><br><span class=\"rule\">{}{colon}{}</span></div>",
        escape(T::AppraisalScore.get(lang)),
        escape(&score_line),
        escape(T::Grade2.get(lang)),
        escape(&grade_text),
        escape(T::GradeBands2.get(lang)),
        escape(&grade_legend(&project.scoring.grades)),
    );

    out.push_str("<table class=\"signatures\"><tr>");
    for who in [
        if unit.kind == DepartmentKind::Role { T::Employee.get(lang) } else { T::DepartmentHead.get(lang) },
        T::Superior2.get(lang),
        T::HRDepartment.get(lang),
    ] {
        let _ = write!(
            out,
            "<td><span class=\"who\">{}{colon}</span><span class=\"line\">&nbsp;</span><br><br><span class=\"who\">{}{colon}</span><span class=\"line\">&nbsp;</span></td>",
            escape(who),
            escape(T::Date.get(lang))
        );
    }
    out.push_str("</tr></table>\n");
    let _ = writeln!(
        out,
        "<div class=\"footer\">{} · {}</div>",
        escape(T::MadeWithScorecardStudio.get(lang)),
        opts.today.format("%Y-%m-%d")
    );
    out.push_str("</section>\n");
}

/// The unit's change record: every recorded change of its KPIs and its weight, its sign-offs,
/// with the changes since agreement first and marked, each with its reason.
fn change_record(
    out: &mut String,
    project: &Project,
    d: usize,
    kpis: &[usize],
    state: &crate::model::appraisal::SignOffState,
    lang: Lang,
) {
    let unit = &project.departments[d];
    let ids: std::collections::HashSet<&str> = kpis.iter().map(|&k| project.kpis[k].id.as_str()).collect();
    let entries: Vec<usize> = project
        .history
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            e.department() == Some(&unit.id) || e.kpi().is_some_and(|k| ids.contains(k.as_str()))
        })
        .map(|(i, _)| i)
        .collect();
    if entries.is_empty() {
        return;
    }
    let since: std::collections::HashSet<usize> = state.changed_since.iter().copied().collect();
    let row = |out: &mut String, i: usize| {
        let e = &project.history[i];
        let item =
            e.kpi().and_then(|k| project.kpi(k)).map(|k| k.label()).unwrap_or_else(|| unit.name.clone());
        let reason = if e.reason.is_empty() && since.contains(&i) {
            format!("<span class=\"warn\">{}</span>", escape(T::ContractNoReason.get(lang)))
        } else {
            escape(&e.reason)
        };
        let _ = writeln!(
            out,
            "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            e.date.format("%Y-%m-%d"),
            escape(&item),
            escape(&e.describe(project, lang)),
            escape(&e.author),
            reason
        );
    };
    let header = |out: &mut String, title: &str| {
        let _ = writeln!(out, "<h3 class=\"record\">{}</h3>", escape(title));
        out.push_str("<table class=\"kpis record\">\n<thead><tr>");
        for h in [T::Date, T::ContractItem, T::ContractChange, T::ContractBy, T::ContractReason] {
            let _ = write!(out, "<th>{}</th>", escape(h.get(lang)));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
    };
    if !since.is_empty() {
        header(out, T::ContractChangesSince.get(lang));
        for &i in &state.changed_since {
            row(out, i);
        }
        out.push_str("</tbody></table>\n");
    }
    header(out, T::ContractHistory.get(lang));
    for &i in &entries {
        row(out, i);
    }
    out.push_str("</tbody></table>\n");
}

/// A file name for one unit's contract: "dept-9-国内销售经理.html".
pub fn contract_file_name(project: &Project, d: usize) -> String {
    let unit = &project.departments[d];
    format!("{}-{}.html", unit.id, super::sanitize_file_name(&unit.name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::PeriodSpec;

    fn manufacturer() -> Project {
        let bytes =
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/sample-projects/manufacturer-kra.json"))
                .unwrap();
        crate::io::parse_project(&bytes).unwrap().project
    }

    #[test]
    fn a_role_contract_lists_each_kpi_target_and_weight() {
        let p = manufacturer();
        let book = ScoreBook::compute(&p, PeriodSpec::Year { year: 2025 });
        let role = p.departments.iter().position(|d| d.name == "国内销售经理").unwrap();
        let opts = ContractOptions {
            lang: Lang::Zh,
            book: &book,
            period_label: "2025 年".into(),
            today: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        };
        let html = contracts_html(&p, &[role], &opts);
        assert!(html.starts_with("<!DOCTYPE html>"));
        for k in p.kpis.iter().filter(|k| k.department.as_ref() == Some(&p.departments[role].id)) {
            assert!(html.contains(&escape(&k.name)), "{}", k.name);
            assert!(html.contains(&escape(&k.formula)), "{}", k.formula);
            let target = format!("{} {} / 月", format_number(k.target.unwrap()), k.unit);
            assert!(html.contains(&target), "{target}");
            assert!(html.contains(&format!("{}%", format_number(k.weight))), "{}", k.weight);
        }
        assert!(html.contains("被考核人") && html.contains("直接上级") && html.contains("人力资源部"));
        assert!(html.contains("A ≥ 110, B ≥ 95, C ≥ 80, D &lt; 80"));
        assert!(html.contains("权重合计") && !html.contains("class=\"warn\""));
        // Other units' KPIs are not in it.
        assert!(!html.contains("研发项目按期完成率"));
        assert!(html.contains("@media print"));
    }

    #[test]
    fn english_contracts_one_per_page_and_bad_weights_flagged() {
        let mut p = manufacturer();
        let units = contract_units(&p);
        assert_eq!(units.len(), 8);
        let first =
            p.kpis.iter().position(|k| k.department.as_ref() == Some(&p.departments[units[0]].id)).unwrap();
        p.kpis[first].weight += 10.0;
        p.kpis[first].name = "<script>".into();
        let book = ScoreBook::compute(&p, PeriodSpec::Year { year: 2025 });
        let opts = ContractOptions {
            lang: Lang::En,
            book: &book,
            period_label: "2025".into(),
            today: chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        };
        let html = contracts_html(&p, &units, &opts);
        assert_eq!(html.matches("<section class=\"contract\"").count(), 8);
        assert!(html.contains("The weights total 110 %, not 100 %."));
        assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"));
        assert!(html.contains("HR department") && html.contains("Superior"));
        assert!(html.contains("Grade"));
    }
}
