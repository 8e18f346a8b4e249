//! Charts: one KPI's actual against target over time (dates on the x axis, status bands behind,
//! period or year-to-date, trend and year-end forecast, re-planning of the remaining periods),
//! scores of the scorecard, perspectives, objectives and departments over the year, and small
//! multiples of a department's KPIs.
//!
//! The x axis counts months (year × 12 + month − 1, fractions for days), so every frequency
//! shares one axis and ticks fall on months, quarters or years as the zoom allows.

use crate::app::{AppCommand, AppState, DocCommand, Item};
use crate::i18n::Lang;
use crate::i18n::T;
use crate::io::export_data::period_text;
use crate::model::lint::Subject;
use crate::model::{DepartmentId, Kpi, KpiId, Project};
use crate::score::forecast::{Forecast, forecast_year_end};
use crate::score::replan::{self, Replan, Spread};
use crate::score::series::{self, Accumulation, Band, ChartPoint};
use crate::score::{DateRange, PeriodSpec, ScoreBook};
use crate::ui::widgets::{number_text, rounded_text};
use chrono::{Datelike, NaiveDate};
use egui::{Color32, RichText, Sense, Ui};
use egui_plot::{
    FilledArea, GridMark, HLine, Legend, Line, LineStyle, MarkerShape, Plot, PlotPoints, Points,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ChartKind {
    #[default]
    Kpi,
    Scores,
    Department,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ScoreLevel {
    #[default]
    Perspectives,
    Objectives,
    Departments,
}

/// The re-planning choices.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReplanChoice {
    /// 12 = the rest of the year, 3 = of the quarter, 1 = of the month.
    pub horizon_months: u32,
    pub spread: Spread,
    pub level: f64,
}

impl Default for ReplanChoice {
    fn default() -> Self {
        Self { horizon_months: 12, spread: Spread::Evenly, level: 1.0 }
    }
}

/// The values that score to one status, over a run of periods: x (each period's start and end)
/// with the band's lower and upper value.
#[derive(Clone, Debug, PartialEq)]
pub struct BandArea {
    pub status: crate::score::Status,
    pub xs: Vec<f64>,
    pub low: Vec<f64>,
    pub high: Vec<f64>,
}

/// A KPI's chart, computed once per document revision and choice.
pub struct KpiChart {
    key: (u64, KpiId, Accumulation, i32),
    pub points: Vec<ChartPoint>,
    /// Status bands behind the lines.
    pub bands: Vec<BandArea>,
    pub low: f64,
    pub high: f64,
}

/// Chart points per KPI (by index).
pub type KpiSeries = Vec<(usize, Vec<ChartPoint>)>;

pub struct ChartsState {
    pub kind: ChartKind,
    pub accumulation: Accumulation,
    pub show_bands: bool,
    pub show_trend: bool,
    pub level: ScoreLevel,
    pub department: Option<DepartmentId>,
    pub replan: ReplanChoice,
    pub replan_open: bool,
    cache: Option<KpiChart>,
    history: Option<((u64, i32), Vec<ScoreBook>)>,
    multiples: Option<((u64, DepartmentId, i32), KpiSeries)>,
    /// The shown KPI's year-end forecast, for (document revision, KPI, as-of date).
    forecast: Option<((u64, KpiId, NaiveDate), Option<Forecast>)>,
}

impl Default for ChartsState {
    fn default() -> Self {
        Self {
            kind: ChartKind::default(),
            accumulation: Accumulation::default(),
            show_bands: true,
            show_trend: true,
            level: ScoreLevel::default(),
            department: None,
            replan: ReplanChoice::default(),
            replan_open: false,
            cache: None,
            history: None,
            multiples: None,
            forecast: None,
        }
    }
}

/// A date as months on the x axis.
pub fn month_x(d: NaiveDate) -> f64 {
    let days = crate::model::Frequency::Monthly.period_end(d.with_day(1).unwrap_or(d)).day() as f64;
    d.year() as f64 * 12.0 + d.month0() as f64 + (d.day() as f64 - 1.0) / days
}

/// The x range a period covers: from its first day to the day after its last.
pub fn period_x(p: &ChartPoint) -> (f64, f64) {
    (month_x(p.start), month_x(p.end.succ_opt().unwrap_or(p.end)))
}

fn mid_x(p: &ChartPoint) -> f64 {
    let (a, b) = period_x(p);
    (a + b) / 2.0
}

/// Ticks on months, quarters or years, whichever fit.
pub fn month_marks(bounds: (f64, f64), base_step_size: f64) -> Vec<GridMark> {
    let (lo, hi) = (bounds.0.floor() as i64, bounds.1.ceil() as i64);
    let span = (hi - lo).max(1);
    if span > 4000 {
        return Vec::new();
    }
    // One level of ticks per zoom: months, quarters or years (or every few years), each mark
    // carrying its level (`step_size`) so its label is of that level too. egui_plot's base step
    // is the months in 8 points; an x label needs about 72 points to be drawn in full.
    let needed = base_step_size * 9.0;
    let step = [1, 3, 12, 24, 60, 120].into_iter().find(|&s| s as f64 >= needed).unwrap_or(240);
    (lo..=hi)
        .filter(|m| m.rem_euclid(step) == 0)
        .map(|m| GridMark { value: m as f64, step_size: step as f64 })
        .collect()
}

/// A tick's label at its zoom level (`step`, months): "3月" / "Mar" for months (January also
/// says its year), "Q2" for quarters (Q1 with its year), the year for years.
pub fn month_label(value: f64, step: f64, lang: Lang) -> String {
    let m = value.round() as i64;
    if (value - m as f64).abs() > 1e-6 {
        return String::new();
    }
    let (year, month0) = (m.div_euclid(12), m.rem_euclid(12));
    if step >= 12.0 {
        year.to_string()
    } else if step >= 3.0 {
        match month0 {
            0 => crate::tr!(lang, QuarterOfYear, quarter = 1, year = year),
            _ => format!("Q{}", month0 / 3 + 1),
        }
    } else {
        match month0 {
            0 => crate::tr!(lang, MonthOfYear, month = T::MONTHS_SHORT[0].get(lang), year = year),
            _ => T::MONTHS_SHORT[month0 as usize].get(lang).into(),
        }
    }
}

/// The y range of a KPI chart: its actuals and targets with a little room (the plot adds its own
/// margin), not a quarter of the span more. A percentage that stays within 0–100 is not padded
/// past 100 %, and a positive series does not dip below 0.
pub fn fit_y(low: f64, high: f64, percent: bool) -> (f64, f64) {
    let pad = ((high - low).abs() * 0.08).max(high.abs().max(low.abs()) * 0.02).max(1e-6);
    let mut lo = if low >= 0.0 { 0.0f64.max(low - pad) } else { low - pad };
    let mut hi = high + pad;
    if percent && high <= 100.0 {
        hi = hi.min(100.0);
    }
    if percent && low >= 0.0 {
        lo = lo.max(0.0);
    }
    (lo, hi)
}

/// The range a KPI chart covers: from its first period (at most ten years back) to the end of
/// the view's year.
pub fn chart_range(kpi: &Kpi, year: i32) -> DateRange {
    let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    let year_start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
    let ten_years = NaiveDate::from_ymd_opt(year - 9, 1, 1).unwrap_or(NaiveDate::MIN);
    let first = kpi.series.first().map_or(year_start, |p| p.date.min(year_start)).max(ten_years);
    DateRange { start: first, end }
}

/// Builds a KPI's chart: its points and the status bands behind them (adjacent periods with the
/// same bands merged, so a constant target gives three rectangles, not three per period).
pub fn build_kpi_chart(
    project: &Project,
    k: usize,
    accumulation: Accumulation,
    year: i32,
    revision: u64,
) -> KpiChart {
    let kpi = &project.kpis[k];
    let points = series::kpi_series(project, kpi, chart_range(kpi, year), accumulation);
    let values = points.iter().flat_map(|p| [p.actual, p.target]).flatten();
    let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values {
        low = low.min(v);
        high = high.max(v);
    }
    if !low.is_finite() {
        (low, high) = (0.0, 1.0);
    }
    let (low, high) = fit_y(low, high, kpi.unit.trim() == "%");
    // Periods with the same target share their bands: compute once per target.
    let mut per_point: Vec<Vec<Band>> = Vec::with_capacity(points.len());
    for (i, p) in points.iter().enumerate() {
        let same_target = i > 0 && points[i - 1].target == p.target;
        let b = if same_target {
            per_point[i - 1].clone()
        } else {
            let near = i.checked_sub(1).and_then(|j| {
                let t = points[j].target?;
                series::status_bands_like(project, kpi, p, low, high, &per_point[j], t)
            });
            near.unwrap_or_else(|| series::status_bands(project, kpi, p, low, high))
        };
        per_point.push(b);
    }
    KpiChart {
        key: (revision, kpi.id.clone(), accumulation, year),
        bands: band_areas(&points, &per_point),
        points,
        low,
        high,
    }
}

/// One filled area per status and run of periods whose bands come in the same order, stepping
/// with each period's boundaries: a handful of shapes however many periods there are.
pub fn band_areas(points: &[ChartPoint], per_point: &[Vec<Band>]) -> Vec<BandArea> {
    let mut out: Vec<BandArea> = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    let statuses = |b: &[Band]| b.iter().map(|x| x.status).collect::<Vec<_>>();
    let flush = |run: &mut Vec<usize>, out: &mut Vec<BandArea>| {
        let Some(&first) = run.first() else { return };
        for (layer, band) in per_point[first].iter().enumerate() {
            let mut area =
                BandArea { status: band.status, xs: Vec::new(), low: Vec::new(), high: Vec::new() };
            for &i in run.iter() {
                let (x0, x1) = period_x(&points[i]);
                let b = per_point[i][layer];
                area.xs.extend([x0, x1]);
                area.low.extend([b.low, b.low]);
                area.high.extend([b.high, b.high]);
            }
            out.push(area);
        }
        run.clear();
    };
    for i in 0..points.len() {
        if let Some(&prev) = run.last()
            && statuses(&per_point[prev]) != statuses(&per_point[i])
        {
            flush(&mut run, &mut out);
        }
        run.push(i);
    }
    flush(&mut run, &mut out);
    out
}

pub fn charts_ui(ui: &mut Ui, app: &AppState, state: &mut ChartsState, out: &mut Vec<AppCommand>) {
    let lang = app.lang();
    ui.horizontal_wrapped(|ui| {
        for (kind, label) in [
            (ChartKind::Kpi, T::ChartKpi),
            (ChartKind::Scores, T::ChartScores),
            (ChartKind::Department, T::ChartDepartment),
        ] {
            if ui.selectable_label(state.kind == kind, label.get(lang)).clicked() {
                state.kind = kind;
            }
        }
    });
    ui.separator();
    match state.kind {
        ChartKind::Kpi => kpi_chart_ui(ui, app, state, out),
        ChartKind::Scores => scores_ui(ui, app, state),
        ChartKind::Department => multiples_ui(ui, app, state, out),
    }
}

/// The KPI the chart shows: the selected one, else the first.
fn chart_kpi(app: &AppState) -> Option<usize> {
    let p = app.project();
    match &app.selection {
        Some(Subject::Kpi(id)) => p.kpis.iter().position(|k| &k.id == id),
        _ => None,
    }
    .or(if p.kpis.is_empty() { None } else { Some(0) })
}

fn kpi_chart_ui(ui: &mut Ui, app: &AppState, state: &mut ChartsState, out: &mut Vec<AppCommand>) {
    let lang = app.lang();
    let project = app.project();
    let Some(k) = chart_kpi(app) else {
        ui.label(T::ChartNoKpi.get(lang));
        return;
    };
    let kpi = &project.kpis[k];
    let year = app.scores().range.end.year();
    let as_of = app.scores().range.end;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(T::KpiOne.get(lang)).id;
        let r = egui::ComboBox::from_id_salt("chart-kpi").selected_text(kpi.label()).width(280.0).show_ui(
            ui,
            |ui| {
                for other in &project.kpis {
                    if ui.selectable_label(other.id == kpi.id, other.label()).clicked() {
                        out.push(AppCommand::Select(Some(Subject::Kpi(other.id.clone()))));
                    }
                }
            },
        );
        let _ = r.response.labelled_by(label);
        ui.separator();
        for (a, label) in [(Accumulation::Period, T::ChartPeriod), (Accumulation::YearToDate, T::ChartYtd)] {
            if ui.selectable_label(state.accumulation == a, label.get(lang)).clicked() {
                state.accumulation = a;
            }
        }
        ui.separator();
        ui.checkbox(&mut state.show_bands, T::ChartBands.get(lang));
        ui.checkbox(&mut state.show_trend, T::ChartTrend.get(lang));
        ui.checkbox(&mut state.replan_open, T::Replan.get(lang));
    });

    let revision = app.doc.revision;
    let key = (revision, kpi.id.clone(), state.accumulation, year);
    if state.cache.as_ref().is_none_or(|c| c.key != key) {
        state.cache = Some(build_kpi_chart(project, k, state.accumulation, year, revision));
    }
    let forecast_key = (revision, kpi.id.clone(), as_of);
    if state.forecast.as_ref().is_none_or(|(k, _)| *k != forecast_key) {
        state.forecast = Some((forecast_key, forecast_year_end(project, kpi, as_of)));
    }
    let forecast = state.forecast.as_ref().and_then(|(_, f)| f.clone());
    if let Some(f) = &forecast {
        let unit = &kpi.unit;
        let forecast = rounded_text(f.year_end);
        let text = match (f.year_target, f.reaches) {
            (Some(t), Some(reaches)) => {
                let text = if reaches { T::ForecastOnTrack } else { T::ForecastFallsShort };
                text.fill(lang, &[("forecast", &forecast), ("target", &rounded_text(t)), ("unit", &unit)])
            }
            _ => crate::tr!(lang, ForecastOnly, forecast = forecast, unit = unit),
        };
        let colour =
            if f.reaches == Some(false) { ui.visuals().warn_fg_color } else { ui.visuals().text_color() };
        ui.label(RichText::new(text).color(colour));
    }

    let plan = if state.replan_open {
        let horizon = replan::horizon_of(as_of, state.replan.horizon_months);
        Some(replan::replan(project, kpi, horizon, as_of, state.replan.spread, state.replan.level))
    } else {
        None
    };

    let available = ui.available_size();
    let side = if state.replan_open { 330.0f32.min(available.x * 0.4) } else { 0.0 };
    ui.horizontal_top(|ui| {
        ui.allocate_ui(egui::vec2(available.x - side - 8.0, available.y), |ui| {
            let chart = state.cache.as_ref().expect("built above");
            plot_kpi(
                ui,
                app,
                kpi,
                chart,
                state,
                forecast.as_ref(),
                plan.as_ref().and_then(|p| p.as_ref().ok()),
            );
        });
        if state.replan_open {
            ui.separator();
            ui.vertical(|ui| {
                ui.set_width(side - 8.0);
                replan_panel(ui, app, kpi, state, plan.as_ref(), out);
            });
        }
    });
}

