//! The monthly review pack (经营分析会材料, a briefing book): cover, contents, the strategy map with
//! status, the scorecard, one page per red and amber KPI (its trend against target with the status
//! bands, the forecast, the owner's commentary and the why), the initiatives, a scorecard per
//! department and, on request, every KPI's definition. A4 landscape, the project's name, period and
//! page number in every footer.
//!
//! Each page is drawn as SVG (the charts from the same series engine as the window), converted to
//! a PDF form with svg2pdf (text stays text, the bundled CJK font is embedded and subset) and the
//! pages are put together with pdf-writer, with the contents as PDF bookmarks too.

use super::map_svg::esc;
use crate::i18n::{Lang, T};
use crate::model::lint::format_number as n;
use crate::model::{Kpi, Project};
use crate::score::series::{Accumulation, kpi_series, status_bands};
use crate::score::trace::TraceSubject;
use crate::score::{DateRange, PeriodSpec, ScoreBook, Status};
use chrono::{Datelike, NaiveDate};
use std::fmt::Write as _;

/// A4 landscape in points.
pub const PAGE_W: f64 = 841.89;
pub const PAGE_H: f64 = 595.28;
const MARGIN: f64 = 36.0;
const TOP: f64 = 64.0;
const BOTTOM: f64 = PAGE_H - 40.0;

/// Which parts the pack has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sections {
    pub cover: bool,
    pub map: bool,
    pub scorecard: bool,
    pub kpis: bool,
    pub initiatives: bool,
    pub departments: bool,
    pub appendix: bool,
}

impl Default for Sections {
    /// Everything but the appendix of definitions.
    fn default() -> Self {
        Sections {
            cover: true,
            map: true,
            scorecard: true,
            kpis: true,
            initiatives: true,
            departments: true,
            appendix: false,
        }
    }
}

impl Sections {
    pub const NAMES: [&'static str; 7] =
        ["cover", "map", "scorecard", "kpis", "initiatives", "departments", "appendix"];

    /// "cover,map,kpis": only these; `Err` names the word that is not a section.
    pub fn parse(list: &str) -> Result<Sections, String> {
        let mut s = Sections {
            cover: false,
            map: false,
            scorecard: false,
            kpis: false,
            initiatives: false,
            departments: false,
            appendix: false,
        };
        for word in list.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            match word.to_ascii_lowercase().as_str() {
                "cover" => s.cover = true,
                "map" => s.map = true,
                "scorecard" => s.scorecard = true,
                "kpis" => s.kpis = true,
                "initiatives" => s.initiatives = true,
                "departments" => s.departments = true,
                "appendix" => s.appendix = true,
                "all" => {
                    s = Sections { appendix: true, ..Sections::default() };
                }
                _ => return Err(word.to_string()),
            }
        }
        Ok(s)
    }
}

/// What the pack is made for.
#[derive(Clone, Debug)]
pub struct PackOptions {
    pub lang: Lang,
    pub period: PeriodSpec,
    /// Only this unit (and its sub-units) in the KPI, department and appendix sections.
    pub department: Option<usize>,
    pub sections: Sections,
    /// The date printed on the cover.
    pub today: NaiveDate,
}

/// One page: its SVG body (page coordinates, points) and the section it belongs to.
struct Page {
    section: String,
    body: String,
}

/// A contents entry: the title and the index of its first page.
struct Entry {
    title: String,
    page: usize,
}

/// The width of `s` at `size` points, as the bundled font sets it (CJK a full em, the rest about
/// half): close enough to wrap lines without measuring glyphs.
fn text_width(s: &str, size: f64) -> f64 {
    s.chars()
        .map(|c| match unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) {
            2 => 1.0,
            0 => 0.0,
            _ if c.is_ascii_uppercase() || c.is_ascii_digit() => 0.6,
            _ if c == ' ' || c == '.' || c == ',' || c == 'i' || c == 'l' => 0.3,
            _ => 0.52,
        })
        .sum::<f64>()
        * size
}

/// `s` broken into lines no wider than `width`: at spaces for words, anywhere between CJK
/// characters; a word wider than the line is cut.
fn wrap(s: &str, width: f64, size: f64) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in s.split('\n') {
        let mut line = String::new();
        let mut word = String::new();
        let flush_word = |line: &mut String, word: &mut String, lines: &mut Vec<String>| {
            if word.is_empty() {
                return;
            }
            if text_width(&format!("{line}{word}"), size) > width && !line.trim().is_empty() {
                lines.push(line.trim_end().to_string());
                *line = word.trim_start().to_string();
            } else {
                line.push_str(word);
            }
            word.clear();
        };
        for c in paragraph.chars() {
            let wide = unicode_width::UnicodeWidthChar::width(c) == Some(2);
            // Closing punctuation never starts a line (禁则): it stays with what it closes.
            if wide && "，。；：、）！？」』》”’".contains(c) {
                flush_word(&mut line, &mut word, &mut lines);
                line.push(c);
            } else if wide {
                flush_word(&mut line, &mut word, &mut lines);
                word.push(c);
                flush_word(&mut line, &mut word, &mut lines);
            } else if c == ' ' {
                word.push(c);
                flush_word(&mut line, &mut word, &mut lines);
            } else {
                word.push(c);
                // A word longer than a whole line is cut where it reaches the edge.
                if text_width(&word, size) > width {
                    let last = word.pop().unwrap_or(' ');
                    flush_word(&mut line, &mut word, &mut lines);
                    lines.push(std::mem::take(&mut line));
                    word.push(last);
                }
            }
        }
        flush_word(&mut line, &mut word, &mut lines);
        lines.push(line.trim_end().to_string());
    }
    lines
}

