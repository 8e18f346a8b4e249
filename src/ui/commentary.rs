//! The owner's commentary on one period of a KPI (分析 / 原因 / 措施, who and when), edited the
//! same way in the data view and the inspector. Each field typed is one undo step; the first text
//! written fills in the KPI's owner and today's date, which stay editable.

use super::widgets::{self, FieldBuffers};
use crate::app::history::{Field, MergeKey, MergeTarget};
use crate::app::{AppCommand, DocCommand};
use crate::i18n::{Lang, T};
use crate::model::lint::Subject;
use crate::model::{Commentary, Kpi, Period};
use chrono::NaiveDate;
use egui::{RichText, Ui};

pub use crate::app::history::CommentaryPart as Part;

/// The period with its commentary replaced (`None` removes it when nothing is left).
pub fn with_commentary(kpi: &Kpi, date: NaiveDate, commentary: Option<Commentary>) -> Option<Period> {
    let mut p = kpi.period(date).cloned().unwrap_or_else(|| Period::new(date));
    p.commentary =
        commentary.filter(|c| !(c.is_blank() && c.owner.trim().is_empty() && c.date.is_none())).map(Box::new);
    (!p.is_empty()).then_some(p)
}

/// The commands that set the commentary of `kpi`'s period starting on `date`.
pub fn command(kpi: &Kpi, date: NaiveDate, new: Commentary, part: Part, lang: Lang) -> AppCommand {
    AppCommand::Doc {
        command: DocCommand::SetPeriod {
            kpi: kpi.id.clone(),
            date,
            period: with_commentary(kpi, date, Some(new)),
        },
        label: format!("{} {}", T::Commentary.get(lang), kpi.label()),
        merge: Some(MergeKey::new(
            MergeTarget::Item(Subject::Kpi(kpi.id.clone())),
            Field::Commentary(date, part),
        )),
    }
}

/// The period of a KPI whose commentary is edited, with the period as people read it.
pub struct Commented<'a> {
    pub kpi: &'a Kpi,
    pub date: NaiveDate,
    pub label: &'a str,
}

/// The editor: heading with the KPI and period, then the five fields in a grid.
pub fn editor(
    ui: &mut Ui,
    buffers: &mut FieldBuffers,
    lang: Lang,
    at: Commented,
    today: NaiveDate,
    out: &mut Vec<AppCommand>,
) {
    let Commented { kpi, date, label: period_label } = at;
    let old = kpi.period(date).and_then(|p| p.commentary.as_deref()).cloned().unwrap_or_default();
    ui.label(
        RichText::new(crate::tr!(lang, CommentaryFor, kpi = kpi.label(), period = period_label)).strong(),
    );
    // Text first written: who and when are filled in, as a paper form would be signed.
    let signed = |mut c: Commentary| {
        if !c.is_blank() {
            if c.owner.trim().is_empty() {
                c.owner = kpi.owner.clone();
            }
            if c.date.is_none() {
                c.date = Some(today);
            }
        }
        c
    };
    egui::Grid::new(("commentary", kpi.id.as_str(), date)).num_columns(2).spacing([8.0, 4.0]).show(
        ui,
        |ui| {
            let texts = [
                (Part::Analysis, T::CommentaryAnalysis, &old.analysis),
                (Part::Cause, T::CommentaryCause, &old.cause),
                (Part::Action, T::CommentaryAction, &old.action),
            ];
            for (part, label, value) in texts {
                if let Some(v) = widgets::multiline_field(ui, label.get(lang), value) {
                    let mut c = old.clone();
                    match part {
                        Part::Analysis => c.analysis = v,
                        Part::Cause => c.cause = v,
                        _ => c.action = v,
                    }
                    out.push(command(kpi, date, signed(c), part, lang));
                }
            }
            if let Some(v) = widgets::text_field(ui, T::CommentaryOwner.get(lang), &old.owner) {
                out.push(command(kpi, date, Commentary { owner: v, ..old.clone() }, Part::Owner, lang));
            }
            if let Some(d) =
                widgets::date_field(ui, buffers, lang, T::CommentaryDate.get(lang), old.date, true)
            {
                out.push(command(kpi, date, Commentary { date: d, ..old.clone() }, Part::Date, lang));
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::KpiId;

    fn ymd(m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, 1).unwrap()
    }

    #[test]
    fn commentary_keeps_the_period_and_removes_it_when_empty() {
        let mut k = Kpi::new(KpiId::numbered(1), "Sales");
        let mut p = Period::new(ymd(10));
        p.actual = Some(5.0);
        k.series.push(p);
        let c = Commentary { analysis: "down".into(), ..Default::default() };
        let with = with_commentary(&k, ymd(10), Some(c.clone())).unwrap();
        assert_eq!((with.actual, with.commentary.as_deref()), (Some(5.0), Some(&c)));
        // On a period without values, blank commentary leaves nothing to keep.
        assert_eq!(with_commentary(&k, ymd(11), Some(Commentary::default())), None);
        assert_eq!(with_commentary(&k, ymd(10), Some(Commentary::default())).unwrap().commentary, None);
        assert!(with_commentary(&k, ymd(11), Some(c)).is_some());
    }
}
