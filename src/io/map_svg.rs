//! The strategy map as SVG (vector, text as text, Chinese included) and as PNG at print
//! resolution, rendered from that same SVG with the bundled font, so both pictures come from one
//! drawing.

use super::map_layout::{
    KPI_ROW, LINE, LayoutOptions, LinkStyle, MAX_KPI_ROWS, MapLayout, R, TITLE_WIDTH, cut_to_width,
    fit_title, kpi_rows, title_area, wrap_text,
};
use crate::assets::{CJK_FONT, CJK_FONT_FAMILY};
use crate::i18n::{Lang, T};
use crate::model::lint::format_number;
use crate::model::{Colour, Project};
use crate::score::ScoreBook;
use std::fmt::Write;

/// Height of the title block above the bands.
const HEADER: f64 = 64.0;
/// Height of the theme legend below the bands.
const LEGEND: f64 = 44.0;

/// Text for SVG: markup characters escaped, characters XML does not allow dropped.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

fn text_colour_on(c: Colour) -> &'static str {
    if c.luminance() > 0.4 { "#1a1a1a" } else { "#ffffff" }
}

/// What the picture shows besides the map itself.
pub struct SvgOptions<'a> {
    pub lang: Lang,
    /// Scores and statuses to badge each objective with, for this period's book.
    pub scores: Option<&'a ScoreBook>,
    /// The period as people read it, for the subtitle.
    pub period_label: String,
    /// The map with KPIs: each objective lists its KPIs (code, name, actual / target, status).
    pub kpis: bool,
    /// Curved or orthogonal links.
    pub links: LinkStyle,
}

