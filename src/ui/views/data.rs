//! The Data & charts view. The data entry grid: KPIs as rows, the periods of a year as columns,
//! entered like a spreadsheet (arrows, Enter, Tab, typing over, Delete, Esc, paste a block copied
//! from Excel or WPS). Each committed cell is one undo step; a pasted block is one undo step, and
//! is refused whole, with the first bad cell named, when any of its cells is not a number.

use super::charts::{self, ChartsState};
use crate::app::{AppCommand, AppState, DocCommand};
use crate::i18n::Lang;
use crate::i18n::T;
use crate::io::export_data::period_text;
use crate::io::number::parse_number;
use crate::model::lint::Subject;
use crate::model::{DataElement, DepartmentId, Frequency, Kpi, Period, Project};
use crate::score::computed::Dependents;
use crate::score::series::periods_between;
use crate::score::{DateRange, score_kpi};
use crate::ui::widgets::{number_text, rounded_text};
use chrono::{Datelike, NaiveDate};
use egui::{Color32, Key, Modifiers, RichText, Sense, Ui};
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum DataTab {
    #[default]
    Grid,
    Charts,
}

impl DataTab {
    pub const ALL: [DataTab; 2] = [DataTab::Grid, DataTab::Charts];
}

/// Which value of a period the grid shows and edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum GridMode {
    #[default]
    Actuals,
    Targets,
    Notes,
    /// The owner's commentary: the cells show (and take) the analysis, the editor above the
    /// grid all of it.
    Commentary,
}

pub struct DataViewState {
    pub tab: DataTab,
    pub mode: GridMode,
    pub frequency: Frequency,
    /// The year shown; `None` follows the period selector.
    pub year: Option<i32>,
    pub search: String,
    /// Only the KPIs a department carries; `None` shows all.
    pub department: Option<DepartmentId>,
    /// The selected cell: (row among the filtered KPIs, period column).
    pub cursor: Option<(usize, usize)>,
    /// The text being typed into the selected cell.
    pub editing: Option<String>,
    /// Set when an edit starts, to focus the field and put the caret at the end.
    focus_edit: bool,
    /// Set when the cursor moved, to scroll its cell into view (both ways).
    reveal: bool,
    /// The grid's scroll position and visible size last frame (to scroll a cell into view).
    offset: egui::Vec2,
    view_size: egui::Vec2,
    /// The frozen name column's width, as the user dragged it.
    name_width: f32,
    /// Cells' status colours by (KPI, period start), for a document state.
    statuses: ((u64, u64), CellStatuses),
    /// The rows listed, for what they were made from.
    rows: Option<(RowsKey, std::sync::Arc<Vec<GridRow>>)>,
    /// Frames a reveal has been retried (the first frame's scroll area has no size yet).
    reveal_tries: u8,
    /// The reveal is a jump (the grid opening on the selected KPI), not a step of the cursor.
    reveal_jump: bool,
    pub charts: ChartsState,
    /// Dates being typed in the commentary editor.
    buffers: crate::ui::widgets::FieldBuffers,
}

impl Default for DataViewState {
    fn default() -> Self {
        Self {
            tab: DataTab::Grid,
            mode: GridMode::Actuals,
            frequency: Frequency::Monthly,
            year: None,
            search: String::new(),
            department: None,
            cursor: None,
            editing: None,
            focus_edit: false,
            reveal: false,
            offset: egui::Vec2::ZERO,
            view_size: egui::Vec2::ZERO,
            name_width: 240.0,
            rows: None,
            statuses: ((u64::MAX, u64::MAX), HashMap::new()),
            reveal_tries: 0,
            reveal_jump: false,
            charts: ChartsState::default(),
            buffers: Default::default(),
        }
    }
}

/// The year the view shows: its own choice, or the period selector's.
pub fn view_year(app: &AppState, year: Option<i32>) -> i32 {
    year.unwrap_or_else(|| app.scores().range.end.year())
}

pub fn data_ui(ui: &mut Ui, app: &AppState, state: &mut DataViewState, out: &mut Vec<AppCommand>) {
    let lang = app.lang();
    ui.horizontal(|ui| {
        for (tab, label) in DataTab::ALL.into_iter().zip([T::DataGridTab, T::DataChartsTab]) {
            if ui.selectable_label(state.tab == tab, RichText::new(label.get(lang)).strong()).clicked() {
                state.tab = tab;
                state.editing = None;
            }
        }
    });
    ui.separator();
    match state.tab {
        DataTab::Grid => grid_ui(ui, app, state, out),
        DataTab::Charts => charts::charts_ui(ui, app, &mut state.charts, out),
    }
}

/// Cells' status colours by (KPI index, period start).
type CellStatuses = HashMap<(usize, NaiveDate), Option<Color32>>;

/// What the grid's rows are made from.
#[derive(Clone, Debug, PartialEq)]
struct RowsKey {
    content: (u64, u64),
    frequency: Frequency,
    search: String,
    department: Option<DepartmentId>,
    elements: bool,
}

/// One row of the grid: a KPI, or a data element that computed KPIs are formulas over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GridRow {
    Kpi(usize),
    Element(usize),
}

/// The KPIs the grid lists: those of the chosen frequency that match the search. With
/// `elements`, each computed KPI is followed by the data elements its formula uses (each element
/// once, under the first KPI listed that uses it), and the elements no listed KPI uses come last,
/// so counts are entered where the rate they make is read.
pub fn grid_rows(
    project: &Project,
    dependents: Option<&Dependents>,
    frequency: Frequency,
    search: &str,
    department: Option<&DepartmentId>,
) -> Vec<GridRow> {
    let needle = search.trim().to_lowercase();
    let matches = |name: &str, code: &str| {
        needle.is_empty() || name.to_lowercase().contains(&needle) || code.to_lowercase().contains(&needle)
    };
    let element_fits = |e: usize| {
        let el = &project.elements[e];
        el.frequency.unwrap_or(project.info.frequency) == frequency
    };
    let mut placed = vec![false; if dependents.is_some() { project.elements.len() } else { 0 }];
    let mut rows = Vec::new();
    for (k, kpi) in project.kpis.iter().enumerate() {
        if project.frequency_of(kpi) != frequency
            || department.is_some_and(|d| kpi.department.as_ref() != Some(d))
            || !matches(&kpi.name, &kpi.code)
        {
            continue;
        }
        rows.push(GridRow::Kpi(k));
        if let Some(deps) = dependents {
            for &e in deps.inputs(k) {
                if e < placed.len() && !placed[e] && element_fits(e) {
                    placed[e] = true;
                    rows.push(GridRow::Element(e));
                }
            }
        }
    }
    if dependents.is_some() {
        for (e, el) in project.elements.iter().enumerate() {
            if !placed[e]
                && element_fits(e)
                && department.is_none_or(|d| el.department.as_ref() == Some(d))
                && matches(&el.name, &el.code)
            {
                rows.push(GridRow::Element(e));
            }
        }
    }
    rows
}

