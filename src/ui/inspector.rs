//! The inspector: edits every field of the selected item. Each change becomes a document command
//! merged per field, so typing a name is one undo step.

use super::widgets::{
    self, FieldBuffers, NumberRule, choice, choice_with_tips, colour_field, multiline_field, number_field,
    text_field,
};
use crate::app::history::{Field, MergeKey, MergeTarget};
use crate::app::{AppCommand, AppState, DocCommand, Item};
use crate::i18n::Lang;
use crate::i18n::T;
use crate::model::expr::MissingInputs;
use crate::model::lint::Subject;
use crate::model::*;
use crate::score::trace::{self, TraceSubject};
use egui::{RichText, Ui};

#[derive(Default, Debug)]
pub struct InspectorState {
    pub buffers: FieldBuffers,
    pub show_trace: bool,
    /// The explanation in words of the selected item, kept until the document, period, item or
    /// language changes (it scores the previous period too).
    why: Option<(WhyKey, Vec<String>)>,
    /// The first day a target or weight typed now takes effect (`None`: every period).
    pub effective_from: Option<chrono::NaiveDate>,
}

type WhyKey = (u64, crate::score::PeriodSpec, TraceSubject, Lang);

fn upsert(out: &mut Vec<AppCommand>, item: Item, label: String, field: Field) {
    let merge = Some(MergeKey::item(item.subject(), field));
    out.push(AppCommand::Doc { command: DocCommand::Upsert(item), label, merge });
}

/// Several objectives at once: their perspective, theme and owner, each change one undo step for
/// all of them. A field where they differ shows "(mixed)" until it is set.
fn several_ui(ui: &mut Ui, app: &AppState, ids: &[ObjectiveId], out: &mut Vec<AppCommand>) {
    let lang = app.lang();
    let p = app.project();
    let objectives: Vec<&Objective> = ids.iter().filter_map(|id| p.objective(id)).collect();
    ui.heading(crate::tr!(lang, ObjectivesSelected, n = objectives.len()));
    let shared = |get: &dyn Fn(&Objective) -> String| {
        let first = objectives.first().map(|o| get(o)).unwrap_or_default();
        objectives.iter().all(|o| get(o) == first).then_some(first)
    };
    let change_all = |out: &mut Vec<AppCommand>, field: Field, edit: &dyn Fn(&mut Objective)| {
        let commands = objectives
            .iter()
            .map(|o| {
                let mut o = (*o).clone();
                edit(&mut o);
                DocCommand::Upsert(Item::Objective(o))
            })
            .collect();
        out.push(AppCommand::Doc {
            command: DocCommand::Batch(commands),
            label: crate::tr!(lang, ObjectivesSelected, n = objectives.len()),
            merge: Some(MergeKey::new(MergeTarget::Objectives(ids.to_vec()), field)),
        });
    };
    let mixed = T::Mixed.get(lang).to_string();
    grid(ui, "several-grid", |ui| {
        let current = shared(&|o| o.perspective.0.clone()).map(PerspectiveId);
        let mut persps: Vec<(Option<PerspectiveId>, String)> = vec![(None, mixed.clone())];
        persps.extend(p.perspectives.iter().map(|q| (Some(q.id.clone()), q.name.clone())));
        if let Some(Some(v)) = choice(ui, T::Perspective.get(lang), &current, &persps) {
            change_all(out, Field::Perspective, &|o| o.perspective = v.clone());
        }
        // `None` is "no theme"; the outer `None` is "they differ".
        let current: Option<Option<ThemeId>> =
            shared(&|o| o.theme.as_ref().map_or(String::new(), |t| t.0.clone()))
                .map(|t| (!t.is_empty()).then_some(ThemeId(t)));
        let mut themes: Vec<(Option<Option<ThemeId>>, String)> =
            vec![(None, mixed.clone()), (Some(None), T::NoTheme.get(lang).into())];
        themes.extend(p.themes.iter().map(|t| (Some(Some(t.id.clone())), t.name.clone())));
        if let Some(Some(v)) = choice(ui, T::Theme.get(lang), &current, &themes) {
            change_all(out, Field::Theme, &|o| o.theme = v.clone());
        }
        let owner = shared(&|o| o.owner.clone());
        if let Some(v) = text_field(ui, T::Owner.get(lang), owner.as_deref().unwrap_or_default()) {
            change_all(out, Field::Owner, &|o| o.owner = v.clone());
        }
        let own = objectives.first().map(|o| o.colour).filter(|c| objectives.iter().all(|o| o.colour == *c));
        let shown = objectives.first().map_or(crate::model::Colour::rgb(0x9e, 0x9e, 0x9e), |o| {
            o.accent(
                p,
                p.perspective(&o.perspective)
                    .map_or(crate::model::Colour::rgb(0x9e, 0x9e, 0x9e), |q| q.colour),
            )
        });
        if let Some(v) = box_colour_field(ui, lang, own, shown) {
            change_all(out, Field::Colour, &|o| o.colour = v);
        }
        ui.label(T::MapPinned.get(lang));
        let mut pinned = objectives.iter().all(|o| o.pinned);
        if ui.checkbox(&mut pinned, T::MapPinnedTip.get(lang)).changed() {
            change_all(out, Field::Pinned, &|o| o.pinned = pinned);
        }
        ui.end_row();
    });
}

/// A box's own colour: a colour button, and "Automatic" to go back to the theme's or perspective's
/// colour. `own` is the objective's own colour (`Some(None)`: none; `None`: several that differ);
/// `shown` is what the map draws now. Returns the new own colour.
fn box_colour_field(
    ui: &mut Ui,
    lang: crate::i18n::Lang,
    own: Option<Option<crate::model::Colour>>,
    shown: crate::model::Colour,
) -> Option<Option<crate::model::Colour>> {
    let label_id = widgets::field_label(ui, T::BoxColour.get(lang));
    let mut changed = None;
    ui.horizontal(|ui| {
        let mut rgb = [shown.r(), shown.g(), shown.b()];
        if ui.color_edit_button_srgb(&mut rgb).labelled_by(label_id).changed() {
            changed = Some(Some(crate::model::Colour::rgb(rgb[0], rgb[1], rgb[2])));
        }
        match own {
            Some(None) => {
                ui.label(RichText::new(T::BoxColourAutomatic.get(lang)).weak());
            }
            None => {
                ui.label(RichText::new(T::Mixed.get(lang)).weak());
            }
            Some(Some(_)) => {}
        }
        if own != Some(None)
            && ui
                .small_button(T::BoxColourAutomatic.get(lang))
                .on_hover_text(T::BoxColourAutomaticTip.get(lang))
                .clicked()
        {
            changed = Some(None);
        }
    });
    ui.end_row();
    changed.filter(|c| own != Some(*c))
}

fn grid(ui: &mut Ui, id: &str, add: impl FnOnce(&mut Ui)) {
    egui::Grid::new(id).num_columns(2).spacing([10.0, 6.0]).striped(false).min_col_width(90.0).show(ui, add);
}

/// Shows the inspector for the current selection.
/// `several` are the objectives selected together on the map: with two or more, the inspector
/// edits what they share, for all of them at once.
pub fn inspector_ui(
    ui: &mut Ui,
    app: &AppState,
    state: &mut InspectorState,
    several: &std::collections::BTreeSet<ObjectiveId>,
    out: &mut Vec<AppCommand>,
) {
    let lang = app.lang();
    let p = app.project();
    if several.len() >= 2 && app.view == crate::app::View::Map {
        let ids: Vec<ObjectiveId> = several.iter().cloned().collect();
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| several_ui(ui, app, &ids, out));
        return;
    }
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| match &app.selection {
        None => {
            ui.label(RichText::new(T::NothingSelected.get(lang)).weak());
        }
        Some(Subject::Project) => project_ui(ui, app, state, out),
        Some(Subject::Perspective(id)) => {
            if let Some(x) = p.perspective(id) {
                perspective_ui(ui, app, x, state, out)
            }
        }
        Some(Subject::Theme(id)) => {
            if let Some(x) = p.theme(id) {
                theme_ui(ui, lang, x, out)
            }
        }
        Some(Subject::Objective(id)) => {
            if let Some(x) = p.objective(id) {
                objective_ui(ui, app, x, state, out)
            }
        }
        Some(Subject::Link(id)) => {
            if let Some(x) = p.link(id) {
                link_ui(ui, app, x, out)
            }
        }
        Some(Subject::Kpi(id)) => {
            if let Some(x) = p.kpi(id) {
                kpi_ui(ui, app, x, state, out)
            }
        }
        Some(Subject::Department(id)) => {
            if let Some(x) = p.department(id) {
                department_ui(ui, app, x, state, out)
            }
        }
        Some(Subject::Initiative(id)) => {
            if let Some(x) = p.initiative(id) {
                initiative_ui(ui, app, x, state, out)
            }
        }
        Some(Subject::Element(id)) => {
            if let Some(x) = p.element(id) {
                element_ui(ui, app, x, out)
            }
        }
    });
}