/// One KPI row of the map with KPIs, `width` map units wide: its status colour (when scored) and
/// its text, "F01 新车销售收入 1168 / 1200 万元"; when it is too long the name is cut, never the
/// numbers.
pub fn kpi_row(
    project: &Project,
    book: Option<&ScoreBook>,
    k: usize,
    width: f64,
) -> (Option<Colour>, String) {
    let kpi = &project.kpis[k];
    let score = book.and_then(|b| b.kpis.get(k));
    let number = |v: Option<f64>| v.map_or("—".to_string(), format_number);
    let unit = if kpi.unit.is_empty() { String::new() } else { format!(" {}", kpi.unit) };
    let values = match score {
        Some(s) => format!("{} / {}{unit}", number(s.aggregate.actual), number(s.aggregate.target)),
        None => String::new(),
    };
    let label = [kpi.code.as_str(), kpi.name.as_str()]
        .iter()
        .filter(|x| !x.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    let status = score.and_then(|s| s.status).map(|s| s.colour);
    if values.is_empty() {
        return (status, cut_to_width(&label, KPI_TEXT, width));
    }
    // The code and the numbers stay whole; the name takes what room is left.
    let room = width - super::map_layout::text_width(&format!("{}   {values}", kpi.code), KPI_TEXT);
    let label = if super::map_layout::text_width(&label, KPI_TEXT)
        <= room + super::map_layout::text_width(&kpi.code, KPI_TEXT) + 3.0
    {
        label
    } else if room > 2.0 * KPI_TEXT {
        format!("{} {}", kpi.code, cut_to_width(&kpi.name, KPI_TEXT, room)).trim().to_string()
    } else {
        kpi.code.clone()
    };
    (status, cut_to_width(&format!("{label}  {values}"), KPI_TEXT, width))
}

/// Font size of the KPI rows.
pub const KPI_TEXT: f64 = 10.5;

/// Writes the map as an SVG document.
pub fn map_svg(project: &Project, options: &SvgOptions) -> String {
    let layout =
        MapLayout::compute_with(project, &[], LayoutOptions { kpis: options.kpis, links: options.links });
    let width = layout.width;
    let legend = if project.themes.is_empty() { 0.0 } else { LEGEND };
    let height = HEADER + layout.height + legend + 8.0;
    let mut s = String::with_capacity(16 * 1024);
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{font}, 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#4a4a4a"/></marker></defs>
<rect x="0" y="0" width="{w}" height="{h}" fill="#ffffff"/>
"##,
        w = format_number(width),
        h = format_number(height),
        font = CJK_FONT_FAMILY,
    );
    // Title block.
    let subtitle = [project.info.organisation.as_str(), options.period_label.as_str()]
        .iter()
        .filter(|x| !x.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" · ");
    let _ = writeln!(
        s,
        r##"<text x="16" y="30" font-size="22" font-weight="bold" fill="#1a1a1a">{}</text>"##,
        esc(&project.info.name)
    );
    let _ = writeln!(
        s,
        r##"<text x="16" y="52" font-size="13" fill="#555555">{} — {}</text>"##,
        esc(&subtitle),
        esc(T::ActShowMap.get(options.lang))
    );
    let _ = writeln!(s, r##"<g transform="translate(0 {HEADER})">"##);
    // Bands.
    for band in &layout.bands {
        let persp = &project.perspectives[band.perspective];
        let light = persp.colour.lighten(0.92);
        let _ = writeln!(
            s,
            r##"<g class="band"><rect x="0" y="{y}" width="{w}" height="{h}" fill="{fill}" stroke="{stroke}" stroke-width="1"/><rect x="0" y="{y}" width="{tw}" height="{h}" fill="{colour}"/>"##,
            y = format_number(band.top),
            w = format_number(width),
            h = format_number(band.height),
            fill = light,
            stroke = persp.colour.lighten(0.6),
            tw = format_number(TITLE_WIDTH - 12.0),
            colour = persp.colour,
        );
        let lines = wrap_text(&persp.name, 16.0, TITLE_WIDTH - 30.0);
        let total = lines.len() as f64 * 20.0;
        for (i, line) in lines.iter().enumerate() {
            let y = band.top + band.height / 2.0 - total / 2.0 + 15.0 + i as f64 * 20.0;
            let _ = writeln!(
                s,
                r##"<text x="{x}" y="{y}" font-size="16" font-weight="bold" text-anchor="middle" fill="{fg}">{t}</text>"##,
                x = format_number((TITLE_WIDTH - 12.0) / 2.0),
                y = format_number(y),
                fg = text_colour_on(persp.colour),
                t = esc(line)
            );
        }
        s.push_str("</g>\n");
    }
    // Links under the boxes.
    for link in &layout.links {
        let l = &project.links[link.link];
        let start = link.start();
        let mut d = format!("M{} {}", format_number(start.x), format_number(start.y));
        for c in &link.path {
            let _ = write!(
                d,
                " C{} {} {} {} {} {}",
                format_number(c[1].x),
                format_number(c[1].y),
                format_number(c[2].x),
                format_number(c[2].y),
                format_number(c[3].x),
                format_number(c[3].y)
            );
        }
        let _ = writeln!(
            s,
            r##"<path class="link" d="{d}" fill="none" stroke="#4a4a4a" stroke-width="1.6" marker-end="url(#arrow)"/>"##,
        );
        if !l.label.is_empty() {
            // `label_at` is the label's centre; the baseline is a third of the text lower.
            let m = link.label_at;
            let _ = writeln!(
                s,
                r##"<text x="{}" y="{}" font-size="12" text-anchor="middle" fill="#333333" stroke="#ffffff" stroke-width="3" paint-order="stroke">{}</text>"##,
                format_number(m.x),
                format_number(m.y + 4.0),
                esc(&l.label)
            );
        }
    }
    // Boxes.
    for b in &layout.boxes {
        let o = &project.objectives[b.objective];
        let persp_colour = project.perspectives[layout.bands[b.band].perspective].colour;
        let accent = o.accent(project, persp_colour);
        let r = b.rect;
        let _ = writeln!(
            s,
            r##"<g class="objective"><rect x="{x}" y="{y}" width="{w}" height="{h}" rx="9" fill="{fill}" stroke="{stroke}" stroke-width="2"/>"##,
            x = format_number(r.x),
            y = format_number(r.y),
            w = format_number(r.w),
            h = format_number(r.h),
            fill = accent.lighten(0.85),
            stroke = accent,
        );
        // The title under the badge row, wrapped, smaller or cut with "…" to fit (the full name
        // stays in the box's <title>).
        let area = title_area(R { h: o.size.h, ..r });
        let title = fit_title(&o.name, area.w, area.h);
        let line_h = title.size * LINE;
        let total = title.lines.len() as f64 * line_h;
        let _ = write!(s, "<title>{}</title>", esc(&o.name));
        for (i, line) in title.lines.iter().enumerate() {
            let y = area.y + area.h / 2.0 - total / 2.0 + title.size + i as f64 * line_h - 2.0;
            let _ = writeln!(
                s,
                r##"<text x="{}" y="{}" font-size="{}" text-anchor="middle" fill="#1a1a1a">{}</text>"##,
                format_number(area.x + area.w / 2.0),
                format_number(y),
                format_number(title.size),
                esc(line)
            );
        }
        if options.kpis {
            let rows = kpi_rows(project, &o.id);
            let top = r.y + o.size.h;
            if !rows.is_empty() {
                let _ = writeln!(
                    s,
                    r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>"##,
                    format_number(r.x + 6.0),
                    format_number(top),
                    format_number(r.right() - 6.0),
                    format_number(top),
                    accent.lighten(0.5)
                );
            }
            for (i, &k) in rows.iter().take(MAX_KPI_ROWS).enumerate() {
                let (colour, text) = kpi_row(project, options.scores, k, r.w - 28.0);
                let y = top + 3.0 + (i as f64 + 0.5) * KPI_ROW;
                let _ = writeln!(
                    s,
                    r##"<circle cx="{}" cy="{}" r="4" fill="{}"/><text x="{}" y="{}" font-size="{KPI_TEXT}" fill="#333333">{}</text>"##,
                    format_number(r.x + 12.0),
                    format_number(y),
                    colour.map_or("#9e9e9e".to_string(), |c| c.to_hex()),
                    format_number(r.x + 21.0),
                    format_number(y + 3.8),
                    esc(&text)
                );
            }
            if rows.len() > MAX_KPI_ROWS {
                let y = top + 3.0 + (MAX_KPI_ROWS as f64 + 0.5) * KPI_ROW;
                let _ = writeln!(
                    s,
                    r##"<text x="{}" y="{}" font-size="{KPI_TEXT}" fill="#777777">+{}</text>"##,
                    format_number(r.x + 21.0),
                    format_number(y + 3.8),
                    rows.len() - MAX_KPI_ROWS
                );
            }
        }
        if let Some(book) = options.scores
            && let Some(node) = book.objectives.get(b.objective)
        {
            let (colour, text) = match (node.status, node.score) {
                (Some(st), Ok(v)) => (st.colour.to_hex(), format!("{:.0}%", v)),
                _ => ("#9e9e9e".to_string(), "—".to_string()),
            };
            let _ = writeln!(
                s,
                r##"<circle cx="{}" cy="{}" r="6" fill="{colour}"/><text x="{}" y="{}" font-size="11" text-anchor="end" fill="#333333">{}</text>"##,
                format_number(r.right() - 12.0),
                format_number(r.y + 11.0),
                format_number(r.right() - 22.0),
                format_number(r.y + 15.0),
                esc(&text)
            );
        }
        s.push_str("</g>\n");
    }
    s.push_str("</g>\n");
    // Theme legend.
    if !project.themes.is_empty() {
        let y = HEADER + layout.height + 26.0;
        let _ = writeln!(
            s,
            r##"<text x="16" y="{}" font-size="13" fill="#555555">{}</text>"##,
            format_number(y),
            esc(T::Themes2.get(options.lang))
        );
        let mut x = 110.0;
        for t in &project.themes {
            let _ = writeln!(
                s,
                r##"<rect x="{}" y="{}" width="14" height="14" rx="3" fill="{}"/><text x="{}" y="{}" font-size="13" fill="#1a1a1a">{}</text>"##,
                format_number(x),
                format_number(y - 11.0),
                t.colour,
                format_number(x + 20.0),
                format_number(y),
                esc(&t.name)
            );
            x += 40.0
                + wrap_text(&t.name, 13.0, f64::INFINITY)
                    .first()
                    .map_or(0.0, |l| l.chars().map(|c| if c.is_ascii() { 7.5 } else { 13.0 }).sum());
        }
    }
    s.push_str("</svg>\n");
    s
}

/// Renders an SVG to PNG with the bundled font; `scale` 1 = one pixel per map unit.
pub fn svg_to_png(svg: &str, scale: f32) -> Result<Vec<u8>, String> {
    use resvg::tiny_skia;
    let tree = tree(svg)?;
    let size = tree.size().to_int_size().scale_by(scale).ok_or("the picture would be empty")?;
    if size.width() as u64 * size.height() as u64 > 400_000_000 {
        return Err(format!("{} × {} pixels is too large; use a smaller scale", size.width(), size.height()));
    }
    let mut pixmap =
        tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("cannot allocate the picture")?;
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| e.to_string())
}

