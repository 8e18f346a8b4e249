//! The monthly review pack (#16) as a reader gets it: the PDF the `report` command writes,
//! opened with poppler (pdfinfo, pdffonts, pdftotext), for every sample in both languages.

mod common;

use common::{poppler, run_cli};
use scorecard_studio::i18n::Lang;
use scorecard_studio::io::review_pack::{PackOptions, Sections, pack_svg_pages};
use scorecard_studio::score::{PeriodSpec, ScoreBook};

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every red KPI's code, its commentary and the why are in the pack's text; the fonts are
/// embedded; pages are numbered; the contents list the sections.
#[test]
fn every_sample_makes_a_pack_with_each_red_kpi_its_commentary_and_why_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    for file in common::samples() {
        let project = common::load_sample(&file);
        let period = scorecard_studio::score::period::current_period(
            &project,
            chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        );
        let book = ScoreBook::compute(&project, period);
        let red: Vec<usize> = (0..project.kpis.len())
            .filter(|&k| {
                book.kpis[k].status.is_some_and(|s| s.key(&project, Some(&project.kpis[k])) == "red")
            })
            .collect();
        assert!(!red.is_empty(), "{file} has a red KPI to show");
        for (lang, why, page) in
            [("zh", "拉低得分最多的是", "第1页/共"), ("en", "Pullingitdownmost", "Page1of")]
        {
            let pdf = dir.path().join(format!("{file}-{lang}.pdf"));
            let r = run_cli(
                &[
                    "--lang",
                    lang,
                    "report",
                    &common::sample(&file).display().to_string(),
                    "--period",
                    &period.to_string(),
                    "-o",
                    pdf.to_str().unwrap(),
                ],
                Lang::En,
            );
            assert_eq!(r.code, 0, "{file}: {}", r.stderr);
            let info = poppler("pdfinfo", &pdf);
            assert!(info.contains("Page size:       841.89 x 595.28 pts (A4)"), "{file}: {info}");
            let pages: usize = info
                .lines()
                .find_map(|l| l.strip_prefix("Pages:"))
                .and_then(|v| v.trim().parse().ok())
                .unwrap();
            // Cover, contents, map, scorecard, one page per red or amber KPI, initiatives.
            assert!(pages >= 5 + red.len(), "{file}: {pages} pages");
            let fonts = poppler("pdffonts", &pdf);
            let rows: Vec<&str> = fonts.lines().skip(2).collect();
            assert!(!rows.is_empty(), "{fonts}");
            for row in rows {
                let cols: Vec<&str> = row.split_whitespace().collect();
                assert_eq!(cols[cols.len() - 5], "yes", "{file}: not embedded: {row}");
            }
            let text = squeeze(&poppler("pdftotext", &pdf));
            assert!(text.contains(why), "{file} {lang}: the why is missing");
            assert!(text.contains(page) && text.contains(&pages.to_string()), "{file} {lang}: page numbers");
            let contents = if lang == "zh" { "目录" } else { "Contents" };
            assert!(text.contains(contents), "{file} {lang}");
            for &k in &red {
                let kpi = &project.kpis[k];
                assert!(text.contains(&squeeze(&kpi.label())), "{file} {lang}: {} is missing", kpi.label());
                let last = kpi.series.iter().rev().find(|p| p.actual.is_some() && p.date <= book.range.end);
                if let Some(c) = last.and_then(|p| p.commentary.as_deref()) {
                    for part in [&c.analysis, &c.cause, &c.action] {
                        // Wrapped lines join up once the breaks are gone.
                        assert!(
                            text.contains(&squeeze(part)),
                            "{file} {lang}: {}'s commentary \"{part}\"",
                            kpi.code
                        );
                    }
                }
            }
        }
    }
}

