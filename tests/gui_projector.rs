//! The map on a projector: a 1280 × 720 window at 200 % UI scale, as a consultant runs the
//! workshop. The side panels make room by themselves, the toolbars stay one row, and "Zoom to
//! fit" never makes objective text smaller than the map's own text size.

mod common;

use common::*;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use scorecard_studio::app::prefs::Preferences;
use scorecard_studio::app::{AppCommand, View};
use scorecard_studio::i18n::{Lang, T};
use scorecard_studio::io::map_layout::MapLayout;
use scorecard_studio::ui::ScorecardApp;
use scorecard_studio::ui::actions::{Action, Place};
use scorecard_studio::ui::views::map::OBJECTIVE_TEXT;

type H = Harness<'static, ScorecardApp>;

fn projector(lang: Lang, sample_name: &str, map_text: f32) -> (tempfile::TempDir, H) {
    let dir = tempfile::tempdir().unwrap();
    let prefs = Preferences { lang, ui_scale: 2.0, map_text, ..Default::default() };
    let mut h = harness_with_prefs(prefs, dir.path(), Some(sample(sample_name)), (1280.0, 720.0));
    settle(&mut h);
    h.state_mut().state.apply(AppCommand::ShowView(View::Map));
    h.run();
    (dir, h)
}

fn act(h: &mut H, action: Action) {
    let ctx = h.ctx.clone();
    h.state_mut().run_action(action, &ctx);
    h.run();
}

/// Objective text height on the canvas, in points, as the map draws it now.
fn objective_text(h: &H) -> f32 {
    OBJECTIVE_TEXT * h.state().views.map.zoom
}

#[test]
fn at_200_percent_in_1280x720_the_panels_make_room_and_the_toolbar_is_one_row() {
    for lang in Lang::ALL {
        let (_dir, h) = projector(lang, "retail-chain.json", 14.0);
        let panels = &h.state().views.panels;
        assert!(!panels.showing_navigator && !panels.showing_inspector, "{lang:?}: {panels:?}");
        // The user still wants them: only the room closed them.
        assert!(h.state().state.prefs.show_navigator && h.state().state.prefs.show_inspector);
        let canvas = h.state().views.map.canvas;
        assert!(canvas.width() > 0.9 * 640.0, "the map has {} of 640 points", canvas.width());

        // Every toolbar command is either on one row with "New" or in the "More" menu.
        let row_of = |label: &str| {
            h.query_all_by(|n| n.role() == Role::Button && n.label().is_some_and(|l| l == label))
                .map(|n| n.rect().center().y)
                .min_by(f32::total_cmp)
        };
        let new_y = row_of(Action::New.label(lang)).expect("New is on the toolbar");
        let more_y = row_of(T::MoreTools.get(lang)).expect("the rest is in More");
        assert!((more_y - new_y).abs() < 1.0);
        let mut on_row = 0;
        for (a, _) in Action::in_place(Place::Toolbar) {
            let label = a.label(lang).trim_end_matches('…');
            if let Some(y) = h
                .query_all_by(|n| n.label().is_some_and(|l| l == label))
                .map(|n| n.rect().center().y)
                .find(|y| *y < canvas.top())
            {
                assert!((y - new_y).abs() < 1.0, "{label} is on a second row");
                on_row += 1;
            }
        }
        assert!(on_row >= 3, "{on_row} tools on the row");
        // The map's own toolbar is one row as well.
        let connect_y = row_of(T::MapConnect.get(lang)).expect("Connect is on the map toolbar");
        let map_more: Vec<f32> = h
            .query_all_by(|n| {
                n.role() == Role::Button && n.label().is_some_and(|l| l == T::MoreTools.get(lang))
            })
            .map(|n| n.rect().center().y)
            .collect();
        assert!(map_more.iter().any(|y| (y - connect_y).abs() < 1.0), "{map_more:?} vs {connect_y}");

        // At fit, objective text is at least the chosen size: the map scrolls instead.
        assert!(objective_text(&h) >= 14.0 - 1e-3, "{} pt", objective_text(&h));
    }
}

#[test]
fn fit_keeps_the_chosen_map_text_size_and_a_panel_opened_by_hand_stays() {
    let (_dir, mut h) = projector(Lang::Zh, "manufacturer-kra.json", 20.0);
    act(&mut h, Action::ZoomToFit);
    h.run();
    assert!(objective_text(&h) >= 20.0 - 1e-3, "{} pt", objective_text(&h));
    // A smaller size lets fit show more of the map, never less than that size.
    h.state_mut().state.apply(AppCommand::SetMapText(10.0));
    act(&mut h, Action::ZoomToFit);
    h.run();
    let small = objective_text(&h);
    assert!((10.0 - 1e-3..20.0).contains(&small), "{small} pt");

    // Opening the navigator by hand shows it although the window is narrow.
    assert!(!h.state().views.panels.showing_navigator);
    act(&mut h, Action::ToggleNavigator);
    h.run();
    assert!(h.state().views.panels.showing_navigator);
    // Closing it again is remembered.
    act(&mut h, Action::ToggleNavigator);
    h.run();
    assert!(!h.state().views.panels.showing_navigator);
    assert!(!h.state().state.prefs.show_navigator);
}

