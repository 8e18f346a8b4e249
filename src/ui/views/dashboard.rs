//! The dashboard for the current period: the overall score, each perspective's, then every KPI
//! worst first (so what is red, and why, is at the top), each with a sparkline of its last twelve
//! periods. Clicking a perspective or objective opens it on the map; clicking a KPI opens its chart.

use super::data::{DataTab, DataViewState};
use super::presentation::{self, Spotlight};
use crate::app::{AppCommand, AppState, View};
use crate::i18n::Lang;
use crate::i18n::T;
use crate::model::lint::Subject;
use crate::model::{KpiId, Project};
use crate::score::series::{self, Accumulation, ChartPoint};
use crate::score::trace::TraceSubject;
use crate::score::{DateRange, NodeScore, ScoreBook};
use crate::ui::widgets::rounded_text;
use egui::{Color32, RichText, Sense, Ui};

/// Document revision and period.
type SparklineKey = (u64, crate::score::PeriodSpec);

#[derive(Default)]
pub struct DashboardState {
    /// Sparklines per KPI, for (document revision, period).
    sparklines: Option<(SparklineKey, Vec<Vec<ChartPoint>>)>,
    /// KPIs worst first, for the same key (the scores change only with the document or period).
    order: Vec<usize>,
    /// The KPIs listed: `order` filtered to the spotlight, for the same key and spotlight.
    listed: Option<(Spotlight, Vec<usize>)>,
    /// The explanation in words of the scorecard (or the perspective in the spotlight), for the
    /// same key, subject and language.
    why: Option<((SparklineKey, TraceSubject, Lang), Vec<String>)>,
}

/// The last twelve periods of each KPI up to `end`.
pub fn sparkline_points(project: &Project, end: chrono::NaiveDate) -> Vec<Vec<ChartPoint>> {
    project
        .kpis
        .iter()
        .map(|k| {
            let f = project.frequency_of(k);
            let mut start = f.period_start(end);
            for _ in 0..11 {
                start = f.period_start(start.pred_opt().unwrap_or(start));
            }
            series::kpi_series(project, k, DateRange { start, end }, Accumulation::Period)
        })
        .collect()
}

/// KPIs worst first: by score, lowest first; those without a score last.
pub fn worst_first(book: &ScoreBook) -> Vec<usize> {
    let mut order: Vec<usize> = (0..book.kpis.len()).collect();
    order.sort_by(|&a, &b| {
        let (sa, sb) = (book.kpis[a].score.ok(), book.kpis[b].score.ok());
        match (sa, sb) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.cmp(&b),
        }
    });
    order
}

fn score_text(s: &NodeScore) -> String {
    s.score.ok().map(|v| format!("{v:.1}")).unwrap_or_else(|| "—".into())
}

fn status_colour(s: Option<crate::score::Status>) -> Option<Color32> {
    s.map(|s| crate::ui::fonts::colour(s.colour))
}

/// A card with a big number; returns its response.
fn card(
    ui: &mut Ui,
    title: &str,
    value: &str,
    sub: &str,
    colour: Option<Color32>,
    size: egui::Vec2,
) -> egui::Response {
    let (rect, resp) = ui.allocate_exact_size(size, Sense::click());
    let painter = ui.painter_at(rect);
    let accent = colour.unwrap_or(Color32::GRAY);
    painter.rect_filled(rect, 8.0, ui.visuals().extreme_bg_color);
    painter.rect_stroke(
        rect,
        8.0,
        egui::Stroke::new(if resp.hovered() { 3.0 } else { 1.5 }, accent),
        egui::StrokeKind::Inside,
    );
    painter.rect_filled(
        egui::Rect::from_min_size(rect.min, egui::vec2(8.0, rect.height())),
        egui::CornerRadius { nw: 8, sw: 8, ne: 0, se: 0 },
        accent,
    );
    let text = ui.visuals().text_color();
    painter.text(
        rect.left_top() + egui::vec2(18.0, 10.0),
        egui::Align2::LEFT_TOP,
        title,
        egui::FontId::proportional(16.0),
        text,
    );
    painter.text(
        rect.left_bottom() + egui::vec2(18.0, -12.0),
        egui::Align2::LEFT_BOTTOM,
        value,
        egui::FontId::proportional(size.y * 0.36),
        accent,
    );
    painter.text(
        rect.left_top() + egui::vec2(18.0, 34.0),
        egui::Align2::LEFT_TOP,
        sub,
        egui::FontId::proportional(13.0),
        ui.visuals().weak_text_color(),
    );
    let label = format!("{title} {value} · {sub}");
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    resp
}

