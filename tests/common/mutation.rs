//! Mutations of import files and the whole import path they go through, shared by the bounded
//! mutation tests (`tests/import_robustness.rs`) and the long campaign for manual runs
//! (`examples/import_fuzz.rs`).
#![allow(dead_code)]

use scorecard_studio::io::{self, import};
use scorecard_studio::model::Project;
use std::io::{Read, Write};

/// A small deterministic generator (xorshift64*): the same seed, the same campaign.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

/// Values that make readers take a wrong turn: huge counts, negative numbers, far cells.
const NASTY: &[&[u8]] = &[
    b"1048576",
    b"16384",
    b"4294967295",
    b"-1",
    b"99999999999",
    b"XFD1048576",
    b"1e308",
    b"NaN",
    b"\"",
    b"<",
    b"&",
    b"\0",
    b"\xFF\xFE",
    b"2026",
    b"20266",
    b"=1+1",
];

/// Mutates raw bytes: flips, cuts, junk, repeated pieces, nasty numbers.
pub fn mutate_bytes(bytes: &mut Vec<u8>, rng: &mut Rng) {
    if bytes.is_empty() {
        bytes.extend_from_slice(NASTY[rng.below(NASTY.len())]);
        return;
    }
    match rng.below(6) {
        0 => {
            for _ in 0..1 + rng.below(8) {
                let i = rng.below(bytes.len());
                bytes[i] = rng.next() as u8;
            }
        }
        1 => bytes.truncate(rng.below(bytes.len())),
        2 => {
            let i = rng.below(bytes.len());
            let junk: Vec<u8> = (0..1 + rng.below(64)).map(|_| rng.next() as u8).collect();
            bytes.splice(i..i, junk);
        }
        3 => {
            // A piece repeated: rows, cells, records duplicated.
            let a = rng.below(bytes.len());
            let b = (a + 1 + rng.below(256)).min(bytes.len());
            let piece = bytes[a..b].to_vec();
            let at = rng.below(bytes.len());
            bytes.splice(at..at, piece);
        }
        4 => {
            // A run of digits replaced by a nasty value.
            let start = rng.below(bytes.len());
            if let Some(i) = (start..bytes.len()).find(|&i| bytes[i].is_ascii_digit()) {
                let j = (i..bytes.len()).find(|&j| !bytes[j].is_ascii_digit()).unwrap_or(bytes.len());
                bytes.splice(i..j, NASTY[rng.below(NASTY.len())].iter().copied());
            }
        }
        _ => {
            let i = rng.below(bytes.len());
            let n = rng.below(bytes.len() - i).min(64);
            bytes.drain(i..i + n);
        }
    }
}

/// Mutates a file: for a zip workbook (xlsx, ods) usually one of its parts, unpacked, mutated and
/// packed again, so the mutation reaches the XML readers instead of failing the zip's checksum.
pub fn mutate_file(original: &[u8], rng: &mut Rng) -> Vec<u8> {
    if original.starts_with(b"PK")
        && rng.below(4) != 0
        && let Some(bytes) = mutate_zip_part(original, rng)
    {
        return bytes;
    }
    let mut bytes = original.to_vec();
    for _ in 0..1 + rng.below(3) {
        mutate_bytes(&mut bytes, rng);
    }
    bytes
}

fn mutate_zip_part(original: &[u8], rng: &mut Rng) -> Option<Vec<u8>> {
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(original)).ok()?;
    let names: Vec<String> = (0..zin.len())
        .filter_map(|i| zin.by_index(i).ok().and_then(|f| f.name().ok().map(|n| n.to_string())))
        .collect();
    // Mostly the sheets and shared strings, where the data is.
    let xml: Vec<&String> = names.iter().filter(|n| n.ends_with(".xml")).collect();
    let target =
        if xml.is_empty() { names.get(rng.below(names.len()))? } else { xml[rng.below(xml.len())] }.clone();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for name in &names {
        let mut data = Vec::new();
        zin.by_name(name).ok()?.read_to_end(&mut data).ok()?;
        if *name == target {
            for _ in 0..1 + rng.below(3) {
                mutate_bytes(&mut data, rng);
            }
        }
        out.start_file(name.as_str(), options).ok()?;
        out.write_all(&data).ok()?;
    }
    Some(out.finish().ok()?.into_inner())
}

/// What one case came to.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Refused with a message.
    Refused,
    /// Read; this many entries accepted.
    Read { accepted: usize },
}

/// The whole import path, as `scorecard-studio import` takes it: read, guess each sheet's
/// layout, preview, merge into the project, and the file that would be written must load again.
/// Panics when something is wrong (a panic of a reader is not caught here: the guard inside the
/// reader must have caught it).
pub fn import_case(project: &Project, bytes: &[u8], ext: &str) -> Outcome {
    let source = match ext {
        "csv" => import::read_csv(bytes),
        _ => import::read_workbook(bytes.to_vec()),
    };
    let source = match source {
        Ok(s) => s,
        Err(e) => {
            assert!(!e.describe(scorecard_studio::i18n::Lang::En).is_empty());
            assert!(!e.describe(scorecard_studio::i18n::Lang::Zh).is_empty());
            return Outcome::Refused;
        }
    };
    let mut accepted = 0;
    for s in 0..source.sheets.len() {
        let Ok(mut mapping) = import::guess_mapping(&source, s) else { continue };
        mapping.percent_fractions = s % 2 == 1;
        let preview = import::preview(project, &source, &mapping, None);
        for e in &preview.entries {
            let _ = import::describe_entry(e, scorecard_studio::i18n::Lang::Zh);
        }
        accepted += preview.accepted;
        let mut merged = project.clone();
        for k in import::updated_kpis(project, &preview) {
            if let Some(slot) = merged.kpis.iter_mut().find(|x| x.id == k.id) {
                *slot = k;
            }
        }
        let bytes = io::project_to_bytes(&merged);
        if let Err(e) = io::parse_project(&bytes) {
            panic!(
                "the imported project would not load again: {}",
                e.lines(scorecard_studio::i18n::Lang::En).join("; ")
            );
        }
    }
    Outcome::Read { accepted }
}

/// The fixtures of one kind: real files made by Excel, LibreOffice and our own exporter.
pub fn fixtures(ext: &str) -> Vec<(String, Vec<u8>)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let mut out = Vec::new();
    for dir in [root.clone(), root.join("lo")] {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut names: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        names.sort();
        for p in names {
            if p.extension().is_some_and(|e| e == ext) {
                out.push((p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out
}

pub fn dealership() -> Project {
    io::load_file(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-projects/dealership-sales.json"),
    )
    .unwrap()
    .project
}