/// The item's kind and name. One line, cut with "…" (the whole name on hover): a name that wraps
/// while it is typed would push every field below it down under the pointer.
fn heading(ui: &mut Ui, kind: T, name: &str, lang: Lang) {
    ui.label(RichText::new(kind.get(lang)).small().weak());
    ui.add(egui::Label::new(RichText::new(name).heading()).truncate());
    ui.add_space(4.0);
}

fn delete_button(ui: &mut Ui, lang: Lang, subject: Subject, name: &str, out: &mut Vec<AppCommand>) {
    ui.add_space(8.0);
    if ui.button(T::DeleteItem.get(lang)).clicked() {
        out.push(AppCommand::Doc {
            command: DocCommand::Delete(subject),
            label: format!("{} {name}", T::DeleteItem.get(lang)),
            merge: None,
        });
    }
}

/// The score of an item with its status, coverage and (on request) its trace.
fn score_section(ui: &mut Ui, app: &AppState, subject: TraceSubject, state: &mut InspectorState) {
    let lang = app.lang();
    let p = app.project();
    let book = app.scores();
    let t = trace::explain(p, book, &subject);
    ui.separator();
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("{} ({})", T::Score.get(lang), book.period)).strong());
        let kpi = match subject {
            TraceSubject::Kpi(k) => p.kpis.get(k),
            _ => None,
        };
        let colour = t.status.map(|s| super::fonts::colour(s.colour));
        let text = match t.score {
            Ok(s) => format!("{:.1} %  {}", s, t.status.map(|st| st.label(p, kpi, lang)).unwrap_or_default()),
            Err(u) => u.short(lang).to_string(),
        };
        widgets::status_badge(ui, colour, &text);
    });
    if let trace::TraceDetail::RollUp(r) = &t.detail {
        ui.label(format!(
            "{}: {}/{} {} ({:.0} %)",
            T::Coverage.get(lang),
            r.coverage.reported,
            r.coverage.total,
            T::Reported.get(lang),
            r.coverage.weight_share * 100.0
        ));
    }
    let key: WhyKey = (app.doc.revision, book.period, subject.clone(), lang);
    if state.why.as_ref().is_none_or(|(k, _)| *k != key) {
        let before = crate::score::ScoreBook::compute(p, book.period.previous());
        let lines = crate::score::why::why(p, book, Some(&before), &subject).lines(lang);
        state.why = Some((key, lines));
    }
    if let Some((_, lines)) = &state.why {
        super::widgets::why_lines(ui, lines);
    }
    ui.checkbox(&mut state.show_trace, T::Why.get(lang));
    if state.show_trace {
        let text = t.to_text(p, lang);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.add(egui::Label::new(RichText::new(text).monospace().size(12.5)).wrap());
        });
    }
}

fn project_ui(ui: &mut Ui, app: &AppState, state: &mut InspectorState, out: &mut Vec<AppCommand>) {
    let lang = app.lang();
    let p = app.project();
    heading(ui, T::ProjectSettings, &p.info.name, lang);
    let info = &p.info;
    let set_info = |out: &mut Vec<AppCommand>, new: ProjectInfo, field: Field| {
        out.push(AppCommand::Doc {
            command: DocCommand::SetInfo(Box::new(new)),
            label: T::ProjectSettings.get(lang).into(),
            merge: Some(MergeKey::new(MergeTarget::ProjectInfo, field)),
        });
    };
    grid(ui, "project-grid", |ui| {
        if let Some(v) = text_field(ui, T::Name.get(lang), &info.name) {
            set_info(out, ProjectInfo { name: v, ..info.clone() }, Field::Name);
        }
        if let Some(v) = text_field(ui, T::Organisation.get(lang), &info.organisation) {
            set_info(out, ProjectInfo { organisation: v, ..info.clone() }, Field::Organisation);
        }
        if let Some(v) = multiline_field(ui, T::Description.get(lang), &info.description) {
            set_info(out, ProjectInfo { description: v, ..info.clone() }, Field::Description);
        }
        if let Some(v) = text_field(ui, T::Currency.get(lang), &info.currency) {
            set_info(out, ProjectInfo { currency: v, ..info.clone() }, Field::Currency);
        }
        let freqs: Vec<(Frequency, String)> =
            Frequency::ALL.iter().map(|f| (*f, f.name(lang).to_string())).collect();
        if let Some(v) = choice(ui, T::Frequency.get(lang), &info.frequency, &freqs) {
            set_info(out, ProjectInfo { frequency: v, ..info.clone() }, Field::Frequency);
        }
        for (label, date, is_start) in [(T::Start, info.start, true), (T::End, info.end, false)] {
            if let Some(d) = date_field(ui, state, lang, label.get(lang), Some(date), false).flatten() {
                let mut new = info.clone();
                if is_start {
                    new.start = d
                } else {
                    new.end = d
                }
                if new.start <= new.end {
                    set_info(out, new, if is_start { Field::Start } else { Field::End });
                }
            }
        }
    });
    ui.separator();
    let s = &p.scoring;
    let set_scoring = |out: &mut Vec<AppCommand>, new: ScoringSettings, field: Field| {
        out.push(AppCommand::Doc {
            command: DocCommand::SetScoring(Box::new(new)),
            label: T::ScoringMethod.get(lang).into(),
            merge: Some(MergeKey::new(MergeTarget::Scoring, field)),
        });
    };
    grid(ui, "scoring-grid", |ui| {
        let methods = method_options(lang, &s.method, false);
        let tip = |m: &Option<ScoringMethod>| m.as_ref().map(|m| m.tip(lang));
        if let Some(Some(m)) =
            choice_with_tips(ui, T::ScoringMethod.get(lang), &Some(s.method.clone()), &methods, tip)
        {
            set_scoring(out, ScoringSettings { method: m, ..s.clone() }, Field::Method);
        }
        let policies: Vec<(MissingData, String)> =
            MissingData::ALL.iter().map(|m| (*m, m.name(lang).into())).collect();
        if let Some(v) = choice(ui, T::MissingData.get(lang), &s.missing_data, &policies) {
            set_scoring(out, ScoringSettings { missing_data: v, ..s.clone() }, Field::Missing);
        }
        let rolls: Vec<(RollUp, String)> = RollUp::ALL.iter().map(|r| (*r, r.name(lang).into())).collect();
        if let Some(v) = choice(ui, T::RollUp.get(lang), &s.roll_up, &rolls) {
            set_scoring(out, ScoringSettings { roll_up: v, ..s.clone() }, Field::Rollup);
        }
        let clamp = s.clamp.unwrap_or_default();
        if let Some(v) =
            number_field(ui, &mut state.buffers, lang, T::ClampMin.get(lang), clamp.min, NumberRule::ANY)
        {
            let c = Clamp { min: v, ..clamp };
            if c.min.zip(c.max).is_none_or(|(lo, hi)| lo <= hi) {
                set_scoring(
                    out,
                    ScoringSettings { clamp: (c.min.is_some() || c.max.is_some()).then_some(c), ..s.clone() },
                    Field::ClampMin,
                );
            }
        }
        if let Some(v) =
            number_field(ui, &mut state.buffers, lang, T::ClampMax.get(lang), clamp.max, NumberRule::ANY)
        {
            let c = Clamp { max: v, ..clamp };
            if c.min.zip(c.max).is_none_or(|(lo, hi)| lo <= hi) {
                set_scoring(
                    out,
                    ScoringSettings { clamp: (c.min.is_some() || c.max.is_some()).then_some(c), ..s.clone() },
                    Field::ClampMax,
                );
            }
        }
    });
    // The review meeting's rule: a red KPI comes with its owner's analysis, cause and action.
    let mut needs = s.red_needs_commentary;
    if ui.checkbox(&mut needs, T::RedNeedsCommentary.get(lang)).changed() {
        set_scoring(
            out,
            ScoringSettings { red_needs_commentary: needs, ..s.clone() },
            Field::RedNeedsCommentary,
        );
    }
    ui.label(RichText::new(T::StatusRules.get(lang)).strong());
    for r in &s.status_rules {
        ui.horizontal(|ui| {
            ui.colored_label(super::fonts::colour(r.colour), "●");
            let basis = match r.basis {
                StatusBasis::Score => T::Score.get(lang),
                StatusBasis::Value => T::Actual.get(lang),
            };
            let cond = if r.when == Comparison::Always {
                "*".to_string()
            } else {
                format!("{basis} {} {}", r.when.symbol(), crate::model::lint::format_number(r.threshold))
            };
            ui.label(format!("{}  {cond}", crate::score::status::status_label(&r.status, lang)));
        });
    }
    ui.separator();
    score_section(ui, app, TraceSubject::Scorecard, state);
}

