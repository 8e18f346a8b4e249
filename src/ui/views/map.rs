//! The strategy map canvas: build the map live, like sticky notes on a wall.
//!
//! Double-click a band to add an objective and type its name (Enter confirms, Enter again starts
//! the next); drag boxes (into another band to change perspective), resize them, rubber-band or
//! Shift-click to select several; drag a box's handle onto another to link them (or use connect
//! mode); hover to see causes and effects. The canvas draws from `io::map_layout`, the same
//! geometry as the SVG export. Every change is one command, so a drag is one undo step.

use super::presentation::{self, Spotlight};
use crate::app::history::{Field, MergeKey, MergeTarget};
use crate::app::{AppCommand, AppState, DocCommand, Item};
use crate::i18n::Lang;
use crate::i18n::T;
use crate::io::map_layout::{self, GRID, MapLayout, P, R, TITLE_WIDTH};
use crate::model::lint::Subject;
use crate::model::*;
use crate::ui::actions::Action;
use crate::ui::fonts::colour;
use egui::epaint::PathStroke;
use egui::{
    Align2, Color32, CornerRadius, FontId, Key, Pos2, Rect, Response, RichText, Sense, Shape, Stroke, Ui,
    Vec2,
};
use std::collections::{BTreeSet, HashSet};

/// Zoom limits: a fifth of the size to four times.
const MIN_ZOOM: f32 = 0.2;
const MAX_ZOOM: f32 = 4.0;
/// Objective text at 100 % zoom, in points (the canvas draws it at this times the zoom).
pub const OBJECTIVE_TEXT: f32 = 14.0;

/// What a cached layout was computed for: the document's content key, KPIs shown, link style.
type LayoutKey = ((u64, u64), bool, map_layout::LinkStyle);

/// A drag in progress on the canvas.
#[derive(Clone, Debug, PartialEq)]
enum Drag {
    /// Moving the selected objectives by `delta` (map units).
    Move { ids: Vec<usize>, origin: Pos2, delta: Vec2 },
    /// Resizing one objective to `size`.
    Resize { objective: usize, size: Vec2 },
    /// Selecting with a rectangle, from and to in map units.
    Rubber { from: Pos2, to: Pos2 },
    /// Drawing a link from an objective to the pointer.
    Link { from: usize, to: Pos2 },
}

/// A name being typed on the canvas.
#[derive(Clone, Debug, PartialEq)]
enum Editing {
    New { perspective: PerspectiveId, position: Point, text: String, focused: bool },
    Rename { objective: ObjectiveId, text: String, focused: bool },
}

pub struct MapState {
    pub zoom: f32,
    /// The map point at the top-left corner of the canvas.
    pub pan: Vec2,
    pub fit_requested: bool,
    fitted: bool,
    /// Selected objectives; the app's selection is the primary one.
    pub selected: BTreeSet<ObjectiveId>,
    drag: Option<Drag>,
    editing: Option<Editing>,
    /// Where the last objective was created, so Enter starts the next one beside it.
    last_created: Option<(PerspectiveId, Point)>,
    pub connect_mode: bool,
    connect_from: Option<ObjectiveId>,
    pub snap: bool,
    pub hidden_themes: HashSet<ThemeId>,
    /// The layout for the document content and whether KPIs are shown.
    cache: Option<(LayoutKey, std::rc::Rc<MapLayout>)>,
    /// Each objective's title fitted to its box, for the same key as `cache`.
    titles: Vec<map_layout::FittedTitle>,
    /// The links that are not moving, tessellated once for what decides their look (the layout,
    /// the view, each link's width and colour): a drag redraws only the links of the boxes it
    /// moves, and an idle frame tessellates no link at all.
    link_mesh: Option<(u64, std::sync::Arc<egui::Mesh>)>,
    /// Where the canvas was drawn last frame, in screen points.
    pub canvas: Rect,
    /// The zoom, pan and canvas size the last fit gave: while the user leaves them, a canvas
    /// that changes size (a panel closing, the window growing) is fitted again.
    fitted_view: Option<(f32, Vec2, Vec2)>,
    /// The presenter's highlight last frame: a new one is scrolled into view.
    last_spotlight: Option<Spotlight>,
}

impl Default for MapState {
    fn default() -> Self {
        Self {
            zoom: 1.0,
            pan: Vec2::new(-10.0, -10.0),
            fit_requested: false,
            fitted: false,
            selected: BTreeSet::new(),
            drag: None,
            editing: None,
            last_created: None,
            connect_mode: false,
            connect_from: None,
            snap: true,
            hidden_themes: HashSet::new(),
            cache: None,
            titles: Vec::new(),
            link_mesh: None,
            canvas: Rect::NOTHING,
            fitted_view: None,
            last_spotlight: None,
        }
    }
}

/// Converts between map units and screen points for one frame.
#[derive(Clone, Copy)]
struct View {
    origin: Pos2,
    pan: Vec2,
    zoom: f32,
}

impl View {
    fn to_screen(self, p: P) -> Pos2 {
        self.origin + (Vec2::new(p.x as f32, p.y as f32) - self.pan) * self.zoom
    }
    fn rect(self, r: R) -> Rect {
        Rect::from_min_max(self.to_screen(P::new(r.x, r.y)), self.to_screen(P::new(r.right(), r.bottom())))
    }
    fn to_map(self, s: Pos2) -> P {
        let v = (s - self.origin) / self.zoom + self.pan;
        P::new(v.x as f64, v.y as f64)
    }
}

fn snap(v: f64, on: bool) -> f64 {
    if on { (v / GRID).round() * GRID } else { v }
}

impl MapState {
    /// Whether a name is being typed on the canvas.
    pub fn is_editing(&self) -> bool {
        self.editing.is_some()
    }

    /// The layout the canvas last drew (without a drag in progress).
    pub fn drawn_layout(&self) -> Option<&MapLayout> {
        self.cache.as_ref().map(|(_, l)| l.as_ref())
    }

    /// The map as the document has it, computed once per change (shared, not copied, per frame).
    fn layout(&mut self, app: &AppState) -> std::rc::Rc<MapLayout> {
        let revision = (app.doc.content_key(), app.prefs.map_kpis, app.prefs.map_links);
        match &self.cache {
            Some((r, l)) if *r == revision => l.clone(),
            _ => {
                let options =
                    map_layout::LayoutOptions { kpis: app.prefs.map_kpis, links: app.prefs.map_links };
                let l = std::rc::Rc::new(MapLayout::compute_with(app.project(), &[], options));
                self.cache = Some((revision, l.clone()));
                // Titles fit the boxes' sizes, which change with the document only.
                self.titles = app
                    .project()
                    .objectives
                    .iter()
                    .map(|o| {
                        let area = map_layout::title_area(R { x: 0.0, y: 0.0, w: o.size.w, h: o.size.h });
                        map_layout::fit_title(&o.name, area.w, area.h)
                    })
                    .collect();
                l
            }
        }
    }

    /// Keeps the map's multi-selection in step with the app's selection.
    fn sync_selection(&mut self, app: &AppState) {
        match &app.selection {
            Some(Subject::Objective(id)) => {
                if !self.selected.contains(id) {
                    self.selected = [id.clone()].into();
                }
            }
            _ => self.selected.clear(),
        }
        let p = app.project();
        self.selected.retain(|id| p.objective(id).is_some());
    }

