//! Engine benchmarks: project file load/save throughput and peak memory, full and incremental
//! score recompute. Run with `cargo bench --bench engine`; figures go into the issue notes.
//!
//! The project is generated (2,000 KPIs, 50 departments, 120 monthly periods by default;
//! override with BENCH_KPIS / BENCH_DEPARTMENTS / BENCH_PERIODS).

use scorecard_studio::io;
use scorecard_studio::model::synthetic::{SyntheticSpec, generate};
use scorecard_studio::score::{PeriodSpec, ScoreBook};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Counts live heap bytes and the peak since the last reset.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size > layout.size() {
                let now =
                    LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size - layout.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Median of `runs` timings of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn mb_per_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
}

fn main() {
    // BENCH_ONLY=map runs only the map's layout and exports.
    if std::env::var("BENCH_ONLY").is_ok_and(|o| o == "map") {
        auto_layout_150();
        map_exports_150();
        return;
    }
    if std::env::var("BENCH_ONLY").is_ok_and(|o| o == "computed") {
        computed_2000();
        return;
    }
    if std::env::var("BENCH_ONLY").is_ok_and(|o| o == "pack") {
        review_packs();
        return;
    }
    if std::env::var("BENCH_ONLY").is_ok_and(|o| o == "merge") {
        merge_2000();
        return;
    }
    let spec = SyntheticSpec {
        kpis: env("BENCH_KPIS", 2000),
        departments: env("BENCH_DEPARTMENTS", 50),
        periods: env("BENCH_PERIODS", 120),
        seed: 42,
    };
    println!(
        "generated project: {} KPIs, {} departments, {} monthly periods",
        spec.kpis, spec.departments, spec.periods
    );
    let project = generate(spec);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.json");

    // Save: serialise in the canonical layout, then the atomic write (temp file, fsync, backup
    // link, rename, directory fsync).
    let bytes = io::project_to_bytes(&project);
    let size = bytes.len();
    println!("file size: {:.1} MB", size as f64 / 1e6);
    let serialise = median(7, || {
        std::hint::black_box(io::project_to_bytes(&project));
    });
    let options = io::SaveOptions { expected: None, force: true, backup: true };
    let save = median(7, || {
        io::save_file(&path, &project, &options).expect("save");
    });
    let validate = median(7, || {
        std::hint::black_box(scorecard_studio::model::validate::validate(&project));
    });
    let write_only = median(7, || {
        io::save_bytes(&path, &bytes, &options).expect("write");
    });
    let no_fsync = median(7, || {
        std::fs::write(dir.path().join("plain.json"), &bytes).expect("write");
    });
    println!(
        "save: serialise {:.1} ms ({:.0} MB/s); whole atomic save incl. validation and fsync {:.1} ms ({:.0} MB/s) = validation {:.1} ms + serialise + atomic write with fsync {:.1} ms (a plain write without fsync takes {:.1} ms)",
        serialise.as_secs_f64() * 1e3,
        mb_per_s(size, serialise),
        save.as_secs_f64() * 1e3,
        mb_per_s(size, save),
        validate.as_secs_f64() * 1e3,
        write_only.as_secs_f64() * 1e3,
        no_fsync.as_secs_f64() * 1e3
    );

    // Load: read + parse + validate.
    let parse = median(7, || {
        std::hint::black_box(io::parse_project(&bytes).expect("parse"));
    });
    let load = median(7, || {
        std::hint::black_box(io::load_file(&path).expect("load"));
    });
    println!(
        "load: parse+validate from memory {:.1} ms ({:.0} MB/s); from disk {:.1} ms ({:.0} MB/s)",
        parse.as_secs_f64() * 1e3,
        mb_per_s(size, parse),
        load.as_secs_f64() * 1e3,
        mb_per_s(size, load)
    );

    // Peak memory during a load from disk, above what was live before it.
    drop(bytes);
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let loaded = io::load_file(&path).expect("load");
    let peak = PEAK.load(Ordering::Relaxed) - before;
    let kept = LIVE.load(Ordering::Relaxed) - before;
    println!(
        "load memory: peak {:.1} MB = {:.2}× the file size; the loaded document keeps {:.1} MB",
        peak as f64 / 1e6,
        peak as f64 / size as f64,
        kept as f64 / 1e6
    );
    drop(loaded);

    // Scoring.
    let period = PeriodSpec::Month { year: 2025, month: 6 };
    let full = median(21, || {
        std::hint::black_box(ScoreBook::compute(&project, period));
    });
    let ytd = median(21, || {
        std::hint::black_box(ScoreBook::compute(
            &project,
            PeriodSpec::YearToDate { to: chrono::NaiveDate::from_ymd_opt(2025, 9, 30).unwrap() },
        ));
    });
    let mut edited = project.clone();
    let mut book = ScoreBook::compute(&edited, period);
    // A department KPI: its update walks the department chain to the root.
    let k = edited.kpis.len() - 1;
    let p = edited.kpis[k]
        .series
        .iter()
        .position(|p| p.date == chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap())
        .unwrap_or(0);
    let mut value = 1.0;
    let incremental = median(201, || {
        value += 1.0;
        edited.kpis[k].series[p].actual = Some(value);
        book.update_kpi(&edited, k);
    });
    let company_kpi = 0;
    let incremental_company = median(201, || {
        value += 1.0;
        edited.kpis[company_kpi].series[p].actual = Some(value);
        book.update_kpi(&edited, company_kpi);
    });
    println!(
        "score: full recompute (month) {:.2} ms, (year to date) {:.2} ms; incremental after one value: department KPI {:.1} µs, company KPI {:.1} µs",
        full.as_secs_f64() * 1e3,
        ytd.as_secs_f64() * 1e3,
        incremental.as_secs_f64() * 1e6,
        incremental_company.as_secs_f64() * 1e6
    );
    import_100k(&project, dir.path());
    auto_layout_150();
    map_exports_150();
    computed_2000();
}