fn text(out: &mut String, x: f64, y: f64, size: f64, bold: bool, fill: &str, s: &str) {
    // The bundled font has one weight: bold is drawn with a thin outline of the same colour.
    let weight = if bold {
        format!(r##" stroke="{fill}" stroke-width="{:.2}""##, (size * 0.025).min(0.45))
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        r##"<text x="{:.1}" y="{:.1}" font-size="{size}"{weight} fill="{fill}">{}</text>"##,
        x,
        y,
        esc(s)
    );
}

fn text_end(out: &mut String, x: f64, y: f64, size: f64, fill: &str, s: &str) {
    let _ = writeln!(
        out,
        r##"<text x="{:.1}" y="{:.1}" font-size="{size}" fill="{fill}" text-anchor="end">{}</text>"##,
        x,
        y,
        esc(s)
    );
}

/// Wrapped text from `y` down; returns the y below it.
fn paragraph(out: &mut String, x: f64, y: f64, width: f64, size: f64, fill: &str, s: &str) -> f64 {
    let mut y = y;
    for line in wrap(s, width, size) {
        y += size * 1.35;
        text(out, x, y, size, false, fill, &line);
    }
    y
}

/// A computed number for reading (see `lint::rounded`).
fn rounded(v: f64) -> String {
    n(crate::model::lint::rounded(v))
}

fn status_colour(s: Option<Status>) -> String {
    s.map(|s| s.colour.to_hex()).unwrap_or_else(|| "#9e9e9e".into())
}

fn score_text(score: Result<f64, crate::score::Undefined>, lang: Lang) -> String {
    match score {
        Ok(s) => format!("{s:.1} %"),
        Err(u) => u.short(lang).to_string(),
    }
}

fn with_unit(v: Option<f64>, unit: &str) -> String {
    v.map_or_else(|| "—".into(), |v| super::contract::with_unit(v, unit))
}

/// The pages being laid out, section by section.
struct Flow {
    pages: Vec<Page>,
    entries: Vec<Entry>,
    y: f64,
}

impl Flow {
    fn section(&mut self, title: &str) {
        self.entries.push(Entry { title: title.to_string(), page: self.pages.len() });
        self.new_page(title);
    }

    fn new_page(&mut self, section: &str) {
        self.pages.push(Page { section: section.to_string(), body: String::new() });
        self.y = TOP;
    }

    /// Room for `height` more points on this page, or a new page of the same section.
    fn room(&mut self, height: f64) {
        if self.y + height > BOTTOM {
            let section = self.pages.last().map(|p| p.section.clone()).unwrap_or_default();
            self.new_page(&section);
        }
    }

    fn body(&mut self) -> &mut String {
        &mut self.pages.last_mut().expect("a section was started").body
    }
}

/// The department and its sub-units, in tree order.
fn units_under(book: &ScoreBook, d: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut stack = vec![d];
    while let Some(x) = stack.pop() {
        if out.contains(&x) {
            continue;
        }
        out.push(x);
        for &c in book.index.department_children[x].iter().rev() {
            stack.push(c);
        }
    }
    out
}

/// Builds every page's SVG. `progress` is told the share done (0–1) now and then.
fn layout(
    project: &Project,
    options: &PackOptions,
    progress: &(dyn Fn(f32) + Sync),
) -> (Vec<String>, Vec<Entry>) {
    let lang = options.lang;
    let book = ScoreBook::compute(project, options.period);
    let previous = ScoreBook::compute(project, options.period.previous());
    let period_label = options.period.label(lang);
    let units: Option<Vec<usize>> = options.department.map(|d| units_under(&book, d));
    let in_scope = |k: usize| match &units {
        None => true,
        Some(units) => book.index.kpi_department[k].is_some_and(|d| units.contains(&d)),
    };
    let mut flow = Flow { pages: Vec::new(), entries: Vec::new(), y: TOP };
    let s = options.sections;

    if s.cover {
        cover(&mut flow, project, &book, &previous, options, &period_label);
    }
    // The contents page, filled in once the page numbers are known.
    let contents_at = flow.pages.len();
    flow.new_page(T::PackContents.get(lang));
    if s.map {
        flow.section(T::PackMap.get(lang));
        map_page(&mut flow, project, &book, lang, &period_label);
    }
    if s.scorecard {
        flow.section(T::PackScorecard.get(lang));
        scorecard_pages(&mut flow, project, &book, &previous, lang);
    }
    progress(0.1);
    if s.kpis {
        let attention = attention_kpis(project, &book, &in_scope);
        flow.section(T::PackAttention.get(lang));
        if attention.is_empty() {
            let y = flow.y;
            text(flow.body(), MARGIN, y + 14.0, 13.0, false, "#333333", T::PackNothingRed.get(lang));
        }
        for (i, &k) in attention.iter().enumerate() {
            if i > 0 {
                flow.new_page(T::PackAttention.get(lang));
            }
            kpi_page(&mut flow, project, &book, &previous, k, lang);
            progress(0.1 + 0.4 * (i + 1) as f32 / attention.len() as f32);
        }
    }
    if s.initiatives {
        flow.section(T::Initiatives.get(lang));
        initiatives_pages(&mut flow, project, lang);
    }
    if s.departments && !project.departments.is_empty() {
        flow.section(T::Departments.get(lang));
        let all: Vec<usize> = match &units {
            Some(u) => u.clone(),
            None => {
                let roots: Vec<usize> = (0..project.departments.len())
                    .filter(|&d| book.index.department_parent[d].is_none())
                    .collect();
                roots.into_iter().flat_map(|r| units_under(&book, r)).collect()
            }
        };
        for d in all {
            department_block(&mut flow, project, &book, d, lang);
        }
    }
    if s.appendix {
        flow.section(T::PackAppendix.get(lang));
        appendix_pages(&mut flow, project, &in_scope, lang);
    }
    contents(&mut flow, contents_at, lang);

    let total = flow.pages.len();
    let footer_left = format!("{} · {}", project.info.name, period_label);
    let pages =
        flow.pages.iter().enumerate().map(|(i, p)| page_svg(p, i, total, &footer_left, lang)).collect();
    (pages, flow.entries)
}

fn page_svg(page: &Page, index: usize, total: usize, footer_left: &str, lang: Lang) -> String {
    let mut s = String::with_capacity(page.body.len() + 1024);
    let _ = writeln!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{PAGE_W}" height="{PAGE_H}" viewBox="0 0 {PAGE_W} {PAGE_H}" font-family="{}"><rect width="{PAGE_W}" height="{PAGE_H}" fill="#ffffff"/>"##,
        crate::assets::CJK_FONT_FAMILY
    );
    if index > 0 {
        text(&mut s, MARGIN, 34.0, 15.0, true, "#1a1a1a", &page.section);
        let _ = writeln!(
            s,
            r##"<line x1="{MARGIN}" y1="42" x2="{}" y2="42" stroke="#1e63b4" stroke-width="1.2"/>"##,
            PAGE_W - MARGIN
        );
    }
    s.push_str(&page.body);
    let _ = writeln!(
        s,
        r##"<line x1="{MARGIN}" y1="{y}" x2="{}" y2="{y}" stroke="#cccccc" stroke-width="0.6"/>"##,
        PAGE_W - MARGIN,
        y = PAGE_H - 30.0
    );
    text(&mut s, MARGIN, PAGE_H - 17.0, 9.0, false, "#555555", footer_left);
    let number = crate::tr!(lang, PackPageOf, page = index + 1, pages = total);
    text_end(&mut s, PAGE_W - MARGIN, PAGE_H - 17.0, 9.0, "#555555", &number);
    s.push_str("</svg>\n");
    s
}

