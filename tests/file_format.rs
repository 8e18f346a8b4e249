//! The project file contract: round trips, the broken-file corpus, migration, atomic saves.

use scorecard_studio::i18n::Lang;
use scorecard_studio::io::project_file::{MAX_FILE_SIZE, SyntaxKind, backup_path};
use scorecard_studio::io::{self, LoadError, LoadNotice, SaveError, SaveOptions};
use scorecard_studio::model::synthetic::{SyntheticSpec, generate};
use scorecard_studio::model::validate::ProblemKind;
use std::path::{Path, PathBuf};

fn samples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/sample-projects"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    v.sort();
    assert!(v.len() >= 4, "expected the four sample projects, found {v:?}");
    v
}

fn sample_bytes(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-projects").join(name)).unwrap()
}

fn load_err(bytes: &[u8]) -> LoadError {
    match io::parse_project(bytes) {
        Ok(_) => panic!("expected an error"),
        Err(e) => e,
    }
}

/// The version this build writes.
const CURRENT: u64 = scorecard_studio::io::CURRENT_VERSION;

#[test]
fn every_sample_round_trips_byte_identically() {
    for path in samples() {
        let bytes = std::fs::read(&path).unwrap();
        let parsed = io::parse_project(&bytes)
            .unwrap_or_else(|e| panic!("{}: {:?}", path.display(), e.lines(Lang::En)));
        assert!(parsed.notices.is_empty(), "{}: {:?}", path.display(), parsed.notices);
        let saved = io::project_to_bytes(&parsed.project);
        assert!(saved == bytes, "{}: load → save is not byte-identical", path.display());
        let again = io::parse_project(&saved).unwrap().project;
        assert_eq!(again, parsed.project);
    }
}

#[test]
fn generated_projects_round_trip() {
    for (kpis, departments, periods) in [(0, 0, 0), (1, 1, 1), (50, 5, 24), (300, 12, 60)] {
        let project = generate(SyntheticSpec { kpis, departments, periods, seed: 3 });
        let bytes = io::project_to_bytes(&project);
        let loaded =
            io::parse_project(&bytes).unwrap_or_else(|e| panic!("{kpis}: {:?}", e.lines(Lang::En))).project;
        assert_eq!(loaded, project);
        assert_eq!(io::project_to_bytes(&loaded), bytes);
    }
}

#[test]
fn a_small_edit_is_a_small_diff() {
    let bytes = sample_bytes("dealership-sales.json");
    let mut project = io::parse_project(&bytes).unwrap().project;
    let period = project.kpis[0].series.iter_mut().find(|p| p.actual.is_some()).unwrap();
    period.actual = Some(1234.5);
    let edited = io::project_to_bytes(&project);
    let before: Vec<&str> = std::str::from_utf8(&bytes).unwrap().lines().collect();
    let after: Vec<&str> = std::str::from_utf8(&edited).unwrap().lines().collect();
    assert_eq!(before.len(), after.len());
    let changed: Vec<_> = before.iter().zip(&after).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 1, "one period is one line: {changed:?}");
    assert!(changed[0].1.contains("\"actual\": 1234.5"));
}

#[test]
fn dates_are_iso_8601_and_keys_are_stable() {
    let text = String::from_utf8(sample_bytes("logistics-en.json")).unwrap();
    let header =
        format!("{{\n  \"format\": \"scorecard-studio\",\n  \"version\": {CURRENT},\n  \"project\": {{");
    assert!(text.starts_with(&header));
    assert!(text.contains("{ \"date\": \"2025-01-01\", \"actual\": "));
}

// ---- The broken-file corpus: each input has its own specific message, and nothing panics. ----

#[test]
fn empty_and_blank_files() {
    assert!(matches!(load_err(b""), LoadError::Empty));
    assert!(matches!(load_err(b" \n\t\r\n"), LoadError::Empty));
    assert!(matches!(load_err(b"\xEF\xBB\xBF"), LoadError::Empty));
    assert_eq!(load_err(b"").lines(Lang::Zh), vec!["文件为空"]);
}

