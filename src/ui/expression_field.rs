//! The editor of a computed KPI's expression: the typing error underlined where it is, names the
//! project does not know underlined too, completion of data element and KPI names and codes as
//! they are typed (Tab or a click takes one), and a button that makes the data elements a
//! formula written in words needs.

use crate::app::edit::Item;
use crate::app::{AppCommand, DocCommand};
use crate::i18n::{Lang, T};
use crate::model::expr::{self, Reference};
use crate::model::{DataElement, Kpi, Project};
use crate::score::computed::Formulas;
use egui::text::{CCursor, CCursorRange, LayoutJob, TextFormat};
use egui::{Key, Modifiers, RichText, Ui};
use std::ops::Range;

/// What to underline in an expression: the place of its typing error, or the names it uses that
/// nothing in the project has; in characters.
pub fn underlined(text: &str, known: &dyn Fn(&Reference) -> bool) -> Vec<(Range<usize>, bool)> {
    let chars: Vec<char> = text.chars().collect();
    match expr::parse(text) {
        Err(e) => {
            // The character where reading stopped; at the end, the last one.
            let at = e.at.min(chars.len().saturating_sub(1));
            if chars.is_empty() { Vec::new() } else { vec![(at..at + 1, true)] }
        }
        Ok(e) => {
            let mut refs = Vec::new();
            e.references(&mut refs);
            refs.into_iter().filter(|r| !known(r)).map(|r| (r.at..reference_end(&chars, r), false)).collect()
        }
    }
}

/// Where a reference's text ends: after its closing bracket, or after its last name character.
fn reference_end(chars: &[char], r: &Reference) -> usize {
    if r.bracketed {
        let close = if chars.get(r.at) == Some(&'【') { '】' } else { ']' };
        chars[r.at..].iter().position(|&c| c == close).map_or(chars.len(), |p| r.at + p + 1)
    } else {
        let mut j = r.at;
        while j < chars.len() && (chars[j].is_alphanumeric() || chars[j] == '_' || chars[j] == '.') {
            j += 1;
        }
        j.max(r.at + 1).min(chars.len())
    }
}

/// The name being typed before the caret (`caret` in characters): after an open `[`, everything
/// since it; otherwise the run of name characters. Returns where it starts and the text.
pub fn word_at(text: &str, caret: usize) -> Option<(usize, String)> {
    let chars: Vec<char> = text.chars().take(caret).collect();
    if let Some(open) = chars.iter().rposition(|&c| c == '[' || c == '【')
        && !chars[open..].iter().any(|&c| c == ']' || c == '】')
    {
        return Some((open, chars[open + 1..].iter().collect()));
    }
    let start = chars.iter().rposition(|&c| !(c.is_alphanumeric() || c == '_')).map_or(0, |p| p + 1);
    let word: String = chars[start..].iter().collect();
    // A number is no name.
    (!word.is_empty() && !word.starts_with(|c: char| c.is_ascii_digit())).then_some((start, word))
}

/// One thing an expression may name.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub code: String,
    pub name: String,
}

impl Candidate {
    /// How it is written into the expression: its code, or its name in brackets.
    pub fn reference(&self) -> String {
        if self.code.trim().is_empty() { format!("[{}]", self.name) } else { self.code.clone() }
    }

    pub fn label(&self) -> String {
        if self.code.trim().is_empty() { self.name.clone() } else { format!("{} {}", self.code, self.name) }
    }
}

/// The data elements and KPIs (not `own`) whose code starts with the word, or whose name holds
/// it; elements first, codes before names, at most `max`.
pub fn candidates(project: &Project, own: &Kpi, word: &str, max: usize) -> Vec<Candidate> {
    let w = word.trim().to_lowercase();
    if w.is_empty() {
        return Vec::new();
    }
    let items =
        project.elements.iter().map(|e| (e.code.as_str(), e.name.as_str())).chain(
            project.kpis.iter().filter(|k| k.id != own.id).map(|k| (k.code.as_str(), k.name.as_str())),
        );
    let mut by_code = Vec::new();
    let mut by_name = Vec::new();
    for (code, name) in items {
        let c = Candidate { code: code.to_string(), name: name.to_string() };
        if code.to_lowercase().starts_with(&w) {
            by_code.push(c);
        } else if name.to_lowercase().contains(&w) {
            by_name.push(c);
        }
    }
    by_code.extend(by_name);
    by_code.truncate(max);
    by_code
}

