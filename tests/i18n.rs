//! Every visible string is translated: the GUI code may not pass literal words to widgets (they
//! must come from the `T` table, which has both languages), and every character the GUI source
//! uses is in the bundled font.

use std::path::Path;

fn ui_sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") && !p.ends_with("text.rs") {
                out.push((p.display().to_string(), std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    out
}

/// Calls that put text on screen, followed by a string literal.
const WIDGET_CALLS: &[&str] = &[
    ".label(\"",
    ".button(\"",
    ".heading(\"",
    ".link(\"",
    ".checkbox(&mut",
    "RichText::new(\"",
    "Button::new(\"",
    ".on_hover_text(\"",
    ".selectable_label(",
    ".hint_text(\"",
    ".small_button(\"",
    ".colored_label(",
];

/// Literal strings that are not words: symbols and formats of numbers.
fn is_word(literal: &str) -> bool {
    literal.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !literal.starts_with('{')
        && !literal.contains("{}")
}

#[test]
fn gui_code_shows_no_untranslated_literal() {
    let mut offenders = Vec::new();
    for (file, text) in ui_sources() {
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for call in WIDGET_CALLS {
                let mut rest = code;
                while let Some(pos) = rest.find(call) {
                    rest = &rest[pos + call.len()..];
                    // The first string literal among the arguments, if any.
                    let args = rest.split(')').next().unwrap_or("");
                    if let Some(start) = args.find('"') {
                        let lit = &args[start + 1..];
                        let lit = lit.split('"').next().unwrap_or("");
                        if is_word(lit) {
                            offenders.push(format!("{file}:{}: \"{lit}\"", n + 1));
                        }
                    }
                }
            }
        }
    }
    assert!(offenders.is_empty(), "visible strings must come from ui::text::T:\n{}", offenders.join("\n"));
}

#[test]
fn every_character_in_gui_code_is_in_the_bundled_font() {
    use skrifa::MetadataProvider;
    let bytes =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/fonts/NotoSansSC-GB2312.otf")).unwrap();
    let font = skrifa::FontRef::new(&bytes).unwrap();
    let charmap = font.charmap();
    let mut sources = ui_sources();
    sources.push((
        "text.rs".into(),
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/ui/text.rs")).unwrap(),
    ));
    let mut missing = Vec::new();
    for (file, text) in sources {
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            for c in line.chars().filter(|c| !c.is_ascii()) {
                if charmap.map(c).is_none() {
                    missing.push(format!("{file}:{}: '{c}' U+{:04X}", n + 1, c as u32));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "characters the bundled font lacks (a bare machine would show boxes):\n{}",
        missing.join("\n")
    );
}