#[test]
fn truncated_file_names_where_it_ends() {
    let bytes = sample_bytes("retail-chain.json");
    let cut = &bytes[..bytes.len() / 2];
    let LoadError::Syntax { line, kind, .. } = load_err(cut) else { panic!("expected a syntax error") };
    assert_eq!(kind, SyntaxKind::Truncated);
    let lines_in_cut = cut.iter().filter(|&&b| b == b'\n').count() + 1;
    assert_eq!(line, lines_in_cut);
    let message = load_err(cut).lines(Lang::En).join("\n");
    assert!(message.contains("truncated") && message.contains(&format!("line {line}")), "{message}");
}

#[test]
fn syntax_error_names_line_and_column() {
    let text = "{\n  \"format\": \"scorecard-studio\",\n  \"version\": 3,\n  \"project\": {,}\n}";
    let LoadError::Syntax { line, column, kind, .. } = load_err(text.as_bytes()) else { panic!() };
    assert_eq!((line, column, kind), (4, 15, SyntaxKind::Other));
}

#[test]
fn wrong_type_names_the_path() {
    let text = String::from_utf8(sample_bytes("logistics-en.json")).unwrap();
    let broken = text.replacen("\"target\": 2400.0", "\"target\": \"lots\"", 1);
    assert_ne!(broken, text);
    let e = load_err(broken.as_bytes());
    let LoadError::Data { path, message, line, .. } = &e else { panic!("{e:?}") };
    assert_eq!(path, "kpis[0].target");
    assert!(message.contains("invalid type: string \"lots\""), "{message}");
    let expected_line = broken.lines().position(|l| l.contains("\"lots\"")).unwrap() + 1;
    assert_eq!(*line, expected_line);
}

#[test]
fn byte_order_mark_is_accepted_with_a_notice() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(sample_bytes("logistics-en.json"));
    let parsed = io::parse_project(&bytes).unwrap();
    assert_eq!(parsed.notices, vec![LoadNotice::ByteOrderMark]);
    // Saving writes no BOM.
    assert!(!io::project_to_bytes(&parsed.project).starts_with(b"\xEF\xBB\xBF"));
}

#[test]
fn gbk_file_is_refused_with_position_and_advice() {
    let text = String::from_utf8(sample_bytes("dealership-sales.json")).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let e = load_err(&gbk);
    let LoadError::NotUtf8 { line, column, looks_like_gbk, .. } = e else { panic!("{e:?}") };
    assert!(looks_like_gbk);
    // The first non-ASCII character of the text is where decoding fails.
    let first = text.char_indices().find(|(_, c)| !c.is_ascii()).unwrap().0;
    let expected_line = text[..first].matches('\n').count() + 1;
    let expected_column = text[..first].rsplit('\n').next().unwrap().chars().count() + 1;
    assert_eq!((line, column), (expected_line, expected_column));
    let message = load_err(&gbk).lines(Lang::En).join("\n");
    assert!(message.contains("GBK") && message.contains("UTF-8"), "{message}");
}

#[test]
fn deeply_nested_arrays_do_not_overflow_the_stack() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let LoadError::Syntax { kind, line, column, .. } = load_err(deep.as_bytes()) else { panic!() };
    assert_eq!((kind, line, column), (SyntaxKind::TooDeep, 1, 129));
    let LoadError::Syntax { kind, .. } = load_err("[".repeat(100_000).as_bytes()) else { panic!() };
    assert_eq!(kind, SyntaxKind::TooDeep);
    let inside = format!(
        "{{\"format\": \"scorecard-studio\", \"version\": 3, \"project\": {}{}}}",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let LoadError::Syntax { kind, .. } = load_err(inside.as_bytes()) else { panic!() };
    assert_eq!(kind, SyntaxKind::TooDeep);
}

#[test]
fn huge_numbers_are_refused() {
    let text = String::from_utf8(sample_bytes("logistics-en.json")).unwrap();
    let broken = text.replacen("\"target\": 2400.0", "\"target\": 1e999", 1);
    let LoadError::Syntax { kind, line, .. } = load_err(broken.as_bytes()) else { panic!() };
    assert_eq!(kind, SyntaxKind::NumberOutOfRange);
    assert_eq!(line, broken.lines().position(|l| l.contains("1e999")).unwrap() + 1);
}

