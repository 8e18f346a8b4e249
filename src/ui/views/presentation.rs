//! Presentation mode for the workshop, shared by the map and the dashboard: full screen, the
//! project's name, the period and a legend; the keys a presenter's clicker sends (Page Down /
//! Page Up, Space, the arrows) step through the perspectives and then the themes, highlighting
//! one at a time, instead of panning; Home shows everything again and Esc leaves.

use crate::app::AppState;
use crate::i18n::{Lang, T};
use crate::model::{Objective, Project};
use crate::ui::actions::Action;
use crate::ui::fonts::colour;
use egui::{Color32, FontId, Key, Pos2, Rect, Ui, Vec2};

/// What is highlighted: everything, one perspective or one theme (indexes into the project's).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Spotlight {
    #[default]
    All,
    Perspective(usize),
    Theme(usize),
}

impl Spotlight {
    /// The steps in order: everything, each perspective top to bottom, each theme.
    fn steps(p: &Project) -> Vec<Spotlight> {
        std::iter::once(Spotlight::All)
            .chain((0..p.perspectives.len()).map(Spotlight::Perspective))
            .chain((0..p.themes.len()).map(Spotlight::Theme))
            .collect()
    }

    /// The next (or previous) step, wrapping round to everything.
    pub fn step(self, p: &Project, forward: bool) -> Spotlight {
        let steps = Self::steps(p);
        let at = steps.iter().position(|s| *s == self).unwrap_or(0);
        let n = steps.len();
        steps[if forward { (at + 1) % n } else { (at + n - 1) % n }]
    }

    /// Whether an objective is in the light.
    pub fn shows(self, p: &Project, o: &Objective) -> bool {
        match self {
            Spotlight::All => true,
            Spotlight::Perspective(i) => p.perspectives.get(i).is_none_or(|x| x.id == o.perspective),
            Spotlight::Theme(i) => p.themes.get(i).is_none_or(|t| o.theme.as_ref() == Some(&t.id)),
        }
    }

    /// What the header says is highlighted.
    pub fn name(self, p: &Project, lang: Lang) -> Option<String> {
        match self {
            Spotlight::All => None,
            Spotlight::Perspective(i) => p.perspectives.get(i).map(|x| x.name.clone()),
            Spotlight::Theme(i) => p.themes.get(i).map(|t| format!("{}: {}", T::Theme.get(lang), t.name)),
        }
    }
}

/// Reads the presenter's keys: steps the spotlight, Esc leaves presentation mode.
pub fn keys(ui: &Ui, p: &Project, spotlight: &mut Spotlight, actions: &mut Vec<Action>) {
    if ui.ctx().egui_wants_keyboard_input() {
        return;
    }
    let none = egui::Modifiers::NONE;
    ui.input_mut(|i| {
        for key in [Key::PageDown, Key::Space, Key::ArrowRight, Key::ArrowDown] {
            if i.consume_key(none, key) {
                *spotlight = spotlight.step(p, true);
            }
        }
        for key in [Key::PageUp, Key::ArrowLeft, Key::ArrowUp] {
            if i.consume_key(none, key) {
                *spotlight = spotlight.step(p, false);
            }
        }
        if i.consume_key(none, Key::Home) {
            *spotlight = Spotlight::All;
        }
        if i.consume_key(none, Key::Escape) {
            *spotlight = Spotlight::All;
            actions.push(Action::Presentation);
        }
    });
}

/// Height of the header band at the top, in points.
pub const HEADER_HEIGHT: f32 = 46.0;

/// Paints the header: the project's name, the period and what is highlighted; returns the area
/// left below it.
pub fn header(ui: &Ui, app: &AppState, spotlight: Spotlight, area: Rect) -> Rect {
    let lang = app.lang();
    let p = app.project();
    let painter = ui.painter_at(area);
    let text = ui.visuals().text_color();
    let top = Rect::from_min_size(area.min, Vec2::new(area.width(), HEADER_HEIGHT));
    painter.rect_filled(top, 0.0, ui.visuals().panel_fill);
    // Name, period and highlight side by side, smaller together when the window is narrow.
    let parts = [
        (p.info.name.clone(), 22.0, text),
        (app.scores().period.label(lang), 18.0, ui.visuals().weak_text_color()),
        (spotlight.name(p, lang).unwrap_or_default(), 20.0, Color32::from_rgb(0xe6, 0x51, 0x00)),
    ];
    let gap = 20.0;
    let lay = |shrink: f32| {
        parts
            .iter()
            .filter(|(t, ..)| !t.is_empty())
            .map(|(t, size, c)| painter.layout_no_wrap(t.clone(), FontId::proportional(size * shrink), *c))
            .collect::<Vec<_>>()
    };
    let natural: f32 = lay(1.0).iter().map(|g| g.size().x + gap).sum::<f32>() + 14.0;
    let shrink = (top.width() / natural).clamp(0.55, 1.0);
    let mut x = top.left() + 14.0;
    for g in lay(shrink) {
        let w = g.size().x;
        painter.galley(Pos2::new(x, top.center().y - g.size().y / 2.0), g, text);
        x += w + gap;
    }
    Rect::from_min_max(Pos2::new(area.left(), top.bottom()), area.max)
}

