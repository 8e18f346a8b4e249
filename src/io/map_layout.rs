//! Geometry of the strategy map, shared by the interactive canvas and the SVG/PNG export: where
//! each perspective band, objective box and cause-and-effect arrow goes, in map units.
//!
//! Perspectives are horizontal bands in their order, financial at the top. An objective's `y` is
//! relative to the top of its band, so moving it to another perspective or reordering
//! perspectives keeps the map tidy. Arrows are cubic curves that bend around boxes in their way.

use crate::model::{Objective, Project};

/// The width of the title column on the left of every band.
pub const TITLE_WIDTH: f64 = 130.0;
/// The smallest height of a band.
pub const BAND_MIN_HEIGHT: f64 = 140.0;
/// Space below the lowest box of a band.
pub const BAND_PADDING: f64 = 26.0;
/// The smallest width of the map (title column included).
pub const MIN_WIDTH: f64 = 1180.0;
/// Objectives snap to this grid when moved with snapping on.
pub const GRID: f64 = 10.0;

#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct P {
    pub x: f64,
    pub y: f64,
}

impl P {
    pub fn new(x: f64, y: f64) -> Self {
        Self { x, y }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct R {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl R {
    pub fn contains(&self, p: P) -> bool {
        p.x >= self.x && p.x <= self.x + self.w && p.y >= self.y && p.y <= self.y + self.h
    }
    pub fn centre(&self) -> P {
        P::new(self.x + self.w / 2.0, self.y + self.h / 2.0)
    }
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
    pub fn intersects(&self, o: &R) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }
    pub fn expand(&self, m: f64) -> R {
        R { x: self.x - m, y: self.y - m, w: self.w + 2.0 * m, h: self.h + 2.0 * m }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct BandLayout {
    /// Index into `project.perspectives`.
    pub perspective: usize,
    pub top: f64,
    pub height: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BoxLayout {
    /// Index into `project.objectives`.
    pub objective: usize,
    /// Index into `bands`.
    pub band: usize,
    pub rect: R,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LinkLayout {
    /// Index into `project.links`.
    pub link: usize,
    pub from: usize,
    pub to: usize,
    /// The cubic Bézier curve: start, two control points, end (at the arrow's tip).
    pub curve: [P; 4],
}

impl LinkLayout {
    pub fn point(&self, t: f64) -> P {
        bezier(&self.curve, t)
    }
    /// The direction of travel at the tip, for the arrowhead.
    pub fn end_direction(&self) -> P {
        let [_, _, c2, e] = self.curve;
        let d = P::new(e.x - c2.x, e.y - c2.y);
        let len = (d.x * d.x + d.y * d.y).sqrt().max(1e-9);
        P::new(d.x / len, d.y / len)
    }
    /// The distance from `p` to the curve (sampled).
    pub fn distance(&self, p: P) -> f64 {
        (0..=32)
            .map(|i| self.point(i as f64 / 32.0))
            .map(|q| ((q.x - p.x).powi(2) + (q.y - p.y).powi(2)).sqrt())
            .fold(f64::INFINITY, f64::min)
    }
}

pub fn bezier(c: &[P; 4], t: f64) -> P {
    let u = 1.0 - t;
    let (a, b, cc, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
    P::new(
        a * c[0].x + b * c[1].x + cc * c[2].x + d * c[3].x,
        a * c[0].y + b * c[1].y + cc * c[2].y + d * c[3].y,
    )
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct MapLayout {
    pub bands: Vec<BandLayout>,
    /// One per objective whose perspective exists, in document order.
    pub boxes: Vec<BoxLayout>,
    pub links: Vec<LinkLayout>,
    pub width: f64,
    pub height: f64,
}

/// Positions of objectives that differ from the document while the user drags them:
/// (objective index, absolute map rect).
pub type Overrides<'a> = &'a [(usize, R)];

impl MapLayout {
    /// Lays out the whole map. `overrides` places some boxes elsewhere (a drag in progress).
    pub fn compute(project: &Project, overrides: Overrides) -> Self {
        let mut layout = MapLayout::default();
        let mut top = 0.0;
        let mut right: f64 = MIN_WIDTH;
        for (pi, persp) in project.perspectives.iter().enumerate() {
            let lowest = project
                .objectives
                .iter()
                .filter(|o| o.perspective == persp.id)
                .map(|o| o.position.y.max(0.0) + o.size.h)
                .fold(0.0, f64::max);
            let height = (lowest + BAND_PADDING).max(BAND_MIN_HEIGHT);
            layout.bands.push(BandLayout { perspective: pi, top, height });
            top += height;
        }
        for (oi, o) in project.objectives.iter().enumerate() {
            let Some(band) = project.perspectives.iter().position(|p| p.id == o.perspective) else {
                continue;
            };
            let rect = overrides
                .iter()
                .find(|(i, _)| *i == oi)
                .map(|(_, r)| *r)
                .unwrap_or_else(|| box_rect(o, layout.bands[band].top));
            right = right.max(rect.right() + 40.0);
            layout.boxes.push(BoxLayout { objective: oi, band, rect });
        }
        layout.width = right;
        layout.height = top.max(overrides.iter().map(|(_, r)| r.bottom()).fold(0.0, f64::max));
        layout.links = route_links(project, &layout.boxes, None);
        layout
    }

    /// The box of an objective (by index into `project.objectives`).
    pub fn box_of(&self, objective: usize) -> Option<&BoxLayout> {
        self.boxes.iter().find(|b| b.objective == objective)
    }

    /// The band under a map y coordinate (the last band extends downwards, the first upwards).
    pub fn band_at(&self, y: f64) -> Option<usize> {
        if self.bands.is_empty() {
            return None;
        }
        Some(self.bands.iter().position(|b| y < b.top + b.height).unwrap_or(self.bands.len() - 1))
    }

    /// The topmost box under a map point.
    pub fn box_at(&self, p: P) -> Option<&BoxLayout> {
        self.boxes.iter().rev().find(|b| b.rect.contains(p))
    }

    /// The bounding rectangle of everything drawn.
    pub fn bounds(&self) -> R {
        R { x: 0.0, y: 0.0, w: self.width, h: self.height }
    }
}

/// Where an objective's box is on the map, given its band's top.
pub fn box_rect(o: &Objective, band_top: f64) -> R {
    R { x: TITLE_WIDTH + o.position.x, y: band_top + o.position.y, w: o.size.w, h: o.size.h }
}

/// A coarse grid of box indices, so routing tests only nearby boxes.
struct Grid {
    cell: f64,
    cells: std::collections::HashMap<(i64, i64), Vec<usize>>,
}

impl Grid {
    fn new(boxes: &[BoxLayout]) -> Self {
        let cell = 160.0;
        let mut cells: std::collections::HashMap<(i64, i64), Vec<usize>> = std::collections::HashMap::new();
        for (i, b) in boxes.iter().enumerate() {
            let r = b.rect;
            for cx in (r.x / cell).floor() as i64..=(r.right() / cell).floor() as i64 {
                for cy in (r.y / cell).floor() as i64..=(r.bottom() / cell).floor() as i64 {
                    cells.entry((cx, cy)).or_default().push(i);
                }
            }
        }
        Self { cell, cells }
    }

    fn hits(&self, boxes: &[BoxLayout], p: P, except: [usize; 2]) -> bool {
        let key = ((p.x / self.cell).floor() as i64, (p.y / self.cell).floor() as i64);
        self.cells
            .get(&key)
            .is_some_and(|v| v.iter().any(|&i| !except.contains(&i) && boxes[i].rect.expand(4.0).contains(p)))
    }
}

/// Routes every link whose two objectives have boxes; with `only`, just those links.
pub fn route_links(project: &Project, boxes: &[BoxLayout], only: Option<&[usize]>) -> Vec<LinkLayout> {
    let grid = Grid::new(boxes);
    let index: std::collections::HashMap<&str, usize> =
        boxes.iter().enumerate().map(|(i, b)| (project.objectives[b.objective].id.as_str(), i)).collect();
    let mut out = Vec::new();
    for (li, l) in project.links.iter().enumerate() {
        if only.is_some_and(|o| !o.contains(&li)) {
            continue;
        }
        let (Some(&fi), Some(&ti)) = (index.get(l.from.as_str()), index.get(l.to.as_str())) else { continue };
        let curve = route(&boxes[fi].rect, &boxes[ti].rect, |p| grid.hits(boxes, p, [fi, ti]));
        out.push(LinkLayout { link: li, from: fi, to: ti, curve });
    }
    out
}

/// A curve from one box to another, bending sideways to avoid boxes when it can.
fn route(from: &R, to: &R, hits: impl Fn(P) -> bool) -> [P; 4] {
    let (fc, tc) = (from.centre(), to.centre());
    let vertical = to.bottom() <= from.y || to.y >= from.bottom();
    let (start, end, dir_s, dir_e) = if vertical && tc.y < fc.y {
        // Upwards, the normal direction of cause and effect: top of cause → bottom of effect.
        (P::new(fc.x, from.y), P::new(tc.x, to.bottom() + 2.0), P::new(0.0, -1.0), P::new(0.0, 1.0))
    } else if vertical {
        (P::new(fc.x, from.bottom()), P::new(tc.x, to.y - 2.0), P::new(0.0, 1.0), P::new(0.0, -1.0))
    } else if tc.x >= fc.x {
        (P::new(from.right(), fc.y), P::new(to.x - 2.0, tc.y), P::new(1.0, 0.0), P::new(-1.0, 0.0))
    } else {
        (P::new(from.x, fc.y), P::new(to.right() + 2.0, tc.y), P::new(-1.0, 0.0), P::new(1.0, 0.0))
    };
    let span = ((end.x - start.x).powi(2) + (end.y - start.y).powi(2)).sqrt();
    let reach = (span * 0.4).clamp(30.0, 160.0);
    let curve_with = |bend: f64| {
        // Bend perpendicular to the general direction.
        let (nx, ny) = if vertical { (bend, 0.0) } else { (0.0, bend) };
        [
            start,
            P::new(start.x + dir_s.x * reach + nx, start.y + dir_s.y * reach + ny),
            P::new(end.x + dir_e.x * reach + nx, end.y + dir_e.y * reach + ny),
            end,
        ]
    };
    let cost = |c: &[P; 4]| (1..24).filter(|&i| hits(bezier(c, i as f64 / 24.0))).count();
    let mut best = curve_with(0.0);
    let mut best_cost = cost(&best);
    if best_cost == 0 {
        return best;
    }
    for bend in [60.0, -60.0, 120.0, -120.0, 200.0, -200.0] {
        let c = curve_with(bend);
        let k = cost(&c);
        if k < best_cost {
            best = c;
            best_cost = k;
            if k == 0 {
                break;
            }
        }
    }
    best
}

/// Places every objective in its band in tidy rows without overlaps, keeping their left-to-right
/// order. Returns the new (position) of each objective by index.
pub fn auto_layout(project: &Project) -> Vec<(usize, crate::model::Point)> {
    let mut out = Vec::new();
    let gap_x = 34.0;
    let gap_y = 26.0;
    let per_row = 6;
    for persp in &project.perspectives {
        let mut items: Vec<(usize, &Objective)> =
            project.objectives.iter().enumerate().filter(|(_, o)| o.perspective == persp.id).collect();
        // Keep the left-to-right order people already gave them.
        items.sort_by(|a, b| {
            a.1.position.x.total_cmp(&b.1.position.x).then(a.1.position.y.total_cmp(&b.1.position.y))
        });
        let n = items.len();
        let rows = n.div_ceil(per_row).max(1);
        let per = n.div_ceil(rows).max(1);
        let width = MIN_WIDTH - TITLE_WIDTH - 60.0;
        for (i, (oi, o)) in items.iter().enumerate() {
            let (row, col) = (i / per, i % per);
            let in_row = per.min(n - row * per);
            let slot = width / in_row as f64;
            let x = 30.0 + slot * col as f64 + (slot - o.size.w).max(0.0) / 2.0;
            let x = x.max(30.0 + col as f64 * (o.size.w + gap_x));
            let y = 22.0 + row as f64 * (o.size.h + gap_y);
            out.push((
                *oi,
                crate::model::Point { x: (x / GRID).round() * GRID, y: (y / GRID).round() * GRID },
            ));
        }
    }
    out
}

/// Wraps text into lines of at most `max_width` units, for a font where a CJK character is one
/// em wide and other characters are about `latin_em` em. Used where real font metrics are not at
/// hand (the SVG export).
pub fn wrap_text(text: &str, font_size: f64, max_width: f64) -> Vec<String> {
    let width_of = |c: char| -> f64 {
        let em = if !c.is_ascii() {
            1.0
        } else if c == ' ' {
            0.3
        } else if c.is_ascii_uppercase() {
            0.65
        } else {
            0.55
        };
        em * font_size
    };
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut w = 0.0;
        // Break between CJK characters anywhere, Latin only at spaces.
        let mut tokens: Vec<String> = Vec::new();
        let mut word = String::new();
        for c in paragraph.chars() {
            if c.is_ascii() && c != ' ' {
                word.push(c);
            } else {
                if !word.is_empty() {
                    tokens.push(std::mem::take(&mut word));
                }
                tokens.push(c.to_string());
            }
        }
        if !word.is_empty() {
            tokens.push(word);
        }
        for t in tokens {
            let tw: f64 = t.chars().map(width_of).sum();
            if w + tw > max_width && !line.is_empty() {
                lines.push(line.trim_end().to_string());
                line = String::new();
                w = 0.0;
                if t == " " {
                    continue;
                }
            }
            line.push_str(&t);
            w += tw;
        }
        lines.push(line.trim_end().to_string());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io;

    fn dealership() -> Project {
        let bytes =
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/sample-projects/dealership-sales.json"))
                .unwrap();
        io::parse_project(&bytes).unwrap().project
    }

    #[test]
    fn bands_stack_in_perspective_order_and_hold_their_boxes() {
        let p = dealership();
        let l = MapLayout::compute(&p, &[]);
        assert_eq!(l.bands.len(), 4);
        for w in l.bands.windows(2) {
            assert_eq!(w[1].top, w[0].top + w[0].height);
        }
        assert_eq!(l.boxes.len(), p.objectives.len());
        for b in &l.boxes {
            let band = &l.bands[b.band];
            assert!(b.rect.y >= band.top && b.rect.bottom() <= band.top + band.height, "{b:?}");
            assert_eq!(p.perspectives[band.perspective].id, p.objectives[b.objective].perspective);
        }
        assert_eq!(l.links.len(), p.links.len());
        assert_eq!(l.band_at(l.bands[2].top + 1.0), Some(2));
        assert_eq!(l.band_at(1e9), Some(3));
    }

    #[test]
    fn upward_links_leave_the_top_and_enter_the_bottom() {
        let p = dealership();
        let l = MapLayout::compute(&p, &[]);
        for link in &l.links {
            let (f, t) = (&l.boxes[link.from].rect, &l.boxes[link.to].rect);
            if t.bottom() <= f.y {
                assert_eq!(link.curve[0].y, f.y);
                assert!((link.curve[3].y - t.bottom()).abs() < 3.0);
            }
        }
    }

    #[test]
    fn routes_bend_around_a_box_in_the_way() {
        let from = R { x: 100.0, y: 400.0, w: 160.0, h: 60.0 };
        let to = R { x: 100.0, y: 0.0, w: 160.0, h: 60.0 };
        let blocker = R { x: 90.0, y: 200.0, w: 180.0, h: 60.0 };
        let straight = route(&from, &to, |_| false);
        assert!((1..24).any(|i| blocker.contains(bezier(&straight, i as f64 / 24.0))));
        let routed = route(&from, &to, |p| blocker.expand(4.0).contains(p));
        assert!((1..24).all(|i| !blocker.contains(bezier(&routed, i as f64 / 24.0))), "{routed:?}");
    }

    #[test]
    fn auto_layout_leaves_no_overlaps() {
        let mut p = dealership();
        for o in p.objectives.iter_mut() {
            o.position = crate::model::Point { x: 5.0, y: 5.0 };
        }
        for (i, pos) in auto_layout(&p) {
            p.objectives[i].position = pos;
        }
        let l = MapLayout::compute(&p, &[]);
        for (i, a) in l.boxes.iter().enumerate() {
            for b in &l.boxes[i + 1..] {
                assert!(!a.rect.intersects(&b.rect), "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn wrapping_breaks_cjk_anywhere_and_latin_at_spaces() {
        assert_eq!(wrap_text("规范来电与进店接待", 10.0, 40.0), vec!["规范来电", "与进店接", "待"]);
        assert_eq!(
            wrap_text("Turn the new region profitable", 10.0, 80.0),
            vec!["Turn the new", "region", "profitable"]
        );
    }
}