/// The dealership's red P08 has its owner's commentary, printed with who wrote it and when; an
/// amber KPI without any says so.
#[test]
fn a_kpi_page_shows_the_commentary_or_says_there_is_none() {
    let project = common::load_sample("dealership-sales.json");
    let options = PackOptions {
        lang: Lang::Zh,
        period: PeriodSpec::Month { year: 2026, month: 10 },
        department: None,
        sections: Sections { kpis: true, ..Sections::parse("").unwrap() },
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 5).unwrap(),
    };
    let pages = pack_svg_pages(&project, &options);
    let p08 = pages.iter().find(|p| p.contains("P08 潜在客户跟踪及时率")).expect("P08's page");
    assert!(p08.contains("两名销售顾问 9 月离职"), "the cause");
    assert!(p08.contains("— 销售经理 李明 2026-11-03"));
    assert!(p08.contains("得分解读"));
    // Red before amber: P08 (83.1 %) is the first KPI page.
    assert!(
        pages.iter().position(|p| p.contains("P08 潜在客户跟踪及时率"))
            < pages.iter().position(|p| p.contains("P02 进店接待流程执行率"))
    );
    let p02 = pages.iter().find(|p| p.contains("P02 进店接待流程执行率")).unwrap();
    assert!(p02.contains("本期尚未填写分析说明"));
    // The chart: actual and target lines, status bands behind, the forecast dashed.
    assert!(
        p02.contains("<polyline")
            && p02.contains("fill-opacity=\"0.14\"")
            && p02.contains("stroke-dasharray=\"2 3\"")
    );
}

/// One unit's pack has only its KPIs; wrong units, sections and paths are refused with a
/// message and nothing written.
#[test]
fn report_for_one_department_and_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::sample("logistics-en.json").display().to_string();
    let pdf = dir.path().join("sales.pdf");
    let r = run_cli(
        &[
            "report",
            &file,
            "--period",
            "2026-10",
            "--department",
            "Sales",
            "--sections",
            "kpis,departments,appendix",
            "-o",
            pdf.to_str().unwrap(),
        ],
        Lang::En,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = squeeze(&poppler("pdftotext", &pdf));
    assert!(text.contains("S2Newcontractvalue") && text.contains("Appendix:KPIdefinitions"));
    assert!(!text.contains("CUS4Meantimetoresolve"), "a company KPI in the Sales pack");
    assert!(!text.contains("Strategymap"), "sections not asked for");
    let missing = dir.path().join("never.pdf");
    for (args, says) in [
        (vec!["--department", "Nowhere"], "Nowhere"),
        (vec!["--sections", "cover,charts"], "\"charts\" is not a section"),
        (vec!["--period", "2026-13"], "2026-13"),
    ] {
        let mut all = vec!["report", file.as_str(), "-o", missing.to_str().unwrap()];
        all.extend(args);
        let r = run_cli(&all, Lang::En);
        assert_eq!(r.code, 2, "{all:?}");
        assert!(r.stderr.contains(says), "{all:?}: {}", r.stderr);
        assert!(!missing.exists());
    }
    let nowhere = dir.path().join("no-such-dir").join("pack.pdf");
    let r = run_cli(&["report", &file, "-o", nowhere.to_str().unwrap()], Lang::En);
    assert_eq!(r.code, 2);
    assert!(!nowhere.exists());
}

/// `-o pack.html` writes the same pages as one self-contained HTML file: the font inside, one
/// printed page per PDF page, the commentary as text.
#[test]
fn the_pack_as_html_has_the_pdfs_pages() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::sample("dealership-sales.json").display().to_string();
    let (pdf, html) = (dir.path().join("p.pdf"), dir.path().join("p.html"));
    for out in [&pdf, &html] {
        let r = run_cli(
            &["--lang", "zh", "report", &file, "--period", "2026-10", "-o", out.to_str().unwrap()],
            Lang::En,
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(
        text.starts_with("<!DOCTYPE html>")
            && text.contains("@font-face")
            && text.contains("@page{size:A4 landscape")
    );
    let pages = text.matches("<div class=\"page\">").count();
    let info = poppler("pdfinfo", &pdf);
    assert!(info.contains(&format!("Pages:           {pages}\n")), "{pages} HTML pages: {info}");
    assert!(text.contains("两名销售顾问 9 月离职"));
    assert!(!text.contains("src=\"http"), "nothing fetched from the network");
}
