//! GUI frame-time benchmarks: the whole app in a headless egui context, timing what a frame costs
//! the CPU (our UI code, egui layout, tessellation) for the scenes the issues name. Run with
//! `cargo bench --bench ui`; figures go into the issue notes.

use egui::{Event, Modifiers, PointerButton, Pos2, RawInput, Rect, Vec2};
use scorecard_studio::app::jobs::NoDialogs;
use scorecard_studio::app::{AppCommand, View};
use scorecard_studio::io;
use scorecard_studio::io::map_layout::MapLayout;
use scorecard_studio::model::synthetic::{SyntheticSpec, generate};
use scorecard_studio::model::{Link, LinkId};
use scorecard_studio::ui::ScorecardApp;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The window's allocator, so frame times are the window's (`--no-default-features` measures
/// glibc's malloc instead).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SCREEN: Vec2 = Vec2::new(1600.0, 1000.0);

struct Bench {
    ctx: egui::Context,
    app: ScorecardApp,
    time: f64,
    _dir: tempfile::TempDir,
}

impl Bench {
    fn new(project_file: &Path) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let ctx = egui::Context::default();
        let mut app = ScorecardApp::new(
            &ctx,
            dir.path().to_path_buf(),
            Arc::new(NoDialogs),
            Some(project_file.to_path_buf()),
            None,
        );
        assert!(app.state.wait_for_job(Duration::from_secs(60)), "the project loads");
        let mut b = Bench { ctx, app, time: 0.0, _dir: dir };
        // Warm up: fonts, glyph atlas, layout caches.
        for _ in 0..5 {
            b.frame(Vec::new());
        }
        b
    }

    /// One frame; returns the CPU time of the UI pass and tessellation.
    fn frame(&mut self, events: Vec<Event>) -> Duration {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SCREEN)),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            events,
            ..Default::default()
        };
        let t = Instant::now();
        let app = &mut self.app;
        let out = self.ctx.run_ui(input, |ui| app.frame(ui));
        let ui_time = t.elapsed();
        let prims = self.ctx.tessellate(out.shapes, out.pixels_per_point);
        std::hint::black_box(prims);
        let total = t.elapsed();
        if std::env::var("BENCH_SPLIT").is_ok() {
            eprintln!(
                "ui {:.2} ms, tessellate {:.2} ms",
                ui_time.as_secs_f64() * 1e3,
                (total - ui_time).as_secs_f64() * 1e3
            );
        }
        total
    }
}

fn stats(mut v: Vec<Duration>) -> (f64, f64, f64, f64) {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    (ms(v[0]), ms(v[v.len() / 2]), ms(v[v.len() * 95 / 100]), ms(*v.last().unwrap()))
}

fn report(name: &str, v: Vec<Duration>) {
    let (min, median, p95, max) = stats(v);
    println!("{name}: min {min:.2} ms, median {median:.2} ms, p95 {p95:.2} ms, max {max:.2} ms per frame");
}

fn idle(sample: &Path) {
    let mut b = Bench::new(sample);
    b.app.state.apply(AppCommand::ShowView(View::Map));
    let v: Vec<Duration> = (0..120).map(|_| b.frame(Vec::new())).collect();
    report(&format!("idle frame, strategy map of {}", sample.file_name().unwrap().to_string_lossy()), v);
}