/// 2,000 computed KPIs, each a rate of two of 4,000 data elements, over 120 months: computing
/// every KPI's monthly actuals (what load and each edit do), and scoring a quarter (ratios of sums);
/// min/median/max of 7 runs.
fn computed_2000() {
    use scorecard_studio::score::computed::materialize;
    let mut p = generate(SyntheticSpec { kpis: 2000, departments: 50, periods: 120, seed: 42 });
    scorecard_studio::model::synthetic::add_computed(&mut p, 2000, 42);
    assert_eq!(p.elements.len(), 4000);
    let time = |f: &mut dyn FnMut()| {
        let mut v: Vec<Duration> = (0..7)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect();
        v.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        format!("min {:.1} / median {:.1} / max {:.1} ms", ms(v[0]), ms(v[3]), ms(v[6]))
    };
    let full = time(&mut || {
        std::hint::black_box(materialize(&mut p));
    });
    println!("computed KPIs: 2000 over 4000 elements x 120 months, full recompute: {full}");
    // Loading such a file: parse, validate and compute every computed KPI's actuals.
    let bytes = scorecard_studio::io::project_to_bytes(&p);
    let mut loads: Vec<Duration> = (0..7)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(scorecard_studio::io::parse_project(&bytes).expect("parse"));
            t.elapsed()
        })
        .collect();
    loads.sort();
    let mbs = |d: Duration| bytes.len() as f64 / 1e6 / d.as_secs_f64();
    println!(
        "computed KPIs: load of the {:.1} MB file incl. recompute: min {:.0} / median {:.0} / max {:.0} MB/s",
        bytes.len() as f64 / 1e6,
        mbs(loads[6]),
        mbs(loads[3]),
        mbs(loads[0])
    );
    let quarter = PeriodSpec::parse("2025-Q4").unwrap();
    let book = time(&mut || {
        std::hint::black_box(ScoreBook::compute(&p, quarter));
    });
    println!("computed KPIs: score book for a quarter (ratios of sums): {book}");

    // One element value typed in the window: the document applies it, computes again only the
    // KPI that depends on it, and the score book updates that KPI (median of 201 edits, each
    // followed by its undo).
    use scorecard_studio::app::command::DocCommand;
    use scorecard_studio::app::document::{Change, Document};
    let mut doc = Document::new(p.clone(), None, None);
    let mut book = ScoreBook::compute(&doc.project, quarter);
    let mut times: Vec<Duration> = Vec::new();
    for i in 0..201 {
        let e = (i * 37) % doc.project.elements.len();
        let date = doc.project.elements[e].series[100].date;
        let id = doc.project.elements[e].id.clone();
        let t = Instant::now();
        let change = doc
            .execute(DocCommand::SetElementValue { element: id, date, value: Some(i as f64) }, "v", None)
            .unwrap();
        let Change::Values(kpis) = change else { panic!("an element value is no structural change") };
        let formulas = doc.cached_dependents().map(|d| &d.formulas);
        for k in kpis {
            book.update_kpi_with(&doc.project, formulas, k);
        }
        times.push(t.elapsed());
        doc.undo();
    }
    times.sort();
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    println!(
        "computed KPIs: one element value, incremental (apply + recompute + rescore): min {:.0} / median {:.0} / max {:.0} µs",
        us(times[0]),
        us(times[100]),
        us(times[200])
    );
}

