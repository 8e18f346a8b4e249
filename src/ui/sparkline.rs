//! Small painted charts (sparklines and small multiples): an actual line coloured by its latest
//! status over a dashed target line. Painted directly, so dozens of them cost little per frame.

use crate::score::series::ChartPoint;
use egui::{Color32, Painter, Pos2, Rect, Shape, Stroke};

/// Paints `points` into `rect`: the target dashed, the actuals solid in `colour`, the last
/// actual as a dot.
pub fn paint(painter: &Painter, rect: Rect, points: &[ChartPoint], colour: Color32, target_colour: Color32) {
    if points.is_empty() {
        return;
    }
    let values = points.iter().flat_map(|p| [p.actual, p.target]).flatten();
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !lo.is_finite() {
        return;
    }
    if hi - lo < 1e-9 {
        lo -= 1.0;
        hi += 1.0;
    }
    let n = points.len().max(2) - 1;
    let at = |i: usize, v: f64| -> Pos2 {
        let x = rect.left() + rect.width() * i as f32 / n as f32;
        let y = rect.bottom() - rect.height() * ((v - lo) / (hi - lo)) as f32;
        Pos2::new(x, y)
    };
    let target: Vec<Pos2> =
        points.iter().enumerate().filter_map(|(i, p)| p.target.map(|t| at(i, t))).collect();
    if target.len() > 1 {
        painter.extend(Shape::dashed_line(&target, Stroke::new(1.0, target_colour), 3.0, 3.0));
    }
    // Actual segments break where a period is missing.
    let mut run: Vec<Pos2> = Vec::new();
    let mut last = None;
    for (i, p) in points.iter().enumerate() {
        match p.actual {
            Some(a) => {
                let q = at(i, a);
                run.push(q);
                last = Some(q);
            }
            None => {
                if run.len() > 1 {
                    painter.add(Shape::line(std::mem::take(&mut run), Stroke::new(1.8, colour)));
                }
                run.clear();
            }
        }
    }
    if run.len() > 1 {
        painter.add(Shape::line(run, Stroke::new(1.8, colour)));
    }
    if let Some(q) = last {
        painter.circle_filled(q, 2.8, colour);
    }
}