/// A map of 150 objectives and 300 links, with one box dragged across it.
fn map_drag(dir: &Path) {
    let mut p = generate(SyntheticSpec { kpis: 900, departments: 0, periods: 12, seed: 9 });
    assert_eq!(p.objectives.len(), 150);
    // Top up the generated links to 300 with more upward links, scanning pairs in a fixed order.
    let rank =
        |o: &scorecard_studio::model::Objective| p.perspectives.iter().position(|x| x.id == o.perspective);
    let mut extra = Vec::new();
    'outer: for a in 0..p.objectives.len() {
        for step in [37, 53, 71] {
            let b = (a + step) % p.objectives.len();
            let (from, to) = (&p.objectives[a], &p.objectives[b]);
            if rank(from) > rank(to)
                && !p.links.iter().chain(extra.iter()).any(|l: &Link| l.from == from.id && l.to == to.id)
            {
                extra.push(Link {
                    id: LinkId::new(""),
                    from: from.id.clone(),
                    to: to.id.clone(),
                    label: String::new(),
                });
                if p.links.len() + extra.len() >= 300 {
                    break 'outer;
                }
            }
        }
    }
    for mut l in extra {
        l.id = LinkId::numbered(p.links.len() as u64 + 1);
        p.links.push(l);
    }
    assert_eq!(p.links.len(), 300);
    let path = dir.join("big-map.json");
    io::save_file(&path, &p, &io::SaveOptions::default()).unwrap();
    let mut b = Bench::new(&path);
    b.app.state.apply(AppCommand::ShowView(View::Map));
    if std::env::var("BENCH_PRESENTATION").is_ok() {
        b.app.views.presentation = true;
    }
    b.frame(Vec::new());
    // Where the first objective's box is on screen, from the map's pan and zoom.
    let layout = MapLayout::compute(b.app.state.project(), &[]);
    let r = layout.boxes[0].rect;
    let m = &b.app.views.map;
    let start = m.canvas.min + (Vec2::new(r.centre().x as f32, r.centre().y as f32) - m.pan) * m.zoom;
    let mut frames = Vec::new();
    frames.push(b.frame(vec![Event::PointerMoved(start)]));
    frames.push(b.frame(vec![Event::PointerButton {
        pos: start,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    }]));
    let mut pos = start;
    // BENCH_DRAG_FRAMES=2000 makes a profile mostly the drag (it moves back and forth).
    let n: usize = std::env::var("BENCH_DRAG_FRAMES").ok().and_then(|n| n.parse().ok()).unwrap_or(120);
    for i in 0..n {
        let sign = if (i / 120) % 2 == 0 { 1.0 } else { -1.0 };
        pos += Vec2::new(3.0, 1.5) * sign;
        frames.push(b.frame(vec![Event::PointerMoved(pos)]));
    }
    frames.push(b.frame(vec![Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    }]));
    let dragging = b.app.state.doc.history().len().0;
    report(
        &format!(
            "map of 150 objectives and 300 links while dragging (drag recorded as {dragging} undo step)"
        ),
        frames,
    );
    // Hovering (the cause-effect chain highlight) without a drag.
    let hover: Vec<Duration> =
        (0..60).map(|i| b.frame(vec![Event::PointerMoved(start + Vec2::new(i as f32 * 5.0, 0.0))])).collect();
    report("same map while hovering", hover);
}

/// The KPI table with 2,000 KPIs: scrolling, then typing into a cell.
fn kpi_table(dir: &Path) {
    let p = generate(SyntheticSpec { kpis: 2000, departments: 50, periods: 24, seed: 11 });
    let path = dir.join("kpis-2000.json");
    io::save_file(&path, &p, &io::SaveOptions::default()).unwrap();
    let mut b = Bench::new(&path);
    b.app.state.apply(AppCommand::ShowView(View::Kpis));
    b.frame(Vec::new());
    b.frame(Vec::new());
    let centre = Pos2::new(SCREEN.x * 0.45, SCREEN.y * 0.6);
    b.frame(vec![Event::PointerMoved(centre)]);
    let scrolling: Vec<Duration> = (0..120)
        .map(|i| {
            let dy = if i < 60 { -120.0 } else { 90.0 };
            b.frame(vec![Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: Vec2::new(0.0, dy),
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Unknown,
                modifiers: Modifiers::NONE,
            }])
        })
        .collect();
    report("KPI table of 2,000 KPIs while scrolling", scrolling);
    // Editing: every frame one more character typed into a KPI's name, as the name cell sends it
    // (one merged undo step); the frame then shows the changed document everywhere.
    let mut name = b.app.state.project().kpis[3].name.clone();
    let typing: Vec<Duration> = "绩效改善"
        .chars()
        .cycle()
        .take(60)
        .map(|c| {
            name.push(c);
            let mut k = b.app.state.project().kpis[3].clone();
            k.name = name.clone();
            let merge = Some(scorecard_studio::app::history::MergeKey::item(
                scorecard_studio::model::lint::Subject::Kpi(k.id.clone()),
                scorecard_studio::app::history::Field::Name,
            ));
            // The edit is applied inside the frame in the app; here it is timed with it.
            let t = Instant::now();
            b.app.state.apply(AppCommand::Doc {
                command: scorecard_studio::app::DocCommand::Upsert(scorecard_studio::app::Item::Kpi(
                    Box::new(k),
                )),
                label: "name".into(),
                merge,
            });
            t.elapsed() + b.frame(Vec::new())
        })
        .collect();
    let steps = b.app.state.doc.history().len().0;
    report(&format!("KPI table of 2,000 KPIs while typing into a cell ({steps} undo step)"), typing);
}