    /// Fits the map into the canvas, but never below the zoom at which objective text is
    /// `min_text` points: a map too big for that scrolls (from its top left) instead.
    fn fit(&mut self, layout: &MapLayout, canvas: Rect, min_text: f32) {
        let b = layout.bounds();
        let zx = canvas.width() / (b.w as f32 + 20.0);
        let zy = canvas.height() / (b.h as f32 + 20.0);
        let readable = min_text / OBJECTIVE_TEXT;
        self.zoom = zx.min(zy).clamp(MIN_ZOOM, 3.0).max(readable).min(MAX_ZOOM);
        let visible = canvas.size() / self.zoom;
        // Centred across when it fits, at the top: the financial band is what people read first.
        let across = if visible.x >= b.w as f32 { (visible.x - b.w as f32) / 2.0 } else { 10.0 / self.zoom };
        self.pan = Vec2::new(b.x as f32 - across, b.y as f32 - 10.0 / self.zoom);
        self.fitted_view = Some((self.zoom, self.pan, canvas.size()));
    }

    /// Scrolls (never zooms) so that the map area `target` is in view, centred where it fits.
    fn bring_into_view(&mut self, target: R, canvas: Rect) {
        let visible = canvas.size() / self.zoom;
        let axis = |pan: f32, start: f64, len: f64, room: f32| {
            let (start, len) = (start as f32, len as f32);
            if start >= pan && start + len <= pan + room {
                pan
            } else if len <= room {
                start + len / 2.0 - room / 2.0
            } else {
                start - 10.0 / self.zoom
            }
        };
        self.pan = Vec2::new(
            axis(self.pan.x, target.x, target.w, visible.x),
            axis(self.pan.y, target.y, target.h, visible.y),
        );
    }

    /// Whether the view is still the one the last fit gave (the user has not zoomed or panned).
    fn still_fitted(&self) -> bool {
        self.fitted_view.is_some_and(|(zoom, pan, _)| zoom == self.zoom && pan == self.pan)
    }
}

/// The KPIs under an objective's title, as the map with KPIs shows them (the same rows as the
/// exports: `map_svg::kpi_row`).
#[allow(clippy::too_many_arguments)]
fn kpi_rows_painted(
    ui: &Ui,
    painter: &egui::Painter,
    p: &Project,
    book: &crate::score::ScoreBook,
    o: &Objective,
    rect: R,
    accent: Colour,
    view: View,
    alpha: f32,
) {
    use crate::io::map_svg::{KPI_TEXT, kpi_row};
    let rows = map_layout::kpi_rows(p, &o.id);
    if rows.is_empty() {
        return;
    }
    let top = rect.y + o.size.h;
    painter.line_segment(
        [view.to_screen(P::new(rect.x + 6.0, top)), view.to_screen(P::new(rect.right() - 6.0, top))],
        Stroke::new(1.0, colour(accent.lighten(0.5)).gamma_multiply(alpha)),
    );
    let text = ui.visuals().text_color().gamma_multiply(0.9 * alpha);
    for (i, &k) in rows.iter().take(map_layout::MAX_KPI_ROWS).enumerate() {
        let (status, line) = kpi_row(p, Some(book), k, rect.w - 28.0);
        let y = top + 3.0 + (i as f64 + 0.5) * map_layout::KPI_ROW;
        painter.circle_filled(
            view.to_screen(P::new(rect.x + 12.0, y)),
            4.0 * view.zoom,
            status.map_or(Color32::from_gray(150), colour).gamma_multiply(alpha),
        );
        painter.text(
            view.to_screen(P::new(rect.x + 21.0, y)),
            Align2::LEFT_CENTER,
            line,
            FontId::proportional(KPI_TEXT as f32 * view.zoom),
            text,
        );
    }
    if rows.len() > map_layout::MAX_KPI_ROWS {
        let y = top + 3.0 + (map_layout::MAX_KPI_ROWS as f64 + 0.5) * map_layout::KPI_ROW;
        painter.text(
            view.to_screen(P::new(rect.x + 21.0, y)),
            Align2::LEFT_CENTER,
            format!("+{}", rows.len() - map_layout::MAX_KPI_ROWS),
            FontId::proportional(KPI_TEXT as f32 * view.zoom),
            text,
        );
    }
}

/// The part of the map a presenter's highlight is about: the perspective's band, or the boxes of
/// the theme's objectives.
fn spotlit_area(p: &Project, layout: &MapLayout, spotlight: Spotlight) -> Option<R> {
    match spotlight {
        Spotlight::All => None,
        Spotlight::Perspective(i) => layout.bands.iter().find(|b| b.perspective == i).map(|b| R {
            x: 0.0,
            y: b.top,
            w: layout.width,
            h: b.height,
        }),
        Spotlight::Theme(_) => layout
            .boxes
            .iter()
            .filter(|b| spotlight.shows(p, &p.objectives[b.objective]))
            .map(|b| b.rect)
            .reduce(|a, b| {
                let (x, y) = (a.x.min(b.x), a.y.min(b.y));
                R { x, y, w: a.right().max(b.right()) - x, h: a.bottom().max(b.bottom()) - y }
            }),
    }
}

/// The objectives upstream (causes) and downstream (effects) of `o`, through any number of links.
fn chain(p: &Project, o: &ObjectiveId) -> HashSet<ObjectiveId> {
    let mut seen: HashSet<ObjectiveId> = HashSet::new();
    for forward in [true, false] {
        let mut stack = vec![o.clone()];
        while let Some(x) = stack.pop() {
            for l in &p.links {
                let (a, b) = if forward { (&l.from, &l.to) } else { (&l.to, &l.from) };
                if a == &x && seen.insert(b.clone()) {
                    stack.push(b.clone());
                }
            }
        }
    }
    seen.insert(o.clone());
    seen
}

fn move_command(
    p: &Project,
    moves: Vec<(usize, PerspectiveId, Point, Option<Size>)>,
    label: String,
) -> AppCommand {
    let commands = moves
        .into_iter()
        .map(|(oi, perspective, position, size)| {
            let mut o = p.objectives[oi].clone();
            o.perspective = perspective;
            o.position = position;
            if let Some(s) = size {
                o.size = s;
            }
            DocCommand::Upsert(Item::Objective(o))
        })
        .collect();
    AppCommand::Doc { command: DocCommand::Batch(commands), label, merge: None }
}

/// Where a box dropped at map rect `r` lands: its band's perspective and the position relative
/// to that band.
fn landing(p: &Project, layout: &MapLayout, r: R, snap_on: bool) -> Option<(PerspectiveId, Point)> {
    let band = layout.band_at(r.y + r.h / 2.0)?;
    let b = &layout.bands[band];
    let x = snap((r.x - TITLE_WIDTH).max(0.0), snap_on);
    let y = snap((r.y - b.top).max(6.0), snap_on).max(6.0);
    Some((p.perspectives[b.perspective].id.clone(), Point { x, y }))
}