/// The size in pixels of the PNG `svg_to_png` makes at `scale`.
pub fn png_size(svg: &str, scale: f32) -> Option<(u32, u32)> {
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default()).ok()?;
    let size = tree.size().to_int_size().scale_by(scale)?;
    Some((size.width(), size.height()))
}

/// How an exported SVG carries its text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SvgText {
    /// Text stays text (searchable, editable) and the bundled font travels inside the file, so
    /// the map looks the same on a machine without Chinese fonts.
    #[default]
    EmbeddedFont,
    /// Every glyph is drawn as an outline: no font needed anywhere, text no longer selectable.
    Paths,
}

/// Paper for the PDF, always landscape.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Paper {
    #[default]
    A4,
    A3,
}

impl Paper {
    /// Width and height in PDF points (1/72 inch), landscape.
    pub fn size(self) -> (f64, f64) {
        const MM: f64 = 72.0 / 25.4;
        match self {
            Paper::A4 => (297.0 * MM, 210.0 * MM),
            Paper::A3 => (420.0 * MM, 297.0 * MM),
        }
    }
}

/// The CSS rule that carries the bundled font (base64 in a `data:` address).
pub fn font_face_css() -> String {
    format!(
        "@font-face{{font-family:'{CJK_FONT_FAMILY}';src:url(data:font/otf;base64,{})format('opentype');}}",
        base64(CJK_FONT)
    )
}