fn main() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-projects");
    let dir = tempfile::tempdir().unwrap();
    // BENCH_ONLY=map (or idle, table, charts) runs one scene.
    let only = std::env::var("BENCH_ONLY").ok();
    let run = |scene: &str| only.as_deref().is_none_or(|o| o == scene);
    if run("idle") {
        idle(&samples.join("dealership-sales.json"));
    }
    if run("map") {
        map_drag(dir.path());
    }
    if run("table") {
        kpi_table(dir.path());
    }
    if run("charts") {
        charts(dir.path());
    }
    if run("company") {
        company(dir.path());
    }
}

/// The resident memory of this process, in bytes (Linux).
fn rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: u64 =
        status.lines().find(|l| l.starts_with("VmRSS:"))?.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// A 5,000-person company with a contract for every employee: 32,000 KPIs in 500 units, ten
/// years of months (`COMPANY_KPIS` makes it smaller). Opening it (load, score, first frame), the
/// memory it takes against the file's size, and every view while scrolling.
fn company(dir: &Path) {
    let kpis: usize = std::env::var("COMPANY_KPIS").ok().and_then(|v| v.parse().ok()).unwrap_or(32_000);
    let departments = (kpis / 64).max(1);
    let p = generate(SyntheticSpec { kpis, departments, periods: 120, seed: 19 });
    let path = dir.join("company.json");
    io::save_file(&path, &p, &io::SaveOptions::default()).unwrap();
    drop(p);
    let file_size = std::fs::metadata(&path).unwrap().len();
    let before = rss().unwrap_or(0);
    let t = Instant::now();
    let mut b = Bench::new(&path);
    let open = t.elapsed();
    let after = rss().unwrap_or(0);
    println!(
        "{kpis} KPIs, {departments} units, 120 months: file {:.0} MB; open (load, score, 5 frames) {:.2} s; RSS {:.0} MB = {:.2}× the file",
        file_size as f64 / 1e6,
        open.as_secs_f64(),
        after.saturating_sub(before) as f64 / 1e6,
        after.saturating_sub(before) as f64 / file_size as f64
    );
    let wheel = |dy: f32| Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: Vec2::new(0.0, dy),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: Modifiers::NONE,
    };
    let centre = Pos2::new(SCREEN.x * 0.45, SCREEN.y * 0.6);
    let views = [
        (View::Map, "map"),
        (View::Kpis, "KPI table"),
        (View::Cascade, "cascade"),
        (View::Data, "data grid (12 months)"),
        (View::Dashboard, "dashboard"),
    ];
    // With the navigator and inspector (what a user sees), then without them (the view alone).
    for panels in [true, false] {
        use scorecard_studio::app::prefs::SidePanel;
        b.app.state.apply(AppCommand::ShowPanel(SidePanel::Navigator, panels));
        b.app.state.apply(AppCommand::ShowPanel(SidePanel::Inspector, panels));
        let with = if panels { "with side panels" } else { "view alone" };
        for (view, name) in views {
            b.app.state.apply(AppCommand::ShowView(view));
            for _ in 0..3 {
                b.frame(vec![Event::PointerMoved(centre)]);
            }
            let scrolling: Vec<Duration> =
                (0..60).map(|i| b.frame(vec![wheel(if i < 40 { -400.0 } else { 300.0 })])).collect();
            report(&format!("{kpis} KPIs: {name} while scrolling, {with}"), scrolling);
        }
    }
    // The findings panel lists every finding (thousands here), only those in view laid out.
    b.app.state.apply(AppCommand::ToggleFindings);
    b.frame(Vec::new());
    let findings: Vec<Duration> = (0..30).map(|_| b.frame(Vec::new())).collect();
    report(&format!("{kpis} KPIs: findings panel open"), findings);
}