pub fn map_ui(
    ui: &mut Ui,
    app: &AppState,
    state: &mut MapState,
    spotlight: Option<Spotlight>,
    out: &mut Vec<AppCommand>,
    actions: &mut Vec<Action>,
) {
    let lang = app.lang();
    let presentation = spotlight.is_some();
    state.sync_selection(app);
    // Esc leaves Connect mode (and forgets a cause picked), as it ends any mode in a drawing tool.
    if state.connect_mode
        && app.modal.is_none()
        && !ui.ctx().egui_wants_keyboard_input()
        && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Escape))
    {
        state.connect_mode = false;
        state.connect_from = None;
    }
    if !presentation {
        toolbar(ui, app, state, out, actions);
        legend_row(ui, app, state);
    }
    let (area, background) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
    // In presentation mode a header (name, period, highlight) and a legend frame the map.
    let canvas = if presentation {
        Rect::from_min_max(
            area.min + Vec2::new(0.0, presentation::HEADER_HEIGHT),
            area.max - Vec2::new(0.0, presentation::LEGEND_HEIGHT),
        )
    } else {
        area
    };
    state.canvas = canvas;
    background.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, T::MapCanvas.get(lang)));
    let base = state.layout(app);
    // The layout drawn: the document's, or a copy with the boxes being dragged or resized moved.
    let mut layout = std::borrow::Cow::Borrowed(base.as_ref());
    let resized = state.still_fitted() && state.fitted_view.is_some_and(|(_, _, size)| size != canvas.size());
    if state.fit_requested || !state.fitted || resized {
        state.fit(&layout, canvas, app.prefs.map_text);
        state.fit_requested = false;
        state.fitted = true;
    }
    navigate(ui, &background, canvas, state, presentation);
    if spotlight != state.last_spotlight {
        state.last_spotlight = spotlight;
        if let Some(target) = spotlight.and_then(|s| spotlit_area(app.project(), &layout, s)) {
            state.bring_into_view(target, canvas);
        }
    }
    let view = View { origin: canvas.min, pan: state.pan, zoom: state.zoom };
    let p = app.project();

    // A drag in progress moves boxes before anything is drawn; `moving` are the links it reroutes.
    let mut moving: Vec<usize> = Vec::new();
    if let Some(Drag::Move { ids, delta, .. }) = &state.drag {
        let moved: Vec<usize> = ids.clone();
        let layout = layout.to_mut();
        for b in layout.boxes.iter_mut().filter(|b| moved.contains(&b.objective)) {
            b.rect.x += delta.x as f64;
            b.rect.y += delta.y as f64;
        }
        let touching: Vec<usize> = p
            .links
            .iter()
            .enumerate()
            .filter(|(_, l)| {
                moved.iter().any(|&o| p.objectives[o].id == l.from || p.objectives[o].id == l.to)
            })
            .map(|(i, _)| i)
            .collect();
        let rerouted = map_layout::route_links(p, &layout.boxes, Some(&touching), app.prefs.map_links);
        moving = touching;
        for r in rerouted {
            if let Some(slot) = layout.links.iter_mut().find(|l| l.link == r.link) {
                *slot = r;
            }
        }
    }
    if let Some(Drag::Resize { objective, size }) = &state.drag
        && let Some(b) = layout.to_mut().boxes.iter_mut().find(|b| b.objective == *objective)
    {
        // The size is the title part's; the KPI list, when shown, stays under it.
        let kpi_list = b.rect.h - p.objectives[*objective].size.h;
        b.rect.w = size.x as f64;
        b.rect.h = size.y as f64 + kpi_list;
    }

    let painter = ui.painter_at(canvas);
    painter.rect_filled(canvas, 0.0, ui.visuals().extreme_bg_color);
    let text_colour = ui.visuals().text_color();
    let scale = state.zoom * if presentation { 1.15 } else { 1.0 };

    // Bands.
    for band in &layout.bands {
        let persp = &p.perspectives[band.perspective];
        let r = view.rect(R { x: 0.0, y: band.top, w: layout.width, h: band.height });
        painter.rect_filled(
            r,
            0.0,
            colour(persp.colour.lighten(if ui.visuals().dark_mode { 0.0 } else { 0.92 }))
                .gamma_multiply(if ui.visuals().dark_mode { 0.25 } else { 1.0 }),
        );
        painter.line_segment(
            [r.left_bottom(), r.right_bottom()],
            Stroke::new(1.0, colour(persp.colour.lighten(0.5))),
        );
        let title = view.rect(R { x: 0.0, y: band.top, w: TITLE_WIDTH - 12.0, h: band.height });
        painter.rect_filled(title, 0.0, colour(persp.colour));
        let galley = ui.painter().layout(
            persp.name.clone(),
            FontId::proportional(16.0 * scale),
            crate::ui::fonts::text_on(persp.colour),
            (title.width() - 12.0).max(10.0),
        );
        painter.galley(title.center() - galley.size() / 2.0, galley, Color32::WHITE);
        if spotlight == Some(Spotlight::Perspective(band.perspective)) {
            painter.rect_stroke(
                r,
                0.0,
                Stroke::new(4.0, Color32::from_rgb(0xe6, 0x51, 0x00)),
                egui::StrokeKind::Inside,
            );
        }
    }

    // Hover and theme filters decide what is emphasised.
    let hovered_obj: Option<usize> = ui
        .input(|i| i.pointer.hover_pos())
        .filter(|pos| canvas.contains(*pos) && state.drag.is_none())
        .and_then(|pos| layout.box_at(view.to_map(pos)).map(|b| b.objective));
    let highlight: Option<HashSet<ObjectiveId>> = hovered_obj.map(|o| chain(p, &p.objectives[o].id));
    let faded = |o: &Objective| {
        o.theme.as_ref().is_some_and(|t| state.hidden_themes.contains(t))
            || highlight.as_ref().is_some_and(|h| !h.contains(&o.id))
            || spotlight.is_some_and(|s| !s.shows(p, o))
    };

    // Links.
    let selected_link = match &app.selection {
        Some(Subject::Link(id)) => Some(id.clone()),
        _ => None,
    };
    let looks: Vec<(f32, Color32)> = layout
        .links
        .iter()
        .map(|link| {
            let l = &p.links[link.link];
            let (from, to) = (
                &p.objectives[layout.boxes[link.from].objective],
                &p.objectives[layout.boxes[link.to].objective],
            );
            let dim = faded(from) || faded(to);
            let in_chain = highlight.as_ref().is_some_and(|h| h.contains(&from.id) && h.contains(&to.id));
            let is_selected = selected_link.as_ref() == Some(&l.id);
            let base = if ui.visuals().dark_mode { Color32::from_gray(200) } else { Color32::from_gray(70) };
            let (width, col) = if is_selected {
                (3.5, ui.visuals().selection.stroke.color)
            } else if in_chain {
                (3.0, Color32::from_rgb(0xe6, 0x51, 0x00))
            } else {
                (1.6, base)
            };
            (width * state.zoom.max(0.6), if dim { col.gamma_multiply(0.18) } else { col })
        })
        .collect();
    let still: Vec<usize> =
        (0..layout.links.len()).filter(|&i| !moving.contains(&layout.links[i].link)).collect();
    let key = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        state.cache.as_ref().map(|(k, _)| *k).hash(&mut h);
        for v in
            [view.origin.x, view.origin.y, view.pan.x, view.pan.y, view.zoom, ui.ctx().pixels_per_point()]
        {
            v.to_bits().hash(&mut h);
        }
        for &i in &still {
            i.hash(&mut h);
            looks[i].0.to_bits().hash(&mut h);
            looks[i].1.to_array().hash(&mut h);
        }
        h.finish()
    };
    match &state.link_mesh {
        Some((k, mesh)) if *k == key => {
            painter.add(Shape::Mesh(mesh.clone()));
        }
        _ => {
            let options = ui.ctx().tessellation_options(|o| *o);
            // Lines and triangles use no texture, so the font atlas's size does not matter here.
            let mut tessellator =
                egui::epaint::Tessellator::new(ui.ctx().pixels_per_point(), options, [1, 1], Vec::new());
            let mut mesh = egui::Mesh::default();
            for &i in &still {
                for shape in link_shapes(&layout.links[i], view, looks[i]) {
                    tessellator.tessellate_shape(shape, &mut mesh);
                }
            }
            let mesh = std::sync::Arc::new(mesh);
            painter.add(Shape::Mesh(mesh.clone()));
            state.link_mesh = Some((key, mesh));
        }
    }
    for (i, link) in layout.links.iter().enumerate() {
        if moving.contains(&link.link) {
            for shape in link_shapes(link, view, looks[i]) {
                painter.add(shape);
            }
        }
    }
    for link in &layout.links {
        let l = &p.links[link.link];
        let (from, to) = (
            &p.objectives[layout.boxes[link.from].objective],
            &p.objectives[layout.boxes[link.to].objective],
        );
        let dim = faded(from) || faded(to);
        // The label and an accessible, clickable handle at the middle of the curve.
        let mid = view.to_screen(link.label_at);
        if !l.label.is_empty() {
            let alpha = if dim { 0.25 } else { 1.0 };
            let label_colour = text_colour.gamma_multiply(alpha);
            let g = ui.painter().layout_no_wrap(
                l.label.clone(),
                FontId::proportional(12.0 * scale),
                label_colour,
            );
            let r = Rect::from_center_size(mid, g.size() + Vec2::splat(4.0));
            painter.rect_filled(r, 3.0, ui.visuals().extreme_bg_color.gamma_multiply(0.9 * alpha));
            painter.galley(r.min + Vec2::splat(2.0), g, label_colour);
        }
        // No link is clicked while a box is being dragged: its handle waits for the drop.
        if matches!(state.drag, Some(Drag::Move { .. })) {
            continue;
        }
        let hit = ui.interact(
            Rect::from_center_size(mid, Vec2::splat(14.0)),
            ui.scope_id().with(("link", l.id.as_str())),
            Sense::click(),
        );
        hit.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Button, true, format!("{} → {}", from.name, to.name))
        });
        if hit.clicked() && !presentation {
            out.push(AppCommand::Select(Some(Subject::Link(l.id.clone()))));
        }
    }

    // Boxes.
    let book = app.scores();
    let mut box_responses: Vec<(usize, Response, Rect)> = Vec::new();
    for b in &layout.boxes {
        let o = &p.objectives[b.objective];
        let r = view.rect(b.rect);
        let persp_colour = p.perspectives[layout.bands[b.band].perspective].colour;
        let accent = o.accent(p, persp_colour);
        let is_selected = state.selected.contains(&o.id);
        let dim = faded(o);
        let alpha = if dim { 0.2 } else { 1.0 };
        let fill = if ui.visuals().dark_mode {
            colour(accent).gamma_multiply(0.35)
        } else {
            colour(accent.lighten(0.85))
        };
        let rounding = CornerRadius::same((9.0 * state.zoom).clamp(2.0, 20.0) as u8);
        painter.rect(
            r,
            rounding,
            fill.gamma_multiply(alpha),
            Stroke::new(
                if is_selected { 3.5 } else { 2.0 },
                if is_selected {
                    ui.visuals().selection.stroke.color
                } else {
                    colour(accent).gamma_multiply(alpha)
                },
            ),
            egui::StrokeKind::Inside,
        );
        if o.pinned {
            // A pin at the top-left corner: auto-layout keeps this one where it is.
            let head = r.left_top() + Vec2::new(11.0, 10.0) * state.zoom;
            let pin = text_colour.gamma_multiply(0.7 * alpha);
            painter.line_segment(
                [head, head + Vec2::new(-4.0, 7.0) * state.zoom],
                Stroke::new(1.5 * state.zoom.max(0.6), pin),
            );
            painter.circle_filled(head, 3.5 * state.zoom.max(0.5), pin);
        }
        // The title under the badge row, fitted as the exports fit it: wrapped, smaller, or cut
        // with "…" (the full name on hover).
        let resizing =
            matches!(&state.drag, Some(Drag::Resize { objective, .. }) if *objective == b.objective);
        let title_h = if resizing {
            b.rect.h
                - (base.boxes.iter().find(|x| x.objective == b.objective).map_or(0.0, |x| x.rect.h)
                    - o.size.h)
        } else {
            o.size.h
        };
        let area = map_layout::title_area(R { h: title_h, ..b.rect });
        let fitted;
        let title = match state.titles.get(b.objective) {
            Some(t) if !resizing => t,
            _ => {
                fitted = map_layout::fit_title(&o.name, area.w, area.h);
                &fitted
            }
        };
        if !matches!(&state.editing, Some(Editing::Rename { objective, .. }) if objective == &o.id) {
            let line_h = title.size * map_layout::LINE;
            let top = area.y + area.h / 2.0 - title.lines.len() as f64 * line_h / 2.0;
            for (i, line) in title.lines.iter().enumerate() {
                painter.text(
                    view.to_screen(P::new(area.x + area.w / 2.0, top + (i as f64 + 0.5) * line_h)),
                    Align2::CENTER_CENTER,
                    line,
                    FontId::proportional((title.size as f32) * state.zoom),
                    text_colour.gamma_multiply(alpha),
                );
            }
        }
        if app.prefs.map_kpis {
            kpi_rows_painted(ui, &painter, p, book, o, b.rect, accent, view, alpha);
        }
        if let Some(node) = book.objectives.get(b.objective) {
            let (c, text) = match (node.status, node.score) {
                (Some(st), Ok(v)) => (colour(st.colour), format!("{:.0}%", v)),
                _ => (Color32::from_gray(150), "—".to_string()),
            };
            let dot = Pos2::new(r.right() - 10.0 * state.zoom, r.top() + 10.0 * state.zoom);
            painter.circle_filled(dot, 5.5 * state.zoom.max(0.5), c.gamma_multiply(alpha));
            painter.text(
                dot - Vec2::new(9.0 * state.zoom, 0.0),
                Align2::RIGHT_CENTER,
                text,
                FontId::proportional(11.0 * scale),
                text_colour.gamma_multiply(0.8 * alpha),
            );
        }
        let mut resp =
            ui.interact(r, ui.scope_id().with(("objective", o.id.as_str())), Sense::click_and_drag());
        resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &o.name));
        if title.cut && state.drag.is_none() {
            resp = resp.on_hover_text(&o.name);
        }
        box_responses.push((b.objective, resp, r));
    }

    if !presentation {
        // Drops are measured against the map as it is in the document, not as drawn mid-drag.
        interact_boxes(ui, app, state, &base, view, &box_responses, out);
        handles(ui, app, state, &layout, view, &box_responses, out);
        background_interaction(ui, app, state, &layout, view, &background, out);
        editing_ui(ui, app, state, &layout, view, out);
    }

    // Overlays: rubber band and link being drawn.
    match &state.drag {
        Some(Drag::Rubber { from, to }) => {
            let r = Rect::from_two_pos(
                view.to_screen(P::new(from.x as f64, from.y as f64)),
                view.to_screen(P::new(to.x as f64, to.y as f64)),
            );
            painter.rect(
                r,
                0.0,
                ui.visuals().selection.bg_fill.gamma_multiply(0.25),
                Stroke::new(1.0, ui.visuals().selection.stroke.color),
                egui::StrokeKind::Inside,
            );
        }
        Some(Drag::Link { from, to }) => {
            if let Some(b) = layout.box_of(*from) {
                let start = view.to_screen(P::new(b.rect.centre().x, b.rect.y));
                let end = view.to_screen(P::new(to.x as f64, to.y as f64));
                painter.line_segment([start, end], Stroke::new(2.5, Color32::from_rgb(0xe6, 0x51, 0x00)));
            }
        }
        _ => {}
    }
    if presentation {
        let spot = spotlight.unwrap_or_default();
        presentation::header(ui, app, spot, area);
        let hidden = |t: usize| p.themes.get(t).is_some_and(|t| state.hidden_themes.contains(&t.id));
        presentation::legend(ui, app, spot, &hidden, area);
    } else if p.objectives.is_empty() {
        // The empty project's first screen: what to do, on a card over the bands (wrapped to the
        // canvas), and the guide.
        // Right of the bands' titles, in the middle of the room the objectives will take.
        let titles = view.to_screen(P { x: TITLE_WIDTH, y: 0.0 }).x.clamp(canvas.left(), canvas.center().x);
        let room = Rect::from_min_max(egui::pos2(titles, canvas.top()), canvas.max);
        let card_width = (room.width() - 40.0).clamp(200.0, 560.0);
        let hint = painter.layout(
            T::MapHint.get(lang).to_string(),
            FontId::proportional(15.0),
            text_colour,
            card_width - 24.0,
        );
        let card = Rect::from_min_size(
            egui::pos2(room.center().x - card_width / 2.0, canvas.center().y - 60.0),
            Vec2::new(card_width, hint.size().y + 70.0),
        );
        painter.rect_filled(card, 8.0, ui.visuals().window_fill.gamma_multiply(0.95));
        painter.rect_stroke(card, 8.0, ui.visuals().window_stroke, egui::StrokeKind::Inside);
        painter.galley(card.min + Vec2::new(12.0, 10.0), hint, text_colour);
        if !state.connect_mode {
            let button = egui::Button::new(RichText::new(T::GuideOpen.get(lang)).size(16.0));
            let at =
                Rect::from_center_size(card.center_bottom() - Vec2::new(0.0, 26.0), Vec2::new(220.0, 34.0));
            if ui.put(at, button).on_hover_text(T::TipGuide.get(lang)).clicked() {
                actions.push(Action::Guide);
            }
        }
    }
    if state.connect_mode {
        let hint = match &state.connect_from {
            None => T::ConnectPickCause,
            Some(_) => T::ConnectPickEffect,
        };
        painter.text(
            canvas.center_top() + Vec2::new(0.0, 8.0),
            Align2::CENTER_TOP,
            hint.get(lang),
            FontId::proportional(14.0),
            Color32::from_rgb(0xe6, 0x51, 0x00),
        );
    }
}