pub fn dashboard_ui(
    ui: &mut Ui,
    app: &AppState,
    state: &mut DashboardState,
    data: &mut DataViewState,
    spotlight: Option<Spotlight>,
    out: &mut Vec<AppCommand>,
) {
    let spot = spotlight.unwrap_or_default();
    if spotlight.is_some() {
        // Presentation mode: the header and legend frame the dashboard, which shows what the
        // presenter has highlighted.
        let area = ui.max_rect();
        let below = presentation::header(ui, app, spot, area);
        presentation::legend(ui, app, spot, &|_| false, area);
        let body = egui::Rect::from_min_max(
            below.min + egui::vec2(8.0, 8.0),
            area.max - egui::vec2(8.0, presentation::LEGEND_HEIGHT),
        );
        ui.scope_builder(egui::UiBuilder::new().max_rect(body), |ui| {
            dashboard_body(ui, app, state, data, spot, true, out)
        });
    } else {
        dashboard_body(ui, app, state, data, spot, false, out);
    }
}

fn dashboard_body(
    ui: &mut Ui,
    app: &AppState,
    state: &mut DashboardState,
    data: &mut DataViewState,
    spot: Spotlight,
    presenting: bool,
    out: &mut Vec<AppCommand>,
) {
    let lang = app.lang();
    let project = app.project();
    let book = app.scores();
    let key = (app.doc.revision, book.period);
    if state.sparklines.as_ref().is_none_or(|(k, _)| *k != key) {
        state.sparklines = Some((key, sparkline_points(project, book.range.end)));
        state.order = worst_first(book);
        state.listed = None;
    }
    if state.listed.as_ref().is_none_or(|(s, _)| *s != spot) {
        let listed = if spot == Spotlight::All {
            state.order.clone()
        } else {
            state
                .order
                .iter()
                .copied()
                .filter(|&k| match served_objective(project, &project.kpis[k]) {
                    Some(o) => spot.shows(project, o),
                    None => false,
                })
                .collect()
        };
        state.listed = Some((spot, listed));
    }
    let sparklines = &state.sparklines.as_ref().expect("computed above").1;
    let open_kpi = |id: KpiId, data: &mut DataViewState, out: &mut Vec<AppCommand>| {
        out.push(AppCommand::Select(Some(Subject::Kpi(id))));
        out.push(AppCommand::ShowView(View::Data));
        data.tab = DataTab::Charts;
        data.charts.kind = super::charts::ChartKind::Kpi;
    };
    let open_on_map = |s: Subject, out: &mut Vec<AppCommand>| {
        out.push(AppCommand::Select(Some(s)));
        out.push(AppCommand::ShowView(View::Map));
    };
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        if !presenting {
            ui.horizontal(|ui| {
                ui.heading(RichText::new(&project.info.name).strong());
                ui.label(RichText::new(book.period.label(lang)).size(18.0));
            });
            ui.add_space(6.0);
        }
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing = egui::vec2(12.0, 12.0);
            let c = &book.scorecard;
            // The KPIs under the scorecard's objectives, not the perspectives it averages.
            let (reported, total) = scorecard_kpis_reported(book);
            let coverage = crate::tr!(lang, KpisReported, reported = reported, total = total);
            if card(
                ui,
                T::OverallByPerspectives.get(lang),
                &score_text(c),
                &coverage,
                status_colour(c.status),
                egui::vec2(260.0, 120.0),
            )
            .clicked()
            {
                open_on_map(Subject::Project, out);
            }
            for (i, p) in project.perspectives.iter().enumerate() {
                let s = &book.perspectives[i];
                let sub = crate::tr!(
                    lang,
                    PerspectiveReported,
                    reported = s.coverage.reported,
                    total = s.coverage.total
                );
                let lit = spot == Spotlight::Perspective(i);
                let r = card(
                    ui,
                    &p.name,
                    &score_text(s),
                    &sub,
                    status_colour(s.status),
                    egui::vec2(200.0, 120.0),
                );
                if lit {
                    ui.painter().rect_stroke(
                        r.rect.expand(3.0),
                        10.0,
                        egui::Stroke::new(4.0, Color32::from_rgb(0xe6, 0x51, 0x00)),
                        egui::StrokeKind::Outside,
                    );
                }
                if r.clicked() && !presenting {
                    open_on_map(Subject::Perspective(p.id.clone()), out);
                }
            }
        });
        ui.add_space(8.0);
        let subject = match spot {
            Spotlight::Perspective(p) => TraceSubject::Perspective(p),
            _ => TraceSubject::Scorecard,
        };
        let why_key = (key, subject.clone(), lang);
        if state.why.as_ref().is_none_or(|(k, _)| *k != why_key) {
            let before = ScoreBook::compute(project, book.period.previous());
            let why = crate::score::why::why(project, book, Some(&before), &subject);
            state.why = Some((why_key, why.lines(lang)));
        }
        if let Some((_, lines)) = &state.why {
            // On the projector the headline and the largest drivers; the window has room for all.
            let shown = if presenting { &lines[..lines.len().min(5)] } else { &lines[..] };
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width().min(1100.0));
                crate::ui::widgets::why_lines(ui, shown);
            });
        }
        ui.add_space(10.0);
        // Objectives off track, worst first.
        let mut objectives: Vec<usize> = (0..project.objectives.len())
            .filter(|&o| book.objectives[o].score.is_ok() && spot.shows(project, &project.objectives[o]))
            .collect();
        objectives.sort_by(|&a, &b| {
            book.objectives[a].score.unwrap_or(0.0).total_cmp(&book.objectives[b].score.unwrap_or(0.0))
        });
        ui.label(RichText::new(T::Objectives.get(lang)).strong().size(17.0));
        ui.horizontal_wrapped(|ui| {
            for &o in &objectives {
                let s = &book.objectives[o];
                let colour = status_colour(s.status).unwrap_or(Color32::GRAY);
                let text = RichText::new(format!("● {} {}", project.objectives[o].name, score_text(s)))
                    .color(colour);
                if ui.add(egui::Button::new(text)).clicked() {
                    open_on_map(Subject::Objective(project.objectives[o].id.clone()), out);
                }
            }
        });
        ui.add_space(10.0);
        ui.label(RichText::new(T::DashboardAttention.get(lang)).strong().size(17.0));
        ui.label(RichText::new(T::DashboardAttentionHint.get(lang)).small().weak());
        let listed = &state.listed.as_ref().expect("computed above").1;
        kpi_list(ui, app, listed, sparklines, data, out, &open_kpi);
    });
}