/// Charts of 10 years of monthly actuals: one KPI's chart (status bands, trend, hover) while the
/// pointer moves over it, the same while switching among 20 KPIs every frame (the series and
/// bands rebuilt each time), year to date, the department's 20 KPIs as small multiples, and the
/// scores over time.
fn charts(dir: &Path) {
    use scorecard_studio::model::lint::Subject;
    use scorecard_studio::score::PeriodSpec;
    use scorecard_studio::score::series::Accumulation;
    use scorecard_studio::ui::views::charts::ChartKind;
    use scorecard_studio::ui::views::data::DataTab;
    let p = generate(SyntheticSpec { kpis: 40, departments: 1, periods: 120, seed: 5 });
    let path = dir.join("charts-10y.json");
    io::save_file(&path, &p, &io::SaveOptions::default()).unwrap();
    let mut b = Bench::new(&path);
    b.app.state.apply(AppCommand::SetPeriod(PeriodSpec::Month { year: 2025, month: 12 }));
    b.app.state.apply(AppCommand::ShowView(View::Data));
    b.app.views.data.tab = DataTab::Charts;
    b.app.views.data.charts.kind = ChartKind::Kpi;
    let ids: Vec<_> = b.app.state.project().kpis.iter().map(|k| k.id.clone()).collect();
    assert!(b.app.state.project().kpis.iter().all(|k| k.series.len() == 120));
    b.app.state.apply(AppCommand::Select(Some(Subject::Kpi(ids[0].clone()))));
    b.frame(Vec::new());
    b.frame(Vec::new());
    // Zoomed out to the whole ten years: a double click resets the plot to fit everything.
    let centre = Pos2::new(SCREEN.x * 0.45, SCREEN.y * 0.55);
    for _ in 0..2 {
        b.frame(vec![Event::PointerMoved(centre)]);
        for pressed in [true, false] {
            b.frame(vec![Event::PointerButton {
                pos: centre,
                button: PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            }]);
        }
    }
    let hover: Vec<Duration> = (0..120)
        .map(|i| b.frame(vec![Event::PointerMoved(Pos2::new(350.0 + i as f32 * 7.0, SCREEN.y * 0.55))]))
        .collect();
    report("KPI chart of 10 years monthly (120 periods) with status bands and trend, hovering", hover);
    let switching: Vec<Duration> = (0..120)
        .map(|i| {
            b.app.state.apply(AppCommand::Select(Some(Subject::Kpi(ids[i % 20].clone()))));
            b.frame(Vec::new())
        })
        .collect();
    report("same, switching among 20 KPIs every frame (series and bands rebuilt)", switching);
    b.app.views.data.charts.accumulation = Accumulation::YearToDate;
    let ytd: Vec<Duration> = (0..120)
        .map(|i| {
            b.app.state.apply(AppCommand::Select(Some(Subject::Kpi(ids[i % 20].clone()))));
            b.frame(Vec::new())
        })
        .collect();
    report("same, year to date", ytd);
    let ytd_hover: Vec<Duration> = (0..120)
        .map(|i| b.frame(vec![Event::PointerMoved(Pos2::new(350.0 + i as f32 * 7.0, SCREEN.y * 0.55))]))
        .collect();
    report("year to date, hovering", ytd_hover);
    b.app.views.data.charts.kind = ChartKind::Department;
    b.frame(Vec::new());
    let multiples: Vec<Duration> = (0..60).map(|_| b.frame(Vec::new())).collect();
    let n = b.app.state.project().kpis.iter().filter(|k| k.department.is_some()).count();
    report(&format!("small multiples of the department's {n} KPIs"), multiples);
    b.app.views.data.charts.kind = ChartKind::Scores;
    b.frame(Vec::new());
    let scores: Vec<Duration> = (0..60).map(|_| b.frame(Vec::new())).collect();
    report("scores over time (perspectives)", scores);
    b.app.state.apply(AppCommand::ShowView(View::Dashboard));
    b.frame(Vec::new());
    let dash: Vec<Duration> = (0..60).map(|_| b.frame(Vec::new())).collect();
    report("dashboard of 40 KPIs with sparklines", dash);
}