/// A link's line and arrowhead on screen, `look` its width and colour.
fn link_shapes(link: &map_layout::LinkLayout, view: View, (width, col): (f32, Color32)) -> [Shape; 2] {
    // A polyline with as many points per segment as its bend needs (a Bézier's error with n
    // pieces falls with n²): on a big map this is far cheaper to tessellate than egui's Bézier
    // flattening, and looks the same. Straight runs of right-angle links take one.
    let mut line: Vec<Pos2> = vec![view.to_screen(link.start())];
    for c in &link.path {
        let pts = c.map(|q| view.to_screen(q));
        let bend = [pts[1], pts[2]]
            .iter()
            .map(|c| {
                let (a, b) = (pts[0], pts[3]);
                let ab = b - a;
                let len = ab.length().max(1e-3);
                ((*c - a).x * ab.y - (*c - a).y * ab.x).abs() / len
            })
            .fold(0.0f32, f32::max);
        let pieces = if bend < 0.25 { 1 } else { ((bend / 0.2).sqrt().ceil() as usize).clamp(2, 32) };
        line.extend((1..=pieces).map(|i| view.to_screen(map_layout::bezier(c, i as f64 / pieces as f64))));
    }
    let tip = *line.last().unwrap_or(&Pos2::ZERO);
    let d = link.end_direction();
    let dir = Vec2::new(d.x as f32, d.y as f32);
    let size = 10.0 * view.zoom.max(0.6);
    let side = Vec2::new(-dir.y, dir.x) * size * 0.5;
    [
        Shape::line(line, PathStroke::new(width, col)),
        Shape::convex_polygon(vec![tip, tip - dir * size + side, tip - dir * size - side], col, Stroke::NONE),
    ]
}

