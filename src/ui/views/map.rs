//! The strategy map: perspectives as horizontal bands, objectives as boxes, cause-and-effect
//! links as arrows.

use crate::app::{AppCommand, AppState};
use crate::model::*;
use crate::ui::actions::Action;
use egui::Ui;

#[derive(Default)]
pub struct MapState {
    pub fit_requested: bool,
}

pub fn map_ui(
    ui: &mut Ui,
    app: &AppState,
    _state: &mut MapState,
    _presentation: bool,
    _out: &mut Vec<AppCommand>,
    _actions: &mut Vec<Action>,
) {
    let p = app.project();
    for persp in &p.perspectives {
        ui.heading(&persp.name);
        for o in p.objectives_in(&persp.id) {
            ui.label(&o.name);
        }
    }
}

/// A free position for a new objective in a perspective: right of the existing ones.
pub fn free_spot(p: &Project, perspective: &PerspectiveId) -> Point {
    let right = p.objectives_in(perspective).map(|o| o.position.x + o.size.w).fold(0.0, f64::max);
    Point { x: if right > 0.0 { right + 30.0 } else { 40.0 }, y: 30.0 }
}

pub fn auto_layout(_app: &AppState, _out: &mut Vec<AppCommand>) {}
