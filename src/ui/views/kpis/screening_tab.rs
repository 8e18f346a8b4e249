//! The screening matrix (指标筛选): candidates rated against weighted criteria.

use super::*;
use crate::app::history::{Field, MergeKey, MergeTarget};
use crate::app::{AppCommand, AppState, DocCommand, Item};
use crate::i18n::Lang;
use crate::i18n::T;
use crate::model::lint::{Subject, format_number};
use egui::{RichText, Ui};

pub(super) fn set_screening(out: &mut Vec<AppCommand>, s: Screening, lang: Lang, field: Field) {
    out.push(AppCommand::Doc {
        command: DocCommand::SetScreening(Box::new(s)),
        label: T::TabScreening.get(lang).into(),
        merge: Some(MergeKey::new(MergeTarget::Screening, field)),
    });
}

pub(super) fn screening_ui(
    ui: &mut Ui,
    app: &AppState,
    _state: &mut KpiViewState,
    out: &mut Vec<AppCommand>,
) {
    let lang = app.lang();
    let p = app.project();
    let s = &p.screening;
    if s.criteria.is_empty() {
        if ui.button(T::StartScreening.get(lang)).clicked() {
            set_screening(
                out,
                Screening { criteria: Screening::default_criteria(lang), candidates: s.candidates.clone() },
                lang,
                Field::Start,
            );
        }
        return;
    }
    ui.label(RichText::new(T::ScreeningHint.get(lang)).weak());
    ui.label(RichText::new(T::Criteria.get(lang)).strong());
    egui::Grid::new("criteria").num_columns(3).spacing([10.0, 4.0]).show(ui, |ui| {
        for (ci, c) in s.criteria.iter().enumerate() {
            let mut name = c.name.clone();
            let r = ui.add(egui::TextEdit::singleline(&mut name).desired_width(220.0));
            let label = format!("{} {}", T::Criteria.get(lang), ci + 1);
            crate::ui::widgets::name_text_field(&r, &label, &name);
            if r.changed() {
                let mut new = s.clone();
                new.criteria[ci].name = name;
                set_screening(out, new, lang, Field::CriterionName(ci));
            }
            let mut w = c.weight as f32;
            if ui
                .add(egui::DragValue::new(&mut w).range(0.0..=100.0).suffix(" %"))
                .on_hover_text(T::Weight.get(lang))
                .changed()
            {
                let mut new = s.clone();
                new.criteria[ci].weight = w as f64;
                set_screening(out, new, lang, Field::CriterionWeight(ci));
            }
            if ui.small_button(T::RemoveRow.get(lang)).clicked() && s.criteria.len() > 1 {
                let mut new = s.clone();
                new.criteria.remove(ci);
                for cand in new.candidates.iter_mut() {
                    if ci < cand.ratings.len() {
                        cand.ratings.remove(ci);
                    }
                }
                set_screening(out, new, lang, Field::RemoveCriterion);
            }
            ui.end_row();
        }
    });
    if ui.button(T::AddCriterion.get(lang)).clicked() {
        let mut new = s.clone();
        new.criteria.push(Criterion { name: T::NewCriterionName.get(lang).into(), weight: 10.0 });
        set_screening(out, new, lang, Field::AddCriterion);
    }
    ui.separator();
    ui.label(RichText::new(T::Candidates.get(lang)).strong());
    let target: Option<ObjectiveId> = match &app.selection {
        Some(Subject::Objective(o)) => Some(o.clone()),
        Some(Subject::Kpi(k)) => p.kpi(k).and_then(|k| k.objective.clone()),
        _ => None,
    };
    let ranking = s.ranking();
    egui::ScrollArea::vertical().show(ui, |ui| {
        egui::Grid::new("candidates")
            .num_columns(s.criteria.len() + 5)
            .striped(true)
            .spacing([10.0, 4.0])
            .show(ui, |ui| {
                ui.label(RichText::new(T::Rank.get(lang)).strong());
                ui.label(RichText::new(T::Name.get(lang)).strong());
                for c in &s.criteria {
                    ui.label(RichText::new(format!("{} ({} %)", c.name, format_number(c.weight))).strong());
                }
                ui.label(RichText::new(T::TotalScore.get(lang)).strong());
                ui.label("");
                ui.label("");
                ui.end_row();
                for (rank, &ci) in ranking.iter().enumerate() {
                    let cand = &s.candidates[ci];
                    ui.label(format!("{}", rank + 1));
                    let mut name = cand.name.clone();
                    let r = ui.add(egui::TextEdit::singleline(&mut name).desired_width(180.0));
                    let label = format!("{} {}", T::Candidates.get(lang), cand.id);
                    crate::ui::widgets::name_text_field(&r, &label, &name);
                    if r.changed() {
                        let mut new = s.clone();
                        new.candidates[ci].name = name;
                        set_screening(out, new, lang, Field::CandidateName(ci));
                    }
                    for (k, c) in s.criteria.iter().enumerate() {
                        let mut v = cand.ratings.get(k).copied().unwrap_or(0.0) as f32;
                        let label = format!("{} · {}", cand.name, c.name);
                        if ui
                            .add(
                                egui::DragValue::new(&mut v)
                                    .range(0.0..=screening::MAX_RATING as f32)
                                    .speed(0.1)
                                    .max_decimals(1),
                            )
                            .on_hover_text(&label)
                            .changed()
                        {
                            let mut new = s.clone();
                            let ratings = &mut new.candidates[ci].ratings;
                            ratings.resize(new.criteria.len(), 0.0);
                            ratings[k] = v as f64;
                            set_screening(out, new, lang, Field::Rating(ci, k));
                        }
                    }
                    ui.label(s.total(cand).map_or("—".to_string(), |t| format!("{t:.1}")));
                    match cand.promoted.as_ref().filter(|k| p.kpi(k).is_some()) {
                        Some(k) => {
                            if ui.link(T::Promoted.get(lang)).clicked() {
                                out.push(AppCommand::Select(Some(Subject::Kpi(k.clone()))));
                            }
                        }
                        None => {
                            let label = format!("{} {}", T::Promote.get(lang), cand.name);
                            let r = ui
                                .add_enabled(target.is_some(), egui::Button::new(T::Promote.get(lang)))
                                .on_disabled_hover_text(T::ChooseTarget.get(lang));
                            r.widget_info(|| {
                                egui::WidgetInfo::labeled(egui::Role::Button, target.is_some(), &label)
                            });
                            if r.clicked()
                                && let Some(objective) = &target
                            {
                                let id = p.next_kpi_id();
                                let mut k = Kpi::new(id.clone(), cand.name.as_str());
                                k.formula = cand.formula.clone();
                                k.unit = cand.unit.clone();
                                k.objective = Some(objective.clone());
                                let used: f64 = p.kpis_of_objective(objective).map(|x| x.weight).sum();
                                k.weight = (100.0 - used).max(0.0);
                                let mut new = s.clone();
                                new.candidates[ci].promoted = Some(id.clone());
                                out.push(AppCommand::Doc {
                                    command: DocCommand::Batch(vec![
                                        DocCommand::Upsert(Item::Kpi(Box::new(k))),
                                        DocCommand::SetScreening(Box::new(new)),
                                    ]),
                                    label: format!("{} {}", T::Promote.get(lang), cand.name),
                                    merge: None,
                                });
                            }
                        }
                    }
                    if ui.small_button(T::RemoveRow.get(lang)).clicked() {
                        let mut new = s.clone();
                        new.candidates.remove(ci);
                        set_screening(out, new, lang, Field::RemoveCandidate);
                    }
                    ui.end_row();
                }
            });
        if ui.button(T::AddCandidate.get(lang)).clicked() {
            let mut new = s.clone();
            new.candidates.push(Candidate {
                id: s.next_id(),
                name: T::NewCandidateName.get(lang).into(),
                formula: String::new(),
                unit: String::new(),
                ratings: vec![0.0; s.criteria.len()],
                promoted: None,
            });
            set_screening(out, new, lang, Field::AddCandidate);
        }
    });
}
