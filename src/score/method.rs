//! Scoring methods: from an aggregated actual, target and baseline to a score in percent
//! (100 = on target), or a stated reason why there is none.

use crate::i18n::{Lang, T};
use crate::model::{Band, Clamp, Polarity, ScoringMethod, TargetBand};

/// Why a score could not be computed. A score is a number or one of these, never NaN.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Undefined {
    /// No actual value in the period.
    NoActual,
    /// No period of the KPI's frequency ends in the period viewed (a quarterly KPI in February):
    /// nothing is owed, so it neither counts as missing nor as zero.
    NotDue,
    /// A value or its score is beyond what a double can hold (sums of 1e308, 1e300 / 1e-300).
    TooLarge,
    /// Neither a period target nor a default target.
    NoTarget,
    /// The method divides by the target and the target is 0.
    ZeroTarget,
    /// A/T is meaningless for a negative target (a beaten loss target would score negative).
    NegativeTargetRatio,
    /// Progress from baseline needs a baseline.
    NoBaseline,
    /// Progress from baseline divides by T − B.
    TargetEqualsBaseline,
    /// Range normalisation needs the KPI's min and max.
    NoRange,
    /// The KPI is excluded from scoring.
    Excluded,
    /// A roll-up with no children at all.
    NoChildren,
    /// A roll-up whose children all lack a score.
    NoChildReported,
    /// A roll-up whose children's weights total zero.
    ZeroWeights,
}

impl Undefined {
    pub fn describe(self, lang: Lang) -> &'static str {
        use Undefined::*;
        match self {
            NoActual => T::NoActualValueForThis.get(lang),
            NotDue => T::NotDueNoPeriodOf.get(lang),
            TooLarge => T::ValueTooLargeToScore.get(lang),
            NoTarget => T::NoTarget.get(lang),
            ZeroTarget => T::TheTargetIs0And.get(lang),
            NegativeTargetRatio => T::ATIsMeaninglessFor.get(lang),
            NoBaseline => T::ProgressFromBaselineNeedsA.get(lang),
            TargetEqualsBaseline => T::TheTargetEqualsTheBaseline.get(lang),
            NoRange => T::RangeNormalisationNeedsMinAnd.get(lang),
            Excluded => T::ExcludedFromScoring.get(lang),
            NoChildren => T::NothingToRollUp.get(lang),
            NoChildReported => T::NoneOfItsItemsHas.get(lang),
            ZeroWeights => T::TheWeightsOfItsItems.get(lang),
        }
    }

    /// A short label for tables: "no data", "no target" ….
    pub fn short(self, lang: Lang) -> &'static str {
        use Undefined::*;
        match self {
            NoActual | NoChildReported => T::NoData.get(lang),
            NotDue => T::NotDue.get(lang),
            TooLarge => T::TooLarge.get(lang),
            NoTarget => T::NoTarget2.get(lang),
            ZeroTarget => T::Target0.get(lang),
            NegativeTargetRatio => T::NegativeTarget.get(lang),
            NoBaseline => T::NoBaseline.get(lang),
            TargetEqualsBaseline => T::TargetBaseline.get(lang),
            NoRange => T::NoRange.get(lang),
            Excluded => T::Excluded2.get(lang),
            NoChildren => T::Empty.get(lang),
            ZeroWeights => T::Weights0.get(lang),
        }
    }
}

/// Everything a method needs, already aggregated over the period and scaled to it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Inputs<'a> {
    pub actual: f64,
    pub target: f64,
    pub baseline: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub band: Option<TargetBand>,
    pub polarity: Polarity,
    /// Multiplies per-period quantities (bands, min/max, baseline) when a sum spans n periods.
    pub scale: f64,
    pub bands: Option<&'a [Band]>,
}

/// The raw score of a method and the formula with numbers substituted, for the trace.
#[derive(Clone, Debug, PartialEq)]
pub struct MethodResult {
    pub raw: f64,
    /// The band reached, for the bands method (its label and colour give the status).
    pub band: Option<usize>,
    pub formula: &'static str,
    pub substituted: String,
}

/// A number for a substituted formula: negatives in parentheses, so "A − T" reads "3 − (−2)".
fn n(v: f64) -> String {
    let s = crate::model::lint::format_number(v);
    if v < 0.0 && s != "0" { format!("({})", s.replacen('-', "−", 1)) } else { s }
}