fn perspective_ui(
    ui: &mut Ui,
    app: &AppState,
    x: &Perspective,
    state: &mut InspectorState,
    out: &mut Vec<AppCommand>,
) {
    let lang = app.lang();
    heading(ui, T::Perspective, &x.name, lang);
    let label = format!("{} {}", T::Perspective.get(lang), x.name);
    ui.push_id(x.id.as_str(), |ui| {
        grid(ui, "perspective-grid", |ui| {
            if let Some(v) = text_field(ui, T::Name.get(lang), &x.name) {
                upsert(
                    out,
                    Item::Perspective(Perspective { name: v, ..x.clone() }),
                    label.clone(),
                    Field::Name,
                );
            }
            if let Some(v) = colour_field(ui, T::Colour.get(lang), x.colour) {
                upsert(
                    out,
                    Item::Perspective(Perspective { colour: v, ..x.clone() }),
                    label.clone(),
                    Field::Colour,
                );
            }
            if let Some(Some(v)) = number_field(
                ui,
                &mut state.buffers,
                lang,
                T::Weight.get(lang),
                Some(x.weight),
                NumberRule::NON_NEGATIVE,
            ) {
                upsert(
                    out,
                    Item::Perspective(Perspective { weight: v, ..x.clone() }),
                    label.clone(),
                    Field::Weight,
                );
            }
            let rolls: Vec<(RollUp, String)> =
                RollUp::ALL.iter().map(|r| (*r, r.name(lang).into())).collect();
            if let Some(v) = choice(ui, T::RollUp.get(lang), &x.roll_up, &rolls) {
                upsert(
                    out,
                    Item::Perspective(Perspective { roll_up: v, ..x.clone() }),
                    label.clone(),
                    Field::Rollup,
                );
            }
            if let Some(v) = multiline_field(ui, T::Description.get(lang), &x.description) {
                upsert(
                    out,
                    Item::Perspective(Perspective { description: v, ..x.clone() }),
                    label.clone(),
                    Field::Description,
                );
            }
        });
    });
    if let Some(i) = app.project().perspectives.iter().position(|p| p.id == x.id) {
        score_section(ui, app, TraceSubject::Perspective(i), state);
    }
    delete_button(ui, lang, Subject::Perspective(x.id.clone()), &x.name, out);
}

fn theme_ui(ui: &mut Ui, lang: Lang, x: &Theme, out: &mut Vec<AppCommand>) {
    heading(ui, T::Theme, &x.name, lang);
    let label = format!("{} {}", T::Theme.get(lang), x.name);
    ui.push_id(x.id.as_str(), |ui| {
        grid(ui, "theme-grid", |ui| {
            if let Some(v) = text_field(ui, T::Name.get(lang), &x.name) {
                upsert(out, Item::Theme(Theme { name: v, ..x.clone() }), label.clone(), Field::Name);
            }
            if let Some(v) = colour_field(ui, T::Colour.get(lang), x.colour) {
                upsert(out, Item::Theme(Theme { colour: v, ..x.clone() }), label.clone(), Field::Colour);
            }
            if let Some(v) = multiline_field(ui, T::Description.get(lang), &x.description) {
                upsert(
                    out,
                    Item::Theme(Theme { description: v, ..x.clone() }),
                    label.clone(),
                    Field::Description,
                );
            }
        });
    });
    delete_button(ui, lang, Subject::Theme(x.id.clone()), &x.name, out);
}

fn objective_ui(
    ui: &mut Ui,
    app: &AppState,
    x: &Objective,
    state: &mut InspectorState,
    out: &mut Vec<AppCommand>,
) {
    let lang = app.lang();
    let p = app.project();
    heading(ui, T::Objective, &x.name, lang);
    let label = format!("{} {}", T::Objective.get(lang), x.name);
    ui.push_id(x.id.as_str(), |ui| {
        grid(ui, "objective-grid", |ui| {
            if let Some(v) = text_field(ui, T::Name.get(lang), &x.name) {
                upsert(out, Item::Objective(Objective { name: v, ..x.clone() }), label.clone(), Field::Name);
            }
            let persps: Vec<(PerspectiveId, String)> =
                p.perspectives.iter().map(|q| (q.id.clone(), q.name.clone())).collect();
            if let Some(v) = choice(ui, T::Perspective.get(lang), &x.perspective, &persps) {
                upsert(
                    out,
                    Item::Objective(Objective { perspective: v, ..x.clone() }),
                    label.clone(),
                    Field::Perspective,
                );
            }
            let mut themes: Vec<(Option<ThemeId>, String)> = vec![(None, T::NoTheme.get(lang).into())];
            themes.extend(p.themes.iter().map(|t| (Some(t.id.clone()), t.name.clone())));
            if let Some(v) = choice(ui, T::Theme.get(lang), &x.theme, &themes) {
                upsert(
                    out,
                    Item::Objective(Objective { theme: v, ..x.clone() }),
                    label.clone(),
                    Field::Theme,
                );
            }
            if let Some(v) = text_field(ui, T::Owner.get(lang), &x.owner) {
                upsert(
                    out,
                    Item::Objective(Objective { owner: v, ..x.clone() }),
                    label.clone(),
                    Field::Owner,
                );
            }
            let band = p
                .perspective(&x.perspective)
                .map_or(crate::model::Colour::rgb(0x9e, 0x9e, 0x9e), |q| q.colour);
            if let Some(v) = box_colour_field(ui, lang, Some(x.colour), x.accent(p, band)) {
                upsert(
                    out,
                    Item::Objective(Objective { colour: v, ..x.clone() }),
                    label.clone(),
                    Field::Colour,
                );
            }
            ui.label(T::MapPinned.get(lang));
            let mut pinned = x.pinned;
            if ui.checkbox(&mut pinned, T::MapPinnedTip.get(lang)).changed() {
                upsert(out, Item::Objective(Objective { pinned, ..x.clone() }), label.clone(), Field::Pinned);
            }
            ui.end_row();
            if let Some(Some(v)) = number_field(
                ui,
                &mut state.buffers,
                lang,
                T::Weight.get(lang),
                Some(x.weight),
                NumberRule::NON_NEGATIVE,
            ) {
                upsert(
                    out,
                    Item::Objective(Objective { weight: v, ..x.clone() }),
                    label.clone(),
                    Field::Weight,
                );
            }
            let rolls: Vec<(RollUp, String)> =
                RollUp::ALL.iter().map(|r| (*r, r.name(lang).into())).collect();
            if let Some(v) = choice(ui, T::RollUp.get(lang), &x.roll_up, &rolls) {
                upsert(
                    out,
                    Item::Objective(Objective { roll_up: v, ..x.clone() }),
                    label.clone(),
                    Field::Rollup,
                );
            }
            if let Some(v) = multiline_field(ui, T::Description.get(lang), &x.description) {
                upsert(
                    out,
                    Item::Objective(Objective { description: v, ..x.clone() }),
                    label.clone(),
                    Field::Description,
                );
            }
        });
        ui.separator();
        ui.label(RichText::new(T::Kpis.get(lang)).strong());
        for k in p.kpis_of_objective(&x.id) {
            ui.horizontal(|ui| {
                if ui.link(k.label()).clicked() {
                    out.push(AppCommand::Select(Some(Subject::Kpi(k.id.clone()))));
                }
                ui.label(RichText::new(format!("{} %", crate::model::lint::format_number(k.weight))).weak());
            });
        }
        if ui.button(format!("+ {}", T::AddKpiHere.get(lang))).clicked() {
            out.extend(crate::app::new_item::kpi_of(p, Some(x.id.clone()), None, lang));
        }
    });
    if let Some(i) = p.objectives.iter().position(|o| o.id == x.id) {
        score_section(ui, app, TraceSubject::Objective(i), state);
    }
    delete_button(ui, lang, Subject::Objective(x.id.clone()), &x.name, out);
}