fn cover(
    flow: &mut Flow,
    project: &Project,
    book: &ScoreBook,
    previous: &ScoreBook,
    options: &PackOptions,
    period_label: &str,
) {
    let lang = options.lang;
    flow.new_page("");
    let b = flow.body();
    let _ = writeln!(b, r##"<rect x="0" y="0" width="{PAGE_W}" height="14" fill="#1e63b4"/>"##);
    let mut y = 150.0;
    for line in wrap(&project.info.name, PAGE_W - 2.0 * 72.0, 30.0) {
        text(b, 72.0, y, 30.0, true, "#1a1a1a", &line);
        y += 40.0;
    }
    if !project.info.organisation.is_empty() {
        text(b, 72.0, y, 16.0, false, "#444444", &project.info.organisation);
        y += 28.0;
    }
    text(b, 72.0, y + 10.0, 22.0, false, "#1e63b4", T::PackTitle.get(lang));
    text(b, 72.0, y + 42.0, 18.0, false, "#333333", period_label);
    if let Some(d) = options.department {
        text(b, 72.0, y + 70.0, 15.0, false, "#333333", &project.departments[d].name);
    }
    // The overall score as a badge.
    let c = &book.scorecard;
    let colour = status_colour(c.status);
    let (bx, by) = (560.0, 170.0);
    let _ = writeln!(
        b,
        r##"<rect x="{bx}" y="{by}" width="210" height="130" rx="10" fill="#ffffff" stroke="{colour}" stroke-width="3"/><rect x="{bx}" y="{by}" width="10" height="130" rx="4" fill="{colour}"/>"##
    );
    text(b, bx + 26.0, by + 30.0, 14.0, false, "#333333", T::Overall.get(lang));
    text(b, bx + 26.0, by + 82.0, 44.0, true, &colour, &score_text(c.score, lang));
    let status = c.status.map(|s| s.label(project, None, lang)).unwrap_or_default();
    let coverage = crate::tr!(lang, KpisReported, reported = c.coverage.reported, total = c.coverage.total);
    text(b, bx + 26.0, by + 110.0, 11.0, false, "#555555", &format!("{status} · {coverage}"));
    // The why of the whole scorecard, short.
    let why = crate::score::why::why(project, book, Some(previous), &TraceSubject::Scorecard);
    let prepared = crate::tr!(lang, PackPrepared, date = options.today);
    text_end(b, PAGE_W - 72.0, 50.0, 10.0, "#777777", &prepared);
    flow.y = 370.0;
    why_block(flow, &why.lines(lang), 72.0, PAGE_W - 144.0, 10.5);
}

fn contents(flow: &mut Flow, at: usize, lang: Lang) {
    let mut b = String::new();
    let mut y = TOP + 10.0;
    for e in &flow.entries {
        y += 26.0;
        text(&mut b, MARGIN + 20.0, y, 14.0, false, "#1a1a1a", &e.title);
        let _ = writeln!(
            b,
            r##"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#bbbbbb" stroke-width="0.6" stroke-dasharray="1 3"/>"##,
            MARGIN + 30.0 + text_width(&e.title, 14.0),
            y,
            PAGE_W - MARGIN - 50.0,
            y
        );
        text_end(&mut b, PAGE_W - MARGIN - 20.0, y, 14.0, "#1a1a1a", &(e.page + 1).to_string());
    }
    flow.pages[at].body = b;
    flow.pages[at].section = T::PackContents.get(lang).to_string();
}

fn map_page(flow: &mut Flow, project: &Project, book: &ScoreBook, lang: Lang, period_label: &str) {
    let options = super::map_svg::SvgOptions {
        lang,
        scores: Some(book),
        period_label: period_label.to_string(),
        kpis: false,
        links: Default::default(),
    };
    let svg = super::map_svg::map_svg(project, &options);
    let (Some(open_end), Some(close)) = (svg.find('>').map(|i| i + 1), svg.rfind("</svg>")) else { return };
    let number = |key: &str| -> f64 {
        svg[..open_end]
            .split(&format!("{key}=\""))
            .nth(1)
            .and_then(|r| r.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(1.0)
    };
    let (w, h) = (number("width"), number("height"));
    let (area_w, area_h) = (PAGE_W - 2.0 * MARGIN, BOTTOM - TOP);
    let k = (area_w / w).min(area_h / h);
    let x = MARGIN + (area_w - w * k) / 2.0;
    let _ = writeln!(
        flow.body(),
        r##"<g transform="translate({x:.2} {TOP:.2}) scale({k:.5})">{}</g>"##,
        &svg[open_end..close]
    );
}

/// One row of a table: cells at the column x positions, the last ones right-aligned.
struct Table<'a> {
    columns: &'a [(f64, bool)],
    size: f64,
}

impl Table<'_> {
    fn header(&self, flow: &mut Flow, titles: &[&str]) {
        flow.room(40.0);
        let y = flow.y + 16.0;
        let b = flow.body();
        let _ = writeln!(
            b,
            r##"<rect x="{MARGIN}" y="{:.1}" width="{:.1}" height="20" fill="#eef2f8"/>"##,
            y - 14.0,
            PAGE_W - 2.0 * MARGIN
        );
        for (&(x, right), t) in self.columns.iter().zip(titles) {
            if right {
                text_end(b, x, y, self.size, "#1a1a1a", t);
            } else {
                text(b, x, y, self.size, true, "#1a1a1a", t);
            }
        }
        flow.y = y + 8.0;
    }

    /// A row; `dot` puts a status dot before the first cell; `indent` moves the first cell right.
    fn row(&self, flow: &mut Flow, cells: &[String], bold: bool, dot: Option<&str>) {
        self.row_indented(flow, cells, bold, dot, 0.0)
    }

    fn row_indented(&self, flow: &mut Flow, cells: &[String], bold: bool, dot: Option<&str>, indent: f64) {
        flow.room(20.0);
        let y = flow.y + 14.0;
        let b = flow.body();
        if bold {
            let _ = writeln!(
                b,
                r##"<rect x="{MARGIN}" y="{:.1}" width="{:.1}" height="19" fill="#f6f7f9"/>"##,
                y - 14.0,
                PAGE_W - 2.0 * MARGIN
            );
        }
        for (i, (&(x, right), t)) in self.columns.iter().zip(cells).enumerate() {
            let x = if i == 0 { x + indent } else { x };
            // A left-aligned cell is cut at the next column.
            let limit = self.columns.get(i + 1).map_or(PAGE_W - MARGIN, |c| c.0)
                - x
                - 8.0
                - if i == 0 { 90.0 } else { 0.0 };
            if right {
                text_end(b, x, y, self.size, "#1a1a1a", t);
            } else {
                let mut shown = t.clone();
                while text_width(&shown, self.size) > limit && shown.chars().count() > 1 {
                    shown.pop();
                    while shown.ends_with(' ') {
                        shown.pop();
                    }
                    if text_width(&format!("{shown}…"), self.size) <= limit {
                        shown.push('…');
                        break;
                    }
                }
                text(b, x, y, self.size, bold && i == 0, "#1a1a1a", &shown);
            }
        }
        if let Some(colour) = dot {
            let _ = writeln!(
                b,
                r##"<circle cx="{:.1}" cy="{:.1}" r="4" fill="{colour}"/>"##,
                MARGIN + 5.0,
                y - 4.0
            );
        }
        let _ = writeln!(
            b,
            r##"<line x1="{MARGIN}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#e3e3e3" stroke-width="0.5"/>"##,
            y + 5.0,
            PAGE_W - MARGIN,
            y + 5.0
        );
        flow.y = y + 5.0;
    }
}