/// The map's tools, in the order the toolbar shows them (what does not fit goes into "More").
#[derive(Clone, Copy, Debug, PartialEq)]
enum Tool {
    Connect,
    Snap,
    Align(Align),
    Command(Action),
    Zoom,
    TextSize,
    Kpis,
    Links,
}

const TOOLS: &[Tool] = &[
    Tool::Connect,
    Tool::Snap,
    Tool::Align(Align::Left),
    Tool::Align(Align::Top),
    Tool::Align(Align::DistributeAcross),
    Tool::Align(Align::DistributeDown),
    Tool::Command(Action::AutoLayout),
    Tool::Command(Action::TidyLinks),
    Tool::Command(Action::AutoLayoutByTheme),
    Tool::Command(Action::ZoomToFit),
    Tool::Command(Action::Presentation),
    Tool::Zoom,
    Tool::TextSize,
    Tool::Kpis,
    Tool::Links,
    Tool::Command(Action::ExportMapSvg),
    Tool::Command(Action::ExportMapPng),
    Tool::Command(Action::ExportMapPdf),
];

/// Where a separator goes before a tool.
fn starts_group(tool: Tool) -> bool {
    matches!(
        tool,
        Tool::Align(Align::Left) | Tool::Command(Action::AutoLayout) | Tool::Command(Action::ExportMapSvg)
    )
}

fn toolbar(
    ui: &mut Ui,
    app: &AppState,
    state: &mut MapState,
    out: &mut Vec<AppCommand>,
    actions: &mut Vec<Action>,
) {
    let lang = app.lang();
    let multi = state.selected.len() >= 2;
    ui.horizontal(|ui| {
        crate::ui::widgets::tool_row(ui, "map-toolbar", TOOLS.len(), 0.0, lang, |ui, i| {
            let tool = TOOLS[i];
            if i > 0 && starts_group(tool) {
                ui.separator();
            }
            match tool {
                Tool::Connect => {
                    if ui
                        .selectable_label(state.connect_mode, T::MapConnect.get(lang))
                        .on_hover_text(T::ConnectPickCause.get(lang))
                        .clicked()
                    {
                        state.connect_mode = !state.connect_mode;
                        state.connect_from = None;
                    }
                }
                Tool::Snap => {
                    ui.checkbox(&mut state.snap, T::MapSnap.get(lang));
                }
                Tool::Align(kind) => {
                    if ui.add_enabled(multi, egui::Button::new(kind.label().get(lang))).clicked() {
                        align(app, state, kind, out);
                    }
                }
                Tool::Command(a) => {
                    if ui.add_enabled(a.enabled(app), egui::Button::new(a.label(lang))).clicked() {
                        actions.push(a);
                        ui.close();
                    }
                }
                Tool::Zoom => {
                    ui.horizontal(|ui| {
                        if ui.button("−").on_hover_text(T::MapZoomOut.get(lang)).clicked() {
                            state.zoom = (state.zoom / 1.2).max(MIN_ZOOM);
                        }
                        ui.label(format!("{:.0}%", state.zoom * 100.0));
                        if ui.button("+").on_hover_text(T::MapZoomIn.get(lang)).clicked() {
                            state.zoom = (state.zoom * 1.2).min(MAX_ZOOM);
                        }
                    });
                }
                Tool::Kpis => {
                    let mut on = app.prefs.map_kpis;
                    if ui
                        .checkbox(&mut on, T::MapKpis.get(lang))
                        .on_hover_text(T::MapKpisTip.get(lang))
                        .changed()
                    {
                        out.push(AppCommand::ShowMapKpis(on));
                    }
                }
                Tool::Links => {
                    use map_layout::LinkStyle;
                    let mut orthogonal = app.prefs.map_links == LinkStyle::Orthogonal;
                    if ui
                        .checkbox(&mut orthogonal, T::MapOrthogonal.get(lang))
                        .on_hover_text(T::MapOrthogonalTip.get(lang))
                        .changed()
                    {
                        let style = if orthogonal { LinkStyle::Orthogonal } else { LinkStyle::Curved };
                        out.push(AppCommand::SetMapLinks(style));
                    }
                }
                Tool::TextSize => {
                    ui.horizontal(|ui| {
                        let id = ui.label(T::MapTextSize.get(lang)).id;
                        let mut size = app.prefs.map_text;
                        let r = ui
                            .add(
                                egui::DragValue::new(&mut size)
                                    .range(crate::app::prefs::MIN_MAP_TEXT..=crate::app::prefs::MAX_MAP_TEXT)
                                    .speed(0.25)
                                    .fixed_decimals(0),
                            )
                            .labelled_by(id)
                            .on_hover_text(T::MapTextSizeTip.get(lang));
                        if r.changed() {
                            out.push(AppCommand::SetMapText(size.round()));
                            state.fit_requested = true;
                        }
                    });
                }
            }
        });
    });
}