fn plot_kpi(
    ui: &mut Ui,
    app: &AppState,
    kpi: &Kpi,
    chart: &KpiChart,
    state: &ChartsState,
    forecast: Option<&Forecast>,
    plan: Option<&Replan>,
) {
    let lang = app.lang();
    let project = app.project();
    let frequency = project.frequency_of(kpi);
    let actual_name = T::Actual.get(lang).to_string();
    let target_name = T::Target.get(lang).to_string();
    // For the hover: which chart point each actual marker is.
    let reported: Vec<&ChartPoint> = chart.points.iter().filter(|p| p.actual.is_some()).collect();
    let hover: Vec<String> = reported
        .iter()
        .map(|p| {
            let score = p.score.map(|s| format!("{s:.1} %")).unwrap_or_else(|| "—".into());
            let colon = T::Text2.get(lang);
            let note = kpi
                .period(p.start)
                .and_then(|x| x.note.as_deref())
                .filter(|_| state.accumulation == Accumulation::Period)
                .map(|n| format!("\n{}{colon}{n}", T::Note.get(lang)))
                .unwrap_or_default();
            format!(
                "{}\n{}{colon}{}\n{}{colon}{}\n{}{colon}{score}{note}",
                period_text(p.start, frequency),
                T::Actual.get(lang),
                p.actual.map(rounded_text).unwrap_or_default(),
                T::Target.get(lang),
                p.target.map(rounded_text).unwrap_or_else(|| "—".into()),
                T::Achievement.get(lang),
            )
        })
        .collect();
    let actual_for_hover = actual_name.clone();
    let label_lang = lang;
    let view_year = app.scores().range.end.year();
    Plot::new(("kpi-chart", kpi.id.0.as_str()))
        .legend(Legend::default().position(egui_plot::Corner::LeftTop))
        .x_grid_spacer(|input| month_marks(input.bounds, input.base_step_size))
        .x_axis_formatter(move |mark, _| month_label(mark.value, mark.step_size, label_lang))
        .y_axis_label(kpi.unit.clone())
        .default_x_bounds(view_year as f64 * 12.0 - 0.5, view_year as f64 * 12.0 + 12.5)
        .include_y(chart.low)
        .include_y(chart.high)
        .allow_scroll(false)
        .label_formatter(move |pos| match pos {
            egui_plot::HoverPosition::NearDataPoint { plot_name, index, .. }
                if *plot_name == actual_for_hover =>
            {
                hover.get(*index).cloned()
            }
            _ => None,
        })
        .show(ui, |plot| {
            if state.show_bands {
                for area in &chart.bands {
                    let c = crate::ui::fonts::colour(area.status.colour);
                    let fill = Color32::from_rgba_unmultiplied(c.r(), c.g(), c.b(), 38);
                    plot.add(
                        FilledArea::new("", &area.xs, &area.low, &area.high)
                            .fill_color(fill)
                            .allow_hover(false),
                    );
                }
            }
            let target: Vec<[f64; 2]> = chart
                .points
                .iter()
                .filter_map(|p| p.target.map(|t| [[period_x(p).0, t], [period_x(p).1, t]]))
                .flatten()
                .collect();
            plot.line(
                Line::new(target_name.clone(), PlotPoints::new(target))
                    .color(Color32::from_gray(90))
                    .style(LineStyle::dashed_loose())
                    .width(1.5),
            );
            let actual: Vec<[f64; 2]> =
                reported.iter().map(|p| [mid_x(p), p.actual.unwrap_or_default()]).collect();
            plot.line(
                Line::new(actual_name.clone(), PlotPoints::new(actual.clone()))
                    .color(Color32::from_rgb(31, 119, 180))
                    .width(2.5),
            );
            // Each reported period as a dot in its status colour.
            for p in &reported {
                let c = p.status.map_or(Color32::GRAY, |s| crate::ui::fonts::colour(s.colour));
                plot.add(
                    Points::new("", PlotPoints::new(vec![[mid_x(p), p.actual.unwrap_or_default()]]))
                        .color(c)
                        .radius(4.5)
                        .shape(MarkerShape::Circle)
                        .filled(true)
                        .allow_hover(false),
                );
            }
            if state.show_trend
                && let Some(f) = forecast
            {
                let trend_name = T::ChartTrend.get(lang).to_string();
                match state.accumulation {
                    Accumulation::Period => {
                        let pts: Vec<[f64; 2]> = chart
                            .points
                            .iter()
                            .filter(|p| {
                                let o = crate::score::forecast::period_ordinal(frequency, p.start);
                                o >= f.trend.from && p.start.year() <= f.year
                            })
                            .map(|p| {
                                [
                                    mid_x(p),
                                    f.trend.at(crate::score::forecast::period_ordinal(frequency, p.start)),
                                ]
                            })
                            .collect();
                        plot.line(
                            Line::new(trend_name, PlotPoints::new(pts))
                                .color(Color32::from_rgb(150, 90, 200))
                                .style(LineStyle::dashed_dense())
                                .width(1.5),
                        );
                    }
                    Accumulation::YearToDate => {
                        if let (Some(last), Some(end)) =
                            (actual.last(), NaiveDate::from_ymd_opt(f.year, 12, 31))
                        {
                            let x_end = month_x(end.succ_opt().unwrap_or(end)) - 0.5;
                            plot.line(
                                Line::new(trend_name, PlotPoints::new(vec![*last, [x_end, f.year_end]]))
                                    .color(Color32::from_rgb(150, 90, 200))
                                    .style(LineStyle::dashed_dense())
                                    .width(1.5),
                            );
                        }
                    }
                }
            }
            if let Some(plan) = plan
                && state.accumulation == Accumulation::Period
            {
                let pts: Vec<[f64; 2]> = plan
                    .periods
                    .iter()
                    .map(|x| {
                        let end = frequency.period_end(x.start);
                        let p = ChartPoint {
                            start: x.start,
                            end,
                            actual: None,
                            target: None,
                            score: None,
                            status: None,
                            scale: 1.0,
                        };
                        [mid_x(&p), x.new_target]
                    })
                    .collect();
                plot.add(
                    Points::new(T::ReplanProposed.get(lang).to_string(), PlotPoints::new(pts))
                        .color(Color32::from_rgb(230, 120, 20))
                        .radius(5.0)
                        .shape(MarkerShape::Diamond)
                        .filled(true),
                );
            }
        });
}