/// How many of the KPIs that count in the scorecard (those under an objective) have data for
/// the period, of how many.
pub fn scorecard_kpis_reported(book: &ScoreBook) -> (usize, usize) {
    // One pass, no list: the dashboard asks every frame.
    book.kpis
        .iter()
        .zip(&book.index.kpi_objective)
        .filter(|(_, o)| o.is_some())
        .fold((0, 0), |(reported, total), (k, _)| {
            (reported + usize::from(k.aggregate.reported > 0), total + 1)
        })
}

/// The threshold that gave a KPI its colour when it is not the project's common one (its own
/// rules, or the band it reached): "red: score < 85 %". Shown where the colours would otherwise
/// seem not to follow the scores (79 amber, 81 red).
pub fn own_threshold(
    project: &Project,
    kpi: &crate::model::Kpi,
    s: &crate::score::book::KpiScore,
    lang: Lang,
) -> Option<String> {
    let status = s.status?;
    let score = s.score.ok()?;
    let common = crate::score::status::node_status(project, score).map(|c| c.colour);
    if common == Some(status.colour) {
        return None;
    }
    match status.source {
        crate::score::status::StatusSource::Kpi(i) => kpi
            .status_rules
            .as_ref()
            .and_then(|rules| crate::score::why::band_of(rules, i))
            .map(|b| b.text(&kpi.unit, lang)),
        crate::score::status::StatusSource::Band(_) => {
            Some(crate::tr!(lang, StatusFromBand, status = status.label(project, Some(kpi), lang)))
        }
        crate::score::status::StatusSource::Project(_) => None,
    }
}

