//! Every view and every tab, on every sample project, in both languages: the smoke test a new
//! view, tab or sample gets without writing one. Each page is drawn for a few frames; none may
//! panic, raise an error, open a dialog, or change the document.

mod common;

use common::*;
use scorecard_studio::app::View;
use scorecard_studio::i18n::Lang;
use scorecard_studio::ui::views::{cascade, data::DataTab, kpis};

/// Every page of the central area: each view, and within the tabbed views each tab.
#[derive(Clone, Copy, Debug)]
enum Page {
    View(View),
    Kpis(kpis::Tab),
    Cascade(cascade::Tab),
    Data(DataTab),
}

fn pages() -> Vec<Page> {
    let mut pages: Vec<Page> = View::ALL.into_iter().map(Page::View).collect();
    pages.extend(kpis::tabs().map(Page::Kpis));
    pages.extend(cascade::tabs().map(Page::Cascade));
    pages.extend(DataTab::ALL.into_iter().map(Page::Data));
    pages
}

fn show(h: &mut H, page: Page) {
    let view = match page {
        Page::View(v) => v,
        Page::Kpis(tab) => {
            h.state_mut().views.kpis.tab = tab;
            View::Kpis
        }
        Page::Cascade(tab) => {
            h.state_mut().views.cascade.tab = tab;
            View::Cascade
        }
        Page::Data(tab) => {
            h.state_mut().views.data.tab = tab;
            View::Data
        }
    };
    h.state_mut().state.apply(scorecard_studio::app::AppCommand::ShowView(view));
    for _ in 0..3 {
        h.step();
    }
}

#[test]
fn every_page_opens_on_every_sample_in_both_languages() {
    let pages = pages();
    assert!(pages.len() >= 5 + 6 + 5 + 2, "{pages:?}");
    let mut shown = 0;
    for name in samples() {
        for lang in [Lang::Zh, Lang::En] {
            let (_dir, mut h) = harness(lang, Some(sample(&name)));
            settle(&mut h);
            let before = h.state().state.doc.revision;
            assert!(!project(&h).kpis.is_empty(), "{name} loaded");
            for &page in &pages {
                show(&mut h, page);
                let state = &h.state().state;
                let context = format!("{name}, {lang:?}, {page:?}");
                assert!(state.modal.is_none(), "{context}: a dialog opened: {:?}", state.modal);
                let errors: Vec<&str> =
                    state.toasts.iter().filter(|t| t.error).map(|t| t.text.get(lang)).collect();
                assert!(errors.is_empty(), "{context}: {errors:?}");
                assert_eq!(state.doc.revision, before, "{context}: looking changed the document");
                shown += 1;
            }
        }
    }
    assert_eq!(shown, samples().len() * 2 * pages.len());
}