/// Map exports of a 150-objective map laid out automatically: SVG (font embedded), PNG at the
/// default scale, PDF on A3; min/median/max of 5 runs each.
fn map_exports_150() {
    use scorecard_studio::io::export::{ExportKind, ExportRequest, Paper, render};
    use scorecard_studio::io::map_layout;
    let mut map = generate(SyntheticSpec { kpis: 900, departments: 0, periods: 12, seed: 7 });
    for (i, p) in map_layout::auto_layout(&map) {
        map.objectives[i].position = p;
    }
    let period = PeriodSpec::Month { year: 2026, month: 6 };
    use map_layout::LinkStyle::{Curved, Orthogonal};
    for (kind, links) in [
        (ExportKind::MapSvg, Curved),
        (ExportKind::MapPng, Curved),
        (ExportKind::MapPdf(Paper::A3), Curved),
        (ExportKind::MapPdf(Paper::A3), Orthogonal),
    ] {
        let mut request = ExportRequest::new(kind.clone(), period, scorecard_studio::i18n::Lang::Zh);
        request.map_links = links;
        let mut size = 0;
        let mut times: Vec<Duration> = (0..5)
            .map(|_| {
                let t = Instant::now();
                let files = render(&map, &request).expect("export");
                size = files[0].bytes.len();
                t.elapsed()
            })
            .collect();
        times.sort();
        println!(
            "map export {:?} ({links:?} links): {} objectives, {:.1} MB: min {:.0} / median {:.0} / max {:.0} ms",
            kind,
            map.objectives.len(),
            size as f64 / 1e6,
            times[0].as_secs_f64() * 1e3,
            times[2].as_secs_f64() * 1e3,
            times[4].as_secs_f64() * 1e3,
        );
    }
}

/// Auto-layout of a 150-objective map (crossing minimisation and placement), min/median/max of
/// 15 runs, with the map's quality before and after.
fn auto_layout_150() {
    use scorecard_studio::io::{map_layout, map_quality};
    let map = generate(SyntheticSpec { kpis: 900, departments: 0, periods: 1, seed: 7 });
    let mut times: Vec<Duration> = (0..15)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(map_layout::auto_layout(&map));
            t.elapsed()
        })
        .collect();
    times.sort();
    let mut laid = map.clone();
    for (i, p) in map_layout::auto_layout(&map) {
        laid.objectives[i].position = p;
    }
    let q = |p: &scorecard_studio::model::Project| {
        map_quality::measure(p, &map_layout::MapLayout::compute(p, &[]))
    };
    println!(
        "auto-layout: {} objectives, {} links: min {:.2} / median {:.2} / max {:.2} ms; crossings {} → {}, box overlaps {} → {}",
        map.objectives.len(),
        map.links.len(),
        times[0].as_secs_f64() * 1e3,
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
        q(&map).crossings,
        q(&laid).crossings,
        q(&map).box_overlaps,
        q(&laid).box_overlaps,
    );
}