/// The KPI list, worst first: only the rows in view are laid out, so 2,000 (or 32,000) KPIs
/// scroll as smoothly as 40.
fn kpi_list(
    ui: &mut Ui,
    app: &AppState,
    listed: &[usize],
    sparklines: &[Vec<ChartPoint>],
    data: &mut DataViewState,
    out: &mut Vec<AppCommand>,
    open_kpi: &dyn Fn(KpiId, &mut DataViewState, &mut Vec<AppCommand>),
) {
    let lang = app.lang();
    let project = app.project();
    let book = app.scores();
    let headings =
        [T::Status, T::KpiOne, T::Actual, T::Target, T::Score, T::DashboardLast12, T::DashboardWhy];
    // Status, KPI, actual, target, score, sparkline; the reason takes the rest. The KPI's name
    // gives way first (down to 140 points), then the reason (it is also the name's tooltip), so
    // the numbers stay in view beside the panels on a projector.
    let room = ui.available_width();
    let fixed = 110.0 + 96.0 + 96.0 + 60.0 + 130.0;
    let name_width = (room - fixed - 200.0).clamp(140.0, 300.0);
    let widths = [110.0, name_width, 96.0, 96.0, 60.0, 130.0];
    let why_width = room - widths.iter().sum::<f32>();
    let show_why = why_width >= 80.0;
    let row_height = (ui.text_style_height(&egui::TextStyle::Body) * 2.0 + 10.0).max(36.0);
    let cell = |ui: &mut Ui, width: f32, add: &mut dyn FnMut(&mut Ui)| {
        ui.allocate_ui_with_layout(
            egui::vec2(width, row_height),
            egui::Layout::left_to_right(egui::Align::Center),
            |ui| {
                ui.set_width(width);
                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                add(ui)
            },
        );
    };
    ui.horizontal(|ui| {
        for (i, t) in headings.iter().enumerate().take(if show_why { 7 } else { 6 }) {
            let w = widths.get(i).copied().unwrap_or(200.0);
            cell(ui, w, &mut |ui| {
                ui.strong(t.get(lang));
            });
        }
    });
    let width = room.max(widths.iter().sum::<f32>());
    let (all, _) =
        ui.allocate_exact_size(egui::vec2(width, row_height * listed.len() as f32), Sense::hover());
    let clip = ui.clip_rect();
    let first = ((clip.top() - all.top()) / row_height).floor().max(0.0) as usize;
    let last = (((clip.bottom() - all.top()) / row_height).ceil().max(0.0) as usize).min(listed.len());
    for (row, &k) in listed.iter().enumerate().take(last).skip(first) {
        let rect = egui::Rect::from_min_size(
            all.min + egui::vec2(0.0, row as f32 * row_height),
            egui::vec2(width, row_height),
        );
        if row % 2 == 1 {
            ui.painter().rect_filled(rect, 0.0, ui.visuals().faint_bg_color);
        }
        let mut row_ui = ui.new_child(
            egui::UiBuilder::new().max_rect(rect).layout(egui::Layout::left_to_right(egui::Align::Center)),
        );
        let ui = &mut row_ui;
        let kpi = &project.kpis[k];
        let s = &book.kpis[k];
        let colour = status_colour(s.status);
        let status =
            s.status.map(|x| x.label(project, Some(kpi), lang)).unwrap_or_else(|| T::NoData.get(lang).into());
        let threshold = own_threshold(project, kpi, s, lang);
        let reason = why(project, book, k, &sparklines[k], lang);
        cell(ui, widths[0], &mut |ui| {
            let dot = RichText::new(format!("● {status}")).color(colour.unwrap_or(Color32::GRAY)).strong();
            match &threshold {
                // The threshold that applies, under the status, where it is the KPI's own.
                Some(t) => {
                    ui.vertical(|ui| {
                        ui.add_space((row_height - 2.0 * ui.text_style_height(&egui::TextStyle::Body)) / 2.0);
                        ui.label(dot);
                        ui.label(RichText::new(t).small().weak()).on_hover_text(T::OwnThresholdTip.get(lang));
                    });
                }
                None => {
                    ui.label(dot);
                }
            }
        });
        cell(ui, widths[1], &mut |ui| {
            let tip = format!("{}\n{reason}", kpi.label());
            if ui.link(kpi.label()).on_hover_text(tip).clicked() {
                open_kpi(kpi.id.clone(), data, out);
            }
        });
        let unit = if kpi.unit.is_empty() { String::new() } else { format!(" {}", kpi.unit) };
        let number =
            |v: Option<f64>| v.map(|v| format!("{}{unit}", rounded_text(v))).unwrap_or_else(|| "—".into());
        cell(ui, widths[2], &mut |ui| {
            ui.label(number(s.aggregate.actual));
        });
        cell(ui, widths[3], &mut |ui| {
            ui.label(number(s.aggregate.target));
        });
        cell(ui, widths[4], &mut |ui| {
            ui.label(s.score.ok().map(|v| format!("{v:.1}")).unwrap_or_else(|| "—".into()));
        });
        cell(ui, widths[5], &mut |ui| {
            let (rect, resp) = ui.allocate_exact_size(egui::vec2(widths[5] - 10.0, 30.0), Sense::click());
            crate::ui::sparkline::paint(
                ui.painter(),
                rect.shrink2(egui::vec2(2.0, 4.0)),
                &sparklines[k],
                colour.unwrap_or(Color32::from_rgb(31, 119, 180)),
                ui.visuals().weak_text_color(),
            );
            let spark_label = format!("{} {}", T::DashboardLast12.get(lang), kpi.code);
            resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &spark_label));
            if resp.clicked() {
                open_kpi(kpi.id.clone(), data, out);
            }
        });
        if show_why {
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            ui.label(RichText::new(&reason).small()).on_hover_text(&reason);
        }
    }
}