/// Height of the legend band at the bottom, in points.
pub const LEGEND_HEIGHT: f32 = 40.0;

/// Paints the legend along the bottom: the status colours, then the themes (dimmed when
/// hidden or out of the light), and the key hint.
pub fn legend(ui: &Ui, app: &AppState, spotlight: Spotlight, hidden: &dyn Fn(usize) -> bool, area: Rect) {
    let lang = app.lang();
    let p = app.project();
    let band = Rect::from_min_max(Pos2::new(area.left(), area.bottom() - LEGEND_HEIGHT), area.max);
    let painter = ui.painter_at(band);
    painter.rect_filled(band, 0.0, ui.visuals().panel_fill);
    let text = ui.visuals().text_color();
    let y = band.center().y;
    let mut x = band.left() + 14.0;
    let item = |x: &mut f32, swatch: Color32, round: bool, name: &str, alpha: f32| {
        let r = Rect::from_center_size(Pos2::new(*x + 7.0, y), Vec2::splat(14.0));
        if round {
            painter.circle_filled(r.center(), 7.0, swatch.gamma_multiply(alpha));
        } else {
            painter.rect_filled(r, 3.0, swatch.gamma_multiply(alpha));
        }
        let g =
            painter.layout_no_wrap(name.to_string(), FontId::proportional(15.0), text.gamma_multiply(alpha));
        let w = g.size().x;
        painter.galley(Pos2::new(*x + 20.0, y - g.size().y / 2.0), g, text);
        *x += w + 36.0;
    };
    let mut seen = Vec::new();
    for rule in &p.scoring.status_rules {
        if !seen.contains(&rule.status) {
            seen.push(rule.status.clone());
            item(
                &mut x,
                colour(rule.colour),
                true,
                &crate::score::status::status_label(&rule.status, lang),
                1.0,
            );
        }
    }
    x += 12.0;
    for (i, t) in p.themes.iter().enumerate() {
        let lit = !hidden(i) && matches!(spotlight, Spotlight::All | Spotlight::Perspective(_))
            || spotlight == Spotlight::Theme(i);
        item(&mut x, colour(t.colour), false, &t.name, if lit { 1.0 } else { 0.3 });
    }
    // The keys, at the right when there is room beside the legend.
    let hint = painter.layout_no_wrap(
        T::PresentationKeys.get(lang).to_string(),
        FontId::proportional(12.0),
        text.gamma_multiply(0.6),
    );
    if x + hint.size().x + 12.0 < band.right() {
        let at = Pos2::new(band.right() - 12.0 - hint.size().x, y - hint.size().y / 2.0);
        painter.galley(at, hint, text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clicker_steps_through_perspectives_then_themes_and_wraps() {
        let file =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-projects/dealership-sales.json");
        let p = crate::io::load_file(&file).unwrap().project;
        assert!(!p.themes.is_empty());
        let n = p.perspectives.len();
        let mut s = Spotlight::All;
        let mut seen = Vec::new();
        for _ in 0..(1 + n + p.themes.len()) {
            s = s.step(&p, true);
            seen.push(s);
        }
        assert_eq!(seen[0], Spotlight::Perspective(0));
        assert_eq!(seen[n - 1], Spotlight::Perspective(n - 1));
        assert_eq!(*seen.last().unwrap(), Spotlight::All);
        assert_eq!(Spotlight::All.step(&p, false), *seen.iter().rev().nth(1).unwrap());
        let o = &p.objectives[0];
        let mine = p.perspectives.iter().position(|x| x.id == o.perspective).unwrap();
        assert!(Spotlight::Perspective(mine).shows(&p, o));
        assert!(!Spotlight::Perspective((mine + 1) % n).shows(&p, o));
    }
}
