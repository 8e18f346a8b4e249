//! The strategy map canvas, used like a consultant uses it: double-click and type, drag, connect,
//! delete and undo, filter by theme, export.

mod common;

use common::*;
use egui::{Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use scorecard_studio::i18n::Lang;
use scorecard_studio::io::map_layout::{MapLayout, P, TITLE_WIDTH};
use scorecard_studio::model::lint::Subject;
use scorecard_studio::ui::ScorecardApp;

/// The screen position of a map point, from the canvas and the map's pan and zoom.
fn screen(h: &Harness<'static, ScorecardApp>, p: P) -> Pos2 {
    let m = &h.state().views.map;
    m.canvas.min + (Vec2::new(p.x as f32, p.y as f32) - m.pan) * m.zoom
}

/// The box of an objective on the canvas (the navigator shows the same name).
fn map_box(h: &Harness<'static, ScorecardApp>, name: &str) -> Pos2 {
    let canvas = h.state().views.map.canvas;
    h.query_all_by_label(name)
        .map(|n| n.rect().center())
        .find(|c| canvas.contains(*c))
        .unwrap_or_else(|| panic!("{name} is not on the map"))
}

fn click_at(h: &mut Harness<'static, ScorecardApp>, pos: Pos2) {
    h.hover_at(pos);
    h.step();
    h.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.step();
    h.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.step();
    h.run();
}

fn layout(h: &Harness<'static, ScorecardApp>) -> MapLayout {
    MapLayout::compute(h.state().state.project(), &[])
}

/// Two clicks within one frame: the harness advances time by a quarter second per step, longer
/// than a double-click may take.
fn double_click(h: &mut Harness<'static, ScorecardApp>, pos: Pos2) {
    h.hover_at(pos);
    h.step();
    for _ in 0..2 {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::NONE,
        });
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::NONE,
        });
    }
    h.step();
    h.run();
}

fn drag(h: &mut Harness<'static, ScorecardApp>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.step();
    h.drag_at(from);
    h.step();
    for i in 1..=6 {
        h.hover_at(from + (to - from) * (i as f32 / 6.0));
        h.step();
    }
    h.drop_at(to);
    h.step();
    h.run();
}

#[test]
fn add_objectives_by_double_click_and_typing() {
    let (_dir, mut h) = harness(Lang::En, None);
    let l = layout(&h);
    let band = &l.bands[2]; // internal process
    let spot = screen(&h, P::new(TITLE_WIDTH + 300.0, band.top + 60.0));
    double_click(&mut h, spot);
    assert!(h.state().views.map.is_editing());
    let field = h.get_by_label("Objective name");
    field.type_text("Standardise test drives");
    h.key_press(Key::Enter);
    h.run();
    let p = h.state().state.project();
    assert_eq!(p.objectives.len(), 1);
    assert_eq!(p.objectives[0].name, "Standardise test drives");
    assert_eq!(p.objectives[0].perspective.as_str(), "persp-process");
    // Enter again starts the next one beside it.
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label("Objective name").type_text("Follow up every lead");
    h.key_press(Key::Enter);
    h.run();
    let p = h.state().state.project();
    assert_eq!(p.objectives.len(), 2);
    assert_eq!(p.objectives[1].name, "Follow up every lead");
    assert!(p.objectives[1].position.x > p.objectives[0].position.x);
    assert_eq!(p.objectives[1].perspective, p.objectives[0].perspective);
    // Each objective is one undo step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().state.project().objectives.len(), 1);
}

#[test]
fn dragging_into_another_band_changes_the_perspective() {
    let (_dir, mut h) = harness(Lang::En, Some(sample("dealership-sales.json")));
    settle(&mut h);
    let l = layout(&h);
    let o = h.state().state.project().objectives.iter().position(|o| o.id.as_str() == "obj-11").unwrap();
    let b = l.box_of(o).unwrap();
    assert_eq!(h.state().state.project().objectives[o].perspective.as_str(), "persp-learning");
    let from = screen(&h, b.rect.centre());
    let target_band = &l.bands[2];
    let to = screen(&h, P::new(b.rect.centre().x + 40.0, target_band.top + 100.0));
    drag(&mut h, from, to);
    let p = h.state().state.project();
    assert_eq!(p.objectives[o].perspective.as_str(), "persp-process", "dropped into the process band");
    assert_eq!(h.state().state.doc.history().len().0, 1, "a drag is one step");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().state.project().objectives[o].perspective.as_str(), "persp-learning");
}