#[test]
fn in_a_wide_window_both_panels_show_and_the_toolbar_needs_no_more_menu() {
    let dir = tempfile::tempdir().unwrap();
    let prefs = Preferences { lang: Lang::En, ..Default::default() };
    let mut h = harness_with_prefs(prefs, dir.path(), Some(sample("logistics-en.json")), (1600.0, 1000.0));
    settle(&mut h);
    let panels = &h.state().views.panels;
    assert!(panels.showing_navigator && panels.showing_inspector, "{panels:?}");
    // Every toolbar command fits on the row.
    for (a, _) in Action::in_place(Place::Toolbar) {
        let label = a.label(Lang::En).trim_end_matches('…');
        assert!(h.query_all_by_label(label).next().is_some(), "{label} is not shown");
    }
}

/// Presentation mode, as a presenter's clicker drives it: Page Down highlights the next
/// perspective and does not pan; the header names the project and the period; Esc leaves.
#[test]
fn presentation_mode_in_chinese_at_200_percent() {
    presenting(Lang::Zh, 2.0);
}

#[test]
fn presentation_mode_in_english_at_100_percent() {
    presenting(Lang::En, 1.0);
}

fn presenting(lang: Lang, scale: f32) {
    use egui::Key;
    use scorecard_studio::ui::views::presentation::Spotlight;
    {
        let dir = tempfile::tempdir().unwrap();
        let prefs = Preferences { lang, ui_scale: scale, ..Default::default() };
        let mut h =
            harness_with_prefs(prefs, dir.path(), Some(sample("dealership-sales.json")), (1280.0, 720.0));
        settle(&mut h);
        act(&mut h, Action::Presentation);
        assert!(h.state().views.presentation);
        let p = h.state().state.project().clone();
        let (pan, zoom) = (h.state().views.map.pan, h.state().views.map.zoom);
        let fits_whole_map = {
            let m = &h.state().views.map;
            let b = MapLayout::compute(&p, &[]).bounds();
            (b.h as f32 + 10.0) * m.zoom <= m.canvas.height()
        };
        assert_eq!(fits_whole_map, scale == 1.0, "the English case shows the whole map");
        // The name and the period are on screen.
        assert!(h.query_by_label(p.info.name.as_str()).is_some() || shown_text(&h, &p.info.name));
        for (i, key) in [Key::PageDown, Key::Space, Key::ArrowRight, Key::ArrowDown].into_iter().enumerate() {
            h.key_press(key);
            h.run();
            assert_eq!(h.state().views.spotlight, Spotlight::Perspective(i), "{lang:?} {key:?}");
            let m = &h.state().views.map;
            assert_eq!(m.zoom, zoom, "{key:?} zoomed");
            // The key did not pan: the view moves only to bring the highlighted band into view,
            // and stays put when the whole map is on screen.
            let band = &MapLayout::compute(&p, &[]).bands[i];
            let top = m.canvas.min.y + (band.top as f32 - m.pan.y) * m.zoom;
            assert!(top >= m.canvas.min.y - 0.5 && top < m.canvas.max.y, "{key:?}: band {i} is out of view");
            if fits_whole_map {
                assert_eq!(m.pan, pan, "{key:?} panned");
            }
        }
        h.key_press(Key::PageUp);
        h.run();
        assert_eq!(h.state().views.spotlight, Spotlight::Perspective(2));
        // Past the perspectives come the themes.
        for _ in 0..2 {
            h.key_press(Key::PageDown);
            h.run();
        }
        assert_eq!(h.state().views.spotlight, Spotlight::Theme(0));
        if lang == Lang::Zh {
            h.snapshot("presentation_theme_zh_200");
        }
        // The dashboard presents the same way.
        h.state_mut().state.apply(AppCommand::ShowView(View::Dashboard));
        h.run();
        h.key_press(Key::Home);
        h.run();
        h.key_press(Key::PageDown);
        h.run();
        assert_eq!(h.state().views.spotlight, Spotlight::Perspective(0));
        if lang == Lang::En {
            h.snapshot("presentation_dashboard_en");
        }
        h.key_press(Key::Escape);
        h.run();
        assert!(!h.state().views.presentation);
        assert_eq!(h.state().views.spotlight, Spotlight::All);
    }
}

/// Whether a painted text (not a widget) is in the last frame's shapes.
fn shown_text(h: &H, text: &str) -> bool {
    h.output().shapes.iter().any(|c| matches!(&c.shape, egui::Shape::Text(t) if t.galley.text() == text))
}