/// Import of 100,000 rows (2,000 KPIs × 50 months, long format) from CSV and from XLSX: reading,
/// mapping, the preview that checks every row, merging, and applying as one undoable command.
fn import_100k(project: &scorecard_studio::model::Project, dir: &std::path::Path) {
    use scorecard_studio::app::{DocCommand, Document, Item};
    use scorecard_studio::io::{export_data::period_text, import};
    let months = 100_000 / project.kpis.len().max(1);
    let mut csv = String::from("指标代码,期间,实际值\n");
    let mut rows = 0;
    let mut xlsx = rust_xlsxwriter::Workbook::new();
    let sheet = xlsx.add_worksheet();
    sheet.write_string(0, 0, "指标代码").unwrap();
    sheet.write_string(0, 1, "期间").unwrap();
    sheet.write_string(0, 2, "实际值").unwrap();
    for k in &project.kpis {
        for p in k.series.iter().rev().take(months) {
            let value = p.actual.unwrap_or(0.0) * 1.01;
            let period = period_text(p.date, scorecard_studio::model::Frequency::Monthly);
            csv.push_str(&format!("{},{period},{value}\n", k.code));
            rows += 1;
            sheet.write_string(rows, 0, &k.code).unwrap();
            sheet.write_string(rows, 1, &period).unwrap();
            sheet.write_number(rows, 2, value).unwrap();
        }
    }
    let csv_path = dir.join("actuals.csv");
    std::fs::write(&csv_path, &csv).unwrap();
    let xlsx_path = dir.join("actuals.xlsx");
    xlsx.save(&xlsx_path).unwrap();
    println!(
        "import: {rows} rows; CSV {:.1} MB, XLSX {:.1} MB",
        csv.len() as f64 / 1e6,
        std::fs::metadata(&xlsx_path).unwrap().len() as f64 / 1e6
    );
    for path in [&csv_path, &xlsx_path] {
        let mut read = Duration::ZERO;
        let mut check = Duration::ZERO;
        let mut apply = Duration::ZERO;
        let runs = 3;
        let mut accepted = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let source = import::read_file(path).expect("reads");
            let mapping = import::guess_mapping(&source, 0).expect("header");
            read += t.elapsed();
            let t = Instant::now();
            let progress = AtomicUsize::new(0);
            let preview = import::preview(project, &source, &mapping, Some(&progress));
            check += t.elapsed();
            accepted = preview.accepted;
            assert_eq!(progress.load(Ordering::Relaxed), rows as usize, "progress reaches every row");
            let mut doc = Document::new(project.clone(), None, None);
            let t = Instant::now();
            let kpis = import::updated_kpis(project, &preview);
            let batch = DocCommand::Batch(
                kpis.into_iter().map(|k| DocCommand::Upsert(Item::Kpi(Box::new(k)))).collect(),
            );
            doc.execute(batch, "import", None).expect("applies");
            apply += t.elapsed();
        }
        let ms = |d: Duration| d.as_secs_f64() * 1e3 / runs as f64;
        println!(
            "import {}: read and map {:.0} ms, preview (check every row) {:.0} ms, merge and apply as one command {:.0} ms; total {:.0} ms for {accepted} accepted rows",
            path.extension().unwrap().to_string_lossy(),
            ms(read),
            ms(check),
            ms(apply),
            ms(read + check + apply)
        );
    }
}

/// min / median / max of `runs` timings, as the notes report them.
fn spread(runs: usize, mut f: impl FnMut()) -> String {
    let mut v: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    format!("{:.0} / {:.0} / {:.0} ms", ms(v[0]), ms(v[v.len() / 2]), ms(v[v.len() - 1]))
}

