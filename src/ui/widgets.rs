//! Small widgets shared by the views: labelled fields whose edits come back as new values, number
//! fields that validate what is typed (without ever clamping it silently), status badges.

use crate::i18n::Lang;
use crate::i18n::T;
use crate::io::number::parse_number;
use egui::{Color32, Response, RichText, Ui};
use std::collections::HashMap;

/// Text typed into number fields that is not (yet) a valid number, by field id. While a field has
/// focus its text lives here; the document only ever receives valid numbers.
#[derive(Default, Debug)]
pub struct FieldBuffers {
    texts: HashMap<egui::Id, String>,
}

impl FieldBuffers {
    pub fn get(&self, id: egui::Id) -> Option<String> {
        self.texts.get(&id).cloned()
    }
    pub fn set(&mut self, id: egui::Id, text: String) {
        self.texts.insert(id, text);
    }
    pub fn clear(&mut self, id: egui::Id) {
        self.texts.remove(&id);
    }
}

/// What a number field accepts.
#[derive(Clone, Copy, Debug)]
pub struct NumberRule {
    pub optional: bool,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

impl NumberRule {
    pub const ANY: NumberRule = NumberRule { optional: true, min: None, max: None };
    pub const REQUIRED: NumberRule = NumberRule { optional: false, min: None, max: None };
    pub const NON_NEGATIVE: NumberRule = NumberRule { optional: false, min: Some(0.0), max: None };
    pub const PERCENT: NumberRule = NumberRule { optional: false, min: Some(0.0), max: Some(100.0) };
}

/// Formats a number for an edit field: as short as possible, no trailing zeros.
pub fn number_text(v: f64) -> String {
    if v == v.trunc() && v.abs() < 1e15 { format!("{}", v as i64) } else { format!("{v}") }
}

/// Formats a computed number (a forecast, an average) for reading: four significant digits at
/// least, two decimals at most, no trailing zeros.
pub fn rounded_text(v: f64) -> String {
    number_text(rounded(v))
}

/// The number `rounded_text` shows.
pub fn rounded(v: f64) -> f64 {
    crate::model::lint::rounded(v)
}

/// A label that wraps at the width available, anywhere in a line: Chinese has no spaces to break
/// at, and egui otherwise lets a sentence without spaces run past the panel's edge.
pub fn wrapped_label(ui: &mut Ui, text: impl Into<egui::WidgetText>) -> Response {
    let mut job = text.into().into_layout_job(ui.style(), egui::FontSelection::Default, egui::Align::LEFT);
    let job = std::sync::Arc::make_mut(&mut job);
    // No wider than what is in view either (a scroll area's content can be laid out wider).
    let visible = ui.clip_rect().right() - ui.cursor().left() - 2.0;
    job.wrap.max_width = ui.available_width().min(visible).max(40.0);
    job.wrap.break_anywhere = true;
    ui.add(egui::Label::new(job.clone()))
}

/// A label in the left column of a two-column grid; returns its id for `labelled_by`.
pub fn field_label(ui: &mut Ui, text: &str) -> egui::Id {
    ui.label(text).id
}

/// A single-line text field. Returns the new text when the user changed it.
pub fn text_field(ui: &mut Ui, label: &str, value: &str) -> Option<String> {
    let label_id = field_label(ui, label);
    let mut text = value.to_string();
    let r = ui.add(egui::TextEdit::singleline(&mut text).desired_width(f32::INFINITY)).labelled_by(label_id);
    ui.end_row();
    (r.changed() && text != value).then_some(text)
}

/// A multi-line text field.
pub fn multiline_field(ui: &mut Ui, label: &str, value: &str) -> Option<String> {
    let label_id = field_label(ui, label);
    let mut text = value.to_string();
    let r = ui
        .add(egui::TextEdit::multiline(&mut text).desired_rows(2).desired_width(f32::INFINITY))
        .labelled_by(label_id);
    ui.end_row();
    (r.changed() && text != value).then_some(text)
}

/// A number in a table cell or a row of fields: no label of its own (`name` names it for screen
/// readers and tests, and keys its typed text), a red frame and a tooltip while what is typed is
/// not a valid number. Returns `Some(new value)` like `number_field`.
pub fn number_cell(
    ui: &mut Ui,
    buffers: &mut FieldBuffers,
    lang: Lang,
    name: &str,
    value: Option<f64>,
    rule: NumberRule,
    width: f32,
) -> Option<Option<f64>> {
    let id = ui.make_persistent_id(("number-cell", name));
    let shown = value.map(number_text).unwrap_or_default();
    let mut text = buffers.texts.get(&id).cloned().unwrap_or_else(|| shown.clone());
    let r = ui.add(egui::TextEdit::singleline(&mut text).id(id).desired_width(width));
    name_text_field(&r, name, &text);
    let parsed = parse_number(&text);
    let invalid = match &parsed {
        Err(e) => Some(e.describe(lang)),
        Ok(None) if !rule.optional => Some(T::InvalidNumber.get(lang).to_string()),
        Ok(Some(v)) if rule.min.is_some_and(|m| *v < m) || rule.max.is_some_and(|m| *v > m) => Some(
            if rule.max.is_some() { T::MustBePercent } else { T::MustBeNonNegative }.get(lang).to_string(),
        ),
        _ => None,
    };
    if r.has_focus() || r.changed() {
        buffers.texts.insert(id, text.clone());
    } else {
        buffers.texts.remove(&id);
    }
    if let Some(msg) = &invalid
        && (r.has_focus() || r.changed())
    {
        ui.painter().rect_stroke(
            r.rect,
            2.0,
            egui::Stroke::new(1.5, ui.visuals().error_fg_color),
            egui::StrokeKind::Inside,
        );
        r.clone().on_hover_text(msg);
    }
    match parsed {
        Ok(v) if r.changed() && invalid.is_none() && v != value => Some(v),
        _ => None,
    }
}

/// A number field with inline validation. Returns `Some(new value)` when the text typed is a
/// valid number that differs from `value` (`Some(None)` when an optional field was cleared).
pub fn number_field(
    ui: &mut Ui,
    buffers: &mut FieldBuffers,
    lang: Lang,
    label: &str,
    value: Option<f64>,
    rule: NumberRule,
) -> Option<Option<f64>> {
    let label_id = field_label(ui, label);
    let id = ui.make_persistent_id(("number", label));
    let shown = value.map(number_text).unwrap_or_default();
    let mut text = buffers.texts.get(&id).cloned().unwrap_or_else(|| shown.clone());
    let mut result = None;
    let mut error: Option<String> = None;
    ui.vertical(|ui| {
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut text)
                    .id(id)
                    .desired_width(f32::INFINITY)
                    .hint_text(if rule.optional { T::Optional.get(lang) } else { "" }),
            )
            .labelled_by(label_id);
        let parsed = parse_number(&text);
        error = match &parsed {
            Err(e) => Some(e.describe(lang)),
            Ok(None) if !rule.optional => Some(T::InvalidNumber.get(lang).into()),
            Ok(Some(v)) if rule.min.is_some_and(|m| *v < m) || rule.max.is_some_and(|m| *v > m) => Some(
                if rule.max.is_some() { T::MustBePercent } else { T::MustBeNonNegative }.get(lang).into(),
            ),
            _ => None,
        };
        if r.has_focus() || r.changed() {
            buffers.texts.insert(id, text.clone());
        }
        if r.changed()
            && error.is_none()
            && let Ok(v) = parsed
            && v != value
        {
            result = Some(v);
        }
        if r.lost_focus() || (!r.has_focus() && !r.changed()) {
            // Leaving the field shows the document's value again, valid or not typed.
            buffers.texts.remove(&id);
            if r.lost_focus() {
                error = None;
            }
        }
        if let Some(e) = &error {
            ui.label(RichText::new(e).color(ui.visuals().error_fg_color).small());
        }
    });
    ui.end_row();
    result
}

