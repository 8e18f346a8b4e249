//! The cascade tree picture: the organisation with each unit's score and grade.

use super::*;
use crate::app::{AppCommand, AppState};
use crate::i18n::T;
use crate::model::lint::Subject;
use crate::score::cascade::{self};
use egui::{RichText, Sense, Ui, Vec2};
use std::collections::HashMap;

/// A node: two lines of name (long unit names wrap, not cut), the head, the score.
pub(super) const NODE: Vec2 = Vec2::new(176.0, 86.0);

pub(super) const GAP: Vec2 = Vec2::new(48.0, 12.0);

/// Positions of the tree's nodes, left to right (a company has many departments, and a screen
/// is wider than tall, so levels are columns): leaves one under another, each parent centred
/// beside its children.
pub fn tree_layout(p: &Project) -> (Vec<egui::Pos2>, Vec2) {
    let n = p.departments.len();
    let order = cascade::tree_order(p);
    let depths = cascade::depths(p);
    let pos_of: HashMap<&DepartmentId, usize> =
        p.departments.iter().enumerate().map(|(i, d)| (&d.id, i)).collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &d in &order {
        if let Some(&parent) = p.departments[d].parent.as_ref().and_then(|x| pos_of.get(x))
            && parent != d
        {
            children[parent].push(d);
        }
    }
    let mut y = vec![0.0f32; n];
    let mut next_leaf = 0.0f32;
    for &d in &order {
        if children[d].is_empty() {
            y[d] = next_leaf;
            next_leaf += NODE.y + GAP.y;
        }
    }
    // Reverse depth-first order places every child before its parent.
    for &d in order.iter().rev() {
        if let (Some(&first), Some(&last)) = (children[d].first(), children[d].last()) {
            y[d] = (y[first] + y[last]) / 2.0;
        }
    }
    let max_depth = depths.iter().copied().max().unwrap_or(0);
    let positions = (0..n).map(|d| egui::pos2(depths[d] as f32 * (NODE.x + GAP.x), y[d])).collect();
    let size = Vec2::new((max_depth + 1) as f32 * (NODE.x + GAP.x), next_leaf.max(NODE.y));
    (positions, size)
}

pub(super) fn tree_picture_ui(
    ui: &mut Ui,
    app: &AppState,
    state: &mut CascadeViewState,
    out: &mut Vec<AppCommand>,
) {
    let lang = app.lang();
    let p = app.project();
    let book = app.scores();
    ui.label(RichText::new(T::CascadeTreeHint.get(lang)).weak());
    let (positions, size) = tree_layout(p);
    let selected = unit_index(p, state);
    egui::ScrollArea::both().id_salt("cascade-tree-scroll").show(ui, |ui| {
        let (rect, _) = ui.allocate_exact_size(size + Vec2::splat(16.0), Sense::hover());
        let origin = rect.min + Vec2::splat(8.0);
        let painter = ui.painter_at(rect);
        let line = egui::Stroke::new(1.5, ui.visuals().weak_text_color());
        // Connectors: right from the parent, along, right to each child.
        let index: std::collections::HashMap<&DepartmentId, usize> =
            p.departments.iter().enumerate().map(|(i, d)| (&d.id, i)).collect();
        for (d, dept) in p.departments.iter().enumerate() {
            let Some(&parent) = dept.parent.as_ref().and_then(|x| index.get(x)) else {
                continue;
            };
            let from = origin + positions[parent].to_vec2() + Vec2::new(NODE.x, NODE.y / 2.0);
            let to = origin + positions[d].to_vec2() + Vec2::new(0.0, NODE.y / 2.0);
            let mid = from.x + GAP.x / 2.0;
            painter.line_segment([from, egui::pos2(mid, from.y)], line);
            painter.line_segment([egui::pos2(mid, from.y), egui::pos2(mid, to.y)], line);
            painter.line_segment([egui::pos2(mid, to.y), to], line);
        }
        let has_children: std::collections::HashSet<&DepartmentId> =
            p.departments.iter().filter_map(|x| x.parent.as_ref()).collect();
        // Only the nodes in view are drawn (a big company's tree is far taller than the screen).
        let visible = ui.clip_rect();
        for (d, dept) in p.departments.iter().enumerate() {
            let r = egui::Rect::from_min_size(origin + positions[d].to_vec2(), NODE);
            if !visible.intersects(r) {
                continue;
            }
            let node = book.departments[d];
            let status = status_colour(&node);
            let fill = match status {
                Some(c) => c.gamma_multiply(0.18),
                None => ui.visuals().faint_bg_color,
            };
            let stroke_colour = status.unwrap_or(ui.visuals().weak_text_color());
            let width = if Some(d) == selected { 3.0 } else { 1.5 };
            painter.rect(r, 6.0, fill, egui::Stroke::new(width, stroke_colour), egui::StrokeKind::Inside);
            let text_colour = ui.visuals().text_color();
            let body = egui::FontId::proportional(13.0);
            let mut job = egui::text::LayoutJob::simple(
                dept.name.clone(),
                egui::FontId::proportional(14.0),
                text_colour,
                NODE.x - 12.0,
            );
            job.wrap.max_rows = 2;
            job.wrap.break_anywhere = true;
            job.halign = egui::Align::Center;
            let name = ui.painter().layout_job(job);
            let name_cut = name.elided;
            painter.galley(r.center_top() + Vec2::new(0.0, 5.0), name, text_colour);
            painter.text(
                r.center_top() + Vec2::new(0.0, 46.0),
                egui::Align2::CENTER_TOP,
                truncate(&dept.head, 16),
                body.clone(),
                ui.visuals().weak_text_color(),
            );
            let g = grade_of(p, book.department_own[d]);
            let mut score = if g.is_empty() {
                score_label(node.score)
            } else {
                format!("{} · {g}", score_label(node.score))
            };
            // The top unit's score rolls up its units; the dashboard's scorecard score rolls up
            // perspectives. Said on the node, so two different numbers are not read as one wrong.
            let is_root = dept.parent.is_none() && has_children.contains(&dept.id);
            if is_root {
                score = format!("{score} · {}", T::ByUnits.get(lang));
            }
            painter.text(
                r.center_top() + Vec2::new(0.0, 64.0),
                egui::Align2::CENTER_TOP,
                score,
                body,
                status.unwrap_or(text_colour),
            );
            let resp = ui.interact(r, ui.scope_id().with(("tree-node", d)), Sense::click());
            resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &dept.name));
            if resp.clicked() {
                state.unit = Some(dept.id.clone());
                out.push(AppCommand::Select(Some(Subject::Department(dept.id.clone()))));
            }
            if resp.double_clicked() {
                state.tab = Tab::Scorecard;
            }
            let tip = if is_root {
                format!("{}\n{}\n{}", dept.name, T::ByUnitsTip.get(lang), T::OpenScorecardHint.get(lang))
            } else if name_cut {
                format!("{}\n{}", dept.name, T::OpenScorecardHint.get(lang))
            } else {
                T::OpenScorecardHint.get(lang).to_string()
            };
            resp.on_hover_text(tip);
        }
    });
}

pub(super) fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}
