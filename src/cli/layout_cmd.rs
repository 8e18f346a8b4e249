//! `scorecard-studio layout FILE [--auto [--by-theme]] [--links curved|orthogonal] [--json] [-o OUT]`: the strategy map's readability in
//! numbers, as saved or after auto-layout.

use super::{EXIT_OK, EXIT_UNREADABLE, print_load_error};
use crate::i18n::Lang;
use crate::io::map_layout::{LayoutOptions, LinkStyle, MapLayout, auto_layout, auto_layout_by_theme};
use crate::io::{self, map_quality};
use std::io::Write;
use std::path::Path;

/// Which layout to apply before measuring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    Auto,
    ByTheme,
}

/// What `layout` measures: the map as saved or laid out first, with curved or right-angle links.
#[derive(Clone, Copy, Debug)]
pub struct Measure {
    pub how: Option<How>,
    pub links: LinkStyle,
}

pub fn run(
    file: &Path,
    Measure { how, links }: Measure,
    json: bool,
    output: Option<&Path>,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<i32> {
    let mut project = match io::load_file(file) {
        Ok(l) => l.project,
        Err(e) => {
            print_load_error(err, file, &e, lang)?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    if let Some(how) = how {
        let placed = match how {
            How::Auto => auto_layout(&project),
            How::ByTheme => auto_layout_by_theme(&project),
        };
        for (i, position) in placed {
            project.objectives[i].position = position;
        }
    }
    let layout = MapLayout::compute_with(&project, &[], LayoutOptions { kpis: false, links });
    let q = map_quality::measure(&project, &layout);
    if json {
        writeln!(out, "{}", serde_json::to_string(&q).unwrap_or_default())?;
    } else {
        let text = crate::tr!(
            lang,
            LayoutQuality,
            crossings = q.crossings,
            through = q.links_through_boxes,
            boxes = q.box_overlaps,
            labels = q.label_overlaps,
            ports = q.shared_ports
        );
        writeln!(out, "{}: {text}", file.display())?;
    }
    if let Some(output) = output {
        if let Err(e) = io::save_file(output, &project, &io::SaveOptions::default()) {
            writeln!(err, "{}", e.describe(lang))?;
            return Ok(EXIT_UNREADABLE);
        }
        if !json {
            writeln!(out, "{}", output.display())?;
        }
    }
    Ok(EXIT_OK)
}