fn replan_panel(
    ui: &mut Ui,
    app: &AppState,
    kpi: &Kpi,
    state: &mut ChartsState,
    plan: Option<&Result<Replan, replan::ReplanError>>,
    out: &mut Vec<AppCommand>,
) {
    let lang = app.lang();
    let project = app.project();
    let frequency = project.frequency_of(kpi);
    ui.heading(T::Replan.get(lang));
    ui.label(RichText::new(T::ReplanHint.get(lang)).small().weak());
    ui.horizontal_wrapped(|ui| {
        ui.label(T::ReplanHorizon.get(lang));
        for (months, label) in [(12, T::ReplanYear), (3, T::ReplanQuarter), (1, T::ReplanMonth)] {
            if ui.selectable_label(state.replan.horizon_months == months, label.get(lang)).clicked() {
                state.replan.horizon_months = months;
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(T::ReplanSpread.get(lang));
        for (s, label) in [(Spread::Evenly, T::ReplanEvenly), (Spread::Seasonality, T::ReplanSeason)] {
            if ui.selectable_label(state.replan.spread == s, label.get(lang)).clicked() {
                state.replan.spread = s;
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(T::ReplanLevel.get(lang));
        for level in [1.0, 0.95, 0.85] {
            if ui
                .selectable_label(
                    (state.replan.level - level).abs() < 1e-9,
                    format!("{:.0} %", level * 100.0),
                )
                .clicked()
            {
                state.replan.level = level;
            }
        }
        let mut percent = state.replan.level * 100.0;
        let label = ui.label(T::ReplanCustom.get(lang)).id;
        if ui
            .add(egui::DragValue::new(&mut percent).range(10.0..=200.0).suffix(" %").speed(1.0))
            .labelled_by(label)
            .changed()
        {
            state.replan.level = percent / 100.0;
        }
    });
    ui.separator();
    match plan {
        None => {}
        Some(Err(e)) => {
            ui.label(RichText::new(e.describe(lang)).color(ui.visuals().warn_fg_color));
        }
        Some(Ok(plan)) => {
            let goal = plan.horizon_target * plan.level;
            ui.label(crate::tr!(
                lang,
                ReplanSoFar,
                target = rounded_text(plan.horizon_target),
                level = format!("{:.0}", plan.level * 100.0),
                goal = rounded_text(goal),
                done = plan.done.map(rounded_text).unwrap_or_else(|| "—".into()),
                periods = plan.reported
            ));
            if plan.already_reached {
                ui.label(RichText::new(T::ReplanReached.get(lang)).strong());
            }
            egui::Grid::new("replan-grid").striped(true).num_columns(3).show(ui, |ui| {
                ui.strong(T::Period.get(lang));
                ui.strong(T::ReplanCurrent.get(lang));
                ui.strong(T::ReplanProposed.get(lang));
                ui.end_row();
                for p in &plan.periods {
                    ui.label(period_text(p.start, frequency));
                    ui.label(p.old_target.map(number_text).unwrap_or_else(|| "—".into()));
                    ui.label(RichText::new(rounded_text(p.new_target)).strong());
                    ui.end_row();
                }
            });
            ui.add_space(6.0);
            if ui.button(RichText::new(T::ReplanApply.get(lang)).strong()).clicked() {
                let mut rounded = plan.clone();
                for p in &mut rounded.periods {
                    p.new_target = crate::ui::widgets::rounded(p.new_target);
                }
                out.push(AppCommand::Doc {
                    command: DocCommand::Upsert(Item::Kpi(Box::new(replan::apply(kpi, &rounded)))),
                    label: format!("{} {}", T::Replan.get(lang), kpi.label()),
                    merge: None,
                });
            }
        }
    }
}

/// Month by month scores of the view's year, computed once per document revision.
fn history<'a>(app: &AppState, state: &'a mut ChartsState, year: i32) -> &'a [ScoreBook] {
    let key = (app.doc.revision, year);
    if state.history.as_ref().is_none_or(|(k, _)| *k != key) {
        let books = (1..=12)
            .map(|month| ScoreBook::compute(app.project(), PeriodSpec::Month { year, month }))
            .collect();
        state.history = Some((key, books));
    }
    &state.history.as_ref().expect("computed above").1
}

fn scores_ui(ui: &mut Ui, app: &AppState, state: &mut ChartsState) {
    let lang = app.lang();
    let project = app.project();
    let year = app.scores().range.end.year();
    ui.horizontal_wrapped(|ui| {
        for (l, label) in [
            (ScoreLevel::Perspectives, T::Perspectives),
            (ScoreLevel::Objectives, T::Objectives),
            (ScoreLevel::Departments, T::Departments),
        ] {
            if ui.selectable_label(state.level == l, label.get(lang)).clicked() {
                state.level = l;
            }
        }
        ui.label(RichText::new(format!("{year}")).strong());
    });
    let level = state.level;
    let books = history(app, state, year);
    let x = |m: usize| year as f64 * 12.0 + m as f64 + 0.5;
    let series_of = |f: &dyn Fn(&ScoreBook) -> Option<f64>| -> Vec<[f64; 2]> {
        books.iter().enumerate().filter_map(|(m, b)| f(b).map(|s| [x(m), s])).collect()
    };
    let mut lines: Vec<(String, Color32, Vec<[f64; 2]>, f32)> = Vec::new();
    lines.push((
        T::Overall.get(lang).into(),
        Color32::from_gray(40),
        series_of(&|b| b.scorecard.score.ok()),
        3.0,
    ));
    let palette = [
        Color32::from_rgb(31, 119, 180),
        Color32::from_rgb(255, 127, 14),
        Color32::from_rgb(44, 160, 44),
        Color32::from_rgb(214, 39, 40),
        Color32::from_rgb(148, 103, 189),
        Color32::from_rgb(140, 86, 75),
        Color32::from_rgb(227, 119, 194),
        Color32::from_rgb(127, 127, 127),
        Color32::from_rgb(188, 189, 34),
        Color32::from_rgb(23, 190, 207),
    ];
    match level {
        ScoreLevel::Perspectives => {
            for (i, p) in project.perspectives.iter().enumerate() {
                lines.push((
                    p.name.clone(),
                    crate::ui::fonts::colour(p.colour),
                    series_of(&|b| b.perspectives[i].score.ok()),
                    2.0,
                ));
            }
        }
        ScoreLevel::Objectives => {
            for (i, o) in project.objectives.iter().enumerate() {
                lines.push((
                    o.name.clone(),
                    palette[i % palette.len()],
                    series_of(&|b| b.objectives[i].score.ok()),
                    1.5,
                ));
            }
        }
        ScoreLevel::Departments => {
            for (i, d) in project.departments.iter().enumerate() {
                lines.push((
                    d.name.clone(),
                    palette[i % palette.len()],
                    series_of(&|b| b.departments[i].score.ok()),
                    1.5,
                ));
            }
        }
    }
    let thresholds: Vec<(f64, Color32)> = project
        .scoring
        .status_rules
        .iter()
        .filter(|r| r.basis == crate::model::StatusBasis::Score && r.threshold > 0.0)
        .map(|r| (r.threshold, crate::ui::fonts::colour(r.colour)))
        .collect();
    let label_lang = lang;
    Plot::new("scores-over-time")
        .legend(Legend::default().position(egui_plot::Corner::LeftBottom))
        .x_grid_spacer(|input| month_marks(input.bounds, input.base_step_size))
        .x_axis_formatter(move |mark, _| month_label(mark.value, mark.step_size, label_lang))
        .y_axis_formatter(|mark, _| format!("{:.0} %", mark.value))
        .default_x_bounds(year as f64 * 12.0 - 0.2, year as f64 * 12.0 + 12.2)
        .include_y(80.0)
        .include_y(115.0)
        .allow_scroll(false)
        .show(ui, |plot| {
            for (t, c) in thresholds {
                plot.add(
                    HLine::new("", t)
                        .color(c.gamma_multiply(0.7))
                        .style(LineStyle::dashed_loose())
                        .allow_hover(false),
                );
            }
            for (name, colour, pts, width) in lines {
                plot.line(Line::new(name.clone(), PlotPoints::new(pts.clone())).color(colour).width(width));
                plot.add(Points::new(name, PlotPoints::new(pts)).color(colour).radius(3.0).filled(true));
            }
        });
}

fn multiples_ui(ui: &mut Ui, app: &AppState, state: &mut ChartsState, out: &mut Vec<AppCommand>) {
    let lang = app.lang();
    let project = app.project();
    if project.departments.is_empty() {
        ui.label(T::ChartNoDepartments.get(lang));
        return;
    }
    let selected_dept = match &app.selection {
        Some(Subject::Department(id)) => Some(id.clone()),
        _ => None,
    };
    let dept = state
        .department
        .clone()
        .or(selected_dept)
        .filter(|d| project.department(d).is_some())
        .or_else(|| {
            project
                .departments
                .iter()
                .find(|d| project.kpis_of_department(&d.id).next().is_some())
                .map(|d| d.id.clone())
        })
        .unwrap_or_else(|| project.departments[0].id.clone());
    let Some(department) = project.department(&dept) else { return };
    ui.horizontal(|ui| {
        let label = ui.label(T::Department.get(lang)).id;
        let r = egui::ComboBox::from_id_salt("multiples-dept")
            .selected_text(&department.name)
            .width(220.0)
            .show_ui(ui, |ui| {
                for d in &project.departments {
                    let n = project.kpis_of_department(&d.id).count();
                    if ui.selectable_label(d.id == dept, format!("{} ({n})", d.name)).clicked() {
                        state.department = Some(d.id.clone());
                    }
                }
            });
        let _ = r.response.labelled_by(label);
    });
    let year = app.scores().range.end.year();
    let key = (app.doc.revision, dept.clone(), year);
    if state.multiples.as_ref().is_none_or(|(k, _)| *k != key) {
        let range = DateRange {
            start: NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN),
            end: NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX),
        };
        let charts = project
            .kpis
            .iter()
            .enumerate()
            .filter(|(_, k)| k.department.as_ref() == Some(&dept))
            .map(|(i, k)| (i, series::kpi_series(project, k, range, Accumulation::Period)))
            .collect();
        state.multiples = Some((key, charts));
    }
    let charts = &state.multiples.as_ref().expect("computed above").1;
    if charts.is_empty() {
        ui.label(T::ChartNoDeptKpis.get(lang));
        return;
    }
    if let Some(id) = small_multiples(ui, app, charts) {
        out.push(AppCommand::Select(Some(Subject::Kpi(id))));
        state.kind = ChartKind::Kpi;
    }
}