fn scorecard_pages(flow: &mut Flow, project: &Project, book: &ScoreBook, previous: &ScoreBook, lang: Lang) {
    let columns =
        [(MARGIN + 14.0, false), (470.0, true), (560.0, true), (575.0, false), (PAGE_W - MARGIN, true)];
    let table = Table { columns: &columns, size: 11.0 };
    table.header(
        flow,
        &["", T::Weight.get(lang), T::Score.get(lang), T::Status.get(lang), T::Coverage.get(lang)],
    );
    let shares = crate::score::weights::objective_shares(project);
    let perspective_shares = crate::score::weights::perspective_shares(project);
    let row =
        |flow: &mut Flow, name: String, weight: Option<f64>, node: &crate::score::NodeScore, bold: bool| {
            let status = node.status.map(|s| s.label(project, None, lang)).unwrap_or_else(|| "—".into());
            let coverage = format!(
                "{}/{} ({} %)",
                node.coverage.reported,
                node.coverage.total,
                n((node.coverage.weight_share * 100.0).round())
            );
            let cells = [
                name,
                weight.map(|w| format!("{} %", n(w))).unwrap_or_default(),
                score_text(node.score, lang),
                status,
                coverage,
            ];
            table.row_indented(
                flow,
                &cells,
                bold,
                Some(&status_colour(node.status)),
                if bold { 0.0 } else { 16.0 },
            );
        };
    row(flow, T::Overall.get(lang).to_string(), Some(100.0), &book.scorecard, true);
    for (p, persp) in project.perspectives.iter().enumerate() {
        row(flow, persp.name.clone(), Some(perspective_shares[p] * 100.0), &book.perspectives[p], true);
        for &o in &book.index.perspective_objectives[p] {
            row(
                flow,
                project.objectives[o].name.clone(),
                Some(shares[o] * 100.0),
                &book.objectives[o],
                false,
            );
        }
    }
    // Why the scorecard is where it is.
    let why = crate::score::why::why(project, book, Some(previous), &TraceSubject::Scorecard);
    flow.room(60.0);
    flow.y += 14.0;
    why_block(flow, &why.lines(lang), MARGIN, PAGE_W - 2.0 * MARGIN, 10.5);
}

/// Red KPIs, then amber, each worst score first, among those in scope.
fn attention_kpis(project: &Project, book: &ScoreBook, in_scope: &dyn Fn(usize) -> bool) -> Vec<usize> {
    let rank = |k: usize| {
        let key = book.kpis[k].status.map(|s| s.key(project, Some(&project.kpis[k])).to_owned());
        match key.as_deref() {
            Some("red") => Some(0),
            Some("amber") => Some(1),
            _ => None,
        }
    };
    let mut out: Vec<(usize, usize, f64)> = (0..project.kpis.len())
        .filter(|&k| in_scope(k) && !project.kpis[k].excluded)
        .filter_map(|k| rank(k).map(|r| (r, k, book.kpis[k].score.unwrap_or(0.0))))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.total_cmp(&b.2)));
    out.into_iter().map(|(_, k, _)| k).collect()
}