#[test]
fn connect_two_objectives_by_dragging_the_handle_and_in_connect_mode() {
    let (_dir, mut h) = harness(Lang::En, Some(sample("dealership-sales.json")));
    settle(&mut h);
    let before = h.state().state.project().links.len();
    let p = h.state().state.project();
    let (a, b) = (
        p.objectives.iter().position(|o| o.id.as_str() == "obj-12").unwrap(),
        p.objectives.iter().position(|o| o.id.as_str() == "obj-7").unwrap(),
    );
    let (name_a, name_b) = (p.objectives[a].name.clone(), p.objectives[b].name.clone());
    let l = layout(&h);
    // Hover the source to show its handle, then drag the handle onto the target.
    h.hover_at(screen(&h, l.box_of(a).unwrap().rect.centre()));
    h.run();
    let handle = h.get_by_label(&format!("Connect from {name_a}")).rect().center();
    let target_pos = screen(&h, l.box_of(b).unwrap().rect.centre());
    drag(&mut h, handle, target_pos);
    let p = h.state().state.project().clone();
    assert_eq!(p.links.len(), before + 1);
    let link = p.links.last().unwrap();
    assert_eq!((link.from.as_str(), link.to.as_str()), ("obj-12", "obj-7"));
    // The new link is reachable by its label, as screen readers and tests find it.
    assert!(h.query_by_label(&format!("{name_a} → {name_b}")).is_some());
    // Connect mode: click the cause, then the effect.
    h.get_by_label("Connect").click();
    h.run();
    // obj-12 already drives obj-10 in the sample; obj-11 does not.
    let source =
        h.state().state.project().objectives.iter().find(|o| o.id.as_str() == "obj-11").unwrap().name.clone();
    let pos = map_box(&h, &source);
    click_at(&mut h, pos);
    let target =
        h.state().state.project().objectives.iter().find(|o| o.id.as_str() == "obj-10").unwrap().name.clone();
    let pos = map_box(&h, &target);
    click_at(&mut h, pos);
    assert_eq!(h.state().state.project().links.len(), before + 2);
}

#[test]
fn delete_an_objective_and_undo_restores_its_links() {
    let (_dir, mut h) = harness(Lang::En, Some(sample("dealership-sales.json")));
    settle(&mut h);
    let p = h.state().state.project().clone();
    let oid = p.objectives.iter().find(|o| o.id.as_str() == "obj-8").unwrap();
    let links = p.links.iter().filter(|l| l.from == oid.id || l.to == oid.id).count();
    assert!(links >= 2);
    let pos = map_box(&h, &oid.name);
    click_at(&mut h, pos);
    assert_eq!(h.state().state.selection, Some(Subject::Objective(oid.id.clone())));
    h.key_press(Key::Delete);
    h.run();
    let after = h.state().state.project();
    assert!(after.objective(&oid.id).is_none());
    assert_eq!(after.links.len(), p.links.len() - links);
    // The status bar says what went with it, with an Undo button that takes it all back.
    let kpis = p.kpis.iter().filter(|k| k.objective.as_ref() == Some(&oid.id)).count();
    assert!(kpis >= 1);
    let told = format!("Deleted {} with {kpis} KPIs and {links} links", oid.name);
    assert!(h.query_by_label(told.as_str()).is_some(), "{told}");
    let undo = h
        .query_all_by(|n| n.role() == egui::accesskit::Role::Button && n.label().as_deref() == Some("Undo"))
        .last()
        .expect("Undo beside the message");
    undo.click();
    h.run();
    assert_eq!(h.state().state.project(), &p, "undo restores the objective, its links and KPIs");
    // Once taken back, the message's button is gone (the step is no longer the one to undo).
    assert_eq!(
        h.query_all_by(|n| n.role() == egui::accesskit::Role::Button && n.label().as_deref() == Some("Undo"))
            .count(),
        1,
        "only the toolbar's Undo"
    );
}

