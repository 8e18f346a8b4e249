//! Property tests for the loader: whatever the bytes, it returns a document or an error, never a
//! panic; and mutated sample files are refused with a message or loaded intact.

use proptest::prelude::*;
use scorecard_studio::i18n::Lang;
use scorecard_studio::io;

fn sample() -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/sample-projects/dealership-sales.json")).unwrap()
}

fn check(bytes: &[u8]) {
    match io::parse_project(bytes) {
        Ok(parsed) => {
            // Anything that loads saves and loads back to the same document.
            let again = io::parse_project(&io::project_to_bytes(&parsed.project))
                .expect("a loaded document saves validly");
            assert_eq!(again.project, parsed.project);
        }
        Err(e) => {
            let lines = e.lines(Lang::En);
            assert!(!lines.is_empty() && lines.iter().all(|l| !l.is_empty()));
            assert!(!e.lines(Lang::Zh).is_empty());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        check(&bytes);
    }

    #[test]
    fn json_like_text_never_panics(text in r#"[\{\}\[\]":,0-9a-z\- \n.eE+]{0,400}"#) {
        let wrapped = format!("{{\"format\": \"scorecard-studio\", \"version\": 3, {text}");
        check(wrapped.as_bytes());
        check(text.as_bytes());
    }

    #[test]
    fn mutated_samples_never_panic(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut bytes = sample();
        for (at, byte, op) in edits {
            let i = at.index(bytes.len());
            match op {
                0 => bytes[i] = byte,
                1 => bytes.insert(i, byte),
                _ => { bytes.remove(i); }
            }
        }
        check(&bytes);
        let n = cut.index(bytes.len());
        check(&bytes[..n]);
    }
}