/// The company objective a KPI serves: its own, the one its department aligns it to, or its
/// parent's when its target is a share of a parent KPI.
fn served_objective<'a>(
    project: &'a Project,
    kpi: &'a crate::model::Kpi,
) -> Option<&'a crate::model::Objective> {
    let mut k = kpi;
    // A cascade is a tree; the bound only guards against a damaged file's cycle.
    for _ in 0..32 {
        if let Some(o) = k.objective.as_ref().and_then(|o| project.objective(o)) {
            return Some(o);
        }
        match &k.cascade {
            Some(crate::model::Cascade::Align { objective }) => return project.objective(objective),
            Some(crate::model::Cascade::Decompose { parent, .. }) => k = project.kpi(parent)?,
            None => return None,
        }
    }
    None
}

/// One line on what the KPI's number is made of: its objective and owner, and what is missing.
fn why(project: &Project, book: &ScoreBook, k: usize, recent: &[ChartPoint], lang: Lang) -> String {
    let kpi = &project.kpis[k];
    let s = &book.kpis[k];
    let mut parts = Vec::new();
    // Most telling first: what is missing, then the direction, then who and where.
    match s.score {
        Err(crate::score::Undefined::NoActual) => parts.push(T::NoData.get(lang).into()),
        Err(crate::score::Undefined::NoTarget) => parts.push(T::DashboardNoTarget.get(lang).into()),
        _ => {}
    }
    if s.aggregate.reported > 0 && s.aggregate.reported < s.aggregate.expected {
        parts.push(crate::tr!(
            lang,
            PeriodsOfReported,
            reported = s.aggregate.reported,
            expected = s.aggregate.expected
        ));
    }
    let run = streak(recent, kpi.polarity);
    if run <= -2 {
        parts.push(crate::tr!(lang, WorsePeriodsRunning, run = -run));
    } else if run >= 3 {
        parts.push(crate::tr!(lang, BetterPeriodsRunning, run = run));
    }
    if let Some(o) = book.index.kpi_objective[k] {
        parts.push(project.objectives[o].name.clone());
    } else if let Some(d) = book.index.kpi_department[k] {
        parts.push(project.departments[d].name.clone());
    }
    if !kpi.owner.is_empty() {
        parts.push(crate::tr!(lang, OwnerIs, owner = kpi.owner));
    }
    parts.join(" · ")
}