#[test]
fn duplicate_keys_are_refused() {
    let text = String::from_utf8(sample_bytes("logistics-en.json")).unwrap();
    let broken = text.replacen("\"code\": \"FIN1\",", "\"code\": \"FIN1\",\n      \"code\": \"FIN1b\",", 1);
    let e = load_err(broken.as_bytes());
    let LoadError::Data { path, message, .. } = &e else { panic!("{e:?}") };
    assert_eq!(path, "kpis[0]");
    assert!(message.contains("duplicate field `code`"), "{message}");
}

#[test]
fn unknown_keys_are_refused_by_name() {
    let text = String::from_utf8(sample_bytes("logistics-en.json")).unwrap();
    let broken = text.replacen("\"target\": 2400.0", "\"tagret\": 2400.0", 1);
    let LoadError::Data { path, message, .. } = load_err(broken.as_bytes()) else { panic!() };
    assert_eq!(path, "kpis[0].tagret");
    assert!(message.contains("unknown field `tagret`"), "{message}");
}

#[test]
fn files_that_are_not_projects() {
    for (text, needle) in [
        ("[1, 2, 3]", "an array"),
        ("\"hello\"", "a string"),
        ("{\"name\": \"x\"}", "no \"format\""),
        ("{\"format\": \"excel\", \"version\": 1}", "\"excel\""),
    ] {
        let e = load_err(text.as_bytes());
        assert!(matches!(e, LoadError::NotAProject { .. }), "{text}: {e:?}");
        assert!(e.to_string().contains(needle), "{text}: {e}");
    }
}

#[test]
fn newer_version_is_refused_naming_it() {
    let text = String::from_utf8(sample_bytes("logistics-en.json")).unwrap();
    let version = format!("\"version\": {CURRENT}");
    let newer = text.replacen(&version, "\"version\": 97", 1);
    let e = load_err(newer.as_bytes());
    assert!(matches!(e, LoadError::NewerVersion { found: 97, supported: CURRENT }), "{e:?}");
    assert!(e.lines(Lang::En)[0].contains("version 97"));
    let bad = text.replacen(&version, "\"version\": \"two\"", 1);
    assert!(matches!(load_err(bad.as_bytes()), LoadError::BadVersion { .. }));
}

#[test]
fn version_1_files_are_migrated() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/version-1.json")).unwrap();
    let parsed = io::parse_project(&bytes).unwrap_or_else(|e| panic!("{:?}", e.lines(Lang::En)));
    assert_eq!(parsed.notices, vec![LoadNotice::Migrated { from: 1 }]);
    let p = &parsed.project;
    assert_eq!(p.kpis[0].polarity, scorecard_studio::model::Polarity::LowerIsBetter);
    assert_eq!(p.kpis[0].series[1].date.to_string(), "2024-02-01");
    assert_eq!(p.kpis[1].series[0].date.to_string(), "2024-04-01");
    // Saving writes the current version, which loads without a notice.
    let saved = io::project_to_bytes(p);
    assert!(std::str::from_utf8(&saved).unwrap().contains(&format!("\"version\": {CURRENT}")));
    assert!(io::parse_project(&saved).unwrap().notices.is_empty());
}

#[test]
fn semantic_errors_are_all_reported_with_paths() {
    let text = String::from_utf8(sample_bytes("logistics-en.json")).unwrap();
    let broken = text
        .replacen("\"perspective\": \"persp-financial\"", "\"perspective\": \"persp-gone\"", 1)
        .replacen("\"id\": \"kpi-2\"", "\"id\": \"kpi-1\"", 1)
        .replacen(
            "\"weight\": 60.0,\n      \"owner\": \"Dana Whitfield\"",
            "\"weight\": -5.0,\n      \"owner\": \"Dana Whitfield\"",
            1,
        )
        .replacen(
            "\"parent\": \"dept-1\",\n      \"head\": \"Li Wei\"",
            "\"parent\": \"dept-6\",\n      \"head\": \"Li Wei\"",
            1,
        )
        .replacen("{ \"date\": \"2025-02-01\"", "{ \"date\": \"2025-02-03\"", 1)
        .replacen(
            "\"from\": \"obj-9\",\n      \"to\": \"obj-6\"",
            "\"from\": \"obj-9\",\n      \"to\": \"obj-9\"",
            1,
        );
    let LoadError::Invalid(problems) = load_err(broken.as_bytes()) else { panic!() };
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    for expected in [
        "objectives[0].perspective",
        "kpis[1].id",
        "kpis[0].weight",
        "departments[1].parent",
        "kpis[0].series[1].date",
        "links[0].to",
    ] {
        assert!(paths.contains(&expected), "missing {expected} in {paths:?}");
    }
    assert!(
        problems.iter().any(|p| matches!(&p.kind, ProblemKind::DepartmentCycle { ids } if ids.len() == 3))
    );
    let zh = LoadError::Invalid(problems).lines(Lang::Zh).join("\n");
    assert!(zh.contains("不是每月周期的起始日"), "{zh}");
}

