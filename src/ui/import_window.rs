//! The import window: which sheet and header row, how the columns map, and a preview of every
//! entry with its problem marked on its row. Import applies the accepted entries as one undo
//! step; Cancel (or closing the window) applies nothing.

use crate::app::import::ImportSession;
use crate::app::{AppCommand, AppState};
use crate::i18n::Lang;
use crate::i18n::T;
use crate::io::import::{self, Cell, Field, KpiColumns, Layout, Mapping, Sheet};
use crate::ui::widgets::number_text;
use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

/// What the window keeps between frames (not part of the document).
#[derive(Default)]
pub struct ImportWindowState {
    pub only_problems: bool,
}

pub fn import_window(
    ctx: &egui::Context,
    app: &AppState,
    state: &mut ImportWindowState,
    out: &mut Vec<AppCommand>,
) {
    let Some(session) = app.import.as_deref() else { return };
    let lang = app.lang();
    let mut open = true;
    egui::Window::new(format!("{} — {}", T::ImportTitle.get(lang), session.file_name()))
        .id(egui::Id::unique("import-window"))
        .collapsible(false)
        .resizable(true)
        .default_size([960.0, 620.0])
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .open(&mut open)
        .show(ctx, |ui| body(ui, app, session, state, lang, out));
    if !open {
        out.push(AppCommand::ImportCancel);
    }
}

fn header_label(sheet: &Sheet, header_row: usize, c: usize) -> String {
    let letter = import::column_letters(c + sheet.first_column);
    match sheet.rows.get(header_row).and_then(|r| r.get(c)).map(Cell::text).filter(|t| !t.is_empty()) {
        Some(t) => format!("{letter}: {t}"),
        None => letter,
    }
}

fn column_choice(
    ui: &mut Ui,
    label: &str,
    sheet: &Sheet,
    header_row: usize,
    width: usize,
    value: Option<usize>,
    lang: Lang,
) -> Option<Option<usize>> {
    let mut changed = None;
    let shown =
        value.map_or_else(|| T::ImportNone.get(lang).to_string(), |c| header_label(sheet, header_row, c));
    let label_id = ui.label(label).id;
    let r = egui::ComboBox::from_id_salt(("import-col", label)).selected_text(shown).width(170.0).show_ui(
        ui,
        |ui| {
            if ui.selectable_label(value.is_none(), T::ImportNone.get(lang)).clicked() {
                changed = Some(None);
            }
            for c in 0..width {
                if ui.selectable_label(value == Some(c), header_label(sheet, header_row, c)).clicked() {
                    changed = Some(Some(c));
                }
            }
        },
    );
    let _ = r.response.labelled_by(label_id);
    changed
}