/// How many of the latest reported periods in a row moved the same way: positive when each
/// was better than the one before (by the KPI's polarity), negative when each was worse.
pub fn streak(points: &[ChartPoint], polarity: crate::model::Polarity) -> i32 {
    let actuals: Vec<f64> = points.iter().filter_map(|p| p.actual).collect();
    let better = |a: f64, b: f64| match polarity {
        crate::model::Polarity::HigherIsBetter => b > a,
        crate::model::Polarity::LowerIsBetter => b < a,
        // Closer to the target is better; without targets here, only the direction of the
        // distance counts, so no streak is claimed.
        crate::model::Polarity::ClosestToTarget => false,
    };
    let worse =
        |a: f64, b: f64| polarity != crate::model::Polarity::ClosestToTarget && a != b && !better(a, b);
    let mut run = 0i32;
    for w in actuals.windows(2).rev() {
        let (a, b) = (w[0], w[1]);
        if better(a, b) && run >= 0 {
            run += 1;
        } else if worse(a, b) && run <= 0 {
            run -= 1;
        } else {
            break;
        }
    }
    run
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Polarity;

    fn points(values: &[f64]) -> Vec<ChartPoint> {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        values
            .iter()
            .map(|&v| ChartPoint {
                start: d,
                end: d,
                actual: Some(v),
                target: None,
                score: None,
                status: None,
                scale: 1.0,
            })
            .collect()
    }

    #[test]
    fn streaks_follow_the_polarity() {
        assert_eq!(streak(&points(&[5.0, 9.0, 8.0, 7.0]), Polarity::HigherIsBetter), -2);
        assert_eq!(streak(&points(&[5.0, 9.0, 8.0, 7.0]), Polarity::LowerIsBetter), 2);
        assert_eq!(streak(&points(&[1.0, 2.0, 3.0, 4.0]), Polarity::HigherIsBetter), 3);
        assert_eq!(streak(&points(&[1.0, 2.0, 2.0]), Polarity::HigherIsBetter), 0);
        assert_eq!(streak(&points(&[3.0]), Polarity::HigherIsBetter), 0);
        assert_eq!(streak(&points(&[1.0, 2.0, 3.0]), Polarity::ClosestToTarget), 0);
    }
}
