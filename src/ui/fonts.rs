//! Fonts and style: the bundled Chinese font (so Chinese renders on a bare machine and in tests),
//! text sizes readable on a projector, and the light and dark themes.

use crate::app::prefs::{Preferences, ThemePref};
use egui::epaint::text::{FontInsert, InsertFontFamily};
use egui::{FontData, FontFamily, FontId, FontPriority, TextStyle};

pub use crate::assets::CJK_FONT;

/// Installs the bundled font and the base style. Used by the app and by every GUI test.
pub fn setup_context(ctx: &egui::Context) {
    ctx.add_font(FontInsert::new(
        "noto-sans-sc",
        FontData::from_static(CJK_FONT),
        vec![
            // After egui's own fonts, so Latin text keeps egui's look; Chinese falls through to it.
            InsertFontFamily { family: FontFamily::Proportional, priority: FontPriority::Lowest },
            InsertFontFamily { family: FontFamily::Monospace, priority: FontPriority::Lowest },
        ],
    ));
    ctx.all_styles_mut(|style| {
        // Larger than egui's defaults: this is read on projectors.
        style.text_styles = [
            (TextStyle::Small, FontId::proportional(12.0)),
            (TextStyle::Body, FontId::proportional(15.0)),
            (TextStyle::Button, FontId::proportional(15.0)),
            (TextStyle::Heading, FontId::proportional(21.0)),
            (TextStyle::Monospace, FontId::monospace(14.0)),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 5.0);
        style.spacing.button_padding = egui::vec2(8.0, 3.0);
        style.spacing.interact_size.y = 24.0;
    });
}

/// Applies the preferences that affect the look: theme and UI scale.
pub fn apply_preferences(ctx: &egui::Context, prefs: &Preferences) {
    ctx.set_theme(match prefs.theme {
        ThemePref::Light => egui::Theme::Light,
        ThemePref::Dark => egui::Theme::Dark,
    });
    if (ctx.zoom_factor() - prefs.ui_scale).abs() > f32::EPSILON {
        ctx.set_zoom_factor(prefs.ui_scale);
    }
}

/// An sRGB colour of the model as an egui colour.
pub fn colour(c: crate::model::Colour) -> egui::Color32 {
    egui::Color32::from_rgb(c.r(), c.g(), c.b())
}

/// Black or white, whichever reads better on `background`.
pub fn text_on(background: crate::model::Colour) -> egui::Color32 {
    if background.luminance() > 0.4 {
        egui::Color32::from_rgb(0x1a, 0x1a, 0x1a)
    } else {
        egui::Color32::WHITE
    }
}