/// What a row stands for, read from the project.
#[derive(Clone, Copy)]
enum RowItem<'a> {
    Kpi(&'a Kpi),
    Element(&'a DataElement),
}

impl<'a> RowItem<'a> {
    fn of(project: &'a Project, row: GridRow) -> Self {
        match row {
            GridRow::Kpi(k) => RowItem::Kpi(&project.kpis[k]),
            GridRow::Element(e) => RowItem::Element(&project.elements[e]),
        }
    }

    fn code(self) -> &'a str {
        match self {
            RowItem::Kpi(k) => &k.code,
            RowItem::Element(e) => &e.code,
        }
    }

    fn label(self) -> String {
        match self {
            RowItem::Kpi(k) => k.label(),
            RowItem::Element(e) if e.code.is_empty() => e.name.clone(),
            RowItem::Element(e) => format!("{} {}", e.code, e.name),
        }
    }

    fn subject(self) -> Subject {
        match self {
            RowItem::Kpi(k) => Subject::Kpi(k.id.clone()),
            RowItem::Element(e) => Subject::Element(e.id.clone()),
        }
    }

    fn unit(self) -> &'a str {
        match self {
            RowItem::Kpi(k) => &k.unit,
            RowItem::Element(e) => &e.unit,
        }
    }

    fn note(self, date: NaiveDate) -> Option<&'a str> {
        match self {
            RowItem::Kpi(k) => k.period(date).and_then(|p| p.note.as_deref()),
            RowItem::Element(_) => None,
        }
    }

    /// What a cell shows, and whether it is typed here (not computed or a default).
    fn cell_text(self, date: NaiveDate, mode: GridMode) -> (String, bool) {
        match self {
            RowItem::Kpi(k) => cell_text(k, date, mode),
            RowItem::Element(e) => (e.value_at(date).map(number_text).unwrap_or_default(), true),
        }
    }

    /// The command that puts `text` into the cell, `None` when it changes nothing; `Err` names
    /// what is wrong with the text.
    fn command(
        self,
        date: NaiveDate,
        mode: GridMode,
        text: &str,
        lang: Lang,
    ) -> Result<Option<DocCommand>, String> {
        match self {
            RowItem::Kpi(kpi) => {
                let p = with_value(kpi, date, mode, text, lang)?;
                let unchanged = kpi.period(date) == Some(&p) || (kpi.period(date).is_none() && p.is_empty());
                Ok((!unchanged).then(|| DocCommand::SetPeriod { kpi: kpi.id.clone(), date, period: Some(p) }))
            }
            RowItem::Element(e) => {
                let value = element_input(e, text, lang)?;
                Ok((e.value_at(date) != value).then(|| DocCommand::SetElementValue {
                    element: e.id.clone(),
                    date,
                    value,
                }))
            }
        }
    }
}

/// A typed element value: a number, or nothing to clear it.
fn element_input(_e: &DataElement, text: &str, lang: Lang) -> Result<Option<f64>, String> {
    parse_number(text).map_err(|e| e.describe(lang))
}

fn year_range(year: i32) -> DateRange {
    DateRange {
        start: NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN),
        end: NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MIN),
    }
}

/// A period column's heading: "1月", "Q1", "W05" …
fn column_heading(start: NaiveDate, frequency: Frequency, lang: Lang) -> String {
    match frequency {
        Frequency::Monthly => T::MONTHS_SHORT[start.month0() as usize].get(lang).to_string(),
        Frequency::Quarterly => format!("Q{}", start.month0() / 3 + 1),
        Frequency::HalfYearly => format!("H{}", start.month0() / 6 + 1),
        Frequency::Yearly => start.year().to_string(),
        Frequency::Weekly => format!("W{:02}", start.iso_week().week()),
    }
}

/// What a cell shows.
fn cell_text(kpi: &Kpi, date: NaiveDate, mode: GridMode) -> (String, bool) {
    let p = kpi.period(date);
    match mode {
        // A computed KPI's actuals come from its formula: shown faint, like a default target.
        // Rounded for reading: 34.2 %, not the 34.2066855626 that 9,637 ÷ 28,173 is.
        GridMode::Actuals => match kpi.expression {
            Some(_) => (p.and_then(|p| p.actual).map(rounded_text).unwrap_or_default(), false),
            None => (p.and_then(|p| p.actual).map(number_text).unwrap_or_default(), true),
        },
        GridMode::Targets => match p.and_then(|p| p.target) {
            Some(t) => (number_text(t), true),
            // The default target, shown faint: it is not an override.
            None => (kpi.target.map(number_text).unwrap_or_default(), false),
        },
        GridMode::Notes => (p.and_then(|p| p.note.clone()).unwrap_or_default(), true),
        GridMode::Commentary => {
            (p.and_then(|p| p.commentary.as_ref()).map(|c| c.analysis.clone()).unwrap_or_default(), true)
        }
    }
}

/// The period with one value replaced; `Err` names what is wrong with the text.
pub fn with_value(
    kpi: &Kpi,
    date: NaiveDate,
    mode: GridMode,
    text: &str,
    lang: Lang,
) -> Result<Period, String> {
    let mut p = kpi.period(date).cloned().unwrap_or_else(|| Period::new(date));
    match mode {
        GridMode::Notes => {
            let t = text.trim();
            p.note = (!t.is_empty()).then(|| t.to_string());
        }
        GridMode::Commentary => {
            let mut c = p.commentary.take().map(|c| *c).unwrap_or_default();
            c.analysis = text.trim().to_string();
            p = super::super::commentary::with_commentary(kpi, date, Some(c))
                .unwrap_or_else(|| Period::new(date));
        }
        GridMode::Actuals if kpi.expression.is_some() => {
            return Err(crate::tr!(
                lang,
                ActualIsComputed,
                formula = kpi.expression.as_deref().unwrap_or_default()
            ));
        }
        GridMode::Actuals | GridMode::Targets => {
            let v = parse_number(text).map_err(|e| e.describe(lang))?;
            if mode == GridMode::Actuals {
                p.actual = v;
            } else {
                p.target = v;
            }
        }
    }
    Ok(p)
}