/// A grid of small charts, one per KPI; clicking one opens its chart.
pub fn small_multiples(ui: &mut Ui, app: &AppState, charts: &[(usize, Vec<ChartPoint>)]) -> Option<KpiId> {
    let mut clicked = None;
    let project = app.project();
    let book = app.scores();
    let size = egui::vec2(250.0, 130.0);
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing = egui::vec2(10.0, 10.0);
            for (k, points) in charts {
                let kpi = &project.kpis[*k];
                let (rect, resp) = ui.allocate_exact_size(size, Sense::click());
                let status = book.kpis[*k].status.map(|s| crate::ui::fonts::colour(s.colour));
                let painter = ui.painter_at(rect);
                painter.rect_filled(rect, 6.0, ui.visuals().extreme_bg_color);
                painter.rect_stroke(
                    rect,
                    6.0,
                    egui::Stroke::new(
                        if resp.hovered() { 2.0 } else { 1.0 },
                        status.unwrap_or(Color32::GRAY),
                    ),
                    egui::StrokeKind::Inside,
                );
                let font = egui::FontId::proportional(13.0);
                painter.text(
                    rect.left_top() + egui::vec2(8.0, 6.0),
                    egui::Align2::LEFT_TOP,
                    kpi.label(),
                    font.clone(),
                    ui.visuals().text_color(),
                );
                let score =
                    book.kpis[*k].score.ok().map(|s| format!("{s:.0} %")).unwrap_or_else(|| "—".into());
                painter.text(
                    rect.right_top() + egui::vec2(-8.0, 24.0),
                    egui::Align2::RIGHT_TOP,
                    score,
                    egui::FontId::proportional(15.0),
                    status.unwrap_or(ui.visuals().text_color()),
                );
                // The period's actual against its target, as the meeting reads them out.
                let agg = &book.kpis[*k].aggregate;
                let figures = format!(
                    "{} / {} {}",
                    agg.actual.map(rounded_text).unwrap_or_else(|| "—".into()),
                    agg.target.map(rounded_text).unwrap_or_else(|| "—".into()),
                    kpi.unit
                );
                painter.text(
                    rect.left_top() + egui::vec2(8.0, 26.0),
                    egui::Align2::LEFT_TOP,
                    figures,
                    egui::FontId::proportional(12.0),
                    ui.visuals().weak_text_color(),
                );
                let chart_rect = egui::Rect::from_min_max(
                    rect.left_top() + egui::vec2(10.0, 46.0),
                    rect.right_bottom() - egui::vec2(10.0, 10.0),
                );
                crate::ui::sparkline::paint(
                    &painter,
                    chart_rect,
                    points,
                    status.unwrap_or(Color32::from_rgb(31, 119, 180)),
                    ui.visuals().weak_text_color(),
                );
                let label = kpi.label();
                resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
                if resp.clicked() {
                    clicked = Some(kpi.id.clone());
                }
            }
        });
    });
    clicked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_bands_are_a_few_stepped_areas_however_many_periods() {
        let p = crate::model::synthetic::generate(crate::model::synthetic::SyntheticSpec {
            kpis: 4,
            departments: 0,
            periods: 120,
            seed: 3,
        });
        for accumulation in [Accumulation::Period, Accumulation::YearToDate] {
            let chart = build_kpi_chart(&p, 0, accumulation, 2025, 1);
            assert_eq!(chart.points.len(), 120);
            // Red, amber, green: one area each, stepping through every period.
            assert_eq!(chart.bands.len(), 3, "{accumulation:?}");
            for a in &chart.bands {
                assert_eq!(a.xs.len(), 240);
                assert!(a.low.iter().zip(&a.high).all(|(l, h)| l <= h));
            }
            let keys: Vec<&str> = chart.bands.iter().map(|a| a.status.key(&p, None)).collect();
            assert_eq!(keys, vec!["red", "amber", "green"]);
        }
    }

    #[test]
    fn a_percentage_axis_fits_its_data_and_target() {
        // 85–98 % against a 95 % target: the axis ends near 100 %, not at 110 %.
        let (lo, hi) = fit_y(85.0, 98.0, true);
        assert!((98.0..=100.0).contains(&hi), "{hi}");
        assert!(lo < 85.0 && lo > 80.0, "{lo}");
        // Amounts: a little room either side, none below zero.
        let (lo, hi) = fit_y(1000.0, 1500.0, false);
        assert!((960.0..1000.0).contains(&lo) && (1500.0..=1540.0).contains(&hi), "{lo} {hi}");
        assert_eq!(fit_y(0.0, 10.0, false).0, 0.0);
        // Negative values keep room below.
        assert!(fit_y(-5.0, 3.0, false).0 < -5.0);
    }

    #[test]
    fn month_axis_and_ticks() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        assert_eq!(month_x(d), 2026.0 * 12.0 + 2.0);
        let p = ChartPoint {
            start: d,
            end: NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
            actual: None,
            target: None,
            score: None,
            status: None,
            scale: 1.0,
        };
        assert_eq!(period_x(&p), (2026.0 * 12.0 + 2.0, 2026.0 * 12.0 + 3.0));
        // Labels of one level per zoom: a year of months says months (January with its year),
        // never a quarter or a bare year among them.
        let labels = |bounds: (f64, f64), base: f64, lang| -> Vec<String> {
            month_marks(bounds, base).iter().map(|m| month_label(m.value, m.step_size, lang)).collect()
        };
        // A year across 1,200 points: 100 points a month, so months.
        let year = labels((2026.0 * 12.0, 2026.0 * 12.0 + 11.0), 0.08, Lang::Zh);
        assert_eq!(year[0], "2026年1月");
        assert_eq!(year[3], "4月");
        assert_eq!(year[10], "11月");
        assert!(year.iter().all(|l| !l.starts_with('Q')), "{year:?}");
        assert_eq!(labels((2026.0 * 12.0, 2026.0 * 12.0 + 11.0), 0.08, Lang::En)[0], "Jan 2026");
        // The same year in a narrow chart (47 points a month, too close for month labels):
        // quarters only.
        let narrow = labels((2026.0 * 12.0, 2026.0 * 12.0 + 11.0), 8.0 / 47.0, Lang::Zh);
        assert_eq!(narrow, ["2026年Q1", "Q2", "Q3", "Q4"]);
        // Five years: quarters only.
        let quarters = labels((2022.0 * 12.0, 2027.0 * 12.0), 0.25, Lang::En);
        assert_eq!(&quarters[..3], ["Q1 2022", "Q2", "Q3"]);
        assert!(quarters.iter().all(|l| l.starts_with('Q')), "{quarters:?}");
        // Ten years: years only.
        let marks = month_marks((2017.0 * 12.0, 2027.0 * 12.0), 0.8);
        assert!(marks.iter().all(|m| m.step_size == 12.0) && marks.len() == 11);
        assert_eq!(labels((2017.0 * 12.0, 2027.0 * 12.0), 0.8, Lang::Zh)[0], "2017");
        // One year ticks every month when there is room.
        assert_eq!(month_marks((2026.0 * 12.0, 2027.0 * 12.0), 0.08).len(), 13);
    }
}