fn link_ui(ui: &mut Ui, app: &AppState, x: &Link, out: &mut Vec<AppCommand>) {
    let lang = app.lang();
    let p = app.project();
    let name = |o: &ObjectiveId| p.objective(o).map_or(o.0.clone(), |o| o.name.clone());
    heading(ui, T::Links, &format!("{} → {}", name(&x.from), name(&x.to)), lang);
    ui.push_id(x.id.as_str(), |ui| {
        grid(ui, "link-grid", |ui| {
            ui.label(T::From.get(lang));
            if ui.link(name(&x.from)).clicked() {
                out.push(AppCommand::Select(Some(Subject::Objective(x.from.clone()))));
            }
            ui.end_row();
            ui.label(T::To.get(lang));
            if ui.link(name(&x.to)).clicked() {
                out.push(AppCommand::Select(Some(Subject::Objective(x.to.clone()))));
            }
            ui.end_row();
            if let Some(v) = text_field(ui, T::Label.get(lang), &x.label) {
                upsert(
                    out,
                    Item::Link(Link { label: v, ..x.clone() }),
                    T::Links.get(lang).into(),
                    Field::Label,
                );
            }
        });
    });
    delete_button(
        ui,
        lang,
        Subject::Link(x.id.clone()),
        &format!("{} → {}", name(&x.from), name(&x.to)),
        out,
    );
}

/// The scoring methods for a combo box; `with_default` adds "project default" as `None`.
fn method_options(
    lang: Lang,
    current: &ScoringMethod,
    with_default: bool,
) -> Vec<(Option<ScoringMethod>, String)> {
    let mut v = Vec::new();
    if with_default {
        v.push((None, T::ProjectDefault.get(lang).to_string()));
    }
    let keep = |m: ScoringMethod| if m.key() == current.key() { current.clone() } else { m };
    for m in ScoringMethod::one_of_each() {
        let m = keep(m);
        let name = m.name(lang).to_string();
        v.push((Some(m), name));
    }
    v
}