#[test]
fn rubber_band_selects_several_and_they_move_together() {
    let (_dir, mut h) = harness(Lang::En, Some(sample("dealership-sales.json")));
    settle(&mut h);
    let l = layout(&h);
    // Select the whole learning band by dragging a rectangle over it.
    select_band(&mut h, 3);
    let selected = h.state().views.map.selected.len();
    assert_eq!(selected, 2, "both learning objectives");
    let before: Vec<f64> = h.state().state.project().objectives.iter().map(|o| o.position.x).collect();
    let first = l.boxes.iter().find(|b| b.band == 3).unwrap();
    let start = screen(&h, first.rect.centre());
    drag(&mut h, start, start + Vec2::new(60.0, 0.0));
    let after: Vec<f64> = h.state().state.project().objectives.iter().map(|o| o.position.x).collect();
    let moved = before.iter().zip(&after).filter(|(a, b)| a != b).count();
    assert_eq!(moved, 2);
}

#[test]
fn fading_a_theme_and_exporting() {
    let (dir, mut h) = harness(Lang::En, Some(sample("dealership-sales.json")));
    settle(&mut h);
    let theme = h.state().state.project().themes[1].clone();
    h.get_by_label(theme.name.as_str()).click();
    h.run();
    assert!(h.state().views.map.hidden_themes.contains(&theme.id));
    h.get_by_label("Show all").click();
    h.run();
    assert!(h.state().views.map.hidden_themes.is_empty());
    // Export the map as SVG through the app's own path field; in a 1400-point window with both
    // panels open the export tools are in the map toolbar's "More" menu.
    h.get_by_label("More").click();
    h.run();
    h.get_by_label("Strategy map as SVG…").click();
    settle(&mut h);
    let out = dir.path().join("map.svg");
    h.get_by_label("File path").focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("File path").type_text(out.to_str().unwrap());
    h.key_press(Key::Enter);
    settle(&mut h);
    let svg = std::fs::read_to_string(&out).expect("the SVG was written");
    for o in &h.state().state.project().objectives {
        assert!(svg.contains(&o.name), "{} missing", o.name);
    }
}

#[test]
fn map_snapshot() {
    let (_dir, mut h) = harness_sized(Lang::Zh, Some(sample("dealership-sales.json")), (1000.0, 640.0));
    settle(&mut h);
    h.state_mut().views.presentation = true;
    h.state_mut().views.map.fit_requested = true;
    h.run();
    h.snapshot("map_dealership_zh");
}

