//! Preferences remembered between sessions (language, theme, UI scale, window size, recent
//! files), stored as JSON in the user's configuration folder.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThemePref {
    #[default]
    Light,
    Dark,
}

/// How many recent files are remembered.
pub const MAX_RECENT: usize = 10;
pub const MIN_SCALE: f32 = 1.0;
pub const MAX_SCALE: f32 = 2.0;
/// The map's own text size (points of objective text at "Zoom to fit"), kept apart from the UI
/// scale: a projector wants big map text long before it wants big menus.
pub const MIN_MAP_TEXT: f32 = 10.0;
pub const MAX_MAP_TEXT: f32 = 40.0;
pub const DEFAULT_MAP_TEXT: f32 = 12.0;

/// The side panels that can be closed to give the central view room.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SidePanel {
    Navigator,
    Inspector,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    pub lang: Lang,
    pub theme: ThemePref,
    /// UI scale, 1.0–2.0 (100–200 %), for projectors.
    pub ui_scale: f32,
    /// Inner window size in points at the last exit.
    pub window_size: Option<[f32; 2]>,
    pub recent: Vec<PathBuf>,
    /// Whether the navigator and the inspector are open (they still close by themselves while the
    /// window is too narrow for them).
    pub show_navigator: bool,
    pub show_inspector: bool,
    /// Objective text on the map at "Zoom to fit", in points: fit never shrinks text below it.
    pub map_text: f32,
    /// The map with KPIs: each objective lists its KPIs under the title.
    pub map_kpis: bool,
    /// Curved or orthogonal links on the map and in its exports.
    pub map_links: crate::io::map_layout::LinkStyle,
    /// The name written into the change record with every change, sign-off and period close.
    pub author: String,
    /// The side panels' widths in points, as the user dragged them.
    pub navigator_width: f32,
    pub inspector_width: f32,
    /// Where the window was, per monitor (keyed by the monitor's size in points, "1920x1080"):
    /// the same laptop on a projector and on its own screen keeps two places.
    pub window_places: std::collections::BTreeMap<String, WindowPlace>,
    /// The monitor the window was last on (a key of `window_places`).
    pub last_monitor: Option<String>,
    /// Open the most recent file on start (when no file is named on the command line).
    pub open_last_file: bool,
}

/// A window's place on one monitor: outer top-left and inner size, in points.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct WindowPlace {
    pub position: [f32; 2],
    pub size: [f32; 2],
}

pub const DEFAULT_NAVIGATOR_WIDTH: f32 = 250.0;
pub const DEFAULT_INSPECTOR_WIDTH: f32 = 330.0;

/// A panel width in range (a damaged preference gives the default).
fn clamp_width(w: f32, default: f32) -> f32 {
    if w.is_finite() { w.clamp(160.0, 1200.0) } else { default }
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            lang: Lang::from_environment(),
            theme: ThemePref::Light,
            ui_scale: 1.0,
            window_size: None,
            recent: Vec::new(),
            show_navigator: true,
            show_inspector: true,
            map_text: DEFAULT_MAP_TEXT,
            map_kpis: false,
            map_links: Default::default(),
            author: String::new(),
            navigator_width: DEFAULT_NAVIGATOR_WIDTH,
            inspector_width: DEFAULT_INSPECTOR_WIDTH,
            window_places: Default::default(),
            last_monitor: None,
            open_last_file: false,
        }
    }
}

impl Preferences {
    /// Loads preferences; a missing or damaged file gives the defaults (preferences are never
    /// worth refusing to start over).
    pub fn load(dir: &Path) -> Self {
        let mut p: Preferences = std::fs::read(dir.join("preferences.json"))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        p.ui_scale = if p.ui_scale.is_finite() { p.ui_scale.clamp(MIN_SCALE, MAX_SCALE) } else { 1.0 };
        p.recent.truncate(MAX_RECENT);
        p.map_text = clamp_map_text(p.map_text);
        p.navigator_width = clamp_width(p.navigator_width, DEFAULT_NAVIGATOR_WIDTH);
        p.inspector_width = clamp_width(p.inspector_width, DEFAULT_INSPECTOR_WIDTH);
        p.window_places.retain(|_, w| w.position.iter().chain(&w.size).all(|v| v.is_finite()));
        p
    }

    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let bytes = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        crate::io::save_bytes(&dir.join("preferences.json"), &bytes, &crate::io::SaveOptions::default())
            .map(|_| ())
            .map_err(std::io::Error::other)
    }

    /// Where the window goes on start: its place on the monitor it was last on.
    pub fn start_place(&self) -> Option<WindowPlace> {
        self.last_monitor.as_ref().and_then(|m| self.window_places.get(m)).copied()
    }

    /// Puts `path` first in the recent files.
    pub fn add_recent(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }
}