fn kpi_ui(ui: &mut Ui, app: &AppState, x: &Kpi, state: &mut InspectorState, out: &mut Vec<AppCommand>) {
    let lang = app.lang();
    let p = app.project();
    heading(ui, T::Kpis, &x.label(), lang);
    let label = format!("KPI {}", x.label());
    let set = |out: &mut Vec<AppCommand>, k: Kpi, field: Field| {
        upsert(out, Item::Kpi(Box::new(k)), label.clone(), field)
    };
    ui.push_id(x.id.as_str(), |ui| {
        grid(ui, "kpi-grid", |ui| {
            if let Some(v) = text_field(ui, T::Code.get(lang), &x.code) {
                set(out, Kpi { code: v, ..x.clone() }, Field::Code);
            }
            if let Some(v) = text_field(ui, T::Name.get(lang), &x.name) {
                set(out, Kpi { name: v, ..x.clone() }, Field::Name);
            }
            if let Some(v) = multiline_field(ui, T::Definition.get(lang), &x.definition) {
                set(out, Kpi { definition: v, ..x.clone() }, Field::Definition);
            }
            if let Some(v) = multiline_field(ui, T::Formula.get(lang), &x.formula) {
                set(out, Kpi { formula: v, ..x.clone() }, Field::Formula);
            }
            // A computed KPI's expression, and under it what it gives for the period or why
            // it gives nothing (with the place of a typing error).
            let dependents = app.dependents();
            let formulas = &dependents.formulas;
            if let Some(v) = super::expression_field::expression_field(ui, lang, p, formulas, x, out) {
                let expression = (!v.trim().is_empty()).then_some(v);
                set(out, Kpi { expression, ..x.clone() }, Field::Expression);
            }
            if x.expression.is_some()
                && let Some(k) = p.kpis.iter().position(|k| k.id == x.id)
                && let Some(trace) =
                    crate::score::trace::computed_trace_with(p, formulas, k, app.scores().range)
            {
                ui.label("");
                let text = match &trace.result {
                    // Each period on its own: the inputs summed over the range are not what it used.
                    Ok(v) if trace.each_period => RichText::new(format!(
                        "{}: {} {}",
                        T::ComputedEachPeriod.get(lang),
                        crate::model::lint::format_number(*v),
                        x.unit
                    )),
                    Ok(v) => RichText::new(format!(
                        "{} = {} {}",
                        trace.substituted,
                        crate::model::lint::format_number(*v),
                        x.unit
                    )),
                    // Missing values are of the period; typing errors and unknown names are not.
                    Err(e @ crate::model::expr::Undefined::Missing { .. }) => {
                        RichText::new(format!("{}: {}", app.period.label(lang), e.describe(lang)))
                            .color(ui.visuals().warn_fg_color)
                    }
                    Err(e) => RichText::new(e.describe(lang)).color(ui.visuals().error_fg_color),
                };
                ui.add(egui::Label::new(text).wrap()).on_hover_text(&trace.expression);
                ui.end_row();
                if !trace.across.is_empty() {
                    ui.label("");
                    let n = trace.across.len();
                    let kpis = trace.across.join(", ");
                    ui.add(
                        egui::Label::new(
                            RichText::new(crate::tr!(lang, ComputedAcross, n = n, kpis = kpis))
                                .small()
                                .weak(),
                        )
                        .wrap(),
                    );
                    ui.end_row();
                }
            }
            if x.expression.is_some() {
                let options: Vec<(MissingInputs, String)> =
                    MissingInputs::ALL.iter().map(|m| (*m, m.name(lang).to_string())).collect();
                if let Some(v) = choice(ui, T::MissingInputsLabel.get(lang), &x.missing_inputs, &options) {
                    set(out, Kpi { missing_inputs: v, ..x.clone() }, Field::Missing);
                }
                // A choice, not a tick box with a long label: the inspector keeps its width.
                let ways = [
                    (false, T::InputsSummedFirst.get(lang).to_string()),
                    (true, T::EachPeriodFirst.get(lang).to_string()),
                ];
                if let Some(v) = choice(ui, T::OverSeveralPeriods.get(lang), &x.evaluate_each_period, &ways) {
                    set(out, Kpi { evaluate_each_period: v, ..x.clone() }, Field::EachPeriod);
                }
            }
            if let Some(v) = text_field(ui, T::Unit.get(lang), &x.unit) {
                set(out, Kpi { unit: v, ..x.clone() }, Field::Unit);
            }
            let pols: Vec<(Polarity, String)> =
                Polarity::ALL.iter().map(|q| (*q, q.name(lang).into())).collect();
            if let Some(v) = choice(ui, T::Polarity.get(lang), &x.polarity, &pols) {
                set(out, Kpi { polarity: v, ..x.clone() }, Field::Polarity);
            }
            if x.polarity == Polarity::ClosestToTarget {
                let band = x.band.unwrap_or_default();
                if let Some(Some(v)) = number_field(
                    ui,
                    &mut state.buffers,
                    lang,
                    T::BandBelow.get(lang),
                    Some(band.below),
                    NumberRule::NON_NEGATIVE,
                ) {
                    set(
                        out,
                        Kpi { band: Some(TargetBand { below: v, ..band }), ..x.clone() },
                        Field::BandBelow,
                    );
                }
                if let Some(Some(v)) = number_field(
                    ui,
                    &mut state.buffers,
                    lang,
                    T::BandAbove.get(lang),
                    Some(band.above),
                    NumberRule::NON_NEGATIVE,
                ) {
                    set(
                        out,
                        Kpi { band: Some(TargetBand { above: v, ..band }), ..x.clone() },
                        Field::BandAbove,
                    );
                }
            }
            let mut freqs: Vec<(Option<Frequency>, String)> = vec![(None, T::NotSet.get(lang).into())];
            freqs.extend(Frequency::ALL.iter().map(|f| (Some(*f), f.name(lang).to_string())));
            if let Some(v) = choice(ui, T::Frequency.get(lang), &x.frequency, &freqs) {
                // Changing the frequency is refused by the document if existing periods do not
                // fit it; the message says which.
                set(out, Kpi { frequency: v, ..x.clone() }, Field::Frequency);
            }
            let aggs: Vec<(Aggregation, String)> =
                Aggregation::ALL.iter().map(|a| (*a, a.name(lang).into())).collect();
            if let Some(v) = choice(ui, T::Aggregation.get(lang), &x.aggregation, &aggs) {
                set(out, Kpi { aggregation: v, ..x.clone() }, Field::Aggregation);
            }
            // A target or weight changed during the year may take effect from a period on.
            let frequency = p.info.frequency;
            let mut starts: Vec<(Option<chrono::NaiveDate>, String)> =
                vec![(None, T::WholeYear.get(lang).into())];
            let mut start = frequency.period_start(p.info.start.min(p.info.end));
            while start <= p.info.end && starts.len() < 120 {
                if start > p.info.start {
                    let period = crate::model::appraisal::period_label(frequency, start, lang);
                    starts.push((Some(start), crate::tr!(lang, FromPeriod, period = period)));
                }
                start = frequency.next_start(start);
            }
            if let Some(v) = choice(ui, T::TakesEffect.get(lang), &state.effective_from, &starts) {
                state.effective_from = v;
            }
            let dated =
                |out: &mut Vec<AppCommand>, field: crate::model::appraisal::DatedField, v: Option<f64>| {
                    let Some(from) = state.effective_from else { return false };
                    let key = if field == crate::model::appraisal::DatedField::Target {
                        Field::Target
                    } else {
                        Field::Weight
                    };
                    out.push(AppCommand::Doc {
                        command: DocCommand::ChangeFrom { kpi: x.id.clone(), field, value: v, from },
                        label: label.clone(),
                        merge: Some(MergeKey::item(Subject::Kpi(x.id.clone()), key)),
                    });
                    true
                };
            for (t, value, field) in [
                (T::Baseline, x.baseline, Field::Baseline),
                (T::Target, x.target, Field::Target),
                (T::Stretch, x.stretch, Field::Stretch),
                (T::Min, x.min, Field::Min),
                (T::Max, x.max, Field::Max),
            ] {
                if let Some(v) =
                    number_field(ui, &mut state.buffers, lang, t.get(lang), value, NumberRule::ANY)
                {
                    let mut k = x.clone();
                    match field {
                        Field::Baseline => k.baseline = v,
                        Field::Target => k.target = v,
                        Field::Stretch => k.stretch = v,
                        Field::Min => k.min = v,
                        _ => k.max = v,
                    }
                    if k.min.zip(k.max).is_some_and(|(lo, hi)| lo >= hi) {
                        out.push(AppCommand::Toast(crate::i18n::Message::text(T::MinBelowMax), true));
                    } else if !(field == Field::Target
                        && dated(out, crate::model::appraisal::DatedField::Target, v))
                    {
                        set(out, k, field);
                    }
                }
            }
            if let Some(Some(v)) = number_field(
                ui,
                &mut state.buffers,
                lang,
                T::Weight.get(lang),
                Some(x.weight),
                NumberRule::NON_NEGATIVE,
            ) && !dated(out, crate::model::appraisal::DatedField::Weight, Some(v))
            {
                set(out, Kpi { weight: v, ..x.clone() }, Field::Weight);
            }
            if let Some(v) = text_field(ui, T::Owner.get(lang), &x.owner) {
                set(out, Kpi { owner: v, ..x.clone() }, Field::Owner);
            }
            if let Some(v) = text_field(ui, T::DataSource.get(lang), &x.data_source) {
                set(out, Kpi { data_source: v, ..x.clone() }, Field::DataSource);
            }
            let methods = method_options(lang, x.scoring.as_ref().unwrap_or(&p.scoring.method), true);
            let tip = |m: &Option<ScoringMethod>| m.as_ref().map(|m| m.tip(lang));
            if let Some(v) = choice_with_tips(ui, T::ScoringMethod.get(lang), &x.scoring, &methods, tip) {
                set(out, Kpi { scoring: v, ..x.clone() }, Field::Scoring);
            }
            if let Some(ScoringMethod::Points { step, points, cap, floor }) = &x.scoring {
                let (step, points, cap, floor) = (*step, *points, *cap, *floor);
                let mk = |s: f64, pt: f64, c: f64, f: f64| {
                    Some(ScoringMethod::Points { step: s, points: pt, cap: c, floor: f })
                };
                if let Some(Some(v)) = number_field(
                    ui,
                    &mut state.buffers,
                    lang,
                    T::Step.get(lang),
                    Some(step),
                    NumberRule::NON_NEGATIVE,
                ) && v > 0.0
                {
                    set(out, Kpi { scoring: mk(v, points, cap, floor), ..x.clone() }, Field::PointsStep);
                }
                if let Some(Some(v)) = number_field(
                    ui,
                    &mut state.buffers,
                    lang,
                    T::Points.get(lang),
                    Some(points),
                    NumberRule::REQUIRED,
                ) {
                    set(out, Kpi { scoring: mk(step, v, cap, floor), ..x.clone() }, Field::PointsPoints);
                }
                if let Some(Some(v)) = number_field(
                    ui,
                    &mut state.buffers,
                    lang,
                    T::Cap.get(lang),
                    Some(cap),
                    NumberRule::REQUIRED,
                ) && v >= floor
                {
                    set(out, Kpi { scoring: mk(step, points, v, floor), ..x.clone() }, Field::PointsCap);
                }
                if let Some(Some(v)) = number_field(
                    ui,
                    &mut state.buffers,
                    lang,
                    T::Floor.get(lang),
                    Some(floor),
                    NumberRule::REQUIRED,
                ) && v <= cap
                {
                    set(out, Kpi { scoring: mk(step, points, cap, v), ..x.clone() }, Field::PointsFloor);
                }
            }
            if let Some(ScoringMethod::ClosestToTarget { falloff }) = &x.scoring
                && let Some(v) = number_field(
                    ui,
                    &mut state.buffers,
                    lang,
                    T::Falloff.get(lang),
                    *falloff,
                    NumberRule::ANY,
                )
                && v.is_none_or(|f| f > 0.0)
            {
                set(
                    out,
                    Kpi { scoring: Some(ScoringMethod::ClosestToTarget { falloff: v }), ..x.clone() },
                    Field::Falloff,
                );
            }
            if x.department.is_some() {
                cascade_fields(ui, app, x, state, out, &set);
            }
            ui.label("");
            let mut excluded = x.excluded;
            if ui.checkbox(&mut excluded, T::Excluded.get(lang)).changed() {
                set(out, Kpi { excluded, ..x.clone() }, Field::Excluded);
            }
            ui.end_row();
        });
        ui.label(RichText::new(T::Tags.get(lang)).strong());
        ui.horizontal_wrapped(|ui| {
            for tag in KpiTag::ALL {
                let mut on = x.tags.contains(&tag);
                if ui.checkbox(&mut on, tag.name(lang)).changed() {
                    let mut k = x.clone();
                    if on {
                        k.tags.push(tag);
                        k.tags.sort();
                    } else {
                        k.tags.retain(|t| *t != tag);
                    }
                    set(out, k, Field::Tags);
                }
            }
        });
    });
    smart_section(ui, lang, x);
    let entries: Vec<usize> = p.history_of_kpi(&x.id).map(|(i, _)| i).collect();
    history_section(ui, app, &entries);
    preview_plot(ui, app, x);
    if let Some(i) = p.kpis.iter().position(|k| k.id == x.id) {
        score_section(ui, app, TraceSubject::Kpi(i), state);
    }
    // The commentary on the KPI's period at the end of the one viewed (October's, in October).
    ui.separator();
    let frequency = p.frequency_of(x);
    let date = frequency.period_start(app.scores().range.end);
    let label = crate::io::export_data::period_text(date, frequency);
    let today = chrono::Local::now().date_naive();
    let at = super::commentary::Commented { kpi: x, date, label: &label };
    super::commentary::editor(ui, &mut state.buffers, lang, at, today, out);
    delete_button(ui, lang, Subject::Kpi(x.id.clone()), &x.label(), out);
}