/// The "done when": build the dealership sample's map from an empty scorecard using only
/// the canvas (double-click and type, drag handles to link), undo every step, and export it.
#[test]
fn build_the_dealership_map_from_empty_on_the_canvas() {
    let sample_project = scorecard_studio::io::load_file(&sample("dealership-sales.json")).unwrap().project;
    let (dir, mut h) = harness(Lang::Zh, None);
    // Room for the whole map at the default map text size.
    h.state_mut().state.prefs.show_inspector = false;
    h.state_mut().views.map.fit_requested = true;
    h.run();
    // The blank scorecard's perspectives are the sample's, in the same order.
    assert_eq!(
        h.state().state.project().perspectives.iter().map(|p| p.id.clone()).collect::<Vec<_>>(),
        sample_project.perspectives.iter().map(|p| p.id.clone()).collect::<Vec<_>>()
    );
    for o in &sample_project.objectives {
        let l = layout(&h);
        let band = l
            .bands
            .iter()
            .find(|b| h.state().state.project().perspectives[b.perspective].id == o.perspective)
            .unwrap();
        let centre =
            P::new(TITLE_WIDTH + o.position.x + o.size.w / 2.0, band.top + o.position.y + o.size.h / 2.0);
        let pos = screen(&h, centre);
        double_click(&mut h, pos);
        h.get_by_label("战略目标名称").type_text(&o.name);
        h.key_press(Key::Enter);
        h.run();
        // Escape ends the "Enter for the next one" run, so the next double-click starts afresh.
        h.key_press(Key::Escape);
        h.run();
    }
    let built = h.state().state.project().clone();
    assert_eq!(built.objectives.len(), sample_project.objectives.len());
    for (a, b) in built.objectives.iter().zip(&sample_project.objectives) {
        assert_eq!((a.name.as_str(), &a.perspective), (b.name.as_str(), &b.perspective));
    }
    // Link them as in the sample by dragging each cause's handle onto its effect.
    let by_name = |name: &str, p: &scorecard_studio::model::Project| {
        p.objectives.iter().position(|o| o.name == name).unwrap()
    };
    for link in &sample_project.links {
        let from_name = &sample_project.objective(&link.from).unwrap().name;
        let to_name = &sample_project.objective(&link.to).unwrap().name;
        let l = layout(&h);
        let (fi, ti) =
            (by_name(from_name, h.state().state.project()), by_name(to_name, h.state().state.project()));
        let from_centre = screen(&h, l.box_of(fi).unwrap().rect.centre());
        h.hover_at(from_centre);
        h.run();
        let handle = h.get_by_label(&format!("连线自 {from_name}")).rect().center();
        let target = screen(&h, l.box_of(ti).unwrap().rect.centre());
        drag(&mut h, handle, target);
    }
    let built = h.state().state.project().clone();
    assert_eq!(built.links.len(), sample_project.links.len());
    for link in &sample_project.links {
        let (f, t) = (
            &sample_project.objective(&link.from).unwrap().name,
            &sample_project.objective(&link.to).unwrap().name,
        );
        assert!(
            built.links.iter().any(|l| &built.objective(&l.from).unwrap().name == f
                && &built.objective(&l.to).unwrap().name == t),
            "{f} → {t} missing"
        );
    }
    // Export it.
    let svg = scorecard_studio::io::map_svg::map_svg(
        &built,
        &scorecard_studio::io::map_svg::SvgOptions {
            lang: Lang::Zh,
            scores: None,
            period_label: String::new(),
            kpis: false,
            links: Default::default(),
        },
    );
    std::fs::write(dir.path().join("built.svg"), &svg).unwrap();
    assert!(resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).is_ok());
    // Every step undoes: objectives and links, back to the empty scorecard.
    let steps = h.state().state.doc.history().len().0;
    assert_eq!(steps, sample_project.objectives.len() + sample_project.links.len());
    for _ in 0..steps {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    let p = h.state().state.project();
    assert!(p.objectives.is_empty() && p.links.is_empty());
    assert!(!h.state().state.doc.is_dirty());
}

/// Each alignment button names its own undo step (Distribute down said "Align left").
#[test]
fn alignments_name_their_undo_steps() {
    let (_dir, mut h) = harness(Lang::En, Some(sample("dealership-sales.json")));
    settle(&mut h);
    select_band(&mut h, 2);
    assert!(h.state().views.map.selected.len() >= 2);
    for label in ["Distribute down", "Align top", "Distribute across", "Align left"] {
        h.get_by_label(label).click();
        h.run();
        assert_eq!(h.state().state.doc.history().undo_label(), Some(label));
    }
}

/// Selects every objective of a perspective band by dragging a rectangle over it.
fn select_band(h: &mut Harness<'static, ScorecardApp>, band: usize) {
    let l = layout(h);
    let b = &l.bands[band];
    let from = screen(h, P::new(TITLE_WIDTH + 2.0, b.top + 4.0));
    let to = screen(h, P::new(l.width - 4.0, b.top + b.height - 4.0));
    drag(h, from, to);
}