fn body(
    ui: &mut Ui,
    app: &AppState,
    session: &ImportSession,
    state: &mut ImportWindowState,
    lang: Lang,
    out: &mut Vec<AppCommand>,
) {
    let source = &session.source;
    if let Some(enc) = source.encoding {
        ui.label(RichText::new(format!("{}{}{enc}", T::ImportEncoding.get(lang), T::Text2.get(lang))).weak());
    }
    let mapping = session.mapping.clone();
    let sheet_index = mapping.as_ref().map_or(0, |m| m.sheet);
    let Some(sheet) = source.sheets.get(sheet_index) else { return };
    let header_row = mapping.as_ref().map_or(0, |m| m.header_row);
    let width = sheet.rows.iter().take(200).map(Vec::len).max().unwrap_or(0);

    ui.horizontal_wrapped(|ui| {
        if source.sheets.len() > 1 {
            let label_id = ui.label(T::ImportSheet.get(lang)).id;
            let r =
                egui::ComboBox::from_id_salt("import-sheet").selected_text(&sheet.name).show_ui(ui, |ui| {
                    for (i, s) in source.sheets.iter().enumerate() {
                        if ui.selectable_label(i == sheet_index, &s.name).clicked() && i != sheet_index {
                            let m = import::guess_mapping(source, i).unwrap_or_else(|_| Mapping {
                                sheet: i,
                                header_row: 0,
                                layout: long_default(),
                                percent_fractions: false,
                                assumed_year: None,
                            });
                            out.push(AppCommand::ImportRemap(m));
                        }
                    }
                });
            let _ = r.response.labelled_by(label_id);
        }
        let label_id = ui.label(T::ImportHeaderRow.get(lang)).id;
        // The row number as the spreadsheet shows it.
        let mut row_number = header_row + sheet.first_row;
        let max = sheet.rows.len().saturating_sub(1) + sheet.first_row;
        if ui
            .add(egui::DragValue::new(&mut row_number).range(sheet.first_row..=max))
            .labelled_by(label_id)
            .changed()
        {
            let r = row_number.saturating_sub(sheet.first_row);
            let layout = sheet
                .rows
                .get(r)
                .and_then(|row| {
                    import::layout_of_header(row).or_else(|| {
                        import::layout_of_header_in_year(row, mapping.as_ref().and_then(|m| m.assumed_year))
                    })
                })
                .or(mapping.as_ref().map(|m| m.layout.clone()))
                .unwrap_or_else(long_default);
            let percent_fractions = mapping.as_ref().is_some_and(|m| m.percent_fractions);
            out.push(AppCommand::ImportRemap(Mapping {
                sheet: sheet_index,
                header_row: r,
                layout,
                percent_fractions,
                assumed_year: mapping.as_ref().and_then(|m| m.assumed_year),
            }));
        }
    });

    match &mapping {
        None => {
            ui.label(
                RichText::new(import::ImportError::NoHeader.describe(lang))
                    .color(ui.visuals().error_fg_color),
            );
        }
        Some(m) => {
            let remap = |layout: Layout| AppCommand::ImportRemap(Mapping { layout, ..m.clone() });
            ui.horizontal_wrapped(|ui| match &m.layout {
                Layout::Long { kpi, period, actual, target, note } => {
                    ui.label(RichText::new(T::ImportLong.get(lang)).strong());
                    // The six columns in order; choosing one rebuilds the layout with it.
                    let columns = [kpi.code, kpi.name, Some(*period), *actual, *target, *note];
                    let labels = [
                        T::ImportCodeColumn,
                        T::ImportNameColumn,
                        T::ImportPeriodColumn,
                        T::ImportActualColumn,
                        T::ImportTargetColumn,
                        T::ImportNoteColumn,
                    ];
                    for (i, label) in labels.into_iter().enumerate() {
                        let chosen =
                            column_choice(ui, label.get(lang), sheet, header_row, width, columns[i], lang);
                        let Some(c) = chosen else { continue };
                        let mut v = columns;
                        v[i] = c;
                        // The period column cannot be left out.
                        if let Some(period) = v[2] {
                            out.push(remap(Layout::Long {
                                kpi: KpiColumns { code: v[0], name: v[1] },
                                period,
                                actual: v[3],
                                target: v[4],
                                note: v[5],
                            }));
                        }
                    }
                }
                Layout::Wide { kpi, periods, field } => {
                    ui.label(RichText::new(T::ImportWide.get(lang)).strong());
                    let first = periods.first().map(|p| p.1.to_string()).unwrap_or_default();
                    let last = periods.last().map(|p| p.1.to_string()).unwrap_or_default();
                    ui.label(format!(
                        "{} {} ({first} … {last})",
                        periods.len(),
                        T::ImportPeriodColumns.get(lang)
                    ));
                    let wide =
                        |kpi: KpiColumns, field: Field| Layout::Wide { kpi, periods: periods.clone(), field };
                    if let Some(c) = column_choice(
                        ui,
                        T::ImportCodeColumn.get(lang),
                        sheet,
                        header_row,
                        width,
                        kpi.code,
                        lang,
                    ) {
                        out.push(remap(wide(KpiColumns { code: c, ..*kpi }, *field)));
                    }
                    if let Some(c) = column_choice(
                        ui,
                        T::ImportNameColumn.get(lang),
                        sheet,
                        header_row,
                        width,
                        kpi.name,
                        lang,
                    ) {
                        out.push(remap(wide(KpiColumns { name: c, ..*kpi }, *field)));
                    }
                    ui.label(T::ImportValuesAre.get(lang));
                    for (f, label) in [(Field::Actual, T::Actual), (Field::Target, T::Target)] {
                        if ui.radio(*field == f, label.get(lang)).clicked() && *field != f {
                            out.push(remap(wide(*kpi, f)));
                        }
                    }
                }
            });
        }
    }
    ui.separator();
    let preview = &session.preview;
    let summary = import::summary(preview, session.kpis_changed, lang);
    ui.label(RichText::new(summary).strong());
    if preview.rejected > 0 {
        ui.label(RichText::new(T::ImportRejectedHint.get(lang)).color(ui.visuals().warn_fg_color));
    }
    // Skipped totals rows, an assumed year, periods far outside the horizon.
    for note in import::notes(preview, lang) {
        ui.label(RichText::new(format!("· {note}")).color(ui.visuals().warn_fg_color));
    }
    // Excel keeps 85 % as 0.85; offer to read such values of percent KPIs as percentages.
    if let Some(m) = &session.mapping
        && (preview.percent_like > 0 || m.percent_fractions)
    {
        let mut on = m.percent_fractions;
        let label = crate::tr!(lang, ReadFractionsAsPercent, n = preview.percent_like);
        if ui.checkbox(&mut on, label).changed() {
            out.push(AppCommand::ImportRemap(Mapping { percent_fractions: on, ..m.clone() }));
        }
    }
    ui.horizontal(|ui| {
        ui.checkbox(&mut state.only_problems, T::ImportOnlyProblems.get(lang));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button(T::Cancel.get(lang)).clicked() {
                out.push(AppCommand::ImportCancel);
            }
            let label = format!(
                "{} ({})",
                T::ImportApply.get(lang),
                preview.accepted - preview.unchanged.min(preview.accepted)
            );
            let enabled = session.mapping.is_some() && session.kpis_changed > 0;
            if ui.add_enabled(enabled, egui::Button::new(RichText::new(label).strong())).clicked() {
                out.push(AppCommand::ImportApply);
            }
        });
    });
    ui.separator();
    preview_table(ui, app, session, state.only_problems, lang);
}