/// The SMART checklist of a KPI, from the lint's own conditions.
fn smart_section(ui: &mut Ui, lang: Lang, k: &Kpi) {
    let s = crate::model::lint::smart(k);
    ui.separator();
    ui.label(RichText::new(T::Smart.get(lang)).strong());
    for (ok, t) in [
        (Some(s.specific), T::SmartSpecific),
        (Some(s.measurable), T::SmartMeasurable),
        (s.attainable, T::SmartAttainable),
        (Some(s.relevant), T::SmartRelevant),
        (Some(s.time_bound), T::SmartTimeBound),
        (Some(s.owned), T::SmartOwner),
    ] {
        let (mark, colour) = match ok {
            Some(true) => ("✓", egui::Color32::from_rgb(0x2e, 0x7d, 0x32)),
            Some(false) => ("×", ui.visuals().error_fg_color),
            None => ("○", ui.visuals().weak_text_color()),
        };
        ui.label(RichText::new(format!("{mark} {}", t.get(lang))).color(colour));
    }
}

/// Score against the actual value, for the KPI's method and parameters, with baseline, target
/// and stretch marked and the status bands behind.
fn preview_plot(ui: &mut Ui, app: &AppState, k: &Kpi) {
    use crate::score::method::{Inputs, apply, apply_clamp};
    use egui_plot::{HLine, Line, Plot, PlotPoints, VLine};
    let lang = app.lang();
    let p = app.project();
    let Some(target) = k.target else { return };
    let method = k.scoring.as_ref().unwrap_or(&p.scoring.method);
    let clamp = k.clamp.as_ref().or(p.scoring.clamp.as_ref());
    let marks: Vec<f64> = [k.baseline, Some(target), k.stretch, k.min, k.max].into_iter().flatten().collect();
    let lo = marks.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = marks.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let span = (hi - lo).max(target.abs() * 0.5).max(1.0);
    let (x0, x1) = (lo - span * 0.6, hi + span * 0.6);
    let points: Vec<[f64; 2]> = (0..=120)
        .filter_map(|i| {
            let a = x0 + (x1 - x0) * i as f64 / 120.0;
            let inputs = Inputs {
                actual: a,
                target,
                baseline: k.baseline,
                min: k.min,
                max: k.max,
                band: k.band,
                polarity: k.polarity,
                scale: 1.0,
                bands: None,
            };
            apply(method, &inputs).ok().map(|r| [a, apply_clamp(r.raw, clamp).0])
        })
        .collect();
    ui.separator();
    ui.label(RichText::new(T::ScorePreview.get(lang)).strong());
    let rules = k.status_rules.as_ref().unwrap_or(&p.scoring.status_rules);
    Plot::new(("score-preview", k.id.as_str()))
        .height(150.0)
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .show(ui, |plot| {
            for r in rules.iter().filter(|r| r.basis == StatusBasis::Score && r.when != Comparison::Always) {
                plot.hline(
                    HLine::new(crate::score::status::status_label(&r.status, lang), r.threshold)
                        .color(super::fonts::colour(r.colour))
                        .width(1.0),
                );
            }
            plot.line(Line::new(T::Score.get(lang), PlotPoints::from(points)).width(2.0));
            for (v, t) in [(k.baseline, T::Baseline), (Some(target), T::Target), (k.stretch, T::Stretch)] {
                if let Some(v) = v {
                    plot.vline(VLine::new(t.get(lang), v).width(1.0));
                }
            }
        });
}

fn cascade_fields(
    ui: &mut Ui,
    app: &AppState,
    x: &Kpi,
    state: &mut InspectorState,
    out: &mut Vec<AppCommand>,
    set: &dyn Fn(&mut Vec<AppCommand>, Kpi, Field),
) {
    let lang = app.lang();
    let p = app.project();
    #[derive(Clone, PartialEq)]
    enum Kind {
        None,
        Decompose,
        Align,
    }
    let kind = match &x.cascade {
        None => Kind::None,
        Some(Cascade::Decompose { .. }) => Kind::Decompose,
        Some(Cascade::Align { .. }) => Kind::Align,
    };
    let kinds = vec![
        (Kind::None, T::CascadeNone.get(lang).to_string()),
        (Kind::Decompose, T::CascadeDecompose.get(lang).to_string()),
        (Kind::Align, T::CascadeAlign.get(lang).to_string()),
    ];
    if let Some(k) = choice(ui, T::Cascade.get(lang), &kind, &kinds) {
        let cascade = match k {
            Kind::None => None,
            Kind::Decompose => p
                .kpis
                .iter()
                .find(|c| c.objective.is_some() && c.id != x.id)
                .map(|c| Cascade::Decompose { parent: c.id.clone(), share: None }),
            Kind::Align => p.objectives.first().map(|o| Cascade::Align { objective: o.id.clone() }),
        };
        set(out, Kpi { cascade, ..x.clone() }, Field::Cascade);
    }
    match &x.cascade {
        Some(Cascade::Decompose { parent, share }) => {
            let parents: Vec<(KpiId, String)> =
                p.kpis.iter().filter(|c| c.id != x.id).map(|c| (c.id.clone(), c.label())).collect();
            if let Some(v) = choice(ui, T::CascadeDecompose.get(lang), parent, &parents) {
                set(
                    out,
                    Kpi { cascade: Some(Cascade::Decompose { parent: v, share: *share }), ..x.clone() },
                    Field::CascadeParent,
                );
            }
            let shown = share.map(|s| s * 100.0);
            if let Some(v) = number_field(
                ui,
                &mut state.buffers,
                lang,
                T::Share.get(lang),
                shown,
                NumberRule { optional: true, min: Some(0.0), max: Some(100.0) },
            ) {
                set(
                    out,
                    Kpi {
                        cascade: Some(Cascade::Decompose {
                            parent: parent.clone(),
                            share: v.map(|s| s / 100.0),
                        }),
                        ..x.clone()
                    },
                    Field::CascadeShare,
                );
            }
        }
        Some(Cascade::Align { objective }) => {
            let objectives: Vec<(ObjectiveId, String)> =
                p.objectives.iter().map(|o| (o.id.clone(), o.name.clone())).collect();
            if let Some(v) = choice(ui, T::CascadeAlign.get(lang), objective, &objectives) {
                set(
                    out,
                    Kpi { cascade: Some(Cascade::Align { objective: v }), ..x.clone() },
                    Field::CascadeObjective,
                );
            }
        }
        None => {}
    }
}