fn kpi_page(
    flow: &mut Flow,
    project: &Project,
    book: &ScoreBook,
    previous: &ScoreBook,
    k: usize,
    lang: Lang,
) {
    let kpi = &project.kpis[k];
    let s = &book.kpis[k];
    let colour = status_colour(s.status);
    let status = s.status.map(|st| st.label(project, Some(kpi), lang)).unwrap_or_default();
    let y0 = flow.y;
    let b = flow.body();
    let _ = writeln!(b, r##"<rect x="{MARGIN}" y="{:.1}" width="6" height="26" fill="{colour}"/>"##, y0);
    text(b, MARGIN + 14.0, y0 + 19.0, 17.0, true, "#1a1a1a", &kpi.label());
    let badge = format!("{} · {}", score_text(s.score, lang), status);
    text_end(b, PAGE_W - MARGIN, y0 + 19.0, 15.0, &colour, &badge);
    let mut facts = vec![
        format!("{} {}", T::Actual.get(lang), with_unit(s.aggregate.actual, &kpi.unit)),
        format!("{} {}", T::Target.get(lang), with_unit(s.aggregate.target, &kpi.unit)),
    ];
    if !kpi.owner.is_empty() {
        facts.push(crate::tr!(lang, OwnerIs, owner = kpi.owner));
    }
    if let Some(o) = book.index.kpi_objective[k] {
        facts.push(project.objectives[o].name.clone());
    } else if let Some(d) = book.index.kpi_department[k] {
        facts.push(project.departments[d].name.clone());
    }
    text(b, MARGIN + 14.0, y0 + 42.0, 11.0, false, "#444444", &facts.join(" · "));

    // The chart on the left, commentary and why on the right.
    let chart = (MARGIN, y0 + 56.0, 470.0, 300.0);
    let forecast = crate::score::forecast::forecast_year_end(project, kpi, book.range.end);
    trend_chart(b, project, kpi, book.range.end, forecast.as_ref(), chart, lang);
    let y = chart.1 + chart.3 + 30.0;
    if let Some(f) = &forecast {
        let value = rounded(f.year_end);
        let line = match (f.year_target, f.reaches) {
            (Some(t), Some(reaches)) => {
                let key = if reaches { T::ForecastOnTrack } else { T::ForecastFallsShort };
                key.fill(lang, &[("forecast", &value), ("target", &rounded(t)), ("unit", &kpi.unit)])
            }
            _ => crate::tr!(lang, ForecastOnly, forecast = value, unit = kpi.unit),
        };
        paragraph(b, MARGIN, y, chart.2, 10.5, "#333333", &line);
    }

    let (rx, rw) = (MARGIN + chart.2 + 24.0, PAGE_W - MARGIN - (MARGIN + chart.2 + 24.0));
    let mut y = chart.1 + 4.0;
    text(b, rx, y + 10.0, 12.5, true, "#1a1a1a", T::Commentary.get(lang));
    y += 14.0;
    let frequency = project.frequency_of(kpi);
    let last = kpi.series.iter().rev().find(|p| p.actual.is_some() && p.date <= book.range.end);
    let commentary = kpi
        .period(frequency.period_start(book.range.end))
        .or(last)
        .and_then(|p| p.commentary.as_deref())
        .filter(|c| !c.is_blank());
    match commentary {
        Some(c) => {
            for (label, value) in [
                (T::CommentaryAnalysis, &c.analysis),
                (T::CommentaryCause, &c.cause),
                (T::CommentaryAction, &c.action),
            ] {
                if value.trim().is_empty() {
                    continue;
                }
                y += 16.0;
                text(b, rx, y, 10.5, true, "#1e63b4", label.get(lang));
                y = paragraph(b, rx, y, rw, 10.5, "#1a1a1a", value);
            }
            let signed = match (c.owner.trim(), c.date) {
                ("", None) => String::new(),
                (owner, Some(d)) => format!("— {owner} {d}"),
                (owner, None) => format!("— {owner}"),
            };
            if !signed.is_empty() {
                y += 16.0;
                text(b, rx, y, 9.5, false, "#666666", signed.trim());
            }
        }
        None => {
            y = paragraph(b, rx, y + 2.0, rw, 10.5, "#9a3412", T::PackNoCommentary.get(lang));
        }
    }
    y += 22.0;
    text(b, rx, y, 12.5, true, "#1a1a1a", T::PackWhy.get(lang));
    let why = crate::score::why::why(project, book, Some(previous), &TraceSubject::Kpi(k));
    // The headline repeats the title; the facts and the change say why.
    for line in why.lines(lang).iter().skip(1) {
        if y > BOTTOM - 14.0 {
            break;
        }
        y = paragraph(b, rx, y + 2.0, rw, 10.0, "#333333", line.trim_start());
    }
    flow.y = BOTTOM;
}

/// Actual against target over the last twelve periods up to `end`, the status bands behind each
/// period, and the year-end forecast dashed after the last one.
fn trend_chart(
    b: &mut String,
    project: &Project,
    kpi: &Kpi,
    end: NaiveDate,
    forecast: Option<&crate::score::forecast::Forecast>,
    (x, y, w, h): (f64, f64, f64, f64),
    lang: Lang,
) {
    let frequency = project.frequency_of(kpi);
    let back = match frequency {
        crate::model::Frequency::Weekly => 7 * 12,
        crate::model::Frequency::Monthly => 365,
        crate::model::Frequency::Quarterly => 3 * 365,
        crate::model::Frequency::HalfYearly => 6 * 365,
        crate::model::Frequency::Yearly => 12 * 365,
    };
    let start = end.checked_sub_days(chrono::Days::new(back)).unwrap_or(end);
    let mut points = kpi_series(project, kpi, DateRange { start, end }, Accumulation::Period);
    if points.len() > 12 {
        points.drain(..points.len() - 12);
    }
    let future: Vec<(NaiveDate, f64)> = forecast
        .map(|f| f.forecast_periods.iter().copied().filter(|(d, _)| *d > end).take(12).collect())
        .unwrap_or_default();
    let slots = points.len() + future.len();
    let _ = writeln!(
        b,
        r##"<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="#fbfbfb" stroke="#d0d0d0" stroke-width="0.6"/>"##
    );
    if slots == 0 {
        text(b, x + 12.0, y + h / 2.0, 11.0, false, "#777777", T::NoData.get(lang));
        return;
    }
    let values: Vec<f64> = points
        .iter()
        .flat_map(|p| [p.actual, p.target])
        .flatten()
        .chain(future.iter().map(|(_, v)| *v))
        .filter(|v| v.is_finite())
        .collect();
    let (mut lo, mut hi) =
        values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
    if !lo.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    let pad = ((hi - lo) * 0.25).max(hi.abs() * 0.05).max(1e-9);
    let (lo, hi) = (lo - pad, hi + pad);
    let (px, pw, py, ph) = (x + 46.0, w - 56.0, y + 10.0, h - 28.0);
    let slot = pw / slots as f64;
    let sx = |i: usize| px + slot * (i as f64 + 0.5);
    let sy = |v: f64| py + ph - (v - lo) / (hi - lo) * ph;
    // Bands behind each period, from the engine's statuses.
    for (i, p) in points.iter().enumerate() {
        for band in status_bands(project, kpi, p, lo, hi) {
            let (top, bottom) = (sy(band.high), sy(band.low));
            let _ = writeln!(
                b,
                r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}" fill-opacity="0.14"/>"##,
                px + slot * i as f64,
                top,
                slot,
                (bottom - top).max(0.0),
                band.status.colour.to_hex()
            );
        }
    }
    // Axis labels: low, middle, high.
    for v in [lo + pad, (lo + hi) / 2.0, hi - pad] {
        text_end(b, px - 6.0, sy(v) + 3.0, 8.5, "#666666", &rounded(v));
        let _ = writeln!(
            b,
            r##"<line x1="{px:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#e0e0e0" stroke-width="0.5"/>"##,
            sy(v),
            px + pw,
            sy(v)
        );
    }
    let polyline = |b: &mut String, pts: &[(f64, f64)], colour: &str, width: f64, dash: &str| {
        if pts.len() >= 2 {
            let d: Vec<String> = pts.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
            let _ = writeln!(
                b,
                r##"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="{width}"{dash}/>"##,
                d.join(" ")
            );
        }
    };
    let targets: Vec<(f64, f64)> =
        points.iter().enumerate().filter_map(|(i, p)| p.target.map(|t| (sx(i), sy(t)))).collect();
    polyline(b, &targets, "#555555", 1.2, r##" stroke-dasharray="5 3""##);
    let actuals: Vec<(f64, f64)> =
        points.iter().enumerate().filter_map(|(i, p)| p.actual.map(|a| (sx(i), sy(a)))).collect();
    polyline(b, &actuals, "#1f77b4", 2.0, "");
    for (i, p) in points.iter().enumerate() {
        if let Some(a) = p.actual {
            let _ = writeln!(
                b,
                r##"<circle cx="{:.1}" cy="{:.1}" r="3.2" fill="{}" stroke="#ffffff" stroke-width="0.8"/>"##,
                sx(i),
                sy(a),
                status_colour(p.status)
            );
        }
    }
    if let Some(&(lx, ly)) = actuals.last() {
        let mut f: Vec<(f64, f64)> = vec![(lx, ly)];
        f.extend(future.iter().enumerate().map(|(j, (_, v))| (sx(points.len() + j), sy(*v))));
        polyline(b, &f, "#1f77b4", 1.4, r##" stroke-dasharray="2 3""##);
    }
    // Period labels under the axis, thinned to fit.
    let every = (slots as f64 / 12.0).ceil().max(1.0) as usize;
    let dates: Vec<NaiveDate> =
        points.iter().map(|p| p.start).chain(future.iter().map(|(d, _)| *d)).collect();
    for (i, d) in dates.iter().enumerate().filter(|(i, _)| i % every == 0) {
        let label = match frequency {
            crate::model::Frequency::Monthly => format!("{}-{:02}", d.year() % 100, d.month()),
            f => super::export_data::period_text(*d, f),
        };
        let _ = writeln!(
            b,
            r##"<text x="{:.1}" y="{:.1}" font-size="8.5" fill="#666666" text-anchor="middle">{}</text>"##,
            sx(i),
            py + ph + 14.0,
            esc(&label)
        );
    }
    // The legend, under the box.
    let ly = y + h + 14.0;
    let mut item = |x: f64, colour: &str, width: f64, dash: &str, label: &str| {
        let _ = writeln!(
            b,
            r##"<line x1="{x:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{colour}" stroke-width="{width}"{dash}/>"##,
            ly - 3.0,
            x + 16.0,
            ly - 3.0
        );
        text(b, x + 20.0, ly, 8.5, false, "#444444", label);
    };
    item(px, "#1f77b4", 2.0, "", T::Actual.get(lang));
    item(px + 80.0, "#555555", 1.2, r##" stroke-dasharray="5 3""##, T::Target.get(lang));
    if !future.is_empty() {
        item(px + 160.0, "#1f77b4", 1.4, r##" stroke-dasharray="2 3""##, T::PackForecast.get(lang));
    }
}

fn initiatives_pages(flow: &mut Flow, project: &Project, lang: Lang) {
    if project.initiatives.is_empty() {
        let y = flow.y;
        text(flow.body(), MARGIN, y + 14.0, 12.0, false, "#555555", T::PackNoInitiatives.get(lang));
        return;
    }
    let columns =
        [(MARGIN, false), (300.0, false), (390.0, true), (410.0, false), (540.0, false), (630.0, false)];
    let table = Table { columns: &columns, size: 10.5 };
    table.header(
        flow,
        &[
            T::Name.get(lang),
            T::Status.get(lang),
            T::Progress.get(lang),
            T::Owner.get(lang),
            T::End.get(lang),
            T::Objectives.get(lang),
        ],
    );
    for i in &project.initiatives {
        let objectives: Vec<String> =
            i.objectives.iter().filter_map(|o| project.objective(o)).map(|o| o.name.clone()).collect();
        let cells = [
            i.name.clone(),
            i.status.name(lang).to_string(),
            format!("{} %", n(i.progress)),
            i.owner.clone(),
            i.end.map(|d| d.to_string()).unwrap_or_default(),
            objectives.join(T::ListSeparator.get(lang)),
        ];
        table.row(flow, &cells, false, None);
    }
}

fn department_block(flow: &mut Flow, project: &Project, book: &ScoreBook, d: usize, lang: Lang) {
    let dept = &project.departments[d];
    let node = &book.departments[d];
    flow.room(80.0);
    let y = flow.y + 22.0;
    let colour = status_colour(node.status);
    let status = node.status.map(|s| s.label(project, None, lang)).unwrap_or_default();
    let b = flow.body();
    let _ =
        writeln!(b, r##"<rect x="{MARGIN}" y="{:.1}" width="5" height="18" fill="{colour}"/>"##, y - 14.0);
    text(b, MARGIN + 12.0, y, 13.5, true, "#1a1a1a", &dept.name);
    let summary = format!(
        "{} · {} · {}",
        score_text(node.score, lang),
        status,
        crate::tr!(lang, KpisReported, reported = node.coverage.reported, total = node.coverage.total)
    );
    text_end(b, PAGE_W - MARGIN, y, 12.0, &colour, &summary);
    flow.y = y + 6.0;
    let kpis = &book.index.department_kpis[d];
    if kpis.is_empty() {
        return;
    }
    let columns = [
        (MARGIN + 14.0, false),
        (500.0, true),
        (600.0, true),
        (670.0, true),
        (750.0, true),
        (PAGE_W - MARGIN, false),
    ];
    let table = Table { columns: &columns, size: 10.0 };
    table.header(
        flow,
        &[
            T::KpiOne.get(lang),
            T::Actual.get(lang),
            T::Target.get(lang),
            T::Weight.get(lang),
            T::Score.get(lang),
            "",
        ],
    );
    for &k in kpis {
        let kpi = &project.kpis[k];
        let s = &book.kpis[k];
        let cells = [
            kpi.label(),
            with_unit(s.aggregate.actual, &kpi.unit),
            with_unit(s.aggregate.target, &kpi.unit),
            format!("{} %", n(kpi.weight)),
            score_text(s.score, lang),
            String::new(),
        ];
        table.row(flow, &cells, false, Some(&status_colour(s.status)));
    }
}

fn appendix_pages(flow: &mut Flow, project: &Project, in_scope: &dyn Fn(usize) -> bool, lang: Lang) {
    let size = 9.5;
    for (_, kpi) in project.kpis.iter().enumerate().filter(|(k, _)| in_scope(*k)) {
        let formula = match &kpi.expression {
            Some(e) => format!("{} ({e})", kpi.formula),
            None => kpi.formula.clone(),
        };
        let lines = wrap(&formula, 300.0, size);
        flow.room(14.0 * lines.len() as f64 + 40.0);
        let y = flow.y + 16.0;
        let b = flow.body();
        text(b, MARGIN, y, 11.0, true, "#1a1a1a", &kpi.label());
        let meta = [
            (T::Unit, kpi.unit.clone()),
            (T::Target, kpi.target.map(n).unwrap_or_else(|| "—".into())),
            (T::Weight, format!("{} %", n(kpi.weight))),
            (T::Owner, kpi.owner.clone()),
            (T::DataSource, kpi.data_source.clone()),
            (T::Frequency, project.frequency_of(kpi).name(lang).to_string()),
        ];
        let meta: Vec<String> =
            meta.iter().filter(|(_, v)| !v.is_empty()).map(|(t, v)| format!("{} {v}", t.get(lang))).collect();
        let mut yy = y;
        for line in wrap(&meta.join(" · "), 330.0, size) {
            yy += 13.0;
            text(b, MARGIN, yy, size, false, "#444444", &line);
        }
        let mut yf = y - 13.0;
        for line in &lines {
            yf += 13.0;
            text(b, 440.0, yf, size, false, "#1a1a1a", line);
        }
        let bottom = yy.max(yf) + 8.0;
        let _ = writeln!(
            b,
            r##"<line x1="{MARGIN}" y1="{bottom:.1}" x2="{:.1}" y2="{bottom:.1}" stroke="#e3e3e3" stroke-width="0.5"/>"##,
            PAGE_W - MARGIN
        );
        flow.y = bottom;
    }
}

/// Lines of an explanation from `flow.y` down, wrapped to `width`, items keeping their
/// indentation; as many as fit on the page (the rest would be a page of its own for a few lines).
fn why_block(flow: &mut Flow, lines: &[String], x: f64, width: f64, size: f64) {
    for line in lines {
        let text_only = line.trim_start();
        let indent = (line.len() - text_only.len()) as f64 * size * 0.5;
        let wrapped = wrap(text_only, width - indent, size);
        if flow.y + wrapped.len() as f64 * size * 1.35 > BOTTOM {
            return;
        }
        let mut y = flow.y;
        let b = flow.body();
        for l in wrapped {
            y += size * 1.35;
            text(b, x + indent, y, size, false, "#333333", &l);
        }
        flow.y = y;
    }
}

/// The pack as SVG pages (for tests and a look at one page).
pub fn pack_svg_pages(project: &Project, options: &PackOptions) -> Vec<String> {
    layout(project, options, &|_| {}).0
}

/// The same pack as one self-contained HTML file: the very pages of the PDF as inline SVG, the
/// font embedded, one printed page each (A4 landscape).
pub fn pack_html(project: &Project, options: &PackOptions) -> String {
    let (pages, _) = layout(project, options, &|_| {});
    let title = format!(
        "{} — {} {}",
        project.info.name,
        T::PackTitle.get(options.lang),
        options.period.label(options.lang)
    );
    let lang = match options.lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    let mut html = String::with_capacity(pages.iter().map(String::len).sum::<usize>() + 4_500_000);
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{}</title><style>{}\n@page{{size:A4 landscape;margin:0}}body{{margin:0;background:#e8e8e8}}.page{{width:297mm;height:210mm;margin:8mm auto;background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.25)}}.page svg{{width:100%;height:100%;display:block}}@media print{{body{{background:none}}.page{{margin:0;box-shadow:none;break-after:page}}}}</style></head><body>\n",
        esc(&title),
        super::map_svg::font_face_css()
    );
    for page in &pages {
        html.push_str("<div class=\"page\">");
        html.push_str(page);
        html.push_str("</div>\n");
    }
    html.push_str("</body></html>\n");
    html
}

/// The pack as one PDF. `progress` hears the share done (0–1): laying the pages out is the first
/// half, converting them (on up to four threads, each page as it is done) the second.
pub fn pack_pdf(
    project: &Project,
    options: &PackOptions,
    progress: &(dyn Fn(f32) + Sync),
) -> Result<Vec<u8>, String> {
    use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, TextStr};
    let (pages, entries) = layout(project, options, progress);
    let fontdb = super::map_svg::font_database();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let total = pages.len().max(1);
    let convert = |svg: &String| -> Result<(pdf_writer::Chunk, Ref), String> {
        let tree = super::map_svg::tree_with(svg, fontdb.clone())?;
        let out = svg2pdf::to_chunk(&tree, svg2pdf::ConversionOptions::default()).map_err(|e| e.to_string());
        let finished = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        progress(0.5 + 0.45 * finished as f32 / total as f32);
        out
    };
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 4);
    let per = pages.len().div_ceil(threads).max(1);
    let chunks: Vec<Result<(pdf_writer::Chunk, Ref), String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = pages
            .chunks(per)
            .map(|part| scope.spawn(|| part.iter().map(convert).collect::<Vec<_>>()))
            .collect();
        let mut out = Vec::new();
        for h in handles {
            match h.join() {
                Ok(v) => out.extend(v),
                Err(_) => out.push(Err("a page could not be drawn".to_string())),
            }
        }
        out
    });

    let mut alloc = Ref::new(1);
    let catalog = alloc.bump();
    let tree_ref = alloc.bump();
    let outline_ref = alloc.bump();
    let info_ref = alloc.bump();
    let mut pdf = Pdf::new();
    let mut page_refs = Vec::new();
    let mut bodies = Vec::new();
    for c in chunks {
        let (chunk, x) = c?;
        let mut map = std::collections::HashMap::new();
        let renumbered = chunk.renumber(|old| *map.entry(old).or_insert_with(|| alloc.bump()));
        let x = map.get(&x).copied().ok_or("a page lost its drawing")?;
        let page = alloc.bump();
        let content = alloc.bump();
        page_refs.push(page);
        bodies.push((page, content, x, renumbered));
    }
    pdf.catalog(catalog).pages(tree_ref).outlines(outline_ref);
    pdf.pages(tree_ref).kids(page_refs.iter().copied()).count(page_refs.len() as i32);
    for (page, content, x, chunk) in &bodies {
        let mut p = pdf.page(*page);
        p.media_box(Rect::new(0.0, 0.0, PAGE_W as f32, PAGE_H as f32));
        p.parent(tree_ref);
        p.contents(*content);
        p.resources().x_objects().pair(Name(b"P0"), *x);
        p.finish();
        let mut c = Content::new();
        c.save_state();
        c.transform([PAGE_W as f32, 0.0, 0.0, PAGE_H as f32, 0.0, 0.0]);
        c.x_object(Name(b"P0"));
        c.restore_state();
        pdf.stream(*content, &c.finish());
        pdf.extend(chunk);
    }
    // The contents as bookmarks.
    let items: Vec<Ref> = entries.iter().map(|_| alloc.bump()).collect();
    {
        let mut outline = pdf.outline(outline_ref);
        if let (Some(first), Some(last)) = (items.first(), items.last()) {
            outline.first(*first).last(*last);
        }
        outline.count(items.len() as i32);
    }
    for (i, e) in entries.iter().enumerate() {
        let Some(&page) = page_refs.get(e.page) else { continue };
        let mut item = pdf.outline_item(items[i]);
        item.title(TextStr(&e.title)).parent(outline_ref);
        if i > 0 {
            item.prev(items[i - 1]);
        }
        if i + 1 < items.len() {
            item.next(items[i + 1]);
        }
        item.dest().page(page).fit();
    }
    let title = format!(
        "{} — {} {}",
        project.info.name,
        T::PackTitle.get(options.lang),
        options.period.label(options.lang)
    );
    pdf.document_info(info_ref).title(TextStr(&title)).producer(TextStr(crate::i18n::PRODUCT_TITLE));
    progress(1.0);
    Ok(pdf.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_wrap_at_words_and_between_cjk_and_never_start_with_closing_punctuation() {
        let lines = wrap("Mean time to resolve rose to 27 h", 80.0, 10.0);
        assert!(lines.len() > 1 && lines.iter().all(|l| text_width(l, 10.0) <= 80.0), "{lines:?}");
        assert_eq!(lines.join(" "), "Mean time to resolve rose to 27 h");
        let zh = wrap("两名销售顾问离职；回访表未核对。", 60.0, 10.0);
        assert!(zh.len() > 1, "{zh:?}");
        assert_eq!(zh.concat(), "两名销售顾问离职；回访表未核对。");
        assert!(zh.iter().all(|l| !l.starts_with('；') && !l.starts_with('。')), "{zh:?}");
        // A word longer than the line is cut, not lost.
        let long = wrap("https://example.com/a/very/long/path", 50.0, 10.0);
        assert_eq!(long.concat(), "https://example.com/a/very/long/path");
        assert_eq!(wrap("", 50.0, 10.0), vec![String::new()]);
    }

    #[test]
    fn sections_are_named_and_unknown_ones_refused() {
        assert_eq!(Sections::parse("all").unwrap(), Sections { appendix: true, ..Sections::default() });
        let s = Sections::parse("kpis, Appendix").unwrap();
        assert!(s.kpis && s.appendix && !s.cover && !s.map);
        assert_eq!(Sections::parse("kpis,charts"), Err("charts".to_string()));
        assert!(!Sections::default().appendix && Sections::default().cover);
    }

    #[test]
    fn text_is_escaped_for_svg() {
        assert_eq!(esc("R&D <50%> \"x\""), "R&amp;D &lt;50%&gt; &quot;x&quot;");
    }
}