#[test]
fn binary_and_huge_files() {
    let dir = tempfile::tempdir().unwrap();
    // 100 MB of NUL bytes: refused as binary, quickly, without parsing 100 MB of nothing.
    let zeros = dir.path().join("zeros.json");
    std::fs::write(&zeros, vec![0u8; 100 * 1024 * 1024]).unwrap();
    let e = io::load_file(&zeros).unwrap_err();
    assert!(matches!(e, LoadError::Binary { offset: 0 }), "{e:?}");
    // Over the size limit: refused before reading (a sparse file costs no disk).
    let huge = dir.path().join("huge.json");
    std::fs::File::create(&huge).unwrap().set_len(MAX_FILE_SIZE + 1).unwrap();
    let e = io::load_file(&huge).unwrap_err();
    assert!(matches!(e, LoadError::TooLarge { .. }), "{e:?}");
    assert!(e.lines(Lang::En)[0].contains("bytes"));
}

#[test]
fn a_100_mb_project_loads() {
    // A real document can be big: a 100 MB description still loads (under the size limit).
    let mut project = io::parse_project(&sample_bytes("logistics-en.json")).unwrap().project;
    project.info.description = "长".repeat(100 * 1024 * 1024 / 3);
    let bytes = io::project_to_bytes(&project);
    assert!(bytes.len() > 100 * 1024 * 1024);
    let loaded = io::parse_project(&bytes).unwrap().project;
    assert_eq!(loaded.info.description.len(), project.info.description.len());
}

#[test]
fn missing_file_and_folder() {
    let e = io::load_file(Path::new("/nonexistent/plan.json")).unwrap_err();
    assert!(matches!(e, LoadError::Io { .. }));
    assert!(e.lines(Lang::En)[0].contains("/nonexistent/plan.json"));
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(io::load_file(dir.path()).unwrap_err(), LoadError::Io { .. }));
}

// ---- Saving ----

#[test]
fn save_keeps_a_backup_and_leaves_no_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.json");
    let mut project = io::parse_project(&sample_bytes("logistics-en.json")).unwrap().project;
    let first = io::save_file(&path, &project, &SaveOptions { backup: true, ..Default::default() }).unwrap();
    let first_bytes = std::fs::read(&path).unwrap();
    project.info.name = "Renamed".into();
    io::save_file(&path, &project, &SaveOptions { expected: Some(first), backup: true, force: false })
        .unwrap();
    assert_eq!(std::fs::read(backup_path(&path)).unwrap(), first_bytes);
    assert_eq!(io::load_file(&path).unwrap().project.info.name, "Renamed");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 2, "only the file and its backup: {names:?}");
}

#[test]
fn save_refuses_to_overwrite_a_file_changed_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.json");
    let project = io::parse_project(&sample_bytes("logistics-en.json")).unwrap().project;
    let stamp = io::save_file(&path, &project, &SaveOptions::default()).unwrap();
    // Someone else edits the file.
    std::fs::write(&path, b"{\"edited\": \"elsewhere\"}").unwrap();
    let e =
        io::save_file(&path, &project, &SaveOptions { expected: Some(stamp.clone()), ..Default::default() })
            .unwrap_err();
    assert!(matches!(e, SaveError::ChangedOnDisk { .. }), "{e:?}");
    assert_eq!(std::fs::read(&path).unwrap(), b"{\"edited\": \"elsewhere\"}");
    // Forced, it overwrites.
    io::save_file(&path, &project, &SaveOptions { expected: Some(stamp), force: true, backup: false })
        .unwrap();
    assert_eq!(io::load_file(&path).unwrap().project, project);
}