/// A combo box over `options`; returns the chosen one when it changed.
pub fn choice<V: PartialEq + Clone>(
    ui: &mut Ui,
    label: &str,
    current: &V,
    options: &[(V, String)],
) -> Option<V> {
    choice_with_tips(ui, label, current, options, |_| None)
}

/// A choice whose options each explain themselves when hovered (`tip`).
pub fn choice_with_tips<V: PartialEq + Clone>(
    ui: &mut Ui,
    label: &str,
    current: &V,
    options: &[(V, String)],
    tip: impl Fn(&V) -> Option<&'static str>,
) -> Option<V> {
    let label_id = field_label(ui, label);
    let shown = options.iter().find(|(v, _)| v == current).map(|(_, t)| t.clone()).unwrap_or_default();
    let mut chosen = None;
    let r = egui::ComboBox::from_id_salt(("choice", label))
        .selected_text(shown)
        .width(ui.available_width().max(120.0))
        .show_ui(ui, |ui| {
            for (v, text) in options {
                let mut r = ui.selectable_label(v == current, text.as_str());
                if let Some(t) = tip(v) {
                    r = r.on_hover_text(t);
                }
                if r.clicked() && v != current {
                    chosen = Some(v.clone());
                }
            }
        });
    if let Some(t) = tip(current) {
        let _ = r.response.clone().on_hover_text(t);
    }
    // Named after its field, so a screen reader (and a test) finds "Theme", not its value.
    r.response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, label));
    let _ = r.response.labelled_by(label_id);
    ui.end_row();
    chosen
}