/// The symbolic formula of a method for a polarity, as shown in traces and the inspector.
pub fn formula(method: &ScoringMethod, polarity: Polarity) -> &'static str {
    use Polarity::*;
    match (method, polarity) {
        (ScoringMethod::AchievementRatio, HigherIsBetter) => "A / T",
        (ScoringMethod::AchievementRatio, LowerIsBetter) => "2 − A / T",
        (ScoringMethod::AchievementRatio, ClosestToTarget) => "1 − |A − T| / T",
        (ScoringMethod::SignSafe, HigherIsBetter) => "1 + (A − T) / |T|",
        (ScoringMethod::SignSafe, LowerIsBetter) => "1 − (A − T) / |T|",
        (ScoringMethod::SignSafe, ClosestToTarget) => "1 − |A − T| / |T|",
        (ScoringMethod::ProgressFromBaseline, ClosestToTarget) => "1 − |A − T| / |T − B|",
        (ScoringMethod::ProgressFromBaseline, _) => "(A − B) / (T − B)",
        (ScoringMethod::RangeNormalisation, LowerIsBetter) => "(max − A) / (max − min)",
        (ScoringMethod::RangeNormalisation, ClosestToTarget) => "1 − |A − T| / (max − min)",
        (ScoringMethod::RangeNormalisation, _) => "(A − min) / (max − min)",
        (ScoringMethod::Bands { .. }, _) => BANDS_FORMULA,
        (ScoringMethod::Points { .. }, ClosestToTarget) => "100 − points × ⌊|A − T| / |T| / step⌋",
        (ScoringMethod::Points { .. }, _) => "100 + points × trunc(s·(A − T) / |T| / step)",
        (ScoringMethod::ClosestToTarget { .. }, _) => CLOSEST_FORMULA,
        (ScoringMethod::Binary, HigherIsBetter) => "A ≥ T ? 100 : 0",
        (ScoringMethod::Binary, LowerIsBetter) => "A ≤ T ? 100 : 0",
        (ScoringMethod::Binary, ClosestToTarget) => BINARY_BAND_FORMULA,
    }
}

/// The formula for a reader in `lang`: the symbols read the same in both languages; the two
/// formulas said in words are translated whole, and the names in the others ("max", "points",
/// "step") word by word.
pub fn formula_text(formula: &'static str, lang: crate::i18n::Lang) -> String {
    use crate::i18n::T;
    match formula {
        BANDS_FORMULA => T::FormulaBands.get(lang).into(),
        CLOSEST_FORMULA => T::FormulaClosest.get(lang).into(),
        BINARY_BAND_FORMULA => T::FormulaBinaryBand.get(lang).into(),
        other => {
            let mut text = other.to_string();
            for (word, name) in [
                ("trunc", T::FormulaTrunc),
                ("points", T::FormulaPoints),
                ("step", T::FormulaStep),
                ("max", T::FormulaMax),
                ("min", T::FormulaMin),
            ] {
                text = text.replace(word, name.get(lang));
            }
            text
        }
    }
}

const BANDS_FORMULA: &str = "linear between band anchors";
const CLOSEST_FORMULA: &str = "1 − distance outside band / falloff";
const BINARY_BAND_FORMULA: &str = "A in band ? 100 : 0";

#[cfg(test)]
mod formula_tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn formulas_in_chinese_have_no_english_words() {
        for m in ScoringMethod::one_of_each() {
            for polarity in [Polarity::HigherIsBetter, Polarity::LowerIsBetter, Polarity::ClosestToTarget] {
                let zh = formula_text(formula(&m, polarity), Lang::Zh);
                let english =
                    zh.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() > 1).collect::<Vec<_>>();
                assert!(english.is_empty(), "{m:?} {polarity:?}: {zh}");
                assert_eq!(formula_text(formula(&m, polarity), Lang::En), formula(&m, polarity));
            }
        }
    }
}

