//! The headless commands, run as a user runs them: the real binary, its output and exit codes.

mod common;

use common::poppler;
use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scorecard-studio"))
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn sample(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-projects").join(name).display().to_string()
}

const SAMPLES: [&str; 4] =
    ["dealership-sales.json", "retail-chain.json", "manufacturer-kra.json", "logistics-en.json"];

#[test]
fn check_passes_every_sample_without_errors() {
    let files: Vec<String> = SAMPLES.iter().map(|s| sample(s)).collect();
    let mut args = vec!["check"];
    args.extend(files.iter().map(|s| s.as_str()));
    let o = run(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    for s in SAMPLES {
        assert!(stdout(&o).contains(&format!("{s}: 0 error(s)")), "{}", stdout(&o));
    }
}

#[test]
fn check_json_lists_findings() {
    let o = run(&["check", "--json", &sample("dealership-sales.json")]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["readable"], true);
    assert_eq!(v[0]["errors"], 0);
    assert!(v[0]["findings"].is_array());
}

#[test]
fn check_exit_codes_for_errors_and_unreadable_files() {
    let dir = tempfile::tempdir().unwrap();
    // Structural errors: exit 1, each reported.
    let text = std::fs::read_to_string(sample("logistics-en.json")).unwrap();
    let broken = text.replacen("\"objective\": \"obj-1\"", "\"objective\": \"obj-404\"", 1);
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, broken).unwrap();
    let o = run(&["check", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("obj-404"), "{}", stdout(&o));
    // Unparseable: exit 2, even next to a good file.
    let junk = dir.path().join("junk.json");
    std::fs::write(&junk, "{ not json").unwrap();
    let o = run(&["check", &sample("logistics-en.json"), junk.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("junk.json: cannot be opened"), "{}", stdout(&o));
    let o = run(&["check", dir.path().join("missing.json").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn check_speaks_chinese() {
    let o = run(&["--lang", "zh", "check", &sample("dealership-sales.json")]);
    assert!(stdout(&o).contains("个错误"), "{}", stdout(&o));
}

#[test]
fn schema_is_json_schema_of_the_file() {
    let o = run(&["schema"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["$schema"].as_str().unwrap().contains("json-schema.org"));
    assert_eq!(v["properties"]["format"]["const"], "scorecard-studio");
    let required: Vec<&str> = v["required"].as_array().unwrap().iter().map(|x| x.as_str().unwrap()).collect();
    for key in ["format", "version", "project", "perspectives"] {
        assert!(required.contains(&key), "{required:?}");
    }
    // The KPI definition knows its fields.
    let defs = &v["$defs"];
    assert!(defs["Kpi"]["properties"]["polarity"].is_object(), "{}", defs["Kpi"]);
}

#[test]
fn generate_writes_a_valid_project_of_the_requested_size() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("gen.json");
    let o = run(&[
        "generate",
        "--kpis",
        "120",
        "--departments",
        "7",
        "--periods",
        "18",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let loaded = scorecard_studio::io::load_file(&out).unwrap().project;
    assert_eq!(loaded.kpis.len(), 120);
    assert_eq!(loaded.departments.len(), 7);
    assert!(loaded.kpis.iter().all(|k| k.series.len() == 18));
    assert_eq!(run(&["check", out.to_str().unwrap()]).status.code(), Some(0));
}

#[test]
fn fmt_rewrites_canonically() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.json");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/version-1.json"), &path).unwrap();
    let o = run(&["fmt", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&path).unwrap();
    let current = format!("\"version\": {}", scorecard_studio::io::CURRENT_VERSION);
    assert!(text.contains(&current), "written in the current version");
    assert!(path.with_file_name("v1.json.bak").exists());
}

#[test]
fn export_map_as_svg_and_png() {
    let dir = tempfile::tempdir().unwrap();
    let svg_path = dir.path().join("map.svg");
    let o = run(&[
        "export",
        "map",
        &sample("dealership-sales.json"),
        "-o",
        svg_path.to_str().unwrap(),
        "--period",
        "2026-09",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    // It parses as SVG, and every objective's name is there as text (Chinese included).
    let tree = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).expect("valid SVG");
    assert!(tree.size().width() > 1000.0);
    let project =
        scorecard_studio::io::load_file(Path::new(&sample("dealership-sales.json"))).unwrap().project;
    for o in &project.objectives {
        assert!(svg.contains(&o.name), "{} missing from the SVG", o.name);
    }
    assert!(svg.contains("<text"), "text stays text");
    // PNG at the requested scale: width and height from the PNG header.
    let png_path = dir.path().join("map.png");
    let o = run(&[
        "export",
        "map",
        &sample("dealership-sales.json"),
        "-o",
        png_path.to_str().unwrap(),
        "--scale",
        "2",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let png = std::fs::read(&png_path).unwrap();
    assert_eq!(&png[1..4], b"PNG");
    let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
    let (ew, eh) = scorecard_studio::io::map_svg::png_size(&svg, 2.0).unwrap();
    assert_eq!((w, h), (ew, eh));
    assert_eq!(w as f32, (tree.size().width() * 2.0).round());
    // Bad output names and broken files fail clearly.
    let o = run(&[
        "export",
        "map",
        &sample("dealership-sales.json"),
        "-o",
        dir.path().join("map.gif").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["export", "map", "/nonexistent.json", "-o", svg_path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn export_contracts_writes_one_printable_page_per_unit() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("contracts");
    let file = sample("manufacturer-kra.json");
    let o =
        run(&["--lang", "zh", "export", "contracts", &file, "-o", out.to_str().unwrap(), "--period", "2025"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let project = scorecard_studio::io::load_file(Path::new(&file)).unwrap().project;
    let written: Vec<String> = stdout(&o).lines().map(String::from).collect();
    assert_eq!(written.len(), 8, "{written:?}");
    // Each unit's file holds each of its KPIs with target and weight, and nobody else's KPIs.
    for d in &project.departments {
        let kpis: Vec<_> = project.kpis_of_department(&d.id).collect();
        if kpis.is_empty() {
            continue;
        }
        let path = out.join(format!("{}-{}.html", d.id, d.name));
        let html = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(html.contains("绩效合同") && html.contains(&d.name));
        for k in &kpis {
            assert!(html.contains(&k.name), "{}: {}", d.name, k.name);
            let target = scorecard_studio::model::lint::format_number(k.target.unwrap());
            assert!(html.contains(&target), "{}: target {target}", d.name);
            assert!(html.contains(&format!("{}%", k.weight)), "{}: weight {}", d.name, k.weight);
        }
    }
    // One unit by name; unknown units and units without KPIs are refused clearly.
    let one = dir.path().join("one");
    let o = run(&["export", "contracts", &file, "-o", one.to_str().unwrap(), "--department", "财务部"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read_dir(&one).unwrap().count(), 1);
    let o = run(&["export", "contracts", &file, "-o", one.to_str().unwrap(), "--department", "nobody"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no department or role \"nobody\""));
    let o = run(&["export", "contracts", &file, "-o", one.to_str().unwrap(), "--department", "精工机械"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("carries no KPIs"));
}

/// `layout --json` prints exactly the five counts; `--auto` lays out first and, with -o, writes a
/// project that loads and keeps every objective. Over the samples, auto-layout crosses far fewer
/// links than the maps as saved (a careful hand layout can still beat it on one map), cuts
/// through no box and overlaps nothing.
#[test]
fn layout_measures_the_map_and_auto_layout_untangles_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("laid-out.json");
    let (mut crossings_before, mut crossings_after) = (0, 0);
    for name in SAMPLES {
        let o = run(&["layout", &sample(name), "--json"]);
        assert!(o.status.success(), "{name}: {}", String::from_utf8_lossy(&o.stderr));
        let before: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        let keys: Vec<&str> = before.as_object().unwrap().keys().map(String::as_str).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(
            sorted,
            ["box_overlaps", "crossings", "label_overlaps", "links_through_boxes", "shared_ports"]
        );
        let o = run(&["layout", &sample(name), "--auto", "--json", "-o", &out.display().to_string()]);
        assert!(o.status.success(), "{name}");
        let after: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        for key in ["box_overlaps", "links_through_boxes", "shared_ports"] {
            assert_eq!(after[key], 0, "{name}: {after}");
        }
        crossings_before += before["crossings"].as_u64().unwrap();
        crossings_after += after["crossings"].as_u64().unwrap();
        let laid = scorecard_studio::io::load_file(&out).unwrap().project;
        let original = scorecard_studio::io::load_file(std::path::Path::new(&sample(name))).unwrap().project;
        assert_eq!(laid.objectives.len(), original.objectives.len());
    }
    assert!(crossings_after * 2 < crossings_before, "{crossings_before} → {crossings_after}");
    let o = run(&["layout", &sample("logistics-en.json")]);
    assert!(stdout(&o).contains("link crossings"), "{}", stdout(&o));
}

/// Right-angle links from the command line: `layout --links orthogonal` measures them (clean after
/// auto-layout), and `export map --links orthogonal` draws them as straight runs with rounded
/// corners, where the default draws one curve per link.
#[test]
fn orthogonal_links_are_measured_and_exported() {
    let dir = tempfile::tempdir().unwrap();
    for name in SAMPLES {
        let o = run(&["layout", &sample(name), "--auto", "--links", "orthogonal", "--json"]);
        assert!(o.status.success(), "{name}: {}", String::from_utf8_lossy(&o.stderr));
        let q: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        for key in ["box_overlaps", "links_through_boxes", "label_overlaps", "shared_ports"] {
            assert_eq!(q[key], 0, "{name}: {q}");
        }
    }
    let file = sample("dealership-sales.json");
    let (curved, orthogonal) = (dir.path().join("c.svg"), dir.path().join("o.svg"));
    assert!(run(&["export", "map", &file, "-o", &curved.display().to_string()]).status.success());
    let o = run(&["export", "map", &file, "-o", &orthogonal.display().to_string(), "--links", "orthogonal"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let segments = |path: &Path| {
        let svg = std::fs::read_to_string(path).unwrap();
        let links: Vec<usize> =
            svg.lines().filter(|l| l.contains(r#"class="link""#)).map(|l| l.matches(" C").count()).collect();
        links
    };
    let (c, o) = (segments(&curved), segments(&orthogonal));
    assert_eq!(c.len(), o.len(), "every link drawn either way");
    assert!(c.iter().all(|&n| n == 1), "{c:?}");
    assert!(o.iter().any(|&n| n >= 3), "runs joined by corners: {o:?}");
    let o = run(&["export", "map", &file, "-o", &orthogonal.display().to_string(), "--links", "square"]);
    assert!(!o.status.success());
}

/// A computed KPI from the command line (the Spider Impact case): January 2/4 and February 2/100
/// make a quarter of 4/104 = 3.85 %, shown with its inputs by `score --explain`; a broken formula
/// is an error of `check`, naming the formula and where it breaks, and scores nothing.
#[test]
fn computed_kpis_score_ratios_of_sums_and_explain_them() {
    // The retail sample's company 成交率 is the ratio total of its regions (docs/file-format.md's
    // worked example): (9,637 + 6,773) ÷ (28,096 + 20,968), and a quarter sums months and regions.
    let retail = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-projects/retail-chain.json");
    let o = run(&["score", retail, "--period", "2026-10", "--explain", "R05", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let c = &v["kpi"]["computed"];
    assert_eq!(c["across"], serde_json::json!(["E02 华东区成交率", "S02 华南区成交率"]));
    assert_eq!(
        c["inputs"],
        serde_json::json!([{"name": "成交顾客数", "value": 16410.0}, {"name": "进店顾客数", "value": 49064.0}])
    );
    assert!((c["value"].as_f64().unwrap() - 16410.0 / 49064.0 * 100.0).abs() < 1e-12);
    let o = run(&["score", retail, "--period", "2026-10", "--explain", "R05", "--lang", "zh"]);
    assert!(stdout(&o).contains("各数据项为分解它的 2 个部门指标"), "{}", stdout(&o));
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/computed.json");
    let o = run(&["score", file, "--period", "2026-Q1", "--explain", "WIN"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = stdout(&o);
    for expected in
        ["Deals won ÷ Leads × 100", "Deals won = 4", "Leads = 104", "= 4 ÷ 104 × 100 = 3.85", "A = 3.85"]
    {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }
    let o = run(&["score", file, "--period", "2026-01", "--explain", "WIN"]);
    assert!(stdout(&o).contains("= 2 ÷ 4 × 100 = 50"), "{}", stdout(&o));
    let o = run(&["score", file, "--period", "2026-Q1", "--explain", "WIN", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let c = &v["kpi"]["computed"];
    assert_eq!(c["expression"], "Deals won ÷ Leads × 100");
    assert_eq!(
        c["inputs"],
        serde_json::json!([{"name": "Deals won", "value": 4.0}, {"name": "Leads", "value": 104.0}])
    );
    assert!((c["value"].as_f64().unwrap() - 400.0 / 104.0).abs() < 1e-12);
    let o = run(&["score", file, "--period", "2026-03", "--explain", "WIN", "--json", "--lang", "zh"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["kpi"]["computed"]["undefined"], "Deals won 没有数值");
    assert!(run(&["check", file]).status.success(), "the fixture is clean");
    // A typo in the formula.
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.json");
    let text = std::fs::read_to_string(file).unwrap();
    std::fs::write(&broken, text.replace("[Deals won] / [Leads] * 100", "[Deals won] / * 100")).unwrap();
    let o = run(&["check", &broken.display().to_string()]);
    assert_eq!(o.status.code(), Some(1), "an error");
    let out = stdout(&o);
    assert!(out.contains("[Deals won] / * 100") && out.contains("at character 15"), "{out}");
    std::fs::write(&broken, text.replace("[Deals won] / [Leads] * 100", "[Deals won] / [Leeds] * 100"))
        .unwrap();
    let o = run(&["check", &broken.display().to_string(), "--lang", "zh"]);
    assert!(stdout(&o).contains("“Leeds”既不是基础数据项也不是 KPI"), "{}", stdout(&o));
}

/// `generate --computed N`: N KPIs become rates of two data elements each, whose actuals are
/// computed from them; the project checks clean.
#[test]
fn generate_makes_computed_kpis_over_data_elements() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("computed.json");
    let o = run(&[
        "generate",
        "--kpis",
        "40",
        "--departments",
        "0",
        "--periods",
        "12",
        "--computed",
        "10",
        "-o",
        &out.display().to_string(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let p = scorecard_studio::io::load_file(&out).unwrap().project;
    assert_eq!(p.elements.len(), 20);
    assert_eq!(p.kpis.iter().filter(|k| k.expression.is_some()).count(), 10);
    let k = &p.kpis[0];
    assert_eq!(k.expression.as_deref(), Some("E1 / E2 * 100"));
    assert_eq!(k.series.len(), 12);
    let (n, d) = (&p.elements[0].series[3], &p.elements[1].series[3]);
    assert_eq!(k.series[3].actual, Some(n.value / d.value * 100.0));
    assert!(run(&["check", &out.display().to_string()]).status.success());
}

#[test]
fn export_map_as_pdf_opens_in_poppler_with_the_font_embedded_and_every_name() {
    let dir = tempfile::tempdir().unwrap();
    for (file, lang, paper, size) in [
        ("dealership-sales.json", "zh", "a4", "841.89 x 595.28"),
        ("logistics-en.json", "en", "a3", "1190.55 x 841.89"),
        ("manufacturer-kra.json", "en", "a4", "841.89 x 595.28"),
    ] {
        let pdf = dir.path().join(format!("{file}.pdf"));
        let o = run(&[
            "--lang",
            lang,
            "export",
            "map",
            &sample(file),
            "-o",
            pdf.to_str().unwrap(),
            "--paper",
            paper,
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        let info = poppler("pdfinfo", &pdf);
        assert!(info.contains(&format!("Page size:       {size}")), "{file}: {info}");
        assert!(info.contains("Pages:           1"));
        // Every font is embedded.
        let fonts = poppler("pdffonts", &pdf);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{fonts}");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            assert_eq!(cols[cols.len() - 5], "yes", "{file}: not embedded: {row}");
        }
        // Every objective's name is there as text (wrapped names join up without the breaks).
        let text: String = poppler("pdftotext", &pdf).chars().filter(|c| !c.is_whitespace()).collect();
        let project = scorecard_studio::io::load_file(Path::new(&sample(file))).unwrap().project;
        for o in &project.objectives {
            let name: String = o.name.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(text.contains(&name), "{file}: {} is not in the PDF's text", o.name);
        }
        assert!(text.contains(&project.info.name.replace(' ', "")), "{file}: the title");
        if lang == "en" {
            // The map's own words are English: "Strategy map", "Themes", not their Chinese.
            assert!(text.contains("Strategymap"), "{file}");
            for zh in ["战略地图", "战略主题", "年"] {
                assert!(!text.contains(zh), "{file}: {zh} in an English PDF");
            }
        } else {
            assert!(text.contains("战略地图"));
        }
    }
}

#[test]
fn export_map_as_svg_embeds_the_font_or_draws_text_as_outlines() {
    let dir = tempfile::tempdir().unwrap();
    let embedded = dir.path().join("map.svg");
    let o = run(&["export", "map", &sample("retail-chain.json"), "-o", embedded.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let svg = std::fs::read_to_string(&embedded).unwrap();
    assert!(svg.contains("@font-face{font-family:'Noto Sans CJK SC';src:url(data:font/otf;base64,T1RUTw"));
    assert!(svg.contains("<text"));
    let outlines = dir.path().join("paths.svg");
    let o = run(&[
        "export",
        "map",
        &sample("retail-chain.json"),
        "-o",
        outlines.to_str().unwrap(),
        "--text-as-paths",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let paths = std::fs::read_to_string(&outlines).unwrap();
    assert!(!paths.contains("<text") && !paths.contains("@font-face"), "text drawn as outlines");
    // At least one outline per text of the embedded picture.
    assert!(paths.matches("<path").count() >= svg.matches("<text").count(), "{paths:.300}");
    let tree = resvg::usvg::Tree::from_str(&paths, &resvg::usvg::Options::default()).expect("valid SVG");
    assert!(tree.size().width() > 1000.0);
}

/// The map with KPIs: every objective lists its KPIs' codes and values under its title, the
/// boxes grow for them, and titles never run into the badge row.
#[test]
fn export_map_with_kpis_lists_them_under_each_objective() {
    use scorecard_studio::io::map_layout::{BADGE_ROW, LINE, MapLayout, R, fit_title, kpi_rows, title_area};
    let dir = tempfile::tempdir().unwrap();
    for file in ["dealership-sales.json", "logistics-en.json"] {
        let plain = dir.path().join("plain.svg");
        let with = dir.path().join("with.svg");
        for (out, extra) in [(&plain, None), (&with, Some("--kpis"))] {
            let input = sample(file);
            let mut args = vec!["export", "map", &input, "-o", out.to_str().unwrap()];
            args.extend(extra);
            let o = run(&args);
            assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        }
        let (plain, with) = (std::fs::read_to_string(plain).unwrap(), std::fs::read_to_string(with).unwrap());
        let p = scorecard_studio::io::load_file(Path::new(&sample(file))).unwrap().project;
        let listed: Vec<&str> =
            p.objectives.iter().flat_map(|o| kpi_rows(&p, &o.id)).map(|k| p.kpis[k].code.as_str()).collect();
        assert!(listed.len() >= 8, "{file}");
        for code in &listed {
            assert!(with.contains(&format!(">{code}")), "{file}: {code} is not listed");
            assert!(!plain.contains(&format!(">{code}")), "{file}: {code} listed without --kpis");
        }
        let (a, b) = (
            MapLayout::compute(&p, &[]),
            MapLayout::compute_with(
                &p,
                &[],
                scorecard_studio::io::map_layout::LayoutOptions { kpis: true, ..Default::default() },
            ),
        );
        assert!(b.height > a.height, "{file}: the bands grow");
        for (x, y) in a.boxes.iter().zip(&b.boxes) {
            let o = &p.objectives[x.objective];
            assert_eq!(y.rect.h > x.rect.h, !kpi_rows(&p, &o.id).is_empty(), "{}", o.name);
            // The title fits under the badge row.
            let area = title_area(R { h: o.size.h, ..x.rect });
            assert!(area.y >= x.rect.y + BADGE_ROW);
            let t = fit_title(&o.name, area.w, area.h);
            assert!(t.lines.len() as f64 * t.size * LINE <= area.h + 1e-9, "{}: {t:?}", o.name);
        }
    }
}