/// The commands that make a KPI computed from a formula written in words: the data elements it
/// names that the project lacks (coded `E01`, `E02` …, in the KPI's department), then the KPI
/// with the expression. `None` when the text is no such formula.
pub fn elements_from_formula(project: &Project, kpi: &Kpi, text: &str) -> Option<Vec<DocCommand>> {
    let (expression, missing) = missing_names(&Formulas::new(project), text)?;
    // Numbered on from what the project has, without copying it.
    let first_id = crate::model::ids::next_number(
        crate::model::ElementId::PREFIX,
        project.elements.iter().map(|x| x.id.as_str()),
    );
    let mut codes: Vec<String> = Vec::new();
    let mut commands = Vec::new();
    for (i, name) in missing.into_iter().enumerate() {
        let code = next_code(project, &codes);
        codes.push(code.clone());
        let mut e = DataElement::new(crate::model::ElementId::numbered(first_id + i as u64), code, name);
        e.department = kpi.department.clone();
        commands.push(DocCommand::Upsert(Item::Element(Box::new(e))));
    }
    commands
        .push(DocCommand::Upsert(Item::Kpi(Box::new(Kpi { expression: Some(expression), ..kpi.clone() }))));
    Some(commands)
}

/// `Project::next_element_code`, also skipping the codes in `taken`.
fn next_code(project: &Project, taken: &[String]) -> String {
    let mut code = project.next_element_code();
    let n = |c: &str| c.strip_prefix('E').and_then(|d| d.parse::<u64>().ok()).unwrap_or(0);
    let used = |c: &str| {
        taken.iter().any(|t| t == c)
            || project.elements.iter().any(|e| e.code.eq_ignore_ascii_case(c))
            || project.kpis.iter().any(|k| k.code.eq_ignore_ascii_case(c))
    };
    while used(&code) {
        code = format!("E{:02}", n(&code) + 1);
    }
    code
}

/// A formula in words as an expression, and the names in it nothing in the project has.
fn missing_names(formulas: &Formulas, text: &str) -> Option<(String, Vec<String>)> {
    let (expression, names) = expr::from_formula_text(text)?;
    let missing = names
        .into_iter()
        .filter(|name| formulas.resolve(&Reference { text: name.clone(), bracketed: true, at: 0 }).is_none())
        .collect();
    Some((expression, missing))
}

/// The expression field in the KPI inspector's grid (label, field, then rows of its own for
/// completions and the button). Returns the new expression text when it changed; commands that
/// create elements go to `out`.
pub fn expression_field(
    ui: &mut Ui,
    lang: Lang,
    project: &Project,
    formulas: &Formulas,
    kpi: &Kpi,
    out: &mut Vec<AppCommand>,
) -> Option<String> {
    let label_id = ui.label(T::Expression.get(lang)).id;
    let value = kpi.expression.clone().unwrap_or_default();
    let mut text = value.clone();
    let id = ui.make_persistent_id(("expression", kpi.id.as_str()));
    let known = |r: &Reference| formulas.resolve(r).is_some();
    // Tab takes the first completion offered last frame, while the field has the keyboard.
    let offered: Option<Vec<Candidate>> = ui.data(|d| d.get_temp(id.with("offered")));
    let focused = ui.memory(|m| m.has_focus(id));
    let mut accept: Option<Candidate> = None;
    if focused
        && let Some(first) = offered.as_ref().and_then(|o| o.first())
        && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Tab))
    {
        accept = Some(first.clone());
    }
    let mut layouter = |ui: &Ui, buf: &dyn egui::TextBuffer, wrap_width: f32| {
        let mut job = layout(ui, buf.as_str(), &known);
        job.wrap.max_width = wrap_width;
        ui.fonts_mut(|f| f.layout_job(job))
    };
    let output = egui::TextEdit::singleline(&mut text)
        .id(id)
        .desired_width(f32::INFINITY)
        .layouter(&mut layouter)
        .show(ui);
    let response = output.response.response.clone().labelled_by(label_id);
    ui.end_row();
    let caret = output.cursor_range.map_or(text.chars().count(), |r| r.primary.index.0);
    let mut changed = response.changed() && text != value;
    let word = if response.has_focus() || accept.is_some() { word_at(&text, caret) } else { None };
    let offer = word.as_ref().map(|(_, w)| candidates(project, kpi, w, 6)).unwrap_or_default();
    // The completions under the field: a click takes one, as Tab does.
    if !offer.is_empty() {
        ui.label("");
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(T::Complete.get(lang)).small().weak());
            for c in &offer {
                if ui.small_button(c.label()).clicked() {
                    accept = Some(c.clone());
                }
            }
        });
        ui.end_row();
    }
    ui.data_mut(|d| d.insert_temp(id.with("offered"), offer.clone()));
    if let (Some(c), Some((start, _))) = (accept, word) {
        let chars: Vec<char> = text.chars().collect();
        let end = caret.min(chars.len());
        let inserted = c.reference();
        let mut new: String = chars[..start].iter().collect();
        new.push_str(&inserted);
        let caret_at = new.chars().count();
        // A bracketed name typed part way: its closing bracket is in what was inserted.
        let rest: String = chars[end..].iter().collect();
        let rest =
            if inserted.ends_with(']') { rest.trim_start_matches([']', '】']).to_string() } else { rest };
        new.push_str(&rest);
        text = new;
        changed = text != value;
        ui.memory_mut(|m| m.request_focus(id));
        if let Some(mut state) = egui::text_edit::TextEditState::load(ui.ctx(), id) {
            state.cursor.set_char_range(Some(CCursorRange::one(CCursor::new(caret_at))));
            state.store(ui.ctx(), id);
        }
    }
    // A formula written in words (计算公式) or names the project lacks: one click makes the data
    // elements and the expression, as one undo step.
    let source = if value.trim().is_empty() { kpi.formula.as_str() } else { value.as_str() };
    let missing = !value.trim().is_empty() && underlined(&value, &known).iter().any(|(_, error)| !error);
    // A formula of one name (当月新车交车台数) is a count typed as it is, not a formula to compute.
    let is_formula = source.contains(['+', '-', '−', '*', '×', '/', '÷']);
    // Every frame only counts what is missing; the commands are made on a click.
    if ((value.trim().is_empty() && is_formula) || missing)
        && let Some((_, names)) = missing_names(formulas, source)
        && !names.is_empty()
    {
        ui.label("");
        let n = names.len();
        // Wrapped: a long label must not widen the inspector (it would close to make room).
        if ui
            .add(egui::Button::new(crate::tr!(lang, CreateElementsFromFormula, n = n)).wrap())
            .on_hover_text(expr::from_formula_text(source).map(|x| x.0).unwrap_or_default())
            .clicked()
            && let Some(commands) = elements_from_formula(project, kpi, source)
        {
            out.push(AppCommand::Doc {
                command: DocCommand::Batch(commands),
                label: format!("{} {}", T::CreateElements.get(lang), kpi.label()),
                merge: None,
            });
        }
        ui.end_row();
    }
    (changed && text != value).then_some(text)
}

