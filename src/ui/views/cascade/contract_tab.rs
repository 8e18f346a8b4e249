//! The performance contract (绩效合同): its preview, export, and the grade bands.

use super::*;
use crate::app::history::{Field, MergeKey, MergeTarget};
use crate::app::{AppCommand, AppState, DocCommand};
use crate::i18n::T;
use crate::io::export::{ContractScope, ExportKind};
use crate::model::lint::format_number;
use crate::score::ScoreBook;
use crate::score::cascade::{self};
use crate::ui::widgets::name_text_field;
use egui::{RichText, Ui};

pub(super) fn contract_ui(
    ui: &mut Ui,
    app: &AppState,
    state: &mut CascadeViewState,
    out: &mut Vec<AppCommand>,
) {
    let lang = app.lang();
    let p = app.project();
    let book = app.scores();
    let units = crate::io::contract::contract_units(p);
    ui.horizontal(|ui| {
        let this = unit_index(p, state).filter(|d| units.contains(d));
        if ui.add_enabled(this.is_some(), egui::Button::new(T::ExportThisContract.get(lang))).clicked()
            && let Some(d) = this
        {
            let scope = ContractScope::Only(vec![p.departments[d].id.clone()]);
            out.push(AppCommand::Export(ExportKind::Contracts(scope)));
        }
        if ui.add_enabled(!units.is_empty(), egui::Button::new(T::ExportAllContracts.get(lang))).clicked() {
            out.push(AppCommand::Export(ExportKind::Contracts(ContractScope::All)));
        }
        ui.label(RichText::new(format!("{} {}", units.len(), T::ContractsAvailable.get(lang))).weak());
    });
    ui.separator();
    egui::ScrollArea::vertical().id_salt("contract-scroll").show(ui, |ui| {
        match unit_index(p, state) {
            Some(d) if units.contains(&d) => contract_preview(ui, app, book, d),
            _ => {
                ui.label(T::UnitHasNoKpis.get(lang));
            }
        }
        ui.add_space(12.0);
        grade_bands_ui(ui, app, state, out);
    });
}

pub(super) fn contract_preview(ui: &mut Ui, app: &AppState, book: &ScoreBook, d: usize) {
    let lang = app.lang();
    let p = app.project();
    let unit = &p.departments[d];
    ui.vertical_centered(|ui| {
        ui.heading(RichText::new(T::ContractTitle.get(lang)).size(24.0));
        ui.label(format!("{} · {}", unit.name, unit.head));
    });
    let kpis = &book.index.department_kpis[d];
    egui::Grid::new("contract-preview").striped(true).num_columns(6).spacing([14.0, 6.0]).show(ui, |ui| {
        for t in [T::Name, T::Formula, T::Target, T::Weight, T::ScoringMethod, T::Score] {
            ui.strong(t.get(lang));
        }
        ui.end_row();
        for &k in kpis {
            let kpi = &p.kpis[k];
            ui.scope(|ui| {
                ui.set_max_width(240.0);
                ui.add(egui::Label::new(kpi.label()).wrap());
            });
            ui.scope(|ui| {
                ui.set_min_width(200.0);
                ui.set_max_width(280.0);
                ui.add(egui::Label::new(crate::score::computed::formula_text(p, kpi).as_ref()).wrap());
            });
            ui.label(kpi.target.map(|t| with_unit(t, &kpi.unit)).unwrap_or_default());
            ui.label(format!("{}%", format_number(kpi.weight)));
            let m = kpi.scoring.as_ref().unwrap_or(&p.scoring.method);
            // The method's name, its formula under it, in a bounded column that wraps (a long
            // formula is never cut at the window's edge).
            ui.scope(|ui| {
                ui.set_min_width(160.0);
                ui.set_max_width(240.0);
                ui.vertical(|ui| {
                    ui.add(egui::Label::new(m.name(lang)).wrap());
                    let formula = crate::score::method::formula(m, kpi.polarity);
                    ui.add(
                        egui::Label::new(
                            RichText::new(crate::score::method::formula_text(formula, lang)).small().weak(),
                        )
                        .wrap(),
                    );
                });
            });
            ui.label(score_label(book.kpis[k].score));
            ui.end_row();
        }
    });
    let own = book.department_own[d];
    ui.add_space(6.0);
    ui.label(
        RichText::new(format!(
            "{}: {}   {}: {}",
            T::AppraisalScore.get(lang),
            own.map(|n| score_label(n.score)).unwrap_or_else(|| "—".into()),
            T::Grade.get(lang),
            grade_of(p, own)
        ))
        .strong()
        .size(16.0),
    );
    ui.label(RichText::new(T::SignatureLines.get(lang)).weak());
}

pub(super) fn grade_bands_ui(
    ui: &mut Ui,
    app: &AppState,
    state: &mut CascadeViewState,
    out: &mut Vec<AppCommand>,
) {
    let lang = app.lang();
    let p = app.project();
    ui.label(RichText::new(T::GradeBands.get(lang)).strong());
    ui.label(RichText::new(cascade::grade_legend(&p.scoring.grades)).weak());
    let mut changed: Option<Vec<GradeBand>> = None;
    egui::Grid::new("grade-bands").num_columns(3).spacing([10.0, 4.0]).show(ui, |ui| {
        ui.strong(T::Grade.get(lang));
        ui.strong(T::MinScore.get(lang));
        ui.label("");
        ui.end_row();
        for (i, g) in p.scoring.grades.iter().enumerate() {
            let mut name = g.grade.clone();
            let r = ui.add(egui::TextEdit::singleline(&mut name).desired_width(60.0));
            name_text_field(&r, &format!("{} {}", T::Grade.get(lang), i + 1), &name);
            if r.changed() && !name.trim().is_empty() {
                let mut bands = p.scoring.grades.clone();
                bands[i].grade = name.trim().to_string();
                changed = Some(bands);
            }
            let label = format!("{} {}", T::MinScore.get(lang), g.grade);
            if let Some(Some(v)) = number_edit(ui, state, lang, &label, Some(g.min_score)) {
                let mut bands = p.scoring.grades.clone();
                bands[i].min_score = v;
                changed = Some(bands);
            }
            if ui.add_enabled(p.scoring.grades.len() > 1, egui::Button::new(T::Remove.get(lang))).clicked() {
                let mut bands = p.scoring.grades.clone();
                bands.remove(i);
                changed = Some(bands);
            }
            ui.end_row();
        }
    });
    if ui.button(T::AddGrade.get(lang)).clicked() {
        let mut bands = p.scoring.grades.clone();
        let lowest = bands.iter().map(|b| b.min_score).fold(f64::INFINITY, f64::min);
        let min = if lowest.is_finite() { (lowest - 10.0).max(0.0) } else { 0.0 };
        let letter = (b'A' + bands.len().min(25) as u8) as char;
        bands.push(GradeBand { grade: letter.to_string(), min_score: min });
        changed = Some(bands);
    }
    if let Some(grades) = changed {
        let scoring = ScoringSettings { grades, ..p.scoring.clone() };
        out.push(AppCommand::Doc {
            command: DocCommand::SetScoring(Box::new(scoring)),
            label: T::GradeBands.get(lang).into(),
            merge: Some(MergeKey::new(MergeTarget::Scoring, Field::Grades)),
        });
    }
}