/// Applies a scoring method. Returns the raw score in percent before any clamp.
pub fn apply(method: &ScoringMethod, x: &Inputs) -> Result<MethodResult, Undefined> {
    let (a, t) = (x.actual, x.target);
    let f = formula(method, x.polarity);
    let done = |raw: f64, substituted: String| Ok(MethodResult { raw, band: None, formula: f, substituted });
    match method {
        ScoringMethod::AchievementRatio => {
            if t == 0.0 {
                return Err(Undefined::ZeroTarget);
            }
            if t < 0.0 {
                return Err(Undefined::NegativeTargetRatio);
            }
            match x.polarity {
                Polarity::HigherIsBetter => done(a / t * 100.0, format!("{} / {}", n(a), n(t))),
                Polarity::LowerIsBetter => done((2.0 - a / t) * 100.0, format!("2 − {} / {}", n(a), n(t))),
                Polarity::ClosestToTarget => {
                    done((1.0 - (a - t).abs() / t) * 100.0, format!("1 − |{} − {}| / {}", n(a), n(t), n(t)))
                }
            }
        }
        ScoringMethod::SignSafe => {
            if t == 0.0 {
                return Err(Undefined::ZeroTarget);
            }
            match x.polarity {
                Polarity::ClosestToTarget => done(
                    (1.0 - (a - t).abs() / t.abs()) * 100.0,
                    format!("1 − |{} − {}| / {}", n(a), n(t), n(t.abs())),
                ),
                p => {
                    let s = p.sign();
                    let sign = if s > 0.0 { "+" } else { "−" };
                    done(
                        (1.0 + s * (a - t) / t.abs()) * 100.0,
                        format!("1 {sign} ({} − {}) / {}", n(a), n(t), n(t.abs())),
                    )
                }
            }
        }
        ScoringMethod::ProgressFromBaseline => {
            let b = x.baseline.ok_or(Undefined::NoBaseline)? * x.scale;
            if t == b {
                return Err(Undefined::TargetEqualsBaseline);
            }
            match x.polarity {
                Polarity::ClosestToTarget => done(
                    (1.0 - (a - t).abs() / (t - b).abs()) * 100.0,
                    format!("1 − |{} − {}| / |{} − {}|", n(a), n(t), n(t), n(b)),
                ),
                _ => {
                    done((a - b) / (t - b) * 100.0, format!("({} − {}) / ({} − {})", n(a), n(b), n(t), n(b)))
                }
            }
        }
        ScoringMethod::RangeNormalisation => {
            let (lo, hi) = match (x.min, x.max) {
                (Some(lo), Some(hi)) if hi > lo => (lo * x.scale, hi * x.scale),
                _ => return Err(Undefined::NoRange),
            };
            match x.polarity {
                Polarity::HigherIsBetter => done(
                    (a - lo) / (hi - lo) * 100.0,
                    format!("({} − {}) / ({} − {})", n(a), n(lo), n(hi), n(lo)),
                ),
                Polarity::LowerIsBetter => done(
                    (hi - a) / (hi - lo) * 100.0,
                    format!("({} − {}) / ({} − {})", n(hi), n(a), n(hi), n(lo)),
                ),
                Polarity::ClosestToTarget => done(
                    (1.0 - (a - t).abs() / (hi - lo)) * 100.0,
                    format!("1 − |{} − {}| / ({} − {})", n(a), n(t), n(hi), n(lo)),
                ),
            }
        }
        ScoringMethod::Bands { bands } => {
            let bands = x.bands.unwrap_or(bands);
            let (raw, reached) = interpolate_bands(bands, a, x.scale);
            let text = match reached {
                // Numbers and the band's own label only: the trace reads the same in every
                // language.
                Some(i) => format!(
                    "A = {} → “{}” ({}) → {}",
                    n(a),
                    bands[i].label,
                    n(bands[i].value * x.scale),
                    n(raw)
                ),
                None => format!(
                    "A = {} → < “{}” ({}) → {}",
                    n(a),
                    bands.first().map_or("", |b| b.label.as_str()),
                    n(bands.first().map_or(0.0, |b| b.value * x.scale)),
                    n(raw)
                ),
            };
            Ok(MethodResult { raw, band: Some(reached.unwrap_or(0)), formula: f, substituted: text })
        }
        ScoringMethod::Points { step, points, cap, floor } => {
            if t == 0.0 {
                return Err(Undefined::ZeroTarget);
            }
            let deviation = match x.polarity {
                Polarity::ClosestToTarget => -(a - t).abs() / t.abs() * 100.0,
                p => p.sign() * (a - t) / t.abs() * 100.0,
            };
            // A deviation of exactly one step must count as one step even when the division
            // lands a hair below it (0.3 / 0.1 = 2.9999…).
            let q = deviation / step;
            let q = q + q.signum() * 1e-9;
            let steps = if x.polarity == Polarity::ClosestToTarget { -(-q).floor() } else { q.trunc() };
            let raw = (100.0 + steps * points).clamp(*floor, *cap);
            done(
                raw,
                format!(
                    "Δ {} % ÷ {} % → {} × {} → 100 {} {} = {} [{}, {}]",
                    n(deviation),
                    n(*step),
                    n(steps),
                    n(*points),
                    if steps < 0.0 { "−" } else { "+" },
                    n((steps * points).abs()),
                    n(raw),
                    n(*floor),
                    n(*cap)
                ),
            )
        }
        ScoringMethod::ClosestToTarget { falloff } => {
            let band = x.band.unwrap_or_default();
            let (lo, hi) = (t - band.below * x.scale, t + band.above * x.scale);
            let distance = if a < lo {
                lo - a
            } else if a > hi {
                a - hi
            } else {
                0.0
            };
            let fall = match falloff {
                Some(f) => f * x.scale,
                None if t != 0.0 => t.abs(),
                None => return Err(Undefined::ZeroTarget),
            };
            let raw = ((1.0 - distance / fall) * 100.0).max(0.0);
            done(raw, format!("[{}, {}]: 1 − {} / {}", n(lo), n(hi), n(distance), n(fall)))
        }
        ScoringMethod::Binary => {
            let met = match x.polarity {
                Polarity::HigherIsBetter => a >= t,
                Polarity::LowerIsBetter => a <= t,
                Polarity::ClosestToTarget => {
                    let band = x.band.unwrap_or_default();
                    a >= t - band.below * x.scale && a <= t + band.above * x.scale
                }
            };
            // The comparison as it came out: "97 ≥ 95 → 100", "93 < 95 → 0".
            let symbol = match (x.polarity, met) {
                (Polarity::HigherIsBetter, true) => "≥",
                (Polarity::HigherIsBetter, false) => "<",
                (Polarity::LowerIsBetter, true) => "≤",
                (Polarity::LowerIsBetter, false) => ">",
                (Polarity::ClosestToTarget, true) => "≈",
                (Polarity::ClosestToTarget, false) => "≠",
            };
            let score = if met { 100.0 } else { 0.0 };
            done(score, format!("{} {symbol} {} → {}", n(a), n(t), n(score)))
        }
    }
}