/// With three objectives selected, the inspector sets their theme for all three as one undo step.
#[test]
fn a_theme_set_for_three_selected_objectives_is_one_undo_step() {
    use scorecard_studio::model::ObjectiveId;
    let (_dir, mut h) = open_in(Lang::En, "dealership-sales.json", scorecard_studio::app::View::Map);
    let ids: Vec<ObjectiveId> = ["obj-1", "obj-2", "obj-5"].map(ObjectiveId::from).to_vec();
    // As Shift+clicks leave it: the first selected, the three in the map's selection.
    h.state_mut()
        .state
        .apply(scorecard_studio::app::AppCommand::Select(Some(Subject::Objective(ids[0].clone()))));
    h.state_mut().views.map.selected = ids.iter().cloned().collect();
    h.run();
    assert!(h.query_by_label("3 objectives").is_some(), "the inspector edits the three");
    let steps = h.state().state.doc.history().len().0;
    h.query_all_by(|n| n.role() == egui::accesskit::Role::ComboBox && n.label().as_deref() == Some("Theme"))
        .next()
        .expect("the theme field")
        .click();
    h.run();
    // The theme filter above the map is a checkbox of the same name; the list's entry is not.
    h.query_all_by(|n| {
        n.label().as_deref() == Some("客户体验") && n.role() != egui::accesskit::Role::CheckBox
    })
    .next()
    .expect("the theme in the open list")
    .click();
    h.run();
    let theme = |h: &H, id: &ObjectiveId| project(h).objective(id).unwrap().theme.clone();
    for id in &ids {
        assert_eq!(theme(&h, id).as_ref().map(|t| t.as_str()), Some("theme-2"), "{id}");
    }
    assert_eq!(h.state().state.doc.history().len().0, steps + 1, "one step");
    h.state_mut().state.apply(scorecard_studio::app::AppCommand::Undo);
    h.run();
    assert_eq!(theme(&h, &ids[0]), None);
    assert_eq!(theme(&h, &ids[2]).as_ref().map(|t| t.as_str()), Some("theme-1"));
}

/// Three objectives with their own colours, selected together: the inspector says their colours
/// differ, and "Automatic" gives all three back their theme's colour as one undo step. The box is
/// drawn in its own colour on the map's export.
#[test]
fn three_selected_objectives_go_back_to_automatic_colour_in_one_undo_step() {
    use scorecard_studio::model::{Colour, ObjectiveId};
    let (_dir, mut h) = open_in(Lang::En, "dealership-sales.json", scorecard_studio::app::View::Map);
    let ids: Vec<ObjectiveId> = ["obj-1", "obj-2", "obj-5"].map(ObjectiveId::from).to_vec();
    let own = [Colour::rgb(0xff, 0x00, 0x00), Colour::rgb(0x00, 0x80, 0x00), Colour::rgb(0x00, 0x00, 0xff)];
    {
        let mut p = project(&h).clone();
        for (id, c) in ids.iter().zip(own) {
            p.objectives.iter_mut().find(|o| &o.id == id).unwrap().colour = Some(c);
        }
        let options = scorecard_studio::io::map_svg::SvgOptions {
            lang: Lang::En,
            scores: None,
            period_label: String::new(),
            kpis: false,
            links: Default::default(),
        };
        let svg = scorecard_studio::io::map_svg::map_svg(&p, &options);
        assert!(svg.contains(&own[0].lighten(0.85).to_hex()), "the box is filled with its own colour");
        let commands = ids
            .iter()
            .map(|id| {
                let o = p.objective(id).unwrap().clone();
                scorecard_studio::app::DocCommand::Upsert(scorecard_studio::app::Item::Objective(o))
            })
            .collect();
        h.state_mut().state.apply(scorecard_studio::app::AppCommand::Doc {
            command: scorecard_studio::app::DocCommand::Batch(commands),
            label: "colours".into(),
            merge: None,
        });
    }
    h.state_mut()
        .state
        .apply(scorecard_studio::app::AppCommand::Select(Some(Subject::Objective(ids[0].clone()))));
    h.state_mut().views.map.selected = ids.iter().cloned().collect();
    h.run();
    assert!(h.query_by_label("3 objectives").is_some(), "the inspector edits the three");
    assert!(h.query_by_label("(mixed)").is_some(), "their colours differ");
    let steps = h.state().state.doc.history().len().0;
    h.get_by_label("Automatic").click();
    h.run();
    let colour = |h: &H, id: &ObjectiveId| project(h).objective(id).unwrap().colour;
    for id in &ids {
        assert_eq!(colour(&h, id), None, "{id}");
    }
    assert_eq!(h.state().state.doc.history().len().0, steps + 1, "one step");
    h.state_mut().state.apply(scorecard_studio::app::AppCommand::Undo);
    h.run();
    for (id, c) in ids.iter().zip(own) {
        assert_eq!(colour(&h, id), Some(c), "{id}");
    }
}