/// A colour picker field.
pub fn colour_field(ui: &mut Ui, label: &str, value: crate::model::Colour) -> Option<crate::model::Colour> {
    let label_id = field_label(ui, label);
    let mut rgb = [value.r(), value.g(), value.b()];
    let r = ui.color_edit_button_srgb(&mut rgb).labelled_by(label_id);
    ui.end_row();
    (r.changed()).then(|| crate::model::Colour::rgb(rgb[0], rgb[1], rgb[2])).filter(|c| *c != value)
}

/// A coloured status pill with a score, e.g. "● 97.3 %".
pub fn status_badge(ui: &mut Ui, colour: Option<Color32>, text: &str) -> Response {
    let colour = colour.unwrap_or(Color32::GRAY);
    ui.label(RichText::new(format!("● {text}")).color(colour).strong())
}

/// Gives a text field in a table cell an accessible name ("Target F01 …"), which tests and
/// screen readers use to find it; the column header alone does not say which row it is in.
pub fn name_text_field(r: &Response, name: &str, text: &str) {
    r.widget_info(|| egui::WidgetInfo {
        label: Some(name.to_string()),
        current_text_value: Some(text.to_string()),
        ..egui::WidgetInfo::new(egui::Role::TextInput)
    });
}

/// A row of tools that never wraps into a second row: the tools that do not fit go, in order,
/// into a "More" menu at its end. `draw(ui, i)` draws tool `i` (in the row or in the menu).
/// Widths are measured as the tools are drawn and kept for the next frame, so the row adapts
/// to the language, the UI scale and the window within a frame. Call it inside a horizontal
/// layout; `reserve` points stay free after it for what follows on the same row.
pub fn tool_row(
    ui: &mut Ui,
    id_salt: &str,
    count: usize,
    reserve: f32,
    lang: Lang,
    mut draw: impl FnMut(&mut Ui, usize),
) {
    let id = egui::Id::unique(("tool-row", id_salt));
    let mut widths: Vec<f32> = ui.data(|d| d.get_temp(id)).unwrap_or_default();
    widths.resize(count, 0.0);
    let more = T::MoreTools.get(lang);
    let more_width = ui
        .painter()
        .layout_no_wrap(more.to_string(), egui::TextStyle::Button.resolve(ui.style()), Color32::WHITE)
        .size()
        .x
        + 2.0 * ui.spacing().button_padding.x
        + ui.spacing().item_spacing.x;
    let available = ui.available_width() - reserve;
    let fit = if widths.iter().sum::<f32>() <= available {
        count
    } else {
        let mut used = more_width;
        widths
            .iter()
            .take_while(|&&w| {
                used += w;
                used <= available
            })
            .count()
    };
    for (i, width) in widths.iter_mut().enumerate().take(fit) {
        let start = ui.cursor().min.x;
        draw(ui, i);
        *width = ui.cursor().min.x - start;
    }
    if fit < count {
        ui.menu_button(more, |ui| {
            for i in fit..count {
                draw(ui, i);
            }
        });
    }
    ui.data_mut(|d| d.insert_temp(id, widths));
}

/// An explanation in words (`score::why::Why::lines`): headings as they are, items indented by
/// the depth their text is indented. Plain wrapped labels, so a long line never widens a panel.
pub fn why_lines(ui: &mut Ui, lines: &[String]) {
    for line in lines {
        let text = line.trim_start();
        let depth = line.len() - text.len();
        ui.add(egui::Label::new(format!("{}{text}", "\u{2002}".repeat(depth))).wrap());
    }
}

/// A date typed as YYYY-MM-DD in a two-column grid: what is typed stays while it is not a date
/// (with a message under it), and is applied when it is one. Returns `Some(new value)`.
pub fn date_field(
    ui: &mut Ui,
    buffers: &mut FieldBuffers,
    lang: Lang,
    label: &str,
    value: Option<chrono::NaiveDate>,
    optional: bool,
) -> Option<Option<chrono::NaiveDate>> {
    let label_id = field_label(ui, label);
    let id = ui.make_persistent_id(("date", label));
    let shown = value.map(|d| d.to_string()).unwrap_or_default();
    let mut text = buffers.get(id).unwrap_or_else(|| shown.clone());
    let mut result = None;
    ui.vertical(|ui| {
        let r = ui
            .add(egui::TextEdit::singleline(&mut text).id(id).desired_width(f32::INFINITY))
            .labelled_by(label_id);
        let parsed = if text.trim().is_empty() && optional {
            Ok(None)
        } else {
            chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map(Some)
        };
        if r.has_focus() || r.changed() {
            buffers.set(id, text.clone());
        }
        match &parsed {
            Ok(v) if r.changed() && *v != value => result = Some(*v),
            Err(_) => {
                ui.label(RichText::new(T::InvalidDate.get(lang)).color(ui.visuals().error_fg_color).small());
            }
            _ => {}
        }
        if !r.has_focus() && !r.changed() {
            buffers.clear(id);
        }
    });
    ui.end_row();
    result
}