#[test]
fn touching_a_file_is_not_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.json");
    let project = io::parse_project(&sample_bytes("logistics-en.json")).unwrap().project;
    let stamp = io::save_file(&path, &project, &SaveOptions::default()).unwrap();
    let same = std::fs::read(&path).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&path, &same).unwrap();
    io::save_file(&path, &project, &SaveOptions { expected: Some(stamp), ..Default::default() }).unwrap();
}

#[test]
fn failed_save_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing-folder").join("plan.json");
    let project = io::parse_project(&sample_bytes("logistics-en.json")).unwrap().project;
    let e = io::save_file(&path, &project, &SaveOptions::default()).unwrap_err();
    assert!(matches!(e, SaveError::Io { .. }));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn invalid_documents_are_not_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.json");
    let mut project = io::parse_project(&sample_bytes("logistics-en.json")).unwrap().project;
    project.kpis[0].target = Some(f64::NAN);
    let e = io::save_file(&path, &project, &SaveOptions::default()).unwrap_err();
    let SaveError::Invalid(problems) = e else { panic!() };
    assert_eq!(problems[0].path, "kpis[0].target");
    assert!(!path.exists());
}

#[test]
fn the_documented_example_is_canonical_and_clean() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/file-format.md")).unwrap();
    let section = doc.find("## A complete example").expect("the example section");
    let start = section + doc[section..].find("```json\n").expect("the example block") + "```json\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let example = &doc[start..end];
    let parsed = io::parse_project(example.as_bytes()).unwrap_or_else(|e| panic!("{:?}", e.lines(Lang::En)));
    // What the program would write, exactly: the documentation shows the real layout.
    assert_eq!(String::from_utf8(io::project_to_bytes(&parsed.project)).unwrap(), example);
    let findings = scorecard_studio::model::lint::lint(&parsed.project);
    let (errors, warnings, _) = scorecard_studio::model::lint::counts(&findings);
    assert_eq!((errors, warnings), (0, 0), "{findings:?}");
}

fn version_1() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/version-1.json")).unwrap()
}

/// Duplicate keys are refused in every version, not "last one wins" (a target 1200 became 1.0).
#[test]
fn duplicate_keys_are_refused_in_old_versions_too() {
    let text = version_1();
    let broken = text.replacen("\"target\": 3.2,", "\"target\": 1200, \"target\": 1.0,", 1);
    let LoadError::Syntax { kind, line, .. } = load_err(broken.as_bytes()) else { panic!() };
    assert_eq!(kind, SyntaxKind::DuplicateKey);
    assert_eq!(line, 27);
    let e = load_err(broken.as_bytes());
    assert!(e.lines(Lang::En)[0].contains("\"target\" appears twice"), "{:?}", e.lines(Lang::En));
    assert!(e.lines(Lang::Zh)[0].contains("“target”出现了两次"), "{:?}", e.lines(Lang::Zh));
    // A current file claiming two versions is not "upgraded" from the second.
    let current = String::from_utf8(sample_bytes("logistics-en.json")).unwrap();
    let twice = current.replacen(
        &format!("\"version\": {CURRENT},"),
        &format!("\"version\": {CURRENT}, \"version\": 1,"),
        1,
    );
    assert_ne!(twice, current);
    assert!(matches!(load_err(twice.as_bytes()), LoadError::Syntax { kind: SyntaxKind::DuplicateKey, .. }));
}

/// UTF-16 files (Notepad's "Unicode") are read as the text they are.
#[test]
fn utf16_project_files_open() {
    let text = String::from_utf8(sample_bytes("logistics-en.json")).unwrap();
    let expected = io::parse_project(text.as_bytes()).unwrap().project;
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let parsed = io::parse_project(&le).unwrap();
    assert_eq!(parsed.project, expected);
    assert_eq!(parsed.notices, vec![LoadNotice::Utf16]);
    assert_eq!(io::parse_project(&be).unwrap().project, expected, "without a byte-order mark");
    be.push(0);
    assert!(io::parse_project(&be).is_err());
}