/// Pan and zoom with the wheel, middle or right drag and the keyboard.
fn navigate(ui: &mut Ui, background: &Response, canvas: Rect, state: &mut MapState, presentation: bool) {
    let hover = ui.input(|i| i.pointer.hover_pos()).filter(|p| canvas.contains(*p));
    if let Some(pos) = hover {
        let (scroll, zoom_delta) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
        let factor = if zoom_delta != 1.0 { zoom_delta } else { (scroll.y * 0.0025).exp() };
        if factor != 1.0 {
            let before = (pos - canvas.min) / state.zoom + state.pan;
            state.zoom = (state.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
            state.pan = before - (pos - canvas.min) / state.zoom;
        }
        if scroll.x != 0.0 {
            state.pan.x -= scroll.x / state.zoom;
        }
    }
    if background.dragged_by(egui::PointerButton::Middle)
        || background.dragged_by(egui::PointerButton::Secondary)
    {
        state.pan -= background.drag_delta() / state.zoom;
    }
    // Keys, when no text field has the keyboard; in presentation mode they are the presenter's
    // (`presentation::keys`), and never pan.
    if ui.ctx().egui_wants_keyboard_input() || hover.is_none() || presentation {
        return;
    }
    let step = 60.0 / state.zoom;
    ui.input_mut(|i| {
        if i.consume_key(egui::Modifiers::NONE, Key::ArrowLeft) {
            state.pan.x -= step;
        }
        if i.consume_key(egui::Modifiers::NONE, Key::ArrowRight) {
            state.pan.x += step;
        }
        if i.consume_key(egui::Modifiers::NONE, Key::ArrowUp) {
            state.pan.y -= step;
        }
        if i.consume_key(egui::Modifiers::NONE, Key::ArrowDown) {
            state.pan.y += step;
        }
        if i.consume_key(egui::Modifiers::NONE, Key::Plus)
            || i.consume_key(egui::Modifiers::NONE, Key::Equals)
        {
            state.zoom = (state.zoom * 1.2).min(MAX_ZOOM);
        }
        if i.consume_key(egui::Modifiers::NONE, Key::Minus) {
            state.zoom = (state.zoom / 1.2).max(MIN_ZOOM);
        }
    });
}

fn interact_boxes(
    ui: &mut Ui,
    app: &AppState,
    state: &mut MapState,
    layout: &MapLayout,
    view: View,
    boxes: &[(usize, Response, Rect)],
    out: &mut Vec<AppCommand>,
) {
    let p = app.project();
    let lang = app.lang();
    let shift = ui.input(|i| i.modifiers.shift);
    for (oi, resp, _) in boxes {
        let id = &p.objectives[*oi].id;
        if resp.double_clicked() {
            state.editing = Some(Editing::Rename {
                objective: id.clone(),
                text: p.objectives[*oi].name.clone(),
                focused: false,
            });
            continue;
        }
        if resp.clicked() {
            if state.connect_mode {
                match state.connect_from.take() {
                    None => state.connect_from = Some(id.clone()),
                    Some(from) if &from != id => out.push(link_command(p, from, id.clone(), lang)),
                    Some(_) => {}
                }
                continue;
            }
            if shift {
                if !state.selected.remove(id) {
                    state.selected.insert(id.clone());
                }
                let primary = state.selected.iter().next().cloned();
                // Keep the app's selection on one of them without collapsing the set.
                let keep = state.selected.clone();
                out.push(AppCommand::Select(primary.map(Subject::Objective)));
                state.selected = keep;
            } else {
                state.selected = [id.clone()].into();
                out.push(AppCommand::Select(Some(Subject::Objective(id.clone()))));
            }
        }
        if resp.drag_started_by(egui::PointerButton::Primary) && !state.connect_mode {
            if !state.selected.contains(id) {
                state.selected = [id.clone()].into();
                out.push(AppCommand::Select(Some(Subject::Objective(id.clone()))));
            }
            let ids: Vec<usize> = p
                .objectives
                .iter()
                .enumerate()
                .filter(|(_, o)| state.selected.contains(&o.id))
                .map(|(i, _)| i)
                .collect();
            let origin = ui.input(|i| i.pointer.press_origin()).unwrap_or_default();
            state.drag = Some(Drag::Move { ids, origin, delta: Vec2::ZERO });
        }
        // Measured from where the press began, so the movement before egui recognises a drag
        // counts too.
        if resp.dragged_by(egui::PointerButton::Primary)
            && let (Some(Drag::Move { origin, delta, .. }), Some(pos)) =
                (&mut state.drag, ui.input(|i| i.pointer.interact_pos()))
        {
            *delta = (pos - *origin) / view.zoom;
        }
        if resp.drag_stopped()
            && let Some(Drag::Move { ids, delta, .. }) = state.drag.take()
            && delta.length() > 0.5
        {
            let mut moves = Vec::new();
            for o in ids {
                let Some(b) = layout.box_of(o) else { continue };
                let r = R { x: b.rect.x + delta.x as f64, y: b.rect.y + delta.y as f64, ..b.rect };
                if let Some((perspective, position)) = landing(p, layout, r, state.snap) {
                    moves.push((o, perspective, position, None));
                }
            }
            out.push(move_command(p, moves, T::MoveObjectives.get(lang).into()));
        }
    }
    // Nudge the selection with Ctrl+arrows, one grid step at a time (one undo step per run).
    if !state.selected.is_empty() && !ui.ctx().egui_wants_keyboard_input() {
        let mut d = Vec2::ZERO;
        ui.input_mut(|i| {
            for (key, v) in [
                (Key::ArrowLeft, Vec2::new(-1.0, 0.0)),
                (Key::ArrowRight, Vec2::new(1.0, 0.0)),
                (Key::ArrowUp, Vec2::new(0.0, -1.0)),
                (Key::ArrowDown, Vec2::new(0.0, 1.0)),
            ] {
                if i.consume_key(egui::Modifiers::COMMAND, key) {
                    d += v * GRID as f32;
                }
            }
        });
        if d != Vec2::ZERO {
            let moves: Vec<_> = p
                .objectives
                .iter()
                .enumerate()
                .filter(|(_, o)| state.selected.contains(&o.id))
                .map(|(i, o)| {
                    (
                        i,
                        o.perspective.clone(),
                        Point {
                            x: (o.position.x + d.x as f64).max(0.0),
                            y: (o.position.y + d.y as f64).max(6.0),
                        },
                        None,
                    )
                })
                .collect();
            let key = MergeKey::new(
                MergeTarget::Objectives(state.selected.iter().cloned().collect()),
                Field::Position,
            );
            if let AppCommand::Doc { command, label, .. } =
                move_command(p, moves, T::MoveObjectives.get(lang).into())
            {
                out.push(AppCommand::Doc { command, label, merge: Some(key) });
            }
        }
    }
}

fn link_command(p: &Project, from: ObjectiveId, to: ObjectiveId, lang: Lang) -> AppCommand {
    let link = Link { id: p.next_link_id(), from, to, label: String::new() };
    let id = link.id.clone();
    let _ = id;
    AppCommand::Doc {
        command: DocCommand::Upsert(Item::Link(link)),
        label: T::LinkObjectives.get(lang).into(),
        merge: None,
    }
}

/// The connector handle on each box and the resize handle on the selected one.
fn handles(
    ui: &mut Ui,
    app: &AppState,
    state: &mut MapState,
    layout: &MapLayout,
    view: View,
    boxes: &[(usize, Response, Rect)],
    out: &mut Vec<AppCommand>,
) {
    let p = app.project();
    let lang = app.lang();
    let pointer = ui.input(|i| i.pointer.hover_pos());
    for (oi, resp, r) in boxes {
        let o = &p.objectives[*oi];
        let show = resp.hovered()
            || state.selected.contains(&o.id)
            || matches!(state.drag, Some(Drag::Link { from, .. }) if from == *oi);
        // Only boxes being pointed at or selected have a connector (fewer widgets per frame on a
        // large map); hover a box to reach its handle.
        if !show && !pointer.is_some_and(|p| r.expand(10.0).contains(p)) {
            continue;
        }
        let centre = Pos2::new(r.center().x, r.top());
        let handle = Rect::from_center_size(centre, Vec2::splat(16.0));
        let hr = ui.interact(handle, ui.scope_id().with(("connect", o.id.as_str())), Sense::drag());
        let name = format!("{} {}", T::ConnectFrom.get(lang), o.name);
        hr.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
        if show || hr.hovered() {
            ui.painter().circle(
                centre,
                6.0,
                Color32::from_rgb(0xe6, 0x51, 0x00),
                Stroke::new(1.5, Color32::WHITE),
            );
        }
        if hr.drag_started() {
            state.drag = Some(Drag::Link { from: *oi, to: Pos2::new(centre.x, centre.y) });
        }
        if hr.dragged()
            && let (Some(Drag::Link { to, .. }), Some(pos)) = (&mut state.drag, pointer)
        {
            let m = view.to_map(pos);
            *to = Pos2::new(m.x as f32, m.y as f32);
        }
        if hr.drag_stopped()
            && let Some(Drag::Link { from, to }) = state.drag.take()
            && let Some(target) = layout.box_at(P::new(to.x as f64, to.y as f64))
            && target.objective != from
        {
            out.push(link_command(
                p,
                p.objectives[from].id.clone(),
                p.objectives[target.objective].id.clone(),
                lang,
            ));
        }
        // Resize handle on the primary selection.
        if state.selected.len() == 1 && state.selected.contains(&o.id) {
            let corner = Rect::from_center_size(r.right_bottom() - Vec2::splat(4.0), Vec2::splat(14.0));
            let rr = ui.interact(corner, ui.scope_id().with(("resize", o.id.as_str())), Sense::drag());
            let name = format!("{} {}", T::ResizeHandle.get(lang), o.name);
            rr.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
            ui.painter().rect_filled(corner.shrink(3.0), 2.0, ui.visuals().selection.stroke.color);
            if rr.drag_started() {
                state.drag =
                    Some(Drag::Resize { objective: *oi, size: Vec2::new(o.size.w as f32, o.size.h as f32) });
            }
            if rr.dragged()
                && let Some(Drag::Resize { size, .. }) = &mut state.drag
            {
                *size += rr.drag_delta() / view.zoom;
                *size = size.max(Vec2::new(80.0, 40.0));
            }
            if rr.drag_stopped()
                && let Some(Drag::Resize { objective, size }) = state.drag.take()
            {
                let o = &p.objectives[objective];
                let s = Size { w: snap(size.x as f64, state.snap), h: snap(size.y as f64, state.snap) };
                out.push(move_command(
                    p,
                    vec![(objective, o.perspective.clone(), o.position, Some(s))],
                    T::ResizeHandle.get(lang).into(),
                ));
            }
        }
    }
}

fn background_interaction(
    ui: &mut Ui,
    app: &AppState,
    state: &mut MapState,
    layout: &MapLayout,
    view: View,
    background: &Response,
    out: &mut Vec<AppCommand>,
) {
    let p = app.project();
    let lang = app.lang();
    let pos = background.interact_pointer_pos();
    if background.double_clicked()
        && let Some(pos) = pos
    {
        let m = view.to_map(pos);
        if let Some(band) = layout.band_at(m.y) {
            let b = &layout.bands[band];
            let x = snap((m.x - TITLE_WIDTH - Objective::DEFAULT_SIZE.w / 2.0).max(0.0), state.snap);
            let y = snap((m.y - b.top - Objective::DEFAULT_SIZE.h / 2.0).max(6.0), state.snap).max(6.0);
            state.editing = Some(Editing::New {
                perspective: p.perspectives[b.perspective].id.clone(),
                position: Point { x, y },
                text: String::new(),
                focused: false,
            });
        }
        return;
    }
    if background.clicked() {
        // A click near a link selects it; elsewhere it clears the selection.
        let m = pos.map(|s| view.to_map(s));
        let near = m.and_then(|m| {
            layout
                .links
                .iter()
                .map(|l| (l, l.distance(m)))
                .filter(|(_, d)| *d < 8.0 / view.zoom as f64)
                .min_by(|a, b| a.1.total_cmp(&b.1))
        });
        match near {
            Some((l, _)) => out.push(AppCommand::Select(Some(Subject::Link(p.links[l.link].id.clone())))),
            None => {
                state.selected.clear();
                state.connect_from = None;
                out.push(AppCommand::Select(None));
            }
        }
    }
    if background.drag_started_by(egui::PointerButton::Primary)
        && let Some(start) = ui.input(|i| i.pointer.press_origin())
    {
        let m = view.to_map(start);
        state.drag = Some(Drag::Rubber {
            from: Pos2::new(m.x as f32, m.y as f32),
            to: Pos2::new(m.x as f32, m.y as f32),
        });
    }
    if background.dragged_by(egui::PointerButton::Primary)
        && let (Some(Drag::Rubber { to, .. }), Some(pos)) = (&mut state.drag, pos)
    {
        let m = view.to_map(pos);
        *to = Pos2::new(m.x as f32, m.y as f32);
    }
    if background.drag_stopped()
        && let Some(Drag::Rubber { from, to }) = state.drag.take()
    {
        let area = Rect::from_two_pos(from, to);
        let sel: BTreeSet<ObjectiveId> = layout
            .boxes
            .iter()
            .filter(|b| {
                area.intersects(Rect::from_min_size(
                    Pos2::new(b.rect.x as f32, b.rect.y as f32),
                    Vec2::new(b.rect.w as f32, b.rect.h as f32),
                ))
            })
            .map(|b| p.objectives[b.objective].id.clone())
            .collect();
        let primary = sel.iter().next().cloned();
        out.push(AppCommand::Select(primary.map(Subject::Objective)));
        state.selected = sel;
    }
    // Enter with nothing being typed starts the next objective beside the last one.
    if state.editing.is_none()
        && !ui.ctx().egui_wants_keyboard_input()
        && let Some((perspective, last)) = state.last_created.clone()
        && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Enter))
    {
        let position = Point { x: last.x + Objective::DEFAULT_SIZE.w + 30.0, y: last.y };
        state.editing = Some(Editing::New { perspective, position, text: String::new(), focused: false });
    }
    let _ = lang;
}