fn department_ui(
    ui: &mut Ui,
    app: &AppState,
    x: &Department,
    state: &mut InspectorState,
    out: &mut Vec<AppCommand>,
) {
    let lang = app.lang();
    let p = app.project();
    heading(ui, T::Department, &x.name, lang);
    let label = format!("{} {}", T::Department.get(lang), x.name);
    ui.push_id(x.id.as_str(), |ui| {
        grid(ui, "department-grid", |ui| {
            if let Some(v) = text_field(ui, T::Name.get(lang), &x.name) {
                upsert(
                    out,
                    Item::Department(Department { name: v, ..x.clone() }),
                    label.clone(),
                    Field::Name,
                );
            }
            let kinds: Vec<(DepartmentKind, String)> =
                DepartmentKind::ALL.iter().map(|k| (*k, k.name(lang).into())).collect();
            if let Some(v) = choice(ui, T::Kind.get(lang), &x.kind, &kinds) {
                upsert(
                    out,
                    Item::Department(Department { kind: v, ..x.clone() }),
                    label.clone(),
                    Field::Kind,
                );
            }
            // A department cannot move under itself or one of its own units.
            let descendants = descendants_of(p, &x.id);
            let mut parents: Vec<(Option<DepartmentId>, String)> = vec![(None, T::NoParent.get(lang).into())];
            parents.extend(
                p.departments
                    .iter()
                    .filter(|d| d.id != x.id && !descendants.contains(&d.id))
                    .map(|d| (Some(d.id.clone()), d.name.clone())),
            );
            if let Some(v) = choice(ui, T::Parent.get(lang), &x.parent, &parents) {
                upsert(
                    out,
                    Item::Department(Department { parent: v, ..x.clone() }),
                    label.clone(),
                    Field::Parent,
                );
            }
            if let Some(v) = text_field(ui, T::Head.get(lang), &x.head) {
                upsert(
                    out,
                    Item::Department(Department { head: v, ..x.clone() }),
                    label.clone(),
                    Field::Head,
                );
            }
            if let Some(Some(v)) = number_field(
                ui,
                &mut state.buffers,
                lang,
                T::Weight.get(lang),
                Some(x.weight),
                NumberRule::NON_NEGATIVE,
            ) {
                upsert(
                    out,
                    Item::Department(Department { weight: v, ..x.clone() }),
                    label.clone(),
                    Field::Weight,
                );
            }
            let rolls: Vec<(RollUp, String)> =
                RollUp::ALL.iter().map(|r| (*r, r.name(lang).into())).collect();
            if let Some(v) = choice(ui, T::RollUp.get(lang), &x.roll_up, &rolls) {
                upsert(
                    out,
                    Item::Department(Department { roll_up: v, ..x.clone() }),
                    label.clone(),
                    Field::Rollup,
                );
            }
        });
        signoff_section(ui, app, x, out);
        ui.separator();
        ui.label(RichText::new(T::Kpis.get(lang)).strong());
        let mut total = 0.0;
        for k in p.kpis_of_department(&x.id) {
            total += k.weight;
            ui.horizontal(|ui| {
                if ui.link(k.label()).clicked() {
                    out.push(AppCommand::Select(Some(Subject::Kpi(k.id.clone()))));
                }
                ui.label(RichText::new(format!("{} %", crate::model::lint::format_number(k.weight))).weak());
            });
        }
        let ok = (total - 100.0).abs() < 0.01;
        let colour = if ok { ui.visuals().text_color() } else { ui.visuals().error_fg_color };
        ui.label(
            RichText::new(format!("Σ {} %", crate::model::lint::format_number(total))).color(colour).strong(),
        );
        if ui.button(format!("+ {}", T::AddKpiHere.get(lang))).clicked() {
            out.extend(crate::app::new_item::kpi_of(p, None, Some(x.id.clone()), lang));
        }
    });
    if let Some(i) = p.departments.iter().position(|d| d.id == x.id) {
        score_section(ui, app, TraceSubject::Department(i), state);
    }
    delete_button(ui, lang, Subject::Department(x.id.clone()), &x.name, out);
}

/// A department's sign-off: where it stands, what changed since it was agreed, and the moves
/// open from here; then its record (sign-offs, its weight, its KPIs' changes).
fn signoff_section(ui: &mut Ui, app: &AppState, x: &Department, out: &mut Vec<AppCommand>) {
    use crate::model::appraisal::{SignOffStatus, signoff_states};
    let lang = app.lang();
    let p = app.project();
    let Some(d) = p.departments.iter().position(|u| u.id == x.id) else { return };
    let state = signoff_states(p).swap_remove(d);
    ui.separator();
    let entry = state.entry.and_then(|i| p.history.get(i));
    let line = match entry {
        Some(e) => crate::tr!(
            lang,
            SignOffLine,
            status = state.status.name(lang),
            who = if e.author.is_empty() { T::SignOffNobody.get(lang) } else { e.author.as_str() },
            date = e.date.format("%Y-%m-%d")
        ),
        None => state.status.name(lang).to_string(),
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("{}{}", T::SignOff.get(lang), T::Text2.get(lang))).strong());
        ui.label(line);
    });
    if let Some(e) = entry.filter(|e| state.status == SignOffStatus::Returned && !e.reason.is_empty()) {
        ui.label(RichText::new(format!("“{}”", e.reason)).italics());
    }
    if state.changed_since_agreed() {
        ui.label(
            RichText::new(format!("⚠ {} ({})", T::ChangedSinceAgreed.get(lang), state.changed_since.len()))
                .color(ui.visuals().warn_fg_color)
                .strong(),
        );
    }
    ui.horizontal_wrapped(|ui| {
        for next in state.status.next() {
            let (text, returned) = match next {
                SignOffStatus::Submitted => (T::ActSubmitSignOff, false),
                SignOffStatus::Agreed => (T::ActAgreeSignOff, false),
                SignOffStatus::Returned => (T::ActReturnSignOff, true),
                SignOffStatus::Draft => (T::ActReopenSignOff, false),
            };
            if ui.button(text.get(lang)).clicked() {
                if returned {
                    out.push(AppCommand::ShowModal(crate::app::Modal::ReturnSignOff {
                        department: x.id.clone(),
                        text: String::new(),
                    }));
                } else {
                    out.push(AppCommand::SignOff {
                        department: x.id.clone(),
                        status: *next,
                        comment: String::new(),
                    });
                }
            }
        }
        // Agreeing again after changes: the changed set is what is agreed now.
        if state.changed_since_agreed() && ui.button(T::ActAgreeSignOff.get(lang)).clicked() {
            out.push(AppCommand::SignOff {
                department: x.id.clone(),
                status: SignOffStatus::Agreed,
                comment: String::new(),
            });
        }
    });
    let kpis: std::collections::HashSet<&str> = p.kpis_of_department(&x.id).map(|k| k.id.as_str()).collect();
    let entries: Vec<usize> = p
        .history
        .iter()
        .enumerate()
        .filter(|(_, e)| e.department() == Some(&x.id) || e.kpi().is_some_and(|k| kpis.contains(k.as_str())))
        .map(|(i, _)| i)
        .collect();
    history_section(ui, app, &entries);
}

/// The change record of an item as a timeline, newest first: day and author, what changed, why.
fn history_section(ui: &mut Ui, app: &AppState, entries: &[usize]) {
    let lang = app.lang();
    let p = app.project();
    egui::CollapsingHeader::new(format!("{} ({})", T::HistoryHeading.get(lang), entries.len()))
        .id_salt(("history-section", entries.is_empty()))
        .default_open(!entries.is_empty())
        .show(ui, |ui| {
            if entries.is_empty() {
                ui.label(RichText::new(T::HistoryNone.get(lang)).weak());
            }
            for &i in entries.iter().rev().take(50) {
                let Some(e) = p.history.get(i) else { continue };
                let who = if e.author.is_empty() { T::SignOffNobody.get(lang) } else { e.author.as_str() };
                ui.label(
                    RichText::new(crate::tr!(lang, HistoryBy, date = e.date.format("%Y-%m-%d"), who = who))
                        .weak()
                        .small(),
                );
                let mut text = e.describe(p, lang);
                if let Some(k) = e.kpi().and_then(|id| p.kpi(id))
                    && !matches!(app.selection, Some(Subject::Kpi(ref s)) if s == &k.id)
                {
                    text = format!("{} · {text}", k.label());
                }
                widgets::wrapped_label(ui, text);
                if !e.reason.is_empty() {
                    widgets::wrapped_label(ui, RichText::new(format!("“{}”", e.reason)).italics());
                }
                ui.add_space(2.0);
            }
        });
}

