//! How readable a laid-out strategy map is, in numbers: link crossings, links passing through a
//! box, overlapping boxes, overlapping labels, and arrows sharing an end point. `layout` on the
//! command line prints these, auto-layout is measured by them, and tests state them exactly.

use super::map_layout::{LinkLayout, MapLayout, P, R};
use crate::model::Project;

/// The counts, each 0 on a map that reads well.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Quality {
    /// Pairs of links that cross (links that share an objective are not counted).
    pub crossings: usize,
    /// Links that pass through a box other than their own two.
    pub links_through_boxes: usize,
    /// Pairs of boxes that overlap.
    pub box_overlaps: usize,
    /// Pairs of link labels that overlap each other or a box.
    pub label_overlaps: usize,
    /// Pairs of arrows that start or end at the same point of a box.
    pub shared_ports: usize,
}

/// Points along each curve: enough that a crossing of two curves is not missed between samples.
const SAMPLES: usize = 32;

/// The path as points: `SAMPLES` for a single curve, at least six per segment of a longer chain.
fn polyline(l: &LinkLayout) -> Vec<P> {
    let n = SAMPLES.max(6 * l.path.len());
    (0..=n).map(|i| l.point(i as f64 / n as f64)).collect()
}

/// Whether segments ab and cd cross (touching at an end does not count).
fn segments_cross(a: P, b: P, c: P, d: P) -> bool {
    let orient = |p: P, q: P, r: P| (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
    let (d1, d2) = (orient(c, d, a), orient(c, d, b));
    let (d3, d4) = (orient(a, b, c), orient(a, b, d));
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}

fn bounding(points: &[P]) -> R {
    let (mut x0, mut y0, mut x1, mut y1) =
        (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
    for p in points {
        x0 = x0.min(p.x);
        y0 = y0.min(p.y);
        x1 = x1.max(p.x);
        y1 = y1.max(p.y);
    }
    R { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }
}

pub use super::map_layout::label_rect;

/// Measures a laid-out map.
pub fn measure(project: &Project, layout: &MapLayout) -> Quality {
    let mut q = Quality::default();
    let lines: Vec<Vec<P>> = layout.links.iter().map(polyline).collect();
    let bounds: Vec<R> = lines.iter().map(|l| bounding(l)).collect();
    for i in 0..layout.links.len() {
        for j in i + 1..layout.links.len() {
            let (a, b) = (&layout.links[i], &layout.links[j]);
            // Links meeting at an objective start or end together; that is not a crossing.
            if [a.from, a.to].iter().any(|x| *x == b.from || *x == b.to) || !bounds[i].intersects(&bounds[j])
            {
                continue;
            }
            let crosses = lines[i]
                .windows(2)
                .any(|s| lines[j].windows(2).any(|t| segments_cross(s[0], s[1], t[0], t[1])));
            q.crossings += crosses as usize;
        }
    }
    for (li, l) in layout.links.iter().enumerate() {
        // The first and last stretch of a curve is at its own boxes' edges.
        let line = &lines[li];
        let inner = &line[2..line.len() - 2];
        let through = layout
            .boxes
            .iter()
            .enumerate()
            .filter(|(bi, _)| *bi != l.from && *bi != l.to)
            .any(|(_, b)| inner.iter().any(|p| b.rect.expand(-2.0).contains(*p)));
        q.links_through_boxes += through as usize;
    }
    for i in 0..layout.boxes.len() {
        for j in i + 1..layout.boxes.len() {
            q.box_overlaps += layout.boxes[i].rect.intersects(&layout.boxes[j].rect) as usize;
        }
    }
    let labels: Vec<R> = layout
        .links
        .iter()
        .filter_map(|l| {
            let text = &project.links.get(l.link)?.label;
            (!text.is_empty()).then(|| label_rect(text, l.label_at))
        })
        .collect();
    for (i, a) in labels.iter().enumerate() {
        q.label_overlaps += labels[i + 1..].iter().filter(|b| a.intersects(b)).count();
        q.label_overlaps += layout.boxes.iter().filter(|b| a.intersects(&b.rect)).count();
    }
    let ends: Vec<(usize, P)> =
        layout.links.iter().flat_map(|l| [(l.from, l.start()), (l.to, l.end())]).collect();
    for (i, (box_a, a)) in ends.iter().enumerate() {
        q.shared_ports += ends[i + 1..]
            .iter()
            .filter(|(box_b, b)| box_a == box_b && (a.x - b.x).abs() < 3.0 && (a.y - b.y).abs() < 3.0)
            .count();
    }
    q
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Link, LinkId, Objective, ObjectiveId, Point};

    /// A blank project with objectives at (perspective index, x) and links between them.
    pub(crate) fn map(objectives: &[(usize, f64)], links: &[(usize, usize)]) -> Project {
        let mut p =
            Project::blank(crate::i18n::Lang::En, chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        for (i, &(band, x)) in objectives.iter().enumerate() {
            let perspective = p.perspectives[band].id.clone();
            p.objectives.push(Objective {
                id: ObjectiveId(format!("o{i}")),
                name: format!("O{i}"),
                description: String::new(),
                perspective,
                theme: None,
                owner: String::new(),
                weight: 1.0,
                roll_up: crate::model::RollUp::WeightedAverage,
                position: Point { x, y: 30.0 },
                size: Objective::DEFAULT_SIZE,
                pinned: false,
                colour: None,
            });
        }
        for (i, &(from, to)) in links.iter().enumerate() {
            p.links.push(Link {
                id: LinkId(format!("l{i}")),
                from: ObjectiveId(format!("o{from}")),
                to: ObjectiveId(format!("o{to}")),
                label: String::new(),
            });
        }
        p
    }

    #[test]
    fn two_links_drawn_across_each_other_are_one_crossing() {
        // Customer: o0 left, o1 right; financial: o2 left, o3 right. o0 → o3 and o1 → o2 cross.
        let p = map(&[(1, 30.0), (1, 500.0), (0, 30.0), (0, 500.0)], &[(0, 3), (1, 2)]);
        let q = measure(&p, &MapLayout::compute(&p, &[]));
        assert_eq!(q.crossings, 1);
        // Straight up instead: none.
        let p = map(&[(1, 30.0), (1, 500.0), (0, 30.0), (0, 500.0)], &[(0, 2), (1, 3)]);
        assert_eq!(measure(&p, &MapLayout::compute(&p, &[])), Quality::default());
    }

    #[test]
    fn overlaps_and_shared_ends_are_counted() {
        // Two boxes on top of each other; both link up to the same objective right above them.
        let p = map(&[(1, 30.0), (1, 60.0), (0, 30.0)], &[(0, 2), (1, 2)]);
        let q = measure(&p, &MapLayout::compute(&p, &[]));
        assert_eq!(q.box_overlaps, 1);
        // Two boxes in different bands below one objective: the map spreads their arrows along
        // its bottom edge; drawn into one point, they share it.
        let p = map(&[(1, 30.0), (2, 300.0), (0, 30.0)], &[(0, 2), (1, 2)]);
        let mut layout = MapLayout::compute(&p, &[]);
        assert_eq!(measure(&p, &layout).shared_ports, 0);
        let tip = layout.links[0].end();
        layout.links[1].path.last_mut().unwrap()[3] = tip;
        assert_eq!(measure(&p, &layout).shared_ports, 1);
    }

    #[test]
    fn a_link_straight_through_a_box_is_counted() {
        use crate::io::map_layout::{BoxLayout, LinkLayout};
        let p = map(&[(2, 300.0), (1, 300.0), (0, 300.0)], &[(0, 2)]);
        let mut layout = MapLayout::compute(&p, &[]);
        // A straight line from the bottom box to the top one, through the middle one.
        let (from, to): (&BoxLayout, &BoxLayout) = (&layout.boxes[0], &layout.boxes[2]);
        let (a, b) =
            (P::new(from.rect.centre().x, from.rect.y), P::new(to.rect.centre().x, to.rect.bottom()));
        let third = |t: f64| P::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
        layout.links = vec![LinkLayout {
            link: 0,
            from: 0,
            to: 2,
            path: vec![[a, third(1.0 / 3.0), third(2.0 / 3.0), b]],
            label_at: third(0.5),
        }];
        assert_eq!(measure(&p, &layout).links_through_boxes, 1);
        // Routed by the map, it bends around the middle box.
        assert_eq!(measure(&p, &MapLayout::compute(&p, &[])).links_through_boxes, 0);
    }
}