/// A map text size in range (a damaged preference gives the default).
pub fn clamp_map_text(size: f32) -> f32 {
    if size.is_finite() { size.clamp(MIN_MAP_TEXT, MAX_MAP_TEXT) } else { DEFAULT_MAP_TEXT }
}

/// The folder for preferences and recovery files: `$SCORECARD_STUDIO_CONFIG` if set, else the
/// platform's configuration folder.
pub fn config_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("SCORECARD_STUDIO_CONFIG") {
        return PathBuf::from(dir);
    }
    #[cfg(windows)]
    if let Some(appdata) = std::env::var_os("APPDATA") {
        return PathBuf::from(appdata).join("Scorecard Studio");
    }
    #[cfg(target_os = "macos")]
    if let Some(home) = std::env::var_os("HOME") {
        return PathBuf::from(home).join("Library/Application Support/Scorecard Studio");
    }
    if let Some(xdg) = std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()) {
        return PathBuf::from(xdg).join("scorecard-studio");
    }
    match std::env::var_os("HOME") {
        Some(home) => PathBuf::from(home).join(".config").join("scorecard-studio"),
        None => std::env::temp_dir().join("scorecard-studio"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_keeps_a_place_per_monitor() {
        let dir = tempfile::tempdir().unwrap();
        let mut p = Preferences::default();
        assert_eq!(p.start_place(), None, "first start: the default size, no position");
        let laptop = WindowPlace { position: [40.0, 30.0], size: [1200.0, 760.0] };
        let projector = WindowPlace { position: [0.0, 0.0], size: [1280.0, 720.0] };
        p.window_places.insert("1440x900".into(), laptop);
        p.window_places.insert("1280x720".into(), projector);
        p.last_monitor = Some("1280x720".into());
        p.navigator_width = 310.0;
        p.open_last_file = true;
        p.save(dir.path()).unwrap();
        let back = Preferences::load(dir.path());
        assert_eq!(back.start_place(), Some(projector), "opens where it was on the last monitor");
        assert_eq!(back.window_places.get("1440x900"), Some(&laptop), "the laptop's place is kept");
        assert_eq!((back.navigator_width, back.open_last_file), (310.0, true));
        // Damaged values give the defaults, never a window off in infinity.
        std::fs::write(
            dir.path().join("preferences.json"),
            r#"{"navigator_width": 1e9, "inspector_width": -5, "window_places": {"x": {"position": [1, 2], "size": [3]}}}"#,
        )
        .unwrap();
        let damaged = Preferences::load(dir.path());
        assert_eq!(damaged, Preferences::default(), "a file that does not parse is the defaults");
        std::fs::write(
            dir.path().join("preferences.json"),
            r#"{"navigator_width": 1e9, "inspector_width": 0}"#,
        )
        .unwrap();
        let clamped = Preferences::load(dir.path());
        assert_eq!((clamped.navigator_width, clamped.inspector_width), (1200.0, 160.0));
    }

    #[test]
    fn round_trip_and_damaged_files() {
        let dir = tempfile::tempdir().unwrap();
        let mut p =
            Preferences { lang: Lang::Zh, theme: ThemePref::Dark, ui_scale: 1.5, ..Default::default() };
        p.add_recent(Path::new("/tmp/a.json"));
        p.add_recent(Path::new("/tmp/b.json"));
        p.add_recent(Path::new("/tmp/a.json"));
        assert_eq!(p.recent, vec![PathBuf::from("/tmp/a.json"), PathBuf::from("/tmp/b.json")]);
        p.save(dir.path()).unwrap();
        assert_eq!(Preferences::load(dir.path()), p);
        std::fs::write(dir.path().join("preferences.json"), b"{ broken").unwrap();
        assert_eq!(Preferences::load(dir.path()).ui_scale, 1.0);
        std::fs::write(dir.path().join("preferences.json"), br#"{"ui_scale": 9.0}"#).unwrap();
        assert_eq!(Preferences::load(dir.path()).ui_scale, MAX_SCALE);
    }
}