/// Messages that say what is wrong: an impossible date names itself, NaN is explained.
#[test]
fn impossible_dates_and_nan_are_explained() {
    let text = String::from_utf8(sample_bytes("logistics-en.json")).unwrap();
    let broken = text.replacen("\"start\": \"2025-01-01\"", "\"start\": \"2026-02-30\"", 1);
    let e = load_err(broken.as_bytes());
    let LoadError::Data { path, message, line, .. } = &e else { panic!("{e:?}") };
    assert_eq!((path.as_str(), *line), ("project.start", 10));
    assert!(message.contains("\"2026-02-30\" is not a date in the calendar"), "{message}");
    let broken = text.replacen("\"target\": 2400.0", "\"target\": NaN", 1);
    let e = load_err(broken.as_bytes());
    assert!(matches!(e, LoadError::Syntax { kind: SyntaxKind::NotANumber, .. }), "{e:?}");
    assert!(e.lines(Lang::En)[0].contains("NaN and Infinity are not numbers in JSON"));
}

/// Saving keeps the file's permissions and owner, writes through a symbolic link to its target,
/// and cleans up temporary files a killed save left behind.
#[cfg(unix)]
#[test]
fn saves_keep_mode_follow_links_and_clean_up() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let project = io::parse_project(&sample_bytes("logistics-en.json")).unwrap().project;
    let real = dir.path().join("hr.json");
    io::save_file(&real, &project, &SaveOptions::default()).unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
    io::save_file(&real, &project, &SaveOptions { backup: true, ..Default::default() }).unwrap();
    assert_eq!(std::fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o600);
    // Through a link: the link stays a link, the target gets the new contents.
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink("hr.json", &link).unwrap();
    let mut changed = project.clone();
    changed.info.name = "Changed through the link".into();
    io::save_file(&link, &changed, &SaveOptions { backup: true, ..Default::default() }).unwrap();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(io::load_file(&real).unwrap().project.info.name, "Changed through the link");
    assert_eq!(std::fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o600);
    assert!(backup_path(&real).exists(), "the backup sits beside the real file");
    // Temporary files of a killed save (a process that is gone) are removed on the next open.
    let stale = dir.path().join(".hr.json.tmp-999999999-3");
    std::fs::write(&stale, b"half a file").unwrap();
    let unrelated = dir.path().join(".hr.json.tmp-notes");
    std::fs::write(&unrelated, b"not ours").unwrap();
    io::load_file(&real).unwrap();
    assert!(!stale.exists());
    assert!(unrelated.exists(), "only files of our own naming");
    std::fs::write(&stale, b"half a file").unwrap();
    io::save_file(&real, &project, &SaveOptions::default()).unwrap();
    assert!(!stale.exists(), "and on the next save");
}

/// A save never writes what the loader would refuse: here a period dated in year 20266.
#[test]
fn saves_refuse_what_would_not_load() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    let mut project = io::parse_project(&sample_bytes("logistics-en.json")).unwrap().project;
    io::save_file(&path, &project, &SaveOptions::default()).unwrap();
    let before = std::fs::read(&path).unwrap();
    let far = chrono::NaiveDate::from_ymd_opt(20266, 1, 1).unwrap();
    project.kpis[0].series.push(scorecard_studio::model::Period::new(far));
    let result = io::save_file(&path, &project, &SaveOptions::default());
    assert!(matches!(result, Err(SaveError::WouldNotLoad(_)) | Err(SaveError::Invalid(_))), "{result:?}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "the file on disk is untouched");
}

/// The logistics sample as it was before its ratio KPIs were computed from data elements (the
/// content the older-version fixtures hold), in the current version.
fn typed_logistics() -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/logistics-typed.json")).unwrap()
}