/// Every department below `id` in the tree.
pub fn descendants_of(p: &Project, id: &DepartmentId) -> Vec<DepartmentId> {
    let mut out = Vec::new();
    let mut stack = vec![id.clone()];
    while let Some(d) = stack.pop() {
        for c in p.sub_departments(&d) {
            if !out.contains(&c.id) && &c.id != id {
                out.push(c.id.clone());
                stack.push(c.id.clone());
            }
        }
    }
    out
}

/// A date field (YYYY-MM-DD) with validation; `Some(Some(date))` when a valid new date was typed,
/// `Some(None)` when an optional date was cleared.
fn date_field(
    ui: &mut Ui,
    state: &mut InspectorState,
    lang: Lang,
    label: &str,
    value: Option<chrono::NaiveDate>,
    optional: bool,
) -> Option<Option<chrono::NaiveDate>> {
    widgets::date_field(ui, &mut state.buffers, lang, label, value, optional)
}

/// A data element: what it is called and counted as, and the computed KPIs that use it.
fn element_ui(ui: &mut Ui, app: &AppState, x: &DataElement, out: &mut Vec<AppCommand>) {
    let lang = app.lang();
    let p = app.project();
    heading(ui, T::DataElements, &x.name, lang);
    let label = format!("{} {}", T::DataElements.get(lang), x.name);
    let set = |out: &mut Vec<AppCommand>, v: DataElement, field: Field| {
        upsert(out, Item::Element(Box::new(v)), label.clone(), field)
    };
    ui.push_id(x.id.as_str(), |ui| {
        grid(ui, "element-grid", |ui| {
            if let Some(v) = text_field(ui, T::Code.get(lang), &x.code) {
                set(out, DataElement { code: v, ..x.clone() }, Field::Code);
            }
            if let Some(v) = text_field(ui, T::Name.get(lang), &x.name) {
                set(out, DataElement { name: v, ..x.clone() }, Field::Name);
            }
            if let Some(v) = text_field(ui, T::Unit.get(lang), &x.unit) {
                set(out, DataElement { unit: v, ..x.clone() }, Field::Unit);
            }
            let aggs: Vec<(Aggregation, String)> =
                Aggregation::ALL.iter().map(|a| (*a, a.name(lang).into())).collect();
            if let Some(v) = choice(ui, T::Aggregation.get(lang), &x.aggregation, &aggs) {
                set(out, DataElement { aggregation: v, ..x.clone() }, Field::Aggregation);
            }
            let mut freqs: Vec<(Option<Frequency>, String)> = vec![(None, T::NotSet.get(lang).into())];
            freqs.extend(Frequency::ALL.iter().map(|f| (Some(*f), f.name(lang).to_string())));
            if let Some(v) = choice(ui, T::Frequency.get(lang), &x.frequency, &freqs) {
                set(out, DataElement { frequency: v, ..x.clone() }, Field::Frequency);
            }
            let mut depts: Vec<(Option<DepartmentId>, String)> = vec![(None, T::NotSet.get(lang).into())];
            depts.extend(p.departments.iter().map(|d| (Some(d.id.clone()), d.name.clone())));
            if let Some(v) = choice(ui, T::Department.get(lang), &x.department, &depts) {
                set(out, DataElement { department: v, ..x.clone() }, Field::Department);
            }
            if let Some(v) = text_field(ui, T::Owner.get(lang), &x.owner) {
                set(out, DataElement { owner: v, ..x.clone() }, Field::Owner);
            }
            if let Some(v) = text_field(ui, T::DataSource.get(lang), &x.data_source) {
                set(out, DataElement { data_source: v, ..x.clone() }, Field::DataSource);
            }
        });
        ui.separator();
        ui.label(RichText::new(T::UsedByKpis.get(lang)).strong());
        // The document's formulas, not read again every frame.
        let dependents = app.dependents();
        let at = p.elements.iter().position(|e| e.id == x.id);
        let mut any = false;
        for (k, kpi) in p.kpis.iter().enumerate() {
            if at.is_some_and(|e| dependents.inputs(k).contains(&e)) {
                any = true;
                if ui.link(kpi.label()).clicked() {
                    out.push(AppCommand::Select(Some(Subject::Kpi(kpi.id.clone()))));
                }
            }
        }
        if !any {
            ui.label(RichText::new(T::UsedByNone.get(lang)).weak());
        }
    });
    delete_button(ui, lang, Subject::Element(x.id.clone()), &x.name, out);
}

fn initiative_ui(
    ui: &mut Ui,
    app: &AppState,
    x: &Initiative,
    state: &mut InspectorState,
    out: &mut Vec<AppCommand>,
) {
    let lang = app.lang();
    let p = app.project();
    heading(ui, T::Initiatives, &x.name, lang);
    let label = format!("{} {}", T::Initiatives.get(lang), x.name);
    let set = |out: &mut Vec<AppCommand>, v: Initiative, field: Field| {
        upsert(out, Item::Initiative(v), label.clone(), field)
    };
    ui.push_id(x.id.as_str(), |ui| {
        grid(ui, "initiative-grid", |ui| {
            if let Some(v) = text_field(ui, T::Name.get(lang), &x.name) {
                set(out, Initiative { name: v, ..x.clone() }, Field::Name);
            }
            if let Some(v) = multiline_field(ui, T::Problem.get(lang), &x.problem) {
                set(out, Initiative { problem: v, ..x.clone() }, Field::Problem);
            }
            if let Some(v) = multiline_field(ui, T::Direction.get(lang), &x.direction) {
                set(out, Initiative { direction: v, ..x.clone() }, Field::Direction);
            }
            if let Some(v) = text_field(ui, T::Responsible.get(lang), &x.owner) {
                set(out, Initiative { owner: v, ..x.clone() }, Field::Owner);
            }
            if let Some(v) = multiline_field(ui, T::Tools.get(lang), &x.tools) {
                set(out, Initiative { tools: v, ..x.clone() }, Field::Tools);
            }
            if let Some(v) = date_field(ui, state, lang, T::Start.get(lang), x.start, true)
                && v.zip(x.end).is_none_or(|(s, e)| s <= e)
            {
                set(out, Initiative { start: v, ..x.clone() }, Field::Start);
            }
            if let Some(v) = date_field(ui, state, lang, T::End.get(lang), x.end, true)
                && x.start.zip(v).is_none_or(|(s, e)| s <= e)
            {
                set(out, Initiative { end: v, ..x.clone() }, Field::End);
            }
            if let Some(v) =
                number_field(ui, &mut state.buffers, lang, T::Budget.get(lang), x.budget, NumberRule::ANY)
            {
                set(out, Initiative { budget: v, ..x.clone() }, Field::Budget);
            }
            let statuses: Vec<(InitiativeStatus, String)> =
                InitiativeStatus::ALL.iter().map(|s| (*s, s.name(lang).into())).collect();
            if let Some(v) = choice(ui, T::InitStatus.get(lang), &x.status, &statuses) {
                set(out, Initiative { status: v, ..x.clone() }, Field::Status);
            }
            if let Some(Some(v)) = number_field(
                ui,
                &mut state.buffers,
                lang,
                T::Progress.get(lang),
                Some(x.progress),
                NumberRule::PERCENT,
            ) {
                set(out, Initiative { progress: v, ..x.clone() }, Field::Progress);
            }
        });
        ui.separator();
        ui.label(RichText::new(T::Objectives.get(lang)).strong());
        for o in &p.objectives {
            let mut on = x.objectives.contains(&o.id);
            if ui.checkbox(&mut on, o.name.as_str()).changed() {
                let mut v = x.clone();
                if on {
                    v.objectives.push(o.id.clone());
                } else {
                    v.objectives.retain(|i| i != &o.id);
                }
                set(out, v, Field::Objectives);
            }
        }
    });
    delete_button(ui, lang, Subject::Initiative(x.id.clone()), &x.name, out);
}