/// The text with what `underlined` finds underlined: red for the typing error, amber for an
/// unknown name.
fn layout(ui: &Ui, text: &str, known: &dyn Fn(&Reference) -> bool) -> LayoutJob {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let plain = TextFormat { font_id: font.clone(), color: ui.visuals().text_color(), ..Default::default() };
    let marks = underlined(text, known);
    let mut job = LayoutJob::default();
    let mut at = 0usize;
    let byte = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(b, _)| b);
    for (range, error) in marks {
        if range.start < at {
            continue;
        }
        job.append(&text[byte(at)..byte(range.start)], 0.0, plain.clone());
        let colour = if error { ui.visuals().error_fg_color } else { ui.visuals().warn_fg_color };
        let marked = TextFormat { underline: egui::Stroke::new(2.0, colour), color: colour, ..plain.clone() };
        job.append(&text[byte(range.start)..byte(range.end)], 0.0, marked);
        at = range.end;
    }
    job.append(&text[byte(at)..], 0.0, plain);
    job
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_error_and_unknown_names_are_underlined_where_they_are() {
        let known = |r: &Reference| r.text == "E01" || r.text == "Leads";
        // Stopped at character 8 (the second operator).
        assert_eq!(underlined("E01 / * 2", &known), vec![(6..7, true)]);
        // At the end: the last character.
        assert_eq!(underlined("E01 /", &known), vec![(4..5, true)]);
        assert_eq!(
            underlined("E01 / [Leads] * E09 + [Won deals]", &known),
            vec![(16..19, false), (22..33, false)]
        );
        assert!(underlined("", &known).is_empty());
    }

    #[test]
    fn the_word_before_the_caret_is_what_completes() {
        assert_eq!(word_at("E01 / Le", 8), Some((6, "Le".into())));
        assert_eq!(word_at("E01 / [Deals w", 14), Some((6, "Deals w".into())));
        assert_eq!(word_at("E01 / [Deals] * 1", 17), None, "a number");
        assert_eq!(word_at("E01 * ", 6), None);
        assert_eq!(word_at("邀约", 2), Some((0, "邀约".into())));
    }

    #[test]
    fn a_formula_in_words_makes_its_elements_once() {
        let mut p = Project::blank(Lang::Zh, chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        p.elements.push(DataElement::new(crate::model::ElementId::numbered(1), "E01", "试乘试驾客户数"));
        let mut k = Kpi::new(crate::model::KpiId::numbered(1), "试乘试驾邀约率");
        k.formula = "邀约试乘试驾客户数 ÷ 试乘试驾客户数 × 100%".into();
        let c = elements_from_formula(&p, &k, &k.formula).unwrap();
        assert_eq!(c.len(), 2, "one element is there already");
        let DocCommand::Upsert(Item::Element(e)) = &c[0] else { panic!() };
        assert_eq!((e.code.as_str(), e.name.as_str(), e.id.as_str()), ("E02", "邀约试乘试驾客户数", "el-2"));
        let DocCommand::Upsert(Item::Kpi(k)) = &c[1] else { panic!() };
        assert_eq!(k.expression.as_deref(), Some("[邀约试乘试驾客户数] / [试乘试驾客户数] * 100"));
    }
}