/// The review pack: of the largest sample, and of a generated 2,000-KPI project whose October has
/// exactly 200 red KPIs and every other one green (one page each for the red ones).
fn review_packs() {
    use scorecard_studio::i18n::Lang;
    use scorecard_studio::io::review_pack::{PackOptions, Sections, pack_pdf};
    use scorecard_studio::model::Polarity;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 5).unwrap();
    let options = |period| PackOptions {
        lang: Lang::Zh,
        period,
        department: None,
        sections: Sections::default(),
        today,
    };
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-projects/dealership-sales.json");
    let sample = io::load_file(std::path::Path::new(path)).expect("sample").project;
    let oct = PeriodSpec::Month { year: 2026, month: 10 };
    let mut pages = 0;
    let t = spread(7, || {
        let pdf = pack_pdf(&sample, &options(oct), &|_| {}).expect("pack");
        pages = pdf.windows(12).filter(|w| &w[..11] == b"/Type /Page" && w[11] != b's').count();
    });
    println!("review pack, dealership sample ({pages} pages): {t} (min / median / max of 7)");

    let mut p = generate(SyntheticSpec { kpis: 2000, departments: 50, periods: 24, seed: 42 });
    let last = p.kpis.iter().filter_map(|k| k.series.last().map(|x| x.date)).max().expect("periods");
    let period = PeriodSpec::month_of(last);
    for (i, k) in p.kpis.iter_mut().enumerate() {
        let Some(target) = k.target else { continue };
        let red = i % 10 == 0;
        let factor = match (red, k.polarity) {
            (false, _) => 1.0,
            (true, Polarity::LowerIsBetter) => 1.4,
            (true, _) => 0.6,
        };
        if let Some(x) = k.series.iter_mut().find(|x| x.date == last) {
            x.actual = Some(target * factor);
            x.target = None;
        }
    }
    let book = ScoreBook::compute(&p, period);
    let count = |key: &str| {
        (0..p.kpis.len())
            .filter(|&k| book.kpis[k].status.is_some_and(|s| s.key(&p, Some(&p.kpis[k])) == key))
            .count()
    };
    println!(
        "generated: {} KPIs, {} red, {} amber, {} green in {period}",
        p.kpis.len(),
        count("red"),
        count("amber"),
        count("green")
    );
    let steps = std::sync::atomic::AtomicUsize::new(0);
    let mut bytes = 0;
    let t = spread(3, || {
        let pdf = pack_pdf(&p, &options(period), &|_| {
            steps.fetch_add(1, Ordering::Relaxed);
        })
        .expect("pack");
        bytes = pdf.len();
    });
    println!(
        "review pack, 2,000 KPIs / 200 red: {t} (min / median / max of 3), {:.1} MB, {} progress reports per run",
        bytes as f64 / 1e6,
        steps.load(Ordering::Relaxed) / 3
    );
}

/// Three-way merge of two edited copies of a 2,000-KPI × 120-period project: each side changes
/// 200 targets, 200 weights and one period's actual of 500 KPIs, and both change 20 of the same
/// targets differently (20 conflicts). Min / median / max of 7 runs.
fn merge_2000() {
    use scorecard_studio::model::merge::merge;
    let base = generate(SyntheticSpec { kpis: 2000, departments: 50, periods: 120, seed: 42 });
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    for i in 0..500 {
        let (o, t) = (i * 4 % 2000, (i * 4 + 2) % 2000);
        if i < 200 {
            ours.kpis[o].target = Some(1000.0 + i as f64);
            theirs.kpis[t].target = Some(2000.0 + i as f64);
            ours.kpis[(o + 1) % 2000].weight += 1.0;
            theirs.kpis[(t + 1) % 2000].weight += 2.0;
        }
        if let Some(p) = ours.kpis[o].series.get_mut(60) {
            p.actual = Some(1.0 + i as f64);
        }
        if let Some(p) = theirs.kpis[t].series.get_mut(61) {
            p.actual = Some(2.0 + i as f64);
        }
    }
    for i in 0..20 {
        ours.kpis[i * 97 + 1].target = Some(11.0);
        theirs.kpis[i * 97 + 1].target = Some(12.0);
    }
    let mut times: Vec<Duration> = Vec::new();
    let mut conflicts = 0;
    for _ in 0..7 {
        let t = Instant::now();
        let out = merge(&base, &ours, &theirs, "theirs");
        times.push(t.elapsed());
        conflicts = out.conflicts.len();
        std::hint::black_box(out);
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "merge of two edited copies (2,000 KPIs × 120 periods, {conflicts} conflicts): min {:.1} / median {:.1} / max {:.1} ms (budget 300 ms)",
        ms(times[0]),
        ms(times[3]),
        ms(times[6])
    );
}
