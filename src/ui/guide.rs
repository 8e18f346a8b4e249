//! The getting-started guide: a window beside the work (not a dialog that blocks it), in the UI
//! language, from Help → Getting started (F1) or the empty project's first screen. The scoring
//! methods section lists every method with its formula and a worked example.

use crate::i18n::{Lang, T};
use crate::model::ScoringMethod;
use egui::RichText;

/// The steps, in the order a scorecard is built.
const STEPS: [(T, T); 6] = [
    (T::GuideMapTitle, T::GuideMapBody),
    (T::GuideKpisTitle, T::GuideKpisBody),
    (T::GuideWeightsTitle, T::GuideWeightsBody),
    (T::GuideCascadeTitle, T::GuideCascadeBody),
    (T::GuideActualsTitle, T::GuideActualsBody),
    (T::GuideDashboardTitle, T::GuideDashboardBody),
];

/// Shows the guide while `open`; its close button clears it.
pub fn guide_window(ctx: &egui::Context, lang: Lang, open: &mut bool) {
    if !*open {
        return;
    }
    let height = (ctx.content_rect().height() - 120.0).max(240.0);
    egui::Window::new(T::GuideTitle.get(lang))
        .id(egui::Id::unique("getting-started-guide"))
        .open(open)
        .default_width(520.0)
        .default_height(height)
        .resizable(true)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| guide_ui(ui, lang));
        });
}

/// The guide's text.
pub fn guide_ui(ui: &mut egui::Ui, lang: Lang) {
    ui.label(T::GuideIntro.get(lang));
    for (title, body) in STEPS {
        ui.add_space(8.0);
        ui.label(RichText::new(title.get(lang)).strong().size(16.0));
        ui.label(body.get(lang));
    }
    ui.add_space(10.0);
    ui.label(RichText::new(T::GuideMethodsTitle.get(lang)).strong().size(16.0));
    for m in ScoringMethod::one_of_each() {
        ui.add_space(4.0);
        ui.label(RichText::new(m.name(lang)).strong());
        ui.label(m.tip(lang));
    }
    ui.add_space(6.0);
    ui.label(T::GuideStatusBody.get(lang));
}