/// Version 2 files (every sample before objectives could be pinned) open, upgraded, with their
/// content unchanged; one that already says `pinned` was not written by a version-2 program.
#[test]
fn version_2_files_are_migrated_and_pinning_is_kept() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/version-2.json")).unwrap();
    let parsed = io::parse_project(&bytes).unwrap_or_else(|e| panic!("{:?}", e.lines(Lang::En)));
    assert_eq!(parsed.notices, vec![LoadNotice::Migrated { from: 2 }]);
    let current = io::parse_project(&typed_logistics()).unwrap();
    assert!(current.notices.is_empty());
    assert_eq!(parsed.project, current.project);
    assert!(parsed.project.objectives.iter().all(|o| !o.pinned));
    // A pinned objective is written, read back, and only then.
    let mut p = parsed.project.clone();
    p.objectives[1].pinned = true;
    let text = String::from_utf8(io::project_to_bytes(&p)).unwrap();
    assert_eq!(text.matches("\"pinned\": true").count(), 1);
    assert!(!text.contains("\"pinned\": false"));
    assert!(io::parse_project(text.as_bytes()).unwrap().project.objectives[1].pinned);
    // "pinned" in a file that says version 2 is refused with its place.
    let v2 = String::from_utf8(bytes).unwrap();
    let forged = v2.replacen("\"size\": {", "\"pinned\": true,\n      \"size\": {", 1);
    let e = load_err(forged.as_bytes());
    assert!(e.lines(Lang::En).iter().any(|l| l.contains("objectives[0].pinned")), "{:?}", e.lines(Lang::En));
}

/// Version 3 files open upgraded and unchanged; an objective's own colour is written only when
/// set, read back, and refused in a file that says version 3.
#[test]
fn version_3_files_are_migrated_and_box_colours_are_kept() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/version-3.json")).unwrap();
    let parsed = io::parse_project(&bytes).unwrap_or_else(|e| panic!("{:?}", e.lines(Lang::En)));
    assert_eq!(parsed.notices, vec![LoadNotice::Migrated { from: 3 }]);
    let current = io::parse_project(&typed_logistics()).unwrap();
    assert_eq!(parsed.project, current.project);
    assert!(parsed.project.objectives.iter().all(|o| o.colour.is_none()));
    let mut p = parsed.project.clone();
    p.objectives[2].colour = Some(scorecard_studio::model::Colour::rgb(0x12, 0x34, 0x56));
    let text = String::from_utf8(io::project_to_bytes(&p)).unwrap();
    assert_eq!(text.matches("\"colour\": \"#123456\"").count(), 1);
    let back = io::parse_project(text.as_bytes()).unwrap().project;
    assert_eq!(back.objectives[2].colour, p.objectives[2].colour);
    assert_eq!(back.objectives[1].colour, None);
    let v3 = String::from_utf8(bytes).unwrap();
    let forged = v3.replacen("\"size\": {", "\"colour\": \"#ff0000\",\n      \"size\": {", 1);
    let e = load_err(forged.as_bytes());
    assert!(e.lines(Lang::En).iter().any(|l| l.contains("objectives[0].colour")), "{:?}", e.lines(Lang::En));
}

/// Version 4 files open upgraded and unchanged; data elements and KPI expressions are version 5
/// keys, refused with their place in a file that says version 4. A computed KPI's actuals follow
/// from its elements whatever the file says.
#[test]
fn version_4_files_are_migrated_and_computed_kpis_are_recomputed_on_load() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/version-4.json")).unwrap();
    let parsed = io::parse_project(&bytes).unwrap_or_else(|e| panic!("{:?}", e.lines(Lang::En)));
    assert_eq!(parsed.notices, vec![LoadNotice::Migrated { from: 4 }]);
    assert_eq!(parsed.project, io::parse_project(&typed_logistics()).unwrap().project);
    let v4 = String::from_utf8(bytes).unwrap();
    let forged = v4.replacen("\"code\": \"FIN1\",", "\"code\": \"FIN1\", \"expression\": \"1\",", 1);
    let e = load_err(forged.as_bytes());
    assert!(e.lines(Lang::En).iter().any(|l| l.contains("kpis[0].expression")), "{:?}", e.lines(Lang::En));
    let forged = v4.replacen("\"initiatives\": [", "\"elements\": [], \"initiatives\": [", 1);
    let e = load_err(forged.as_bytes());
    assert!(e.lines(Lang::En).iter().any(|l| l.contains("elements")), "{:?}", e.lines(Lang::En));

    let computed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/computed.json"))
            .unwrap();
    let p = io::parse_project(computed.as_bytes()).unwrap().project;
    let win = p.kpis.iter().find(|k| k.code == "WIN").unwrap();
    assert_eq!(win.series.iter().map(|s| s.actual).collect::<Vec<_>>(), [Some(50.0), Some(2.0)]);
    // Typed actuals in the file are replaced by what the elements give.
    let tail = "\"actual\": 2.0 }\n      ]\n    }\n  ],\n  \"elements\"";
    let tampered = computed.replacen(tail, &tail.replace("2.0", "77.0"), 1);
    assert_ne!(tampered, computed);
    let p2 = io::parse_project(tampered.as_bytes()).unwrap().project;
    assert_eq!(p2, p);
    // The file as saved is the file as read.
    assert_eq!(String::from_utf8(io::project_to_bytes(&p)).unwrap(), computed);
}

