//! What the Debian package installs: the desktop entry passes `desktop-file-validate`, names the
//! app in English and Chinese and opens project files; the MIME type recognises a saved project by
//! its content; every file the package lists is in the repository.

use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_desktop_entry_is_valid_and_bilingual() {
    let entry = root().join("assets/linux/scorecard-studio.desktop");
    let out = Command::new("desktop-file-validate")
        .arg(&entry)
        .output()
        .expect("desktop-file-validate runs (apt-get install desktop-file-utils; .ci/run installs it)");
    let said = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && said.trim().is_empty(), "{said}");
    let text = std::fs::read_to_string(&entry).unwrap();
    for line in [
        "Name=Scorecard Studio",
        "Name[zh_CN]=平衡计分卡设计器",
        "Exec=scorecard-studio %f",
        "Icon=scorecard-studio",
        "StartupWMClass=scorecard-studio",
    ] {
        assert!(text.lines().any(|l| l == line), "missing {line:?}");
    }
    let mime = text.lines().find_map(|l| l.strip_prefix("MimeType=")).unwrap();
    assert!(mime.split(';').any(|m| m == "application/x-scorecard-studio"), "{mime}");
}

#[test]
fn the_mime_type_matches_what_save_writes() {
    let xml = std::fs::read_to_string(root().join("assets/linux/scorecard-studio.xml")).unwrap();
    assert!(xml.contains(r#"<mime-type type="application/x-scorecard-studio">"#));
    // The magic is the start of every saved project: `"format": "scorecard-studio"`.
    let sample = std::fs::read(root().join("sample-projects/dealership-sales.json")).unwrap();
    let head = String::from_utf8_lossy(&sample[..256.min(sample.len())]).to_string();
    let magic = "\"format\": \"scorecard-studio\"";
    assert!(head.contains(magic), "a saved project starts with {magic}");
    assert!(xml.contains(&magic.replace('"', "&quot;")), "the MIME magic is {magic}");
}

#[test]
fn every_file_the_package_installs_is_there() {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let assets = manifest.split("[package.metadata.deb]").nth(1).expect("the package metadata");
    let mut listed = 0;
    for line in assets.lines().filter(|l| l.trim_start().starts_with("[\"")) {
        let source = line.trim_start().trim_start_matches("[\"").split('"').next().unwrap();
        listed += 1;
        if source.starts_with("target/") {
            continue;
        }
        if let Some(dir) = source.strip_suffix("/*.json") {
            let n = std::fs::read_dir(root().join(dir))
                .unwrap()
                .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "json"))
                .count();
            assert!(n > 0, "{source} matches nothing");
            continue;
        }
        assert!(root().join(source).is_file(), "{source} is listed in the package but missing");
    }
    assert!(listed >= 10, "{listed} assets");
    for size in [16, 24, 32, 48, 64, 128, 256, 512] {
        let png = std::fs::read(
            root().join(format!("assets/icons/hicolor/{size}x{size}/apps/scorecard-studio.png")),
        )
        .unwrap();
        // The PNG header's width and height.
        let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
        assert_eq!((w, h), (size, size));
    }
}