/// The text field for a name being typed on the canvas.
fn editing_ui(
    ui: &mut Ui,
    app: &AppState,
    state: &mut MapState,
    layout: &MapLayout,
    view: View,
    out: &mut Vec<AppCommand>,
) {
    let p = app.project();
    let lang = app.lang();
    let Some(editing) = state.editing.as_mut() else { return };
    let rect = match editing {
        Editing::New { perspective, position, .. } => {
            let Some(band) = layout.bands.iter().find(|b| p.perspectives[b.perspective].id == *perspective)
            else {
                state.editing = None;
                return;
            };
            view.rect(R {
                x: TITLE_WIDTH + position.x,
                y: band.top + position.y,
                w: Objective::DEFAULT_SIZE.w,
                h: Objective::DEFAULT_SIZE.h,
            })
        }
        Editing::Rename { objective, .. } => {
            let Some(b) = p.objectives.iter().position(|o| &o.id == objective).and_then(|i| layout.box_of(i))
            else {
                state.editing = None;
                return;
            };
            view.rect(b.rect)
        }
    };
    let (text, focused) = match editing {
        Editing::New { text, focused, .. } | Editing::Rename { text, focused, .. } => (text, focused),
    };
    let field_rect = Rect::from_center_size(rect.center(), Vec2::new(rect.width().max(140.0), 28.0));
    let id = ui.scope_id().with("map-name-field");
    let r = ui.put(
        field_rect,
        egui::TextEdit::singleline(text)
            .id(id)
            .hint_text(T::NewObjectiveField.get(lang))
            .align(Align2::CENTER_CENTER),
    );
    let r = r.on_hover_text(T::NewObjectiveField.get(lang));
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, T::NewObjectiveField.get(lang)));
    if !*focused {
        r.request_focus();
        *focused = true;
    }
    let enter = ui.input(|i| i.key_pressed(Key::Enter));
    let escape = ui.input(|i| i.key_pressed(Key::Escape));
    if escape {
        state.editing = None;
        return;
    }
    if enter && (r.lost_focus() || r.has_focus()) {
        let name = text.trim().to_string();
        match state.editing.take() {
            Some(Editing::New { perspective, position, .. }) if !name.is_empty() => {
                out.extend(
                    crate::app::new_item::objective_at(p, perspective.clone(), position, name, lang).1,
                );
                state.last_created = Some((perspective, position));
            }
            Some(Editing::Rename { objective, .. }) if !name.is_empty() => {
                if let Some(o) = p.objective(&objective)
                    && o.name != name
                {
                    let mut o = o.clone();
                    o.name = name;
                    out.push(AppCommand::Doc {
                        command: DocCommand::Upsert(Item::Objective(o)),
                        label: T::RenameObjective.get(lang).into(),
                        merge: None,
                    });
                }
            }
            _ => {}
        }
        // Enter was used to confirm; it must not also start the next objective this frame.
        ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Enter));
    } else if r.lost_focus() {
        state.editing = None;
    }
}