/// Piecewise-linear score between anchors ordered by value (ascending or descending); beyond the
/// ends the end scores hold. Returns the score and the band reached (the last anchor passed).
pub fn interpolate_bands(bands: &[Band], a: f64, scale: f64) -> (f64, Option<usize>) {
    if bands.is_empty() {
        return (0.0, None);
    }
    let ascending = bands.len() < 2 || bands[1].value > bands[0].value;
    // Position along the direction of improvement: larger is better in both orders.
    let pos = |v: f64| if ascending { v } else { -v };
    let x = pos(a);
    let anchor = |i: usize| pos(bands[i].value * scale);
    if x < anchor(0) {
        return (bands[0].score, None);
    }
    let last = bands.len() - 1;
    if x >= anchor(last) {
        return (bands[last].score, Some(last));
    }
    let i = (0..last).rfind(|&i| x >= anchor(i)).unwrap_or(0);
    let (x0, x1) = (anchor(i), anchor(i + 1));
    let (s0, s1) = (bands[i].score, bands[i + 1].score);
    let t = if x1 > x0 { (x - x0) / (x1 - x0) } else { 0.0 };
    (s0 + t * (s1 - s0), Some(i))
}

/// A clamp applied to a raw score: the result, and whether it changed anything.
pub fn apply_clamp(raw: f64, clamp: Option<&Clamp>) -> (f64, bool) {
    let Some(c) = clamp else { return (raw, false) };
    let mut v = raw;
    if let Some(lo) = c.min {
        v = v.max(lo);
    }
    if let Some(hi) = c.max {
        v = v.min(hi);
    }
    (v, v != raw)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{STATUS_GREEN, STATUS_RED};

    fn inputs(a: f64, t: f64, polarity: Polarity) -> Inputs<'static> {
        Inputs {
            actual: a,
            target: t,
            baseline: None,
            min: None,
            max: None,
            band: None,
            polarity,
            scale: 1.0,
            bands: None,
        }
    }

    fn score(m: &ScoringMethod, x: Inputs) -> Result<f64, Undefined> {
        apply(m, &x).map(|r| r.raw)
    }

    fn close(a: Result<f64, Undefined>, b: f64) {
        let a = a.unwrap_or_else(|e| panic!("expected {b}, got {e:?}"));
        assert!((a - b).abs() < 1e-9, "expected {b}, got {a}");
    }

    use Polarity::*;

    #[test]
    fn achievement_ratio_table() {
        let m = ScoringMethod::AchievementRatio;
        // (actual, target, polarity, expected)
        let table = [
            (120.0, 100.0, HigherIsBetter, 120.0),
            (80.0, 100.0, HigherIsBetter, 80.0),
            (80.0, 100.0, LowerIsBetter, 120.0), // 2 − 0.8
            (130.0, 100.0, LowerIsBetter, 70.0),
            (95.0, 100.0, ClosestToTarget, 95.0),
            (105.0, 100.0, ClosestToTarget, 95.0),
        ];
        for (a, t, p, want) in table {
            close(score(&m, inputs(a, t, p)), want);
        }
        assert_eq!(score(&m, inputs(5.0, 0.0, HigherIsBetter)), Err(Undefined::ZeroTarget));
        assert_eq!(score(&m, inputs(3.0, -2.0, HigherIsBetter)), Err(Undefined::NegativeTargetRatio));
    }

    #[test]
    fn sign_safe_handles_negative_targets() {
        let m = ScoringMethod::SignSafe;
        // Profit target −2, actual 3: beaten by 5 on a scale of 2 → 1 + 5/2 = 350 %, not −150 %.
        close(score(&m, inputs(3.0, -2.0, HigherIsBetter)), 350.0);
        // Loss target −2, actual −4: twice the loss → 1 + (−2)/2 = 0 %.
        close(score(&m, inputs(-4.0, -2.0, HigherIsBetter)), 0.0);
        // Equals A/T for positive targets.
        close(score(&m, inputs(90.0, 100.0, HigherIsBetter)), 90.0);
        // Lower is better: equals 2 − A/T for positive targets.
        close(score(&m, inputs(80.0, 100.0, LowerIsBetter)), 120.0);
        // Lower is better with a negative target (net cash burn −10, actual −15 is better).
        close(score(&m, inputs(-15.0, -10.0, LowerIsBetter)), 150.0);
        assert_eq!(score(&m, inputs(1.0, 0.0, LowerIsBetter)), Err(Undefined::ZeroTarget));
    }

    #[test]
    fn progress_from_baseline_table() {
        let m = ScoringMethod::ProgressFromBaseline;
        let with_b = |a, t, b, p| Inputs { baseline: Some(b), ..inputs(a, t, p) };
        close(score(&m, with_b(75.0, 100.0, 50.0, HigherIsBetter)), 50.0);
        // Lower is better, baseline above target: complaints 20 → target 10, actual 12.
        close(score(&m, with_b(12.0, 10.0, 20.0, LowerIsBetter)), 80.0);
        // Worse than the baseline is negative progress, not hidden.
        close(score(&m, with_b(25.0, 10.0, 20.0, LowerIsBetter)), -50.0);
        assert_eq!(score(&m, with_b(5.0, 10.0, 10.0, HigherIsBetter)), Err(Undefined::TargetEqualsBaseline));
        assert_eq!(score(&m, inputs(5.0, 10.0, HigherIsBetter)), Err(Undefined::NoBaseline));
    }

    #[test]
    fn range_normalisation_table() {
        let m = ScoringMethod::RangeNormalisation;
        let ranged = |a, p| Inputs { min: Some(0.0), max: Some(200.0), ..inputs(a, 100.0, p) };
        close(score(&m, ranged(150.0, HigherIsBetter)), 75.0);
        close(score(&m, ranged(150.0, LowerIsBetter)), 25.0);
        // A quarter of three monthly sums scales the range.
        close(score(&m, Inputs { scale: 3.0, ..ranged(300.0, HigherIsBetter) }), 50.0);
        assert_eq!(score(&m, inputs(1.0, 1.0, HigherIsBetter)), Err(Undefined::NoRange));
    }

    #[test]
    fn goal_red_flag_bands() {
        let m = ScoringMethod::goal_red_flag(0.0, 60.0, 90.0, 100.0);
        let s = |a: f64| apply(&m, &inputs(a, 90.0, HigherIsBetter)).unwrap();
        close(Ok(s(60.0).raw), 100.0 / 3.0);
        close(Ok(s(90.0).raw), 200.0 / 3.0);
        close(Ok(s(75.0).raw), 50.0);
        close(Ok(s(100.0).raw), 100.0);
        close(Ok(s(150.0).raw), 100.0);
        assert_eq!(s(75.0).band, Some(1));
        assert_eq!(s(95.0).band, Some(2));
        // Descending anchors (lower is better): defect rate 5 % is red, 1 % is the goal.
        let bands = vec![
            Band { value: 5.0, score: 0.0, label: "red".into(), colour: STATUS_RED },
            Band { value: 1.0, score: 100.0, label: "green".into(), colour: STATUS_GREEN },
        ];
        let m = ScoringMethod::Bands { bands };
        close(score(&m, inputs(3.0, 1.0, LowerIsBetter)), 50.0);
        close(score(&m, inputs(0.5, 1.0, LowerIsBetter)), 100.0);
        close(score(&m, inputs(9.0, 1.0, LowerIsBetter)), 0.0);
    }

    #[test]
    fn points_rule_presets() {
        let m = ScoringMethod::points_five_per_five();
        close(score(&m, inputs(100.0, 100.0, HigherIsBetter)), 100.0);
        close(score(&m, inputs(111.0, 100.0, HigherIsBetter)), 110.0); // two whole 5 % steps
        close(score(&m, inputs(93.0, 100.0, HigherIsBetter)), 95.0); // one whole step down
        close(score(&m, inputs(200.0, 100.0, HigherIsBetter)), 120.0); // capped
        close(score(&m, inputs(-100.0, 100.0, HigherIsBetter)), 0.0); // floored
        close(score(&m, inputs(90.0, 100.0, LowerIsBetter)), 110.0);
        let m = ScoringMethod::points_cap_120();
        close(score(&m, inputs(115.5, 100.0, HigherIsBetter)), 115.0);
        close(score(&m, inputs(130.0, 100.0, HigherIsBetter)), 120.0);
        assert_eq!(score(&m, inputs(1.0, 0.0, HigherIsBetter)), Err(Undefined::ZeroTarget));
    }

    #[test]
    fn closest_to_target_band() {
        // Inventory days: target 30, full score within 25–35, zero 15 days beyond the band.
        let m = ScoringMethod::ClosestToTarget { falloff: Some(15.0) };
        let banded = |a| Inputs {
            band: Some(TargetBand { below: 5.0, above: 5.0 }),
            ..inputs(a, 30.0, ClosestToTarget)
        };
        close(score(&m, banded(33.0)), 100.0);
        close(score(&m, banded(25.0)), 100.0);
        close(score(&m, banded(41.0)), 60.0);
        close(score(&m, banded(13.0)), 20.0);
        close(score(&m, banded(80.0)), 0.0);
        // Without a falloff the target itself is the scale.
        let m = ScoringMethod::ClosestToTarget { falloff: None };
        close(score(&m, inputs(40.0, 50.0, ClosestToTarget)), 80.0);
        assert_eq!(score(&m, inputs(1.0, 0.0, ClosestToTarget)), Err(Undefined::ZeroTarget));
    }

    #[test]
    fn binary() {
        let m = ScoringMethod::Binary;
        close(score(&m, inputs(1.0, 1.0, HigherIsBetter)), 100.0);
        close(score(&m, inputs(0.0, 1.0, HigherIsBetter)), 0.0);
        close(score(&m, inputs(3.0, 5.0, LowerIsBetter)), 100.0);
        let banded = Inputs {
            band: Some(TargetBand { below: 1.0, above: 2.0 }),
            ..inputs(11.5, 10.0, ClosestToTarget)
        };
        close(score(&m, banded), 100.0);
    }

    #[test]
    fn clamps() {
        let c = Clamp { min: Some(0.0), max: Some(120.0) };
        assert_eq!(apply_clamp(130.0, Some(&c)), (120.0, true));
        assert_eq!(apply_clamp(-5.0, Some(&c)), (0.0, true));
        assert_eq!(apply_clamp(99.0, Some(&c)), (99.0, false));
        assert_eq!(apply_clamp(500.0, None), (500.0, false));
    }
}