/// Version 5 files open upgraded and unchanged; commentary on a period and the scoring setting
/// `red_needs_commentary` are version 6 keys, refused with their place in a file that says 5.
#[test]
fn version_5_files_are_migrated_and_commentary_is_a_version_6_key() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/version-5.json")).unwrap();
    let parsed = io::parse_project(&bytes).unwrap_or_else(|e| panic!("{:?}", e.lines(Lang::En)));
    assert_eq!(parsed.notices, vec![LoadNotice::Migrated { from: 5 }]);
    let v5 = String::from_utf8(bytes).unwrap();
    let as_v6 = v5.replacen("\"version\": 5", &format!("\"version\": {CURRENT}"), 1);
    let current = io::parse_project(as_v6.as_bytes()).unwrap();
    assert!(current.notices.is_empty());
    assert_eq!(parsed.project, current.project);

    let commentary = "\"actual\": 1916.0, \"commentary\": { \"analysis\": \"x\" }";
    let forged = v5.replacen("\"actual\": 1916.0", commentary, 1);
    assert_ne!(forged, v5);
    let e = load_err(forged.as_bytes());
    assert!(
        e.lines(Lang::En).iter().any(|l| l.contains("kpis[0].series[0].commentary")),
        "{:?}",
        e.lines(Lang::En)
    );
    let forged = v5.replacen("\"scoring\": {", "\"scoring\": { \"red_needs_commentary\": true,", 1);
    let e = load_err(forged.as_bytes());
    assert!(
        e.lines(Lang::En).iter().any(|l| l.contains("scoring.red_needs_commentary")),
        "{:?}",
        e.lines(Lang::En)
    );
}

/// Commentary is stored with its period and read back as written, in both languages; a date
/// that does not exist is refused with its path; a computed KPI keeps its commentary when its
/// actuals are recomputed.
#[test]
fn commentary_round_trips_with_its_period() {
    use scorecard_studio::model::Commentary;
    let mut p = io::parse_project(
        &std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/sample-projects/dealership-sales.json"))
            .unwrap(),
    )
    .unwrap()
    .project;
    p.scoring.red_needs_commentary = true;
    let c = Commentary {
        analysis: "邀约率连续两月下滑".into(),
        cause: "Two sales consultants left in September".into(),
        action: "周会复盘邀约话术；10 月底前补招 2 人".into(),
        owner: "销售经理 李明".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 3),
    };
    // On a computed KPI (S03 is a rate of two data elements).
    let k = p.kpis.iter().position(|k| k.code == "S03").unwrap();
    assert!(p.kpis[k].expression.is_some());
    let last = p.kpis[k].series.iter().rposition(|x| x.actual.is_some()).unwrap();
    p.kpis[k].series[last].commentary = Some(Box::new(c.clone()));
    let bytes = io::project_to_bytes(&p);
    let back = io::parse_project(&bytes).unwrap().project;
    assert_eq!(back, p);
    assert_eq!(back.kpis[k].series[last].commentary.as_deref(), Some(&c));
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("\"cause\": \"Two sales consultants left in September\""));
    assert!(text.contains("\"date\": \"2026-11-03\""));
    assert!(text.contains("\"red_needs_commentary\": true"));
    let bad = text.replacen("\"date\": \"2026-11-03\"", "\"date\": \"2026-11-31\"", 1);
    let e = load_err(bad.as_bytes());
    assert!(e.lines(Lang::En).iter().any(|l| l.contains("commentary.date")), "{:?}", e.lines(Lang::En));
}