/// The theme legend: untick a theme to fade its objectives (the vertical slices of the map).
fn legend_row(ui: &mut Ui, app: &AppState, state: &mut MapState) {
    let p = app.project();
    if p.themes.is_empty() {
        return;
    }
    let lang = app.lang();
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(T::ThemeLegend.get(lang)).strong());
        for t in &p.themes {
            ui.label(RichText::new("■").color(colour(t.colour)));
            let mut shown = !state.hidden_themes.contains(&t.id);
            if ui.checkbox(&mut shown, t.name.as_str()).changed() {
                if shown {
                    state.hidden_themes.remove(&t.id);
                } else {
                    state.hidden_themes.insert(t.id.clone());
                }
            }
        }
        if !state.hidden_themes.is_empty() && ui.small_button(T::ShowAll.get(lang)).clicked() {
            state.hidden_themes.clear();
        }
    });
}

/// How the selected objectives are lined up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Top,
    /// Centres spaced evenly from left to right.
    DistributeAcross,
    /// Centres spaced evenly from top to bottom.
    DistributeDown,
}

impl Align {
    pub const ALL: [Align; 4] = [Align::Left, Align::Top, Align::DistributeAcross, Align::DistributeDown];

    /// The button's label, which is also the undo step's.
    pub fn label(self) -> T {
        match self {
            Align::Left => T::AlignLeft,
            Align::Top => T::AlignTop,
            Align::DistributeAcross => T::DistributeH,
            Align::DistributeDown => T::DistributeV,
        }
    }
}

/// Aligns or distributes the selected objectives.
fn align(app: &AppState, state: &MapState, kind: Align, out: &mut Vec<AppCommand>) {
    let p = app.project();
    let lang = app.lang();
    let layout = MapLayout::compute(p, &[]);
    let mut sel: Vec<(usize, R)> = layout
        .boxes
        .iter()
        .filter(|b| state.selected.contains(&p.objectives[b.objective].id))
        .map(|b| (b.objective, b.rect))
        .collect();
    if sel.len() < 2 {
        return;
    }
    let mut moves = Vec::new();
    match kind {
        Align::Left => {
            let x = sel.iter().map(|(_, r)| r.x).fold(f64::INFINITY, f64::min);
            for (o, r) in &sel {
                moves.push((*o, R { x, ..*r }));
            }
        }
        Align::Top => {
            let y = sel.iter().map(|(_, r)| r.y).fold(f64::INFINITY, f64::min);
            for (o, r) in &sel {
                moves.push((*o, R { y, ..*r }));
            }
        }
        Align::DistributeAcross => {
            sel.sort_by(|a, b| a.1.x.total_cmp(&b.1.x));
            let (first, last) = (sel[0].1.centre().x, sel[sel.len() - 1].1.centre().x);
            let step = (last - first) / (sel.len() - 1) as f64;
            for (i, (o, r)) in sel.iter().enumerate() {
                moves.push((*o, R { x: first + step * i as f64 - r.w / 2.0, ..*r }));
            }
        }
        Align::DistributeDown => {
            sel.sort_by(|a, b| a.1.y.total_cmp(&b.1.y));
            let (first, last) = (sel[0].1.centre().y, sel[sel.len() - 1].1.centre().y);
            let step = (last - first) / (sel.len() - 1) as f64;
            for (i, (o, r)) in sel.iter().enumerate() {
                moves.push((*o, R { y: first + step * i as f64 - r.h / 2.0, ..*r }));
            }
        }
    }
    let moves = moves
        .into_iter()
        .filter_map(|(o, r)| landing(p, &layout, r, false).map(|(persp, pos)| (o, persp, pos, None)))
        .collect();
    out.push(move_command(p, moves, kind.label().get(lang).into()));
}

/// One undo step that puts objectives at the positions a layout gave, named `label`.
fn placement_command(app: &AppState, placed: Vec<(usize, Point)>, label: T) -> Option<AppCommand> {
    let p = app.project();
    let moves: Vec<_> =
        placed.into_iter().map(|(o, pos)| (o, p.objectives[o].perspective.clone(), pos, None)).collect();
    (!moves.is_empty()).then(|| move_command(p, moves, label.get(app.lang()).into()))
}

/// "Tidy links": objectives swap places within their bands where that removes crossings, as one
/// undo step; says so when nothing would improve.
pub fn tidy_links(app: &AppState, out: &mut Vec<AppCommand>) {
    let p = app.project();
    let changed: Vec<_> =
        map_layout::tidy_links(p).into_iter().filter(|(o, pos)| p.objectives[*o].position != *pos).collect();
    out.push(
        placement_command(app, changed, T::ActTidyLinks)
            .unwrap_or(AppCommand::Toast(crate::i18n::Message::text(T::TidyLinksNothing), false)),
    );
}

/// Auto-layout with each theme as a column through the bands, one undo step.
pub fn auto_layout_by_theme(app: &AppState, out: &mut Vec<AppCommand>) {
    out.extend(placement_command(
        app,
        map_layout::auto_layout_by_theme(app.project()),
        T::ActAutoLayoutByTheme,
    ));
}

/// Places every objective in its band without overlaps (one undo step).
pub fn auto_layout(app: &AppState, out: &mut Vec<AppCommand>) {
    out.extend(placement_command(app, map_layout::auto_layout(app.project()), T::ActAutoLayout));
}

/// Deletes every selected objective (with their links and KPIs) as one step.
pub fn delete_selected(app: &AppState, state: &MapState) -> Option<AppCommand> {
    if state.selected.len() < 2 {
        return None;
    }
    let commands =
        state.selected.iter().map(|id| DocCommand::Delete(Subject::Objective(id.clone()))).collect();
    Some(AppCommand::Doc {
        command: DocCommand::Batch(commands),
        label: T::DeleteItem.get(app.lang()).into(),
        merge: None,
    })
}