/// The commands that paste a block of tab-separated text (as Excel and WPS copy it) with its top
/// left at (row, column): one command per cell that changes, or the first bad cell's problem.
/// Cells that fall outside the grid are ignored.
pub fn paste_block(
    project: &Project,
    rows: &[GridRow],
    periods: &[(NaiveDate, NaiveDate)],
    at: (usize, usize),
    text: &str,
    mode: GridMode,
    lang: Lang,
) -> Result<Vec<DocCommand>, String> {
    let mut commands = Vec::new();
    let lines: Vec<&str> = text.trim_end_matches(['\r', '\n']).split('\n').collect();
    for (dr, line) in lines.iter().enumerate() {
        let Some(&row) = rows.get(at.0 + dr) else { break };
        let item = RowItem::of(project, row);
        for (dc, cell) in line.trim_end_matches('\r').split('\t').enumerate() {
            let Some(&(date, _)) = periods.get(at.1 + dc) else { break };
            let command = item
                .command(date, mode, cell, lang)
                .map_err(|e| crate::tr!(lang, PasteRefused, row = dr + 1, column = dc + 1, reason = e))?;
            commands.extend(command);
        }
    }
    Ok(commands)
}

fn commit(
    app: &AppState,
    state: &mut DataViewState,
    item: RowItem,
    date: NaiveDate,
    out: &mut Vec<AppCommand>,
) -> bool {
    let lang = app.lang();
    let Some(text) = state.editing.clone() else { return true };
    match item.command(date, state.mode, &text, lang) {
        Ok(command) => {
            if let Some(command) = command {
                out.push(AppCommand::Doc {
                    command,
                    label: format!("{} {} {}", T::EnterValue.get(lang), item.label(), date),
                    merge: None,
                });
            }
            state.editing = None;
            true
        }
        Err(e) => {
            let label = item.label();
            out.push(AppCommand::Toast(
                crate::i18n::Message::new(move |lang| crate::tr!(lang, Labelled, label = label, text = e)),
                true,
            ));
            false
        }
    }
}

fn grid_ui(ui: &mut Ui, app: &AppState, state: &mut DataViewState, out: &mut Vec<AppCommand>) {
    let lang = app.lang();
    let project = app.project();
    let year = view_year(app, state.year);
    ui.horizontal_wrapped(|ui| {
        if ui.button("◀").on_hover_text(T::PrevYear.get(lang)).clicked() {
            state.year = Some(year - 1);
        }
        ui.label(RichText::new(year.to_string()).strong());
        if ui.button("▶").on_hover_text(T::NextYear.get(lang)).clicked() {
            state.year = Some(year + 1);
        }
        ui.separator();
        for (m, label) in [
            (GridMode::Actuals, T::Actual),
            (GridMode::Targets, T::Target),
            (GridMode::Notes, T::Note),
            (GridMode::Commentary, T::Commentary),
        ] {
            if ui.selectable_label(state.mode == m, label.get(lang)).clicked() {
                state.mode = m;
                state.editing = None;
            }
        }
        ui.separator();
        let freq_label = ui.label(T::Frequency.get(lang)).id;
        let r = egui::ComboBox::from_id_salt("grid-frequency")
            .selected_text(state.frequency.name(lang))
            .show_ui(ui, |ui| {
                for f in Frequency::ALL {
                    let n = project.kpis.iter().filter(|k| project.frequency_of(k) == f).count();
                    let text = format!("{} ({n})", f.name(lang));
                    if ui.selectable_label(state.frequency == f, text).clicked() {
                        state.frequency = f;
                        state.cursor = None;
                        state.editing = None;
                    }
                }
            });
        let _ = r.response.labelled_by(freq_label);
        ui.separator();
        if !project.departments.is_empty() {
            let dept_label = ui.label(T::Department.get(lang)).id;
            let shown = state
                .department
                .as_ref()
                .and_then(|d| project.department(d))
                .map_or_else(|| T::AllDepartments.get(lang).to_string(), |d| d.name.clone());
            let r = egui::ComboBox::from_id_salt("grid-department").selected_text(shown).show_ui(ui, |ui| {
                if ui.selectable_label(state.department.is_none(), T::AllDepartments.get(lang)).clicked() {
                    state.department = None;
                    state.cursor = None;
                }
                for d in &project.departments {
                    let n = project.kpis_of_department(&d.id).count();
                    if n > 0
                        && ui
                            .selectable_label(
                                state.department.as_ref() == Some(&d.id),
                                format!("{} ({n})", d.name),
                            )
                            .clicked()
                    {
                        state.department = Some(d.id.clone());
                        state.cursor = None;
                    }
                }
            });
            let _ = r.response.labelled_by(dept_label);
        }
        let search_label = ui.label(T::Search.get(lang)).id;
        ui.add(egui::TextEdit::singleline(&mut state.search).desired_width(110.0)).labelled_by(search_label);
    });
    ui.label(RichText::new(T::GridHint.get(lang)).small().weak());

    // Data elements are counts, entered as actuals; targets and notes belong to KPIs.
    let dependents = app.dependents();
    let with_elements = (state.mode == GridMode::Actuals).then_some(&*dependents);
    // The rows change with the document and the filters only, not every frame (32,000 KPIs).
    let key = RowsKey {
        content: app.doc.content_key(),
        frequency: state.frequency,
        search: state.search.clone(),
        department: state.department.clone(),
        elements: with_elements.is_some(),
    };
    if state.rows.as_ref().is_none_or(|(k, _)| *k != key) {
        let rows =
            grid_rows(project, with_elements, state.frequency, &state.search, state.department.as_ref());
        state.rows = Some((key, std::sync::Arc::new(rows)));
    }
    let rows = state.rows.as_ref().map(|(_, r)| r.clone()).unwrap_or_default();
    let periods = periods_between(state.frequency, year_range(year));
    if rows.is_empty() || periods.is_empty() {
        ui.label(T::GridEmpty.get(lang));
        return;
    }
    if let Some((r, c)) = state.cursor
        && (r >= rows.len() || c >= periods.len())
    {
        state.cursor = Some((r.min(rows.len() - 1), c.min(periods.len() - 1)));
    }
    // Start where the meeting is: the selected period's column (for weekly KPIs, week 45 of
    // 52 is far to the right), on the selected KPI's row if it is listed.
    if state.cursor.is_none() {
        let row = app
            .selection
            .as_ref()
            .and_then(|s| rows.iter().position(|&row| &RowItem::of(project, row).subject() == s));
        state.cursor =
            Some((row.unwrap_or(0), current_column(&periods, state.frequency, app.scores().range)));
        state.reveal = true;
        state.reveal_jump = true;
    }
    keyboard(ui, app, state, &rows, &periods, out);
    // Like a spreadsheet's name box: which KPI and period the cursor is on, even when the grid
    // has scrolled the names out of view.
    if let Some((r, c)) = state.cursor {
        let (start, end) = periods[c];
        let text = match RowItem::of(project, rows[r]) {
            RowItem::Kpi(kpi) => {
                let p = kpi.period(start);
                let target = p.and_then(|p| p.target).or(kpi.target);
                let unit = if kpi.unit.is_empty() { String::new() } else { format!(" {}", kpi.unit) };
                let mut text = format!(
                    "{} · {} · {} {}{unit} · {} {}{unit}",
                    kpi.label(),
                    period_text(start, state.frequency),
                    T::Actual.get(lang),
                    p.and_then(|p| p.actual)
                        .map(if kpi.expression.is_some() { rounded_text } else { number_text })
                        .unwrap_or_else(|| "—".into()),
                    T::Target.get(lang),
                    target.map(number_text).unwrap_or_else(|| "—".into()),
                );
                if let Ok(score) = score_kpi(project, kpi, DateRange { start, end }).score {
                    text.push_str(&format!(" · {} {score:.1}", T::Score.get(lang)));
                }
                text
            }
            item @ RowItem::Element(e) => {
                let unit = if e.unit.is_empty() { String::new() } else { format!(" {}", e.unit) };
                format!(
                    "{} · {} · {} {}{unit}",
                    item.label(),
                    period_text(start, state.frequency),
                    T::DataElementOne.get(lang),
                    e.value_at(start).map(number_text).unwrap_or_else(|| "—".into()),
                )
            }
        };
        ui.label(RichText::new(text).strong());
        // The whole commentary of the cursor's cell beside the grid (whose cells show its
        // analysis), so both stay in view on a projector.
        if state.mode == GridMode::Commentary
            && let RowItem::Kpi(kpi) = RowItem::of(project, rows[r])
        {
            let today = chrono::Local::now().date_naive();
            let label = period_text(start, state.frequency);
            let width = (ui.available_width() * 0.4).clamp(240.0, 520.0);
            egui::Panel::right("commentary-editor").resizable(false).exact_size(width).show(ui, |ui| {
                egui::ScrollArea::vertical().id_salt("commentary-scroll").show(ui, |ui| {
                    let at = crate::ui::commentary::Commented { kpi, date: start, label: &label };
                    crate::ui::commentary::editor(ui, &mut state.buffers, lang, at, today, out);
                });
            });
        }
    }

    grid_table(ui, app, state, &rows, &periods, out);
}

