//! One catalog for every layer: no code outside `src/i18n/` chooses between languages or holds
//! words of one of them; every `tr!` passes exactly the parameters its text takes; every entry is
//! used; the GUI passes no literal words to widgets; and every character that can reach the screen
//! is in the bundled font.

use scorecard_studio::i18n::{Lang, T};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// Every `.rs` file under `src/dir`, with its text.
fn sources(dir: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut stack = vec![root.join("src").join(dir)];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let name = p.strip_prefix(root).unwrap().display().to_string();
                out.push((name, std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn is_catalog(file: &str) -> bool {
    file.starts_with("src/i18n/")
}

/// The lines of a file that are code outside its test module, with their numbers; comments cut.
fn code_lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        let code = line.split("//").next().unwrap_or("");
        if !code.trim().is_empty() {
            out.push((n + 1, code));
        }
    }
    out
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Chinese words code may hold because it reads them, not because it says them: the vocabulary
/// of spreadsheet headers and periods the importer recognises, number suffixes, the language
/// argument, sample data the generator makes, and the product's name in the window title.
const READS_CHINESE: &[&str] = &[
    "src/io/import.rs",
    "src/io/number.rs",
    "src/cli/mod.rs",
    "src/model/synthetic.rs",
    "src/model/screening.rs",
];

#[test]
fn no_code_outside_the_catalog_picks_a_language() {
    let mut offenders = Vec::new();
    for (file, text) in sources("") {
        if is_catalog(&file) {
            continue;
        }
        for (n, code) in code_lines(&text) {
            if code.contains(".pick(") && code.contains("lang") {
                offenders.push(format!("{file}:{n}: {}", code.trim()));
            }
            if has_cjk(code) && !READS_CHINESE.contains(&file.as_str()) {
                offenders.push(format!("{file}:{n}: Chinese text outside the catalog: {}", code.trim()));
            }
        }
    }
    assert!(offenders.is_empty(), "texts must come from src/i18n/catalog.rs:\n{}", offenders.join("\n"));
}

/// The arguments of each `tr!(lang, Key, name = value, …)` call in `text`: (line, key, names).
fn tr_calls(text: &str) -> Vec<(usize, String, BTreeSet<String>)> {
    // Comment lines blanked (they may show `tr!` as an example), line numbers kept.
    let text: String = text
        .lines()
        .map(|l| if l.trim_start().starts_with("//") { "" } else { l })
        .collect::<Vec<_>>()
        .join("\n");
    let text = text.as_str();
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(pos) = text[from..].find("tr!(") {
        let start = from + pos + 4;
        from = start;
        if text[..start - 4].ends_with("macro_rules! ") {
            continue;
        }
        let line = text[..start].matches('\n').count() + 1;
        // The arguments at depth 0, split at commas outside brackets and strings.
        let (mut depth, mut in_str, mut i, mut args, mut cur) =
            (0i32, false, start, Vec::new(), String::new());
        while i < bytes.len() {
            let c = text[i..].chars().next().unwrap();
            if in_str {
                if c == '\\' {
                    cur.push(c);
                    i += 1;
                    cur.push(text[i..].chars().next().unwrap());
                    i += text[i..].chars().next().unwrap().len_utf8();
                    continue;
                }
                if c == '"' {
                    in_str = false;
                }
            } else {
                match c {
                    '"' => in_str = true,
                    '(' | '[' | '{' => depth += 1,
                    ')' | ']' | '}' if depth == 0 => break,
                    ')' | ']' | '}' => depth -= 1,
                    ',' if depth == 0 => {
                        args.push(std::mem::take(&mut cur));
                        i += 1;
                        continue;
                    }
                    _ => {}
                }
            }
            cur.push(c);
            i += c.len_utf8();
        }
        args.push(cur);
        let args: Vec<String> =
            args.into_iter().map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).collect();
        if args.len() < 2 || args[1].starts_with('$') {
            continue;
        }
        let names =
            args[2..].iter().filter_map(|a| a.split_once('=').map(|(n, _)| n.trim().to_string())).collect();
        out.push((line, args[1].clone(), names));
    }
    out
}

#[test]
fn every_tr_call_passes_the_parameters_its_text_takes() {
    let by_key: HashMap<&str, T> = T::ALL.iter().map(|t| (t.key(), *t)).collect();
    let mut offenders = Vec::new();
    let mut calls = 0;
    for (file, text) in sources("") {
        for (line, key, names) in tr_calls(&text) {
            calls += 1;
            let Some(t) = by_key.get(key.as_str()) else {
                offenders.push(format!("{file}:{line}: no catalog entry {key}"));
                continue;
            };
            let holes: BTreeSet<String> =
                t.holes(Lang::En).into_iter().chain(t.holes(Lang::Zh)).map(String::from).collect();
            if holes != names {
                offenders.push(format!("{file}:{line}: {key} takes {holes:?} but is given {names:?}"));
            }
        }
    }
    assert!(calls > 100, "the scan found only {calls} tr! calls; is it still reading the sources?");
    assert!(offenders.is_empty(), "{}", offenders.join("\n"));
}

#[test]
fn every_catalog_entry_is_used() {
    let files = sources("");
    let mut used = BTreeSet::new();
    for (file, text) in &files {
        // The catalog's tests use entries only as examples.
        let text =
            if file.ends_with("catalog.rs") { text.split("#[cfg(test)]").next().unwrap() } else { text };
        used.extend(tr_calls(text).into_iter().map(|(_, key, _)| key));
        let mut rest = text;
        while let Some(i) = rest.find("T::") {
            rest = &rest[i + 3..];
            let key: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            used.insert(key);
        }
    }
    let unused: Vec<&str> = T::ALL.iter().map(|t| t.key()).filter(|k| !used.contains(*k)).collect();
    assert!(unused.is_empty(), "catalog entries nothing uses: {unused:?}");
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
    for (file, text) in sources("ui") {
        for (n, code) in code_lines(&text) {
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
                            offenders.push(format!("{file}:{n}: \"{lit}\""));
                        }
                    }
                }
            }
        }
    }
    assert!(offenders.is_empty(), "visible strings must come from the catalog:\n{}", offenders.join("\n"));
}

#[test]
fn every_character_that_can_reach_the_screen_is_in_the_bundled_font() {
    use skrifa::MetadataProvider;
    let bytes =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/fonts/NotoSansSC-GB2312.otf")).unwrap();
    let font = skrifa::FontRef::new(&bytes).unwrap();
    let charmap = font.charmap();
    let mut missing = Vec::new();
    for &t in T::ALL {
        for c in t.en().chars().chain(t.zh().chars()).filter(|c| !c.is_ascii()) {
            if charmap.map(c).is_none() {
                missing.push(format!("T::{}: '{c}' U+{:04X}", t.key(), c as u32));
            }
        }
    }
    for (file, text) in sources("ui") {
        for (n, code) in code_lines(&text) {
            for c in code.chars().filter(|c| !c.is_ascii()) {
                if charmap.map(c).is_none() {
                    missing.push(format!("{file}:{n}: '{c}' U+{:04X}", c as u32));
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