/// The SVG with the bundled font embedded as an `@font-face` (base64 in a `data:` address).
pub fn embed_font(svg: &str) -> String {
    let face = format!("<style>{}</style>", font_face_css());
    match svg.find("<defs>") {
        Some(at) => {
            let at = at + "<defs>".len();
            format!("{}{face}{}", &svg[..at], &svg[at..])
        }
        None => svg.to_string(),
    }
}

/// The SVG with every text drawn as outlines of the bundled font.
pub fn text_to_paths(svg: &str) -> Result<String, String> {
    let tree = tree(svg)?;
    let options = resvg::usvg::WriteOptions { preserve_text: false, ..Default::default() };
    Ok(tree.to_string(&options))
}

/// The map on a landscape page of `paper`, scaled to fit inside a margin, as a vector PDF with
/// the bundled font embedded (subset) and text kept as text.
pub fn svg_to_pdf(svg: &str, paper: Paper) -> Result<Vec<u8>, String> {
    let (map_w, map_h) = {
        let t = tree(svg)?;
        (t.size().width() as f64, t.size().height() as f64)
    };
    let (page_w, page_h) = paper.size();
    let margin = 28.0;
    let k = ((page_w - 2.0 * margin) / map_w).min((page_h - 2.0 * margin) / map_h);
    let x = (page_w - map_w * k) / 2.0;
    // The root element's own attributes (size, font) give way to the page's; its content is
    // placed on the page as one group.
    let open_end = svg.find('>').ok_or("not an SVG")? + 1;
    let close = svg.rfind("</svg>").ok_or("not an SVG")?;
    let font = svg[..open_end]
        .split("font-family=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or(CJK_FONT_FAMILY);
    let page = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{pw}" height="{ph}" viewBox="0 0 {pw} {ph}"><rect width="{pw}" height="{ph}" fill="#ffffff"/><g transform="translate({x} {margin}) scale({k})" font-family="{font}">{body}</g></svg>"##,
        pw = format_number(page_w),
        ph = format_number(page_h),
        x = format_number(x),
        k = format_number(k),
        body = &svg[open_end..close],
    );
    let tree = tree(&page)?;
    svg2pdf::to_pdf(&tree, svg2pdf::ConversionOptions::default(), svg2pdf::PageOptions::default())
        .map_err(|e| e.to_string())
}

/// Parses an SVG with the bundled font as the default and only font, as PNG and PDF need.
fn tree(svg: &str) -> Result<resvg::usvg::Tree, String> {
    use resvg::usvg;
    let mut options = usvg::Options { font_family: CJK_FONT_FAMILY.to_string(), ..usvg::Options::default() };
    options.fontdb_mut().load_font_data(CJK_FONT.to_vec());
    usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())
}

/// The bundled font loaded once, to share between the many pages of a document.
pub fn font_database() -> std::sync::Arc<resvg::usvg::fontdb::Database> {
    let mut db = resvg::usvg::fontdb::Database::new();
    db.load_font_data(CJK_FONT.to_vec());
    std::sync::Arc::new(db)
}

/// Parses an SVG with a font database made by `font_database`.
pub fn tree_with(
    svg: &str,
    fontdb: std::sync::Arc<resvg::usvg::fontdb::Database>,
) -> Result<resvg::usvg::Tree, String> {
    use resvg::usvg;
    let options =
        usvg::Options { font_family: CJK_FONT_FAMILY.to_string(), fontdb, ..usvg::Options::default() };
    usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())
}

/// Standard base64 with padding (RFC 4648), for the embedded font.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (chunk[0] as u32) << 16
            | (chunk.get(1).copied().unwrap_or(0) as u32) << 8
            | chunk.get(2).copied().unwrap_or(0) as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod print_tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_examples() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded);
        }
    }

    #[test]
    fn paper_sizes_are_landscape_iso() {
        let (w, h) = Paper::A4.size();
        assert!((w - 841.89).abs() < 0.01 && (h - 595.28).abs() < 0.01);
        let (w, h) = Paper::A3.size();
        assert!((w - 1190.55).abs() < 0.01 && (h - 841.89).abs() < 0.01);
    }
}