/// The grid's geometry in content coordinates: the frozen KPI columns (code, name) on the left,
/// the header row on top, then a cell per period.
#[derive(Clone, Copy, Debug)]
struct GridGeometry {
    row_height: f32,
    code_width: f32,
    name_width: f32,
    cell_width: f32,
}

impl GridGeometry {
    fn frozen_width(&self) -> f32 {
        self.code_width + self.name_width
    }

    /// A body cell's rectangle in content coordinates.
    fn cell(&self, row: usize, column: usize) -> egui::Rect {
        egui::Rect::from_min_size(
            egui::pos2(
                self.frozen_width() + column as f32 * self.cell_width,
                self.row_height * (row + 1) as f32,
            ),
            egui::vec2(self.cell_width, self.row_height),
        )
    }

    fn content_size(&self, rows: usize, columns: usize) -> egui::Vec2 {
        egui::vec2(
            self.frozen_width() + columns as f32 * self.cell_width,
            self.row_height * (rows + 1) as f32,
        )
    }

    /// The rows and columns at least partly in view under the frozen header and columns.
    fn visible(
        &self,
        viewport: egui::Rect,
        rows: usize,
        columns: usize,
    ) -> (std::ops::Range<usize>, std::ops::Range<usize>) {
        let span = |from: f32, to: f32, size: f32, n: usize| {
            let first = (from / size).floor().max(0.0) as usize;
            let last = ((to / size).ceil().max(0.0) as usize).min(n);
            first.min(last)..last
        };
        (
            span(viewport.min.y, viewport.max.y - self.row_height, self.row_height, rows),
            span(viewport.min.x, viewport.max.x - self.frozen_width(), self.cell_width, columns),
        )
    }

    /// The scroll offset that brings `cell` fully into the part of a `view`-sized viewport that
    /// the frozen header and columns leave, moving as little as possible from `offset`.
    fn reveal(&self, cell: egui::Rect, offset: egui::Vec2, view: egui::Vec2) -> egui::Vec2 {
        let axis = |lo: f32, hi: f32, offset: f32, frozen: f32, view: f32| {
            if lo - frozen < offset {
                (lo - frozen).max(0.0)
            } else if hi > offset + view {
                (hi - view).max(0.0)
            } else {
                offset
            }
        };
        egui::vec2(
            axis(cell.min.x, cell.max.x, offset.x, self.frozen_width(), view.x),
            axis(cell.min.y, cell.max.y, offset.y, self.row_height, view.y),
        )
    }
}