/// "Right-angle links" in the map toolbar: the canvas draws every link as straight runs joined by
/// corners, and the choice is remembered.
#[test]
fn right_angle_links_from_the_toolbar() {
    use scorecard_studio::io::map_layout::LinkStyle;
    let (_dir, mut h) = open_in(Lang::En, "dealership-sales.json", scorecard_studio::app::View::Map);
    let drawn =
        |h: &H| h.state().views.map.drawn_layout().expect("drawn").links.iter().map(|l| l.path.len()).max();
    assert_eq!(drawn(&h), Some(1), "one curve per link");
    if h.query_by_label("Right-angle links").is_none() {
        h.get_by_label("More").click();
        h.run();
    }
    h.get_by_label("Right-angle links").click();
    settle(&mut h);
    assert_eq!(h.state().state.prefs.map_links, LinkStyle::Orthogonal);
    assert!(drawn(&h).unwrap() >= 3, "runs and corners");
}

/// Pin an objective in the inspector, then "Tidy links" from the View menu: one undo step that
/// swaps places to remove crossings and leaves the pinned one where it was.
#[test]
fn pin_in_the_inspector_then_tidy_links_is_one_undo_step() {
    use scorecard_studio::io::map_quality::measure;
    use scorecard_studio::model::ObjectiveId;
    let (_dir, mut h) = open_in(Lang::En, "retail-chain.json", scorecard_studio::app::View::Map);
    let first = project(&h).objectives[0].clone();
    h.state_mut()
        .state
        .apply(scorecard_studio::app::AppCommand::Select(Some(Subject::Objective(first.id.clone()))));
    h.run();
    h.get_by_label("auto-layout and Tidy links keep it here").click();
    h.run();
    assert!(project(&h).objectives[0].pinned, "pinned from the inspector");
    let before = project(&h).clone();
    let crossings = |p: &scorecard_studio::model::Project| measure(p, &MapLayout::compute(p, &[])).crossings;
    let steps = h.state().state.doc.history().len().0;
    click_menu(&mut h, "View", "Tidy links");
    let after = project(&h).clone();
    assert_eq!(h.state().state.doc.history().len().0, steps + 1, "one step");
    assert!(crossings(&after) < crossings(&before), "{} → {}", crossings(&before), crossings(&after));
    assert_eq!(after.objectives[0].position, first.position, "the pinned objective stayed");
    h.state_mut().state.apply(scorecard_studio::app::AppCommand::Undo);
    h.run();
    let id = |p: &scorecard_studio::model::Project, i: &ObjectiveId| p.objective(i).unwrap().position;
    for o in &before.objectives {
        assert_eq!(id(project(&h), &o.id), o.position, "{} is back", o.name);
    }
}

/// "KPIs on the map" in the map's toolbar lists them under each title and is remembered; the
/// boxes grow for them.
#[test]
fn kpis_on_the_map_toggle_grows_the_boxes_and_is_remembered() {
    let (_dir, mut h) = harness_sized(Lang::En, Some(sample("logistics-en.json")), (1900.0, 900.0));
    settle(&mut h);
    let name = project(&h).objectives[0].name.clone();
    let before = h
        .query_all_by_label(name.as_str())
        .map(|n| n.rect())
        .find(|r| h.state().views.map.canvas.contains(r.center()))
        .unwrap();
    // Past the export tools, in the map toolbar's "More" when the row is full.
    if h.query_by_label("KPIs on the map").is_none() {
        h.get_by_label("More").click();
        h.run();
    }
    h.get_by_label("KPIs on the map").click();
    h.run();
    assert!(h.state().state.prefs.map_kpis);
    h.key_press(egui::Key::Escape);
    h.run();
    let after = h
        .query_all_by_label(name.as_str())
        .map(|n| n.rect())
        .find(|r| h.state().views.map.canvas.contains(r.center()))
        .unwrap();
    assert!(after.height() > before.height() * 1.2, "{before:?} → {after:?}");
}