fn long_default() -> Layout {
    Layout::Long {
        kpi: KpiColumns { code: Some(0), name: None },
        period: 1,
        actual: Some(2),
        target: None,
        note: None,
    }
}

fn preview_table(ui: &mut Ui, app: &AppState, session: &ImportSession, only_problems: bool, lang: Lang) {
    let project = app.project();
    let rows: Vec<usize> = session
        .preview
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| !only_problems || e.problem.is_some())
        .map(|(i, _)| i)
        .collect();
    let red = ui.visuals().error_fg_color;
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    TableBuilder::new(ui)
        .id_salt("import-preview")
        .striped(true)
        .auto_shrink([false, false])
        .column(Column::exact(70.0))
        .column(Column::initial(220.0).resizable(true))
        .column(Column::exact(100.0))
        .column(Column::exact(110.0))
        .column(Column::exact(110.0))
        .column(Column::exact(110.0))
        .column(Column::remainder())
        .header(row_height, |mut h| {
            for t in
                [T::ImportRow, T::KpiOne, T::Period, T::Actual, T::ImportCurrent, T::Target, T::ImportProblem]
            {
                h.col(|ui| {
                    ui.strong(t.get(lang));
                });
            }
        })
        .body(|body| {
            body.rows(row_height, rows.len(), |mut row| {
                let e = &session.preview.entries[rows[row.index()]];
                let colour = e.problem.as_ref().map(|_| red);
                let text = |s: String| match colour {
                    Some(c) => RichText::new(s).color(c),
                    None => RichText::new(s),
                };
                row.col(|ui| {
                    let place = match &e.column {
                        Some(c) => format!("{} {c}", e.row),
                        None => e.row.to_string(),
                    };
                    ui.label(text(place));
                });
                row.col(|ui| {
                    let name = match (
                        e.kpi.and_then(|k| project.kpis.get(k)),
                        e.element.and_then(|i| project.elements.get(i)),
                    ) {
                        (Some(k), _) => k.label(),
                        (None, Some(el)) => format!("{} {}", el.code, el.name).trim().to_string(),
                        _ => String::new(),
                    };
                    ui.label(text(name));
                });
                row.col(|ui| {
                    let element_frequency = e
                        .element
                        .and_then(|i| project.elements.get(i))
                        .map(|el| el.frequency.unwrap_or(project.info.frequency));
                    let p = match (e.period, e.kpi.and_then(|k| project.kpis.get(k))) {
                        (Some(d), Some(k)) => crate::io::export_data::period_text(d, project.frequency_of(k)),
                        (Some(d), None) if let Some(f) = element_frequency => {
                            crate::io::export_data::period_text(d, f)
                        }
                        (Some(d), None) => d.to_string(),
                        _ => String::new(),
                    };
                    ui.label(text(p));
                });
                row.col(|ui| {
                    ui.label(text(e.actual.map(number_text).unwrap_or_default()));
                });
                // What the project holds now, so an overwrite is seen before it happens.
                row.col(|ui| {
                    let current = match (e.kpi.and_then(|k| project.kpis.get(k)), e.period) {
                        (Some(k), Some(d)) => k.period(d).and_then(|p| p.actual),
                        (None, Some(d)) => {
                            e.element.and_then(|i| project.elements.get(i)).and_then(|el| el.value_at(d))
                        }
                        _ => None,
                    };
                    if let Some(v) = current {
                        let changed = e.actual.is_some_and(|a| a != v);
                        let t = RichText::new(number_text(v));
                        ui.label(if changed { t.color(ui.visuals().warn_fg_color) } else { t.weak() });
                    }
                });
                row.col(|ui| {
                    ui.label(text(e.target.map(number_text).unwrap_or_default()));
                });
                row.col(|ui| {
                    if let Some(p) = &e.problem {
                        ui.label(text(format!("× {}", p.describe(lang))));
                    } else {
                        ui.label("√");
                    }
                });
            });
        });
}