/// The grid itself: one scroll area whose frozen parts are drawn at the viewport's edges, and
/// only the rows and columns in view laid out — 32,000 KPIs scroll like 40.
fn grid_table(
    ui: &mut Ui,
    app: &AppState,
    state: &mut DataViewState,
    rows: &[GridRow],
    periods: &[(NaiveDate, NaiveDate)],
    out: &mut Vec<AppCommand>,
) {
    let lang = app.lang();
    let project = app.project();
    let edit_id = ui.scope_id().with("grid-edit");
    let texts = matches!(state.mode, GridMode::Notes | GridMode::Commentary);
    let geometry = GridGeometry {
        row_height: ui.text_style_height(&egui::TextStyle::Body) + 8.0,
        code_width: 64.0,
        name_width: state.name_width,
        cell_width: if texts { 140.0 } else { 86.0 },
    };
    let selection = app.selection.clone();
    let period_range = app.scores().range;
    let mut area = egui::ScrollArea::both().id_salt("data-grid").auto_shrink([false, false]);
    let mut wanted = None;
    if let Some((r, c)) = state.cursor
        && (state.focus_edit || state.reveal)
    {
        let view = if state.view_size.x > 0.0 { state.view_size } else { ui.available_size() };
        // The scroll bars float over the content's right and bottom edges.
        let view = view
            - egui::Vec2::splat(ui.spacing().scroll.bar_width + ui.spacing().scroll.bar_outer_margin + 2.0);
        let mut offset = geometry.reveal(geometry.cell(r, c), state.offset, view);
        // Opening on a row far down: put it a quarter down the view, with the rows under it
        // (its data elements) in view too, not at the bottom edge.
        if state.reveal_jump && offset.y != state.offset.y {
            offset.y = geometry.cell(r, c).min.y - geometry.row_height - view.y * 0.25;
        }
        // Never past the end (the scroll area would spring back over many frames).
        let end = (geometry.content_size(rows.len(), periods.len()) - view).max(egui::Vec2::ZERO);
        let offset = offset.clamp(egui::Vec2::ZERO, end);
        area = area.scroll_offset(offset);
        wanted = Some(offset);
        state.reveal = false;
        state.reveal_jump = false;
    }
    // Each cell's status colour, scored once per document state (scrolling brings a few new
    // cells a frame, not a screenful to score again).
    let content = app.doc.content_key();
    if state.statuses.0 != content {
        state.statuses = (content, HashMap::new());
    }
    let statuses = &mut state.statuses.1;
    let shown = area.show_viewport(ui, |ui, viewport| {
        let origin = ui.min_rect().min;
        let content = geometry.content_size(rows.len(), periods.len());
        ui.allocate_rect(egui::Rect::from_min_size(origin, content), Sense::hover());
        let at = |r: egui::Rect| r.translate(origin.to_vec2());
        // The part of the screen each layer may draw on.
        let view = at(viewport);
        let frozen_w = geometry.frozen_width();
        let body_clip =
            egui::Rect::from_min_max(view.min + egui::vec2(frozen_w, geometry.row_height), view.max);
        let (visible_rows, visible_columns) = geometry.visible(viewport, rows.len(), periods.len());
        let visuals = ui.visuals().clone();
        let font = egui::TextStyle::Body.resolve(ui.style());
        let body = ui.painter().with_clip_rect(body_clip.intersect(ui.clip_rect()));

        // The cells in view.
        for r in visible_rows.clone() {
            let item = RowItem::of(project, rows[r]);
            let subject = item.subject();
            let selected_row = selection.as_ref() == Some(&subject);
            if r % 2 == 1 {
                let stripe = egui::Rect::from_min_max(
                    egui::pos2(body_clip.min.x, at(geometry.cell(r, 0)).min.y),
                    egui::pos2(body_clip.max.x, at(geometry.cell(r, 0)).max.y),
                );
                body.rect_filled(stripe, 0.0, visuals.faint_bg_color);
            }
            for c in visible_columns.clone() {
                let (start, end) = periods[c];
                let rect = at(geometry.cell(r, c));
                let here = state.cursor == Some((r, c));
                let accessible = format!("{} {}", item.code(), period_text(start, state.frequency));
                if here && state.editing.is_some() {
                    let buffer = state.editing.get_or_insert_with(String::new);
                    let te = egui::TextEdit::singleline(buffer).id(edit_id).desired_width(rect.width() - 6.0);
                    let resp = ui.put(rect.shrink2(egui::vec2(2.0, 1.0)), te);
                    ui.ctx().accesskit_node_builder(resp.id, |b| b.set_label(accessible));
                    if state.focus_edit {
                        resp.request_focus();
                        if let Some(mut s) = egui::text_edit::TextEditState::load(ui.ctx(), edit_id) {
                            let end = egui::text::CCursor::new(buffer.chars().count());
                            s.cursor.set_char_range(Some(egui::text::CCursorRange::one(end)));
                            s.store(ui.ctx(), edit_id);
                        }
                        state.focus_edit = false;
                    }
                    continue;
                }
                let hit = rect.intersect(body_clip);
                if !hit.is_positive() {
                    continue;
                }
                let resp = ui.interact(hit, ui.scope_id().with(("cell", r, c)), Sense::click());
                resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Cell, true, &accessible));
                let (text, own) = item.cell_text(start, state.mode);
                if state.mode == GridMode::Actuals
                    && let GridRow::Kpi(k) = rows[r]
                    && let Some(colour) = *statuses
                        .entry((k, start))
                        .or_insert_with(|| cell_status(project, &project.kpis[k], start, end))
                {
                    body.rect_filled(rect.shrink(1.0), 2.0, colour.gamma_multiply(0.28));
                }
                if here {
                    body.rect_stroke(
                        rect.shrink(1.0),
                        2.0,
                        egui::Stroke::new(2.0, visuals.selection.stroke.color),
                        egui::StrokeKind::Inside,
                    );
                }
                let colour = if own { visuals.text_color() } else { visuals.weak_text_color() };
                let (pos, align) = if texts {
                    (rect.left_center() + egui::vec2(4.0, 0.0), egui::Align2::LEFT_CENTER)
                } else {
                    (rect.right_center() - egui::vec2(6.0, 0.0), egui::Align2::RIGHT_CENTER)
                };
                body.with_clip_rect(rect.intersect(body.clip_rect())).text(
                    pos,
                    align,
                    &text,
                    font.clone(),
                    colour,
                );
                // A period with a note gets a corner mark, as a commented cell does in Excel, and
                // the note in its tooltip.
                let note = item.note(start);
                if note.is_some() && state.mode != GridMode::Notes {
                    let corner = rect.shrink(1.0).right_top();
                    body.add(egui::Shape::convex_polygon(
                        vec![corner, corner + egui::vec2(-7.0, 0.0), corner + egui::vec2(0.0, 7.0)],
                        Color32::from_rgb(0xe6, 0x7e, 0x22),
                        egui::Stroke::NONE,
                    ));
                }
                if resp.clicked() {
                    state.cursor = Some((r, c));
                    state.editing = None;
                    if !selected_row {
                        out.push(AppCommand::Select(Some(subject.clone())));
                    }
                }
                if resp.double_clicked() {
                    state.editing = Some(text.clone()).filter(|_| own).or(Some(String::new()));
                    state.focus_edit = true;
                }
                resp.on_hover_ui(|ui| {
                    ui.label(format!("{} · {}", item.label(), period_text(start, state.frequency)));
                    if let Some(note) = note {
                        ui.label(format!("{}{}{note}", T::Note.get(lang), T::Text2.get(lang)));
                    }
                });
            }
        }

        // The frozen KPI columns, on top of the cells that scroll under them.
        let frozen_clip = egui::Rect::from_min_max(
            view.min + egui::vec2(0.0, geometry.row_height),
            egui::pos2(view.min.x + frozen_w, view.max.y),
        )
        .intersect(ui.clip_rect());
        let frozen = ui.painter().with_clip_rect(frozen_clip);
        let left = view.min.x;
        for r in visible_rows {
            let item = RowItem::of(project, rows[r]);
            let subject = item.subject();
            let selected_row = selection.as_ref() == Some(&subject);
            let y = at(geometry.cell(r, 0)).min.y;
            let row_rect =
                egui::Rect::from_min_size(egui::pos2(left, y), egui::vec2(frozen_w, geometry.row_height));
            let fill = if selected_row {
                visuals.selection.bg_fill
            } else if r % 2 == 1 {
                visuals.faint_bg_color.blend(visuals.panel_fill)
            } else {
                visuals.panel_fill
            };
            frozen.rect_filled(row_rect, 0.0, visuals.panel_fill);
            frozen.rect_filled(row_rect, 0.0, fill);
            let is_element = matches!(item, RowItem::Element(_));
            let weak = visuals.weak_text_color();
            let strong = if selected_row { visuals.selection.stroke.color } else { visuals.text_color() };
            let code_rect =
                egui::Rect::from_min_size(row_rect.min, egui::vec2(geometry.code_width, geometry.row_height));
            frozen.with_clip_rect(code_rect.shrink2(egui::vec2(4.0, 0.0)).intersect(frozen_clip)).text(
                code_rect.left_center() + egui::vec2(4.0, 0.0),
                egui::Align2::LEFT_CENTER,
                item.code(),
                egui::TextStyle::Monospace.resolve(ui.style()),
                if is_element { weak } else { strong },
            );
            let name = match item {
                RowItem::Kpi(k) => k.name.as_str(),
                RowItem::Element(e) => e.name.as_str(),
            };
            let mut text =
                if item.unit().is_empty() { name.to_string() } else { format!("{name} ({})", item.unit()) };
            // An element is indented under the rate it makes.
            if is_element {
                text = format!("   · {text}");
            }
            let name_rect =
                egui::Rect::from_min_max(egui::pos2(code_rect.max.x, row_rect.min.y), row_rect.max);
            let galley = ui.painter().layout(
                text.clone(),
                font.clone(),
                if is_element { weak } else { strong },
                f32::INFINITY,
            );
            let cut = galley.size().x > name_rect.width() - 8.0;
            frozen.with_clip_rect(name_rect.shrink2(egui::vec2(4.0, 0.0)).intersect(frozen_clip)).galley(
                egui::pos2(name_rect.min.x + 4.0, name_rect.center().y - galley.size().y / 2.0),
                galley,
                strong,
            );
            let hit = row_rect.intersect(frozen_clip);
            if !hit.is_positive() {
                continue;
            }
            let resp = ui.interact(hit, ui.scope_id().with(("row", r)), Sense::click());
            let label = item.label();
            resp.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected_row, &label));
            let resp = if cut { resp.on_hover_text(&text) } else { resp };
            if resp.clicked() {
                out.push(AppCommand::Select(Some(subject.clone())));
                let c = state
                    .cursor
                    .map_or_else(|| current_column(periods, state.frequency, period_range), |x| x.1);
                state.cursor = Some((r, c));
                state.editing = None;
                state.reveal = true;
            }
        }
        // A line between the frozen columns and the periods.
        ui.painter().with_clip_rect(ui.clip_rect()).vline(
            left + frozen_w,
            view.y_range(),
            visuals.widgets.noninteractive.bg_stroke,
        );

        // The header row, on top of everything, scrolling sideways with the periods.
        let header_rect = egui::Rect::from_min_size(view.min, egui::vec2(view.width(), geometry.row_height));
        let header = ui.painter().with_clip_rect(header_rect.intersect(ui.clip_rect()));
        header.rect_filled(header_rect, 0.0, visuals.panel_fill);
        let heading_font = egui::FontId::new(font.size, font.family.clone());
        let heading_colour = visuals.strong_text_color();
        let periods_clip =
            egui::Rect::from_min_max(header_rect.min + egui::vec2(frozen_w, 0.0), header_rect.max)
                .intersect(ui.clip_rect());
        for c in visible_columns {
            let start = periods[c].0;
            let x = at(geometry.cell(0, c));
            let rect = egui::Rect::from_min_size(
                egui::pos2(x.min.x, header_rect.min.y),
                egui::vec2(geometry.cell_width, geometry.row_height),
            );
            let current = period_range.contains(state.frequency.counts_on(start));
            let text = column_heading(start, state.frequency, lang);
            let galley = ui.painter().layout_no_wrap(text, heading_font.clone(), heading_colour);
            let pos =
                egui::pos2(rect.right() - 6.0 - galley.size().x, rect.center().y - galley.size().y / 2.0);
            let width = galley.size().x;
            let on = ui.painter().with_clip_rect(periods_clip);
            on.galley(pos, galley, heading_colour);
            if current {
                on.hline(pos.x..=pos.x + width, rect.bottom() - 3.0, egui::Stroke::new(1.5, heading_colour));
            }
        }
        let corner = ui.painter().with_clip_rect(header_rect.intersect(ui.clip_rect()));
        corner.rect_filled(
            egui::Rect::from_min_size(header_rect.min, egui::vec2(frozen_w, geometry.row_height)),
            0.0,
            visuals.panel_fill,
        );
        for (x, t) in [(0.0, T::Code), (geometry.code_width, T::KpiOne)] {
            corner.text(
                header_rect.left_center() + egui::vec2(x + 4.0, 0.0),
                egui::Align2::LEFT_CENTER,
                t.get(lang),
                heading_font.clone(),
                heading_colour,
            );
        }
        corner.hline(view.x_range(), header_rect.bottom(), visuals.widgets.noninteractive.bg_stroke);
        // The name column's right edge can be dragged wider or narrower.
        let handle = egui::Rect::from_center_size(
            egui::pos2(left + frozen_w, header_rect.center().y),
            egui::vec2(8.0, geometry.row_height),
        );
        let drag = ui.interact(handle, ui.scope_id().with("name-width"), Sense::drag());
        if drag.hovered() || drag.dragged() {
            ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeColumn);
        }
        if drag.dragged() {
            state.name_width = (state.name_width + drag.drag_delta().x).clamp(120.0, 640.0);
        }
    });
    state.offset = shown.state.clamped_offset();
    state.view_size = shown.inner_rect.size();
    // On the first frame the scroll area does not know the grid's size yet and clamps the offset
    // to nothing: reveal again next frame (a few times at most: an offset past the end is
    // clamped for good).
    if let Some(offset) = wanted
        && (state.offset - offset).length() > 1.0
        && state.reveal_tries < 3
    {
        state.reveal = true;
        state.reveal_jump = true;
        state.reveal_tries += 1;
        ui.ctx().request_repaint();
    } else if wanted.is_some() {
        state.reveal_tries = 0;
    }
}

/// The column of the period the view is at: the last one that counts by the end of the
/// selected period (the month itself; for year to date, the latest complete one).
fn current_column(periods: &[(NaiveDate, NaiveDate)], frequency: Frequency, range: DateRange) -> usize {
    periods.iter().rposition(|&(start, _)| frequency.counts_on(start) <= range.end).unwrap_or(0)
}

/// The status colour of a reported period.
fn cell_status(project: &Project, kpi: &Kpi, start: NaiveDate, end: NaiveDate) -> Option<Color32> {
    kpi.period(start)?.actual?;
    let s = score_kpi(project, kpi, DateRange { start, end });
    s.status.map(|s| crate::ui::fonts::colour(s.colour))
}

/// Spreadsheet keys, while the view has the keyboard (no other field is focused).
fn keyboard(
    ui: &mut Ui,
    app: &AppState,
    state: &mut DataViewState,
    rows: &[GridRow],
    periods: &[(NaiveDate, NaiveDate)],
    out: &mut Vec<AppCommand>,
) {
    if app.modal.is_some() || app.import.is_some() {
        return;
    }
    let Some((r, c)) = state.cursor else { return };
    let project = app.project();
    let kpi = RowItem::of(project, rows[r]);
    let date = periods[c].0;
    let lang = app.lang();
    let move_to = |state: &mut DataViewState, dr: isize, dc: isize| {
        let nr = (r as isize + dr).clamp(0, rows.len() as isize - 1) as usize;
        let nc = (c as isize + dc).clamp(0, periods.len() as isize - 1) as usize;
        state.cursor = Some((nr, nc));
        state.reveal = true;
    };
    let select = |out: &mut Vec<AppCommand>, state: &DataViewState| {
        if let Some((nr, _)) = state.cursor
            && nr != r
        {
            out.push(AppCommand::Select(Some(RowItem::of(project, rows[nr]).subject())));
        }
    };
    let consume = |ui: &mut Ui, key: Key| ui.input_mut(|i| i.consume_key(Modifiers::NONE, key));
    if state.editing.is_some() {
        if consume(ui, Key::Escape) {
            state.editing = None;
        } else if consume(ui, Key::Enter) {
            if commit(app, state, kpi, date, out) {
                move_to(state, 1, 0);
                select(out, state);
            }
        } else if consume(ui, Key::Tab) {
            if commit(app, state, kpi, date, out) {
                move_to(state, 0, 1);
            }
        } else if ui.input_mut(|i| i.consume_key(Modifiers::SHIFT, Key::Tab))
            && commit(app, state, kpi, date, out)
        {
            move_to(state, 0, -1);
        }
        return;
    }
    if ui.ctx().egui_wants_keyboard_input() {
        return;
    }
    for (key, dr, dc) in [
        (Key::ArrowUp, -1, 0),
        (Key::ArrowDown, 1, 0),
        (Key::ArrowLeft, 0, -1),
        (Key::ArrowRight, 0, 1),
        (Key::Enter, 1, 0),
        (Key::Tab, 0, 1),
    ] {
        if consume(ui, key) {
            move_to(state, dr, dc);
            select(out, state);
            return;
        }
    }
    if ui.input_mut(|i| i.consume_key(Modifiers::SHIFT, Key::Tab)) {
        move_to(state, 0, -1);
        return;
    }
    if consume(ui, Key::F2) {
        let (text, own) = kpi.cell_text(date, state.mode);
        state.editing = Some(if own { text } else { String::new() });
        state.focus_edit = true;
        return;
    }
    if consume(ui, Key::Delete) || consume(ui, Key::Backspace) {
        state.editing = Some(String::new());
        commit(app, state, kpi, date, out);
        return;
    }
    // Typing over a cell starts editing it; a paste fills a block from the cell.
    let events = ui.input(|i| i.events.clone());
    for e in events {
        match e {
            egui::Event::Text(t)
                if !t.trim().is_empty() || matches!(state.mode, GridMode::Notes | GridMode::Commentary) =>
            {
                state.editing = Some(t);
                state.focus_edit = true;
                return;
            }
            egui::Event::Paste(t) => {
                match paste_block(project, rows, periods, (r, c), &t, state.mode, lang) {
                    Ok(commands) if !commands.is_empty() => {
                        let n = commands.len();
                        out.push(AppCommand::Doc {
                            command: DocCommand::Batch(commands),
                            label: crate::tr!(lang, PasteCells, n = n),
                            merge: None,
                        });
                    }
                    Ok(_) => {}
                    Err(message) => {
                        out.push(AppCommand::Toast(crate::i18n::Message::verbatim(message), true))
                    }
                }
                return;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::KpiId;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn project() -> Project {
        let mut p = Project::blank(Lang::En, ymd(2026, 1, 1));
        for (i, name) in ["Sales", "Margin"].iter().enumerate() {
            let mut k = Kpi::new(KpiId(format!("K{i}")), *name);
            k.frequency = Some(Frequency::Monthly);
            p.kpis.push(k);
        }
        p
    }

    #[test]
    fn rows_filter_by_frequency_search_and_department() {
        let p = crate::model::synthetic::generate(crate::model::synthetic::SyntheticSpec {
            kpis: 12,
            departments: 3,
            periods: 12,
            seed: 1,
        });
        assert_eq!(grid_rows(&p, None, Frequency::Monthly, "", None).len(), 12);
        assert!(grid_rows(&p, None, Frequency::Quarterly, "", None).is_empty());
        let d = p.kpis.iter().find_map(|k| k.department.clone()).unwrap();
        let rows = grid_rows(&p, None, Frequency::Monthly, "", Some(&d));
        assert!(!rows.is_empty() && rows.len() < 12);
        assert!(
            rows.iter().all(|&r| matches!(r, GridRow::Kpi(k) if p.kpis[k].department.as_ref() == Some(&d)))
        );
        let code = p.kpis[3].code.to_lowercase();
        assert_eq!(grid_rows(&p, None, Frequency::Monthly, &code, None), vec![GridRow::Kpi(3)]);
    }

    #[test]
    fn the_grid_starts_at_the_selected_periods_column() {
        use crate::score::PeriodSpec;
        let months = periods_between(Frequency::Monthly, year_range(2026));
        let nov = PeriodSpec::Month { year: 2026, month: 11 }.range();
        assert_eq!(current_column(&months, Frequency::Monthly, nov), 10);
        // Weeks: the last week counting in November 2026 starts on the 23rd.
        let weeks = periods_between(Frequency::Weekly, year_range(2026));
        let c = current_column(&weeks, Frequency::Weekly, nov);
        assert_eq!(weeks[c].0, ymd(2026, 11, 23));
        // Year to date, part way through November: the latest complete month.
        let ytd = PeriodSpec::YearToDate { to: ymd(2026, 11, 8) }.range();
        assert_eq!(current_column(&months, Frequency::Monthly, ytd), 9);
    }

    #[test]
    fn a_pasted_block_becomes_one_command_per_cell() {
        let p = project();
        let periods = periods_between(Frequency::Monthly, year_range(2026));
        let text = "1,234.5\t85%\r\n１２３\t\r\n";
        let rows = [GridRow::Kpi(0), GridRow::Kpi(1)];
        let c = paste_block(&p, &rows, &periods, (0, 10), text, GridMode::Actuals, Lang::En).unwrap();
        // Two rows × two columns, but December is the last column: Nov and Dec of both KPIs;
        // the empty cell over an empty period changes nothing and is left out.
        assert_eq!(c.len(), 3);
        let DocCommand::SetPeriod { kpi, date, period: Some(x) } = &c[0] else { panic!() };
        assert_eq!((kpi.0.as_str(), *date, x.actual), ("K0", ymd(2026, 11, 1), Some(1234.5)));
        let DocCommand::SetPeriod { period: Some(x), .. } = &c[1] else { panic!() };
        assert_eq!(x.actual, Some(85.0));
        let DocCommand::SetPeriod { kpi, period: Some(x), .. } = &c[2] else { panic!() };
        assert_eq!((kpi.0.as_str(), x.actual), ("K1", Some(123.0)));
        // An empty cell clears a value that is there.
        let mut p = p;
        p.kpis[1].series.push(Period {
            date: ymd(2026, 12, 1),
            actual: Some(9.0),
            target: None,
            note: None,
            commentary: None,
        });
        let c = paste_block(&p, &rows, &periods, (1, 11), "", GridMode::Actuals, Lang::En).unwrap();
        let DocCommand::SetPeriod { period: Some(x), .. } = &c[0] else { panic!() };
        assert_eq!(x.actual, None);
    }

    #[test]
    fn a_bad_cell_refuses_the_whole_paste_and_says_where() {
        let p = project();
        let periods = periods_between(Frequency::Monthly, year_range(2026));
        let rows = [GridRow::Kpi(0), GridRow::Kpi(1)];
        let e = paste_block(&p, &rows, &periods, (0, 0), "1\t2\n3\tabc\n", GridMode::Actuals, Lang::En)
            .unwrap_err();
        assert_eq!(e, "Pasted row 2, column 2: \"abc\" is not a number. Nothing was pasted.");
        let e = paste_block(&p, &rows, &periods, (0, 0), "x", GridMode::Targets, Lang::Zh).unwrap_err();
        assert!(e.starts_with("粘贴内容第 1 行第 1 列"), "{e}");
        // Notes take any text.
        assert!(paste_block(&p, &rows[..1], &periods, (0, 0), "双十一", GridMode::Notes, Lang::Zh).is_ok());
    }

    /// A computed KPI's actuals are not typed or pasted: the grid says where its values come
    /// from; its targets and notes are typed as usual.
    #[test]
    fn computed_actuals_refuse_typing_and_pasting_but_targets_do_not() {
        let mut p = project();
        p.kpis[1].expression = Some("K0 * 2".into());
        let periods = periods_between(Frequency::Monthly, year_range(2026));
        let rows = [GridRow::Kpi(0), GridRow::Kpi(1)];
        let e = paste_block(&p, &rows, &periods, (0, 0), "1\t2\n3\t4\n", GridMode::Actuals, Lang::En)
            .unwrap_err();
        assert!(e.starts_with("Pasted row 2, column 1: its actuals are computed by “K0 * 2”"), "{e}");
        let e = with_value(&p.kpis[1], periods[0].0, GridMode::Actuals, "5", Lang::Zh).unwrap_err();
        assert!(e.contains("不能直接输入"), "{e}");
        assert!(with_value(&p.kpis[1], periods[0].0, GridMode::Targets, "5", Lang::En).is_ok());
        assert!(!cell_text(&p.kpis[1], periods[0].0, GridMode::Actuals).1, "shown as not typed");
    }

    /// In commentary mode a cell shows and takes the analysis; the period's values, and the rest
    /// of its commentary, stay; clearing the last text removes the commentary.
    #[test]
    fn commentary_cells_take_the_analysis() {
        let mut p = project();
        let date = periods_between(Frequency::Monthly, year_range(2026))[0].0;
        let mut period = with_value(&p.kpis[0], date, GridMode::Actuals, "7", Lang::En).unwrap();
        period.commentary =
            Some(Box::new(crate::model::Commentary { cause: "rain".into(), ..Default::default() }));
        p.kpis[0].series = vec![period];
        let typed = with_value(&p.kpis[0], date, GridMode::Commentary, " fewer visitors ", Lang::En).unwrap();
        assert_eq!(typed.actual, Some(7.0));
        let c = typed.commentary.as_deref().unwrap();
        assert_eq!((c.analysis.as_str(), c.cause.as_str()), ("fewer visitors", "rain"));
        p.kpis[0].series = vec![typed];
        assert_eq!(cell_text(&p.kpis[0], date, GridMode::Commentary).0, "fewer visitors");
        p.kpis[0].series[0].commentary.as_mut().unwrap().cause.clear();
        let cleared = with_value(&p.kpis[0], date, GridMode::Commentary, "", Lang::En).unwrap();
        assert_eq!((cleared.actual, cleared.commentary), (Some(7.0), None));
    }

    /// Elements are listed under the computed KPIs that use them, once each, and take typed and
    /// pasted numbers; elements no listed KPI uses come last.
    #[test]
    fn elements_sit_under_the_rates_they_make_and_take_values() {
        use crate::model::{ElementId, ElementValue};
        let mut p = project();
        for (i, code) in ["E01", "E02", "E03"].iter().enumerate() {
            let mut e = DataElement::new(ElementId(format!("el-{i}")), *code, format!("count {i}"));
            e.series.push(ElementValue { date: ymd(2026, 1, 1), value: 4.0 });
            p.elements.push(e);
        }
        p.kpis[0].expression = Some("E02 / E01 * 100".into());
        p.kpis[1].expression = Some("E01 + 1".into());
        let deps = Dependents::new(&p);
        let rows = grid_rows(&p, Some(&deps), Frequency::Monthly, "", None);
        assert_eq!(
            rows,
            vec![
                GridRow::Kpi(0),
                GridRow::Element(1),
                GridRow::Element(0),
                GridRow::Kpi(1),
                GridRow::Element(2)
            ]
        );
        // Without elements (targets, notes): KPIs only.
        assert_eq!(grid_rows(&p, None, Frequency::Monthly, "", None), vec![GridRow::Kpi(0), GridRow::Kpi(1)]);
        let periods = periods_between(Frequency::Monthly, year_range(2026));
        let c = paste_block(&p, &rows[1..3], &periods, (0, 0), "4\t7\n\t\n", GridMode::Actuals, Lang::En)
            .unwrap();
        // E02 January is 4 already (no change); E02 February 7; E01 January cleared.
        assert_eq!(
            c,
            vec![
                DocCommand::SetElementValue {
                    element: ElementId("el-1".into()),
                    date: ymd(2026, 2, 1),
                    value: Some(7.0)
                },
                DocCommand::SetElementValue {
                    element: ElementId("el-0".into()),
                    date: ymd(2026, 1, 1),
                    value: None
                },
            ]
        );
        let e = paste_block(&p, &rows[1..2], &periods, (0, 0), "x", GridMode::Actuals, Lang::En).unwrap_err();
        assert!(e.contains("\"x\" is not a number"), "{e}");
    }
}
